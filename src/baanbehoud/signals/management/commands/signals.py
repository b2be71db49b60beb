"""`baanbehoud signals --on DATE --format json|table [--owner REF] [--organisation REF]`."""

import json
from datetime import date
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db.models import Q
from django.utils import timezone

from baanbehoud.core.commands import DataCommand
from baanbehoud.jobs.terminal import progress_for
from baanbehoud.placements.models import Placement
from baanbehoud.progress import SILENT
from baanbehoud.signals import intervals
from baanbehoud.signals.selectors import signal_output
from baanbehoud.signals.services import log_signal_output_read


class Command(DataCommand):
    help = "Toon de open signalen op een datum (exchange-format.md, 'Signals output')."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--on", type=date.fromisoformat, default=None, help="JJJJ-MM-DD (standaard: vandaag)"
        )
        parser.add_argument("--format", choices=["json", "table"], default="table")
        parser.add_argument("--owner", help="referentie van de contactpersoon")
        parser.add_argument("--organisation", help="referentie van de uitvoeringsorganisatie")
        parser.add_argument(
            "--check",
            action="store_true",
            help="controleer of de opgeslagen signalen gelijk zijn aan de regels (en herstel)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        on = options["on"] or timezone.localdate()
        if options["check"]:
            drift = intervals.check(progress=progress_for(self.stderr) or SILENT)
            self.stdout.write(
                f"{drift.checked} plaatsingen gecontroleerd; "
                f"{len(drift.differing)} weken af (opnieuw berekend)."
            )
            if drift.differing:
                raise CommandError(f"Afwijkingen bij plaatsingen: {drift.differing[:20]}")
            return
        placements = Placement.objects.all()
        if options["owner"]:
            owner = options["owner"]
            match = Q(person__contact_person__ref=owner)
            if owner.isdigit():
                match |= Q(
                    person__contact_person_id=int(owner), person__contact_person__ref__isnull=True
                )
            placements = placements.filter(match)
        if options["organisation"]:
            placements = placements.filter(person__organisation__ref=options["organisation"])
            if not placements.exists():
                raise CommandError(
                    f"Geen plaatsingen voor organisatie '{options['organisation']}'."
                )
        output = signal_output(placements, on)
        log_signal_output_read(user=None, output=output, channel="opdrachtregel")
        if options["format"] == "json":
            self.stdout.write(json.dumps(output.items, ensure_ascii=False, indent=2))
            return
        for item in output.items:
            self.stdout.write(
                f"{item['due']}  {item['code']:<24} {item['priority']:<6} {item['placement']:<12} "
                f"{item['owner'] or '-':<16} {item['message']}"
            )
        self.stdout.write(f"{len(output.items)} open signalen op {on.isoformat()}.")
