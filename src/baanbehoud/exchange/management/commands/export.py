"""`baanbehoud export FILE.json [--organisation REF] [--pseudonymise]`."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from baanbehoud.audit.models import Action
from baanbehoud.audit.services import log_processing
from baanbehoud.exchange.exporter import export_document
from baanbehoud.organisations.models import Organisation
from baanbehoud.persons.models import Person


class Command(BaseCommand):
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
        document = export_document(organisation=organisation, pseudonymise=options["pseudonymise"])
        path: Path = options["file"]
        path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
        refs = [p["ref"] for p in document["persons"]]
        log_processing(
            user=None,
            persons=Person.objects.filter(ref__in=refs),
            action=Action.EXPORT,
            activity="Export uitwisselformaat"
            + (" (gepseudonimiseerd)" if options["pseudonymise"] else ""),
            object_type="persoon (export)",
        )
        self.stdout.write(
            f"{len(refs)} personen en {len(document['placements'])} plaatsingen naar {path}."
        )
