"""`baanbehoud export FILE.json [--organisation REF] [--pseudonymise]`."""

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from baanbehoud.core.commands import DataCommand
from baanbehoud.exchange.exporter import export_logged
from baanbehoud.jobs.terminal import progress_for
from baanbehoud.organisations.models import Organisation
from baanbehoud.progress import SILENT


class Command(DataCommand):
    help = "Exporteer naar het uitwisselformaat."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--organisation", help="referentie van de uitvoeringsorganisatie")
        parser.add_argument(
            "--pseudonymise", action="store_true", help="Vervang BSN, namen en geboortedata."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = None
        if options["organisation"]:
            organisation = Organisation.objects.filter(ref=options["organisation"]).first()
            if organisation is None:
                raise CommandError(f"Organisatie '{options['organisation']}' bestaat niet.")
        bar = progress_for(self.stderr)
        path: Path = options["file"]
        with path.open("w", encoding="utf-8") as out:
            counts = export_logged(
                user=None,
                organisation=organisation,
                pseudonymise=options["pseudonymise"],
                progress=bar or SILENT,
                out=out,
            )
        if bar is not None:
            bar.close()
        self.stdout.write(
            f"{counts.get('persons', 0)} personen en {counts.get('placements', 0)} plaatsingen "
            f"naar {path}."
        )
