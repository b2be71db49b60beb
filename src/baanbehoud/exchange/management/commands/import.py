"""`baanbehoud import FILE.json [--dry-run]`: all or nothing; every problem with its JSON path."""

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from baanbehoud.core.commands import DataCommand
from baanbehoud.exchange.importer import COUNTED, import_document
from baanbehoud.exchange.importer.streaming import read_document_file
from baanbehoud.jobs.terminal import progress_for
from baanbehoud.progress import SILENT
from baanbehoud.untrusted import UntrustedJSONError


class Command(DataCommand):
    help = "Importeer een document in het uitwisselformaat (alles of niets)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Controleer alleen; schrijf niets."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            document = read_document_file(path)
        except FileNotFoundError as exc:
            raise CommandError(f"Bestand '{path}' bestaat niet.") from exc
        except UntrustedJSONError as exc:
            raise CommandError(f"$: {exc}") from exc
        bar = progress_for(self.stderr)
        result = import_document(
            document, dry_run=options["dry_run"], progress=bar or SILENT, hand_over=True
        )
        if bar is not None:
            bar.close()
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"Niets geïmporteerd: {len(result.problems)} problemen gevonden.")
        prefix = "Controle geslaagd (niets geschreven)" if options["dry_run"] else "Geïmporteerd"
        for warning in result.warnings:
            self.stdout.write(f"Let op: {warning}")
        self.stdout.write(f"{prefix}:")
        for name in COUNTED:  # every list, and what is counted within them (contracts, …)
            counts = result.counts.get(name)
            if counts:
                self.stdout.write(
                    f"  {name}: {counts['created']} nieuw, {counts['updated']} gewijzigd, "
                    f"{counts['unchanged']} ongewijzigd"
                )
