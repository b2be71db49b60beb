"""`baanbehoud scheduler`: start the scheduled jobs (the weekly digest, retention, the nightly
signal run; CELERY_BEAT_SCHEDULE in config/settings/base.py) on the task queue. Run exactly one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from baanbehoud.jobs.services import in_process

from .worker import NO_QUEUE


class Command(BaseCommand):
    help = "Start de planner: weekoverzicht (maandag 7:00), bewaartermijn (2:30), signalen (3:00)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--state",
            type=Path,
            default=Path("celerybeat-schedule"),
            help="bestand waarin de planner onthoudt wat al gestart is",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if in_process():
            raise CommandError(NO_QUEUE)
        from baanbehoud.config.celery import app

        app.start(["beat", "--loglevel=INFO", f"--schedule={options['state']}"])
