"""`baanbehoud jobs [--follow ID]`: the latest background jobs, or follow one with a progress bar
until it is done (on a terminal; a script gets one line at the end)."""

from __future__ import annotations

import time
from typing import Any
from uuid import UUID

from django.core.management.base import BaseCommand, CommandError, CommandParser

from baanbehoud.jobs import progress
from baanbehoud.jobs.models import Job, JobStatus
from baanbehoud.jobs.terminal import progress_for


class Command(BaseCommand):
    help = "Toon de laatste achtergrondtaken, of volg er één tot hij klaar is."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--follow", type=UUID, help="het nummer (id) van de taak")
        parser.add_argument("--limit", type=int, default=20)
        parser.add_argument(
            "--timeout", type=float, default=24 * 3600, help="hoogstens zo veel seconden volgen"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["follow"] is None:
            for listed in Job.objects.defer("output")[: options["limit"]]:
                self.stdout.write(
                    f"{listed.pk}  {listed.created_at:%Y-%m-%d %H:%M}  "
                    f"{listed.get_status_display():<15} {listed.title}"
                )
            return
        found = Job.objects.defer("output").filter(pk=options["follow"]).first()
        if found is None:
            raise CommandError(f"Taak {options['follow']} bestaat niet.")
        job = found
        bar = progress_for(self.stderr)
        seen = (0, 0)
        deadline = time.monotonic() + options["timeout"]
        while not job.finished and time.monotonic() < deadline:
            now = progress.read(job.pk)
            if bar is not None and now.step != seen[0]:
                bar.finish()  # stages run one after another: a new one means the last is done
                bar.stage(now.stage or "In de wachtrij", now.total)
                seen = (now.step, 0)
            if bar is not None and now.done > seen[1]:
                bar.advance(now.done - seen[1])
                seen = (seen[0], now.done)
            time.sleep(0.2)
            job.refresh_from_db(fields=["status", "summary", "error", "finished_at"])
        if bar is not None:
            if job.status == JobStatus.DONE:
                bar.finish()
            bar.close()
        if job.status == JobStatus.DONE:
            self.stdout.write(f"Klaar: {job.summary}")
        elif job.status == JobStatus.FAILED:
            raise CommandError(f"Mislukt: {job.error}")
        else:
            raise CommandError("De taak is nog niet klaar.")
