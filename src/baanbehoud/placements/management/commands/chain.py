"""`baanbehoud chain PLACEMENT_REF --on DATE --format json|text`."""

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from baanbehoud.placements.models import Placement
from baanbehoud.placements.selectors import chain_status_json
from baanbehoud.placements.text import chain_status_text


class Command(BaseCommand):
    help = (
        "Toon de ketenbepaling van een plaatsing op een datum (exchange-format.md, 'Chain status')."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("placement", help="referentie van de plaatsing")
        parser.add_argument(
            "--on", type=date.fromisoformat, default=None, help="JJJJ-MM-DD (standaard: vandaag)"
        )
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        on = options["on"] or timezone.localdate()
        try:
            placement = Placement.objects.select_related("employer").get(ref=options["placement"])
        except Placement.DoesNotExist as exc:
            raise CommandError(f"Plaatsing '{options['placement']}' bestaat niet.") from exc
        if options["format"] == "json":
            self.stdout.write(json.dumps(chain_status_json(placement, on), indent=2))
        else:
            self.stdout.write(chain_status_text(placement, on))
