"""`baanbehoud worker`: run background jobs from the task queue (deploy/systemd/baanbehoud-worker
.service). Needs REDIS_URL or CELERY_BROKER_URL; without one, jobs run where they are started."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from baanbehoud.jobs.services import in_process

NO_QUEUE = (
    "Er is geen taakwachtrij ingesteld: zet REDIS_URL of CELERY_BROKER_URL "
    "(docs/configuration.md). Zonder wachtrij voert Baanbehoud taken zelf uit."
)


class Command(BaseCommand):
    help = "Start de worker die achtergrondtaken (import, export, rapportages, planning) uitvoert."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--concurrency",
            type=int,
            default=os.cpu_count() or 1,
            help="taken tegelijk (standaard: het aantal processorkernen)",
        )
        parser.add_argument("--pool", default="prefork", help="prefork (standaard), threads, solo")

    def handle(self, *args: Any, **options: Any) -> None:
        if in_process():
            raise CommandError(NO_QUEUE)
        from baanbehoud.config.celery import app

        app.worker_main(
            [
                "worker",
                "--loglevel=INFO",
                f"--concurrency={options['concurrency']}",
                f"--pool={options['pool']}",
                "--without-gossip",
                "--without-mingle",
            ]
        )
