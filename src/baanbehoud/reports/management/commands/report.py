"""`baanbehoud report quarterly|sustainability|reasons|execution --from … --to … --format json|csv|xlsx`.

Small groups are hidden by default (this output is for policy use); `--no-suppression` shows all."""

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone

from baanbehoud.batches import many_objects
from baanbehoud.core.commands import DataCommand
from baanbehoud.placements.models import Placement
from baanbehoud.reports.exports import to_csv, to_json, to_xlsx
from baanbehoud.reports.forms import default_start
from baanbehoud.reports.selectors import records
from baanbehoud.reports.services import FACTS, ReportPeriod, apply_filters, build, describe

KINDS = {
    "quarterly": "kwartaal",
    "sustainability": "duurzaamheid",
    "reasons": "redenen",
    "execution": "uitvoering",
}


class Command(DataCommand):
    help = (
        "Maak een rapportage (kwartaal, duurzaamheid, redenen, uitvoering) als JSON, CSV of Excel."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=list(KINDS))
        parser.add_argument("--from", dest="start", type=date.fromisoformat, default=None)
        parser.add_argument("--to", dest="end", type=date.fromisoformat, default=None)
        parser.add_argument(
            "--on", type=date.fromisoformat, default=None, help="peildatum (standaard: vandaag)"
        )
        parser.add_argument("--format", choices=["json", "csv", "xlsx"], default="json")
        parser.add_argument("--output", type=Path, help="bestand (verplicht bij xlsx)")
        parser.add_argument("--organisation", help="naam van de uitvoeringsorganisatie")
        parser.add_argument(
            "--split",
            default="route",
            help="duurzaamheid: route, jobcoaching, regime, sector, education",
        )
        parser.add_argument(
            "--no-suppression", action="store_true", help="toon ook groepen kleiner dan het minimum"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        on = options["on"] or timezone.localdate()
        period = ReportPeriod(options["start"] or default_start(on), options["end"] or on, on)
        if period.end < period.start:
            raise CommandError("--to ligt vóór --from.")
        placements = Placement.objects.all()
        if options["organisation"]:  # read one organisation's records, not the country's
            placements = placements.filter(person__organisation__name=options["organisation"])
        # The records are let go before the collector is back on: otherwise its first pass after
        # `records` examines each of them (a second of a national report).
        with many_objects():
            found = apply_filters(
                records(placements, on, FACTS[KINDS[options["kind"]]]),
                {"organisatie": options["organisation"]},
            )
            report = build(
                KINDS[options["kind"]],
                found,
                period,
                suppressed=not options["no_suppression"],
                user_may_see_persons=False,
                split=options["split"],
            )
            del found
        describe(report, period, {"organisatie": options["organisation"]})
        if options["format"] == "xlsx":
            if not options["output"]:
                raise CommandError("Geef met --output aan waar het Excel-bestand moet komen.")
            options["output"].write_bytes(to_xlsx(report))
            self.stdout.write(f"Rapportage geschreven naar {options['output']}.")
            return
        text = (
            to_json(report) if options["format"] == "json" else to_csv(report).decode("utf-8-sig")
        )
        if options["output"]:
            options["output"].write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text)
