"""An import writes named persons: each person it touched gets one entry in the processing log,
with the keyed hash of the BSN (never the BSN) — also a stored person the document only reaches
through a contact on their placement. The writer holds the persons by id only; the log reads
their BSNs back at the end, a part at a time."""

import copy

import pytest

from baanbehoud.audit import services as audit
from baanbehoud.audit.models import Action, ProcessingLogEntry
from baanbehoud.exchange.importer import import_document
from baanbehoud.persons.models import Person

pytestmark = pytest.mark.django_db


def entries(after: int = 0) -> dict[int | None, tuple[str, str, str]]:
    """The import's entries (after the entry `after`: the log cannot be emptied)."""
    rows = ProcessingLogEntry.objects.filter(
        activity="Import uitwisselformaat", pk__gt=after
    ).values_list("person_id", "bsn_hash", "action", "object_type")
    assert len({row[0] for row in rows}) == len(rows)  # one entry per person
    return {row[0]: row[1:] for row in rows}


def second(document: dict) -> dict:
    """A new person, and a contact on the stored placement of the first import's person (who
    is not in this document)."""
    person = {**document["persons"][0], "ref": "p2", "bsn": "123456782", "name": "K. Bakker"}
    return {
        "format": document["format"],
        "organisations": document["organisations"],
        "consultants": document["consultants"],
        "persons": [person],
        "contacts": [{**document["contacts"][0], "date": "2025-06-10", "summary": "Weer goed."}],
    }


@pytest.mark.parametrize("log_part", [audit.LOG_PART, 1])
def test_each_touched_person_is_logged_once_with_the_hash_of_their_bsn(
    document, monkeypatch, log_part
):
    monkeypatch.setattr(audit, "LOG_PART", log_part)  # a part per entry: the same entries
    later = second(copy.deepcopy(document))
    assert import_document(document).ok
    first = Person.objects.get(ref="p1")
    assert entries() == {
        first.pk: (audit.hash_bsn("111222333"), str(Action.CREATE), "persoon (import)")
    }
    before = ProcessingLogEntry.objects.order_by("pk").last().pk

    result = import_document(later)
    assert result.ok, result.problems
    assert result.counts["contacts"]["created"] == 1
    new = Person.objects.get(ref="p2")
    logged = entries(after=before)
    assert logged == {
        first.pk: (audit.hash_bsn("111222333"), str(Action.CREATE), "persoon (import)"),
        new.pk: (audit.hash_bsn("123456782"), str(Action.CREATE), "persoon (import)"),
    }
    assert not any("111222333" in h or "123456782" in h for h, _a, _t in logged.values())
