"""`baanbehoud serve`: the production web server (gunicorn) with production settings.

Workers from the CPU count (2 x cores + 1), access log on standard output, graceful reload on
SIGHUP (new workers start before the old ones stop), graceful stop on SIGTERM. Sessions, lockout
counters and second-step throttling live in the database, so several app servers can stand
behind one PostgreSQL (docs/operations.md).
"""

from __future__ import annotations

import multiprocessing
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from gunicorn.app.base import BaseApplication


class _Server(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from baanbehoud.config.wsgi import application

        return application


class Command(BaseCommand):
    help = "Start de webserver voor productie (gunicorn)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000", help="Adres en poort.")
        parser.add_argument(
            "--workers",
            type=int,
            default=2 * multiprocessing.cpu_count() + 1,
            help="Aantal processen (standaard 2 x processorkernen + 1).",
        )
        parser.add_argument("--timeout", type=int, default=60)

    def handle(self, *args: Any, **options: Any) -> None:
        _Server(
            {
                "bind": options["bind"],
                "workers": options["workers"],
                "timeout": options["timeout"],
                "graceful_timeout": 30,
                "accesslog": "-",
                "errorlog": "-",
                "forwarded_allow_ips": "127.0.0.1",
                "proc_name": "baanbehoud",
            }
        ).run()
