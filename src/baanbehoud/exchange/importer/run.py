"""The import as one call: validate everything, then write everything in one transaction, or
nothing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db import connection, transaction

from baanbehoud.audit.models import Action
from baanbehoud.audit.services import LoggedPerson, log_processing
from baanbehoud.batches import many_objects
from baanbehoud.organisations.models import User
from baanbehoud.persons.models import Person
from baanbehoud.progress import SILENT, Progress
from baanbehoud.signals import intervals

from .reading import chunks
from .records import ImportResult
from .saving import Journal, current_journal
from .validation import validate_with_warnings
from .writing import Writer


@many_objects()  # the parsed document is millions of objects: no collector walking them
def import_document(
    document: Any,
    *,
    user: User | None = None,
    dry_run: bool = False,
    progress: Progress = SILENT,
    hand_over: bool = False,
    undoable: bool = False,
) -> ImportResult:
    """Validate everything, then write everything in one transaction, or nothing.
    With `dry_run` the writes are made and rolled back, so the counts are real. `progress` hears
    each list as a stage and each record as a step (a job's page, a terminal's bar).
    `hand_over`: the caller needs the document no more — it is emptied once validated, so its
    lists are freed before the writing starts (a national document is 930 MB as Python objects,
    a third of the import's peak memory).
    `undoable`: keep the journal an undo needs — only an import confirmed on the import page can
    be undone; nationally the journal was a list per record written, 290 MB."""
    progress.stage("Gegevens controleren", 0)
    parsed, problems, warnings = validate_with_warnings(document, user, consume=hand_over)
    if hand_over and isinstance(document, dict):
        document.clear()  # the typed records hold what is written
    result = ImportResult(problems=problems, warnings=warnings, dry_run=dry_run)
    if problems:
        return result
    journal = Journal() if undoable else None
    token = current_journal.set(journal)
    try:
        with transaction.atomic():
            with intervals.marks_collected():  # one write of the stale marks, not one per record
                persons = Writer(parsed, result, user, progress).run()
            if not dry_run:  # the signals of what was imported, in the same transaction
                intervals.refresh(progress=progress)
            result.journal = journal.as_json() if journal is not None else {}
            log_processing(
                user=user,
                persons=_logged(persons),
                action=Action.CREATE if not dry_run else Action.READ,
                activity="Import uitwisselformaat",
                object_type="persoon (import)",
            )
            if dry_run:
                raise DryRunRollback
    except DryRunRollback:
        result.journal = {}
    finally:
        current_journal.reset(token)
    if not dry_run:
        refresh_planner_statistics()
    return result


def refresh_planner_statistics() -> None:
    """After an import the database's planner still counts the tables as they were: with a
    register ten times larger PostgreSQL chose full scans (a person page took 119 ms at national
    scale instead of 31 ms) until autovacuum came round. ANALYZE reads a sample of each table
    (1.5 s for the national register; SQLite's planner reads its statistics too). Only of
    committed data: inside a transaction that may still roll back (a caller's, a test's) the
    counts would mislead the planner afterwards — too few rows made it loop for minutes."""
    if connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _logged(ids: set[int]) -> Iterator[LoggedPerson]:
    """The persons an import touched as the processing log needs them, read a part at a time
    (the writer holds only their ids: 260,000 persons with their BSNs took 33 MB more)."""
    for part in chunks(ids):
        for pk, bsn in Person.objects.filter(pk__in=part).values_list("pk", "bsn"):
            yield LoggedPerson(pk, bsn)


class DryRunRollback(Exception):
    pass
