"""`baanbehoud notify --on DATE`: the weekly digest e-mail (run it from cron, e.g. Monday 7:00)."""

from datetime import date
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from baanbehoud.core.commands import DataCommand
from baanbehoud.signals.services import digest_send, iso_week


class Command(DataCommand):
    help = "Stuur elke contactpersoon een weekoverzicht van nieuwe en te late signalen (één keer per week)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--on", type=date.fromisoformat, default=None, help="JJJJ-MM-DD (standaard: vandaag)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        on = options["on"] or timezone.localdate()
        result = digest_send(on=on)
        self.stdout.write(
            f"Week {iso_week(on)}: {result.sent} weekoverzichten verstuurd, {result.skipped} overgeslagen."
        )
