"""`baanbehoud retention [--dry-run] [--years N]`: anonymise persons whose last placement ended N
or more years ago (default RETENTION_YEARS, 7). The scheduler runs it nightly (docs/operations.md)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from baanbehoud.jobs.terminal import progress_for
from baanbehoud.progress import SILENT
from baanbehoud.security import privacy


class Command(BaseCommand):
    help = "Anonimiseer personen van wie de laatste plaatsing meer dan N jaar geleden eindigde."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Alleen tellen, niets wijzigen.")
        parser.add_argument("--years", type=int, default=None, help="Bewaartermijn in jaren.")
        parser.add_argument("--today", type=date.fromisoformat, default=None, help="JJJJ-MM-DD")

    def handle(self, *args: Any, **options: Any) -> None:
        years = options["years"] if options["years"] is not None else settings.RETENTION_YEARS
        if years < 1:
            self.stderr.write("--years moet minstens 1 zijn.")
            raise SystemExit(2)
        today = options["today"] or timezone.localdate()
        due = list(privacy.retention_due(today, years))
        cutoff = privacy.retention_cutoff(today, years)
        who = "1 persoon" if len(due) == 1 else f"{len(due)} personen"
        if options["dry_run"]:
            self.stdout.write(
                f"Proefdraaien, er is niets gewijzigd. Te anonimiseren: {who} van wie de laatste "
                f"plaatsing eindigde op of vóór {cutoff.isoformat()} (bewaartermijn {years} jaar)."
            )
            for person in due:
                self.stdout.write(f"  {person.ref}")
            return
        bar = progress_for(self.stderr)
        privacy.apply_retention(today, years, bar or SILENT)
        if bar is not None:
            bar.close()
        self.stdout.write(
            f"Geanonimiseerd: {who} (bewaartermijn {years} jaar, laatste plaatsing geëindigd op "
            f"of vóór {cutoff.isoformat()})."
        )
