"""The typed records of an import held packed (issue 15, import memory): `records.Spool` packs
them a part at a time, and the validation and the writing read them back. Whatever the size of
a part, an import finds the same problems and warnings and stores the same."""

from __future__ import annotations

import copy
import json
import tracemalloc

import pytest
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from baanbehoud.exchange.exporter import export_document
from baanbehoud.exchange.importer import import_document, records
from baanbehoud.exchange.importer.records import Spool
from baanbehoud.exchange.importer.streaming import read_document
from baanbehoud.exchange.importer.validation import validate_with_warnings

from .test_load_assessments import EARLIER, LATER


@given(st.lists(st.integers() | st.text(max_size=3)), st.integers(min_value=1, max_value=4))
def test_a_spool_reads_as_the_list_it_was_given(values, part):
    spool = Spool(values, part=part)
    assert len(spool) == len(values) and bool(spool) == bool(values)
    assert list(spool) == list(spool) == values  # read again: the same
    assert spool == values
    assert [len(p) for p in spool.parts()] == [
        len(values[i : i + part]) for i in range(0, len(values), part)
    ]
    for index in range(-len(values), len(values)):
        assert spool[index] == values[index]
    with pytest.raises(IndexError):
        spool[len(values)]
    spool.clear()
    assert list(spool) == [] and len(spool) == 0


def with_problems(document):
    document = copy.deepcopy(document)
    document["persons"].append(copy.deepcopy(document["persons"][0]))  # the same ref and BSN
    document["contacts"].append({"placement": "nergens", "date": "morgen", "with": ["worker"]})
    document["jobcoaching"][0]["hours"] = [{"month": "2026-02", "hours": 900}]
    document["placements"][0]["contracts"][0]["hours_per_week"] = -4
    return document


def validated(document, part, monkeypatch):
    monkeypatch.setattr(records, "SPOOL_PART", part)
    return validate_with_warnings(read_document(json.dumps(document)))


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["valid", "with problems"])
def test_packed_records_validate_as_records_held_whole(document, kind, monkeypatch):
    document["load_assessments"] = [copy.deepcopy(LATER), copy.deepcopy(EARLIER)]  # warnings
    if kind == "with problems":
        document = with_problems(document)
    parsed, problems, warnings = validated(document, 1, monkeypatch)  # each record packed
    held = validated(document, 10**9, monkeypatch)  # none
    assert (parsed, problems, warnings) == held
    assert bool(problems) == (kind == "with problems")
    assert any("belastbaarheid" in w.message for w in warnings)  # found across the lists
    assert len(parsed.placements) == len(document["placements"])


@pytest.mark.django_db
def test_packed_records_are_stored_as_records_held_whole(document, monkeypatch):
    document["load_assessments"] = [copy.deepcopy(LATER), copy.deepcopy(EARLIER)]

    def imported(part):
        monkeypatch.setattr(records, "SPOOL_PART", part)
        result = import_document(copy.deepcopy(document))
        assert result.ok, result.problems
        return result.as_json(), [str(w) for w in result.warnings], export_document()

    with transaction.atomic():
        held = imported(10**9)
        transaction.set_rollback(True)
    packed = imported(1)
    assert packed == held
    assert packed[0]["counts"]["placements"]["created"] == len(document["placements"])


@pytest.mark.django_db
def test_the_typed_records_are_held_packed(document):
    # 20,000 contact moments: as objects their typed records take several times what they take
    # packed, a part at a time.
    document["contacts"] = [
        {"placement": "pl1", "date": "2026-01-05", "with": ["worker"],
         "summary": f"Gesprek {i} over het werk en de begeleiding."}
        for i in range(20_000)
    ]  # fmt: skip
    text = json.dumps(document)

    def held(part):
        records.SPOOL_PART = part
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            parsed, problems, _warnings = validate_with_warnings(read_document(text))
            after = tracemalloc.get_traced_memory()[0] - before
        finally:
            tracemalloc.stop()
            records.SPOOL_PART = part_before
        assert len(parsed.contacts) == 20_000 and not problems
        return after

    part_before = records.SPOOL_PART
    packed, whole = held(part_before), held(10**9)
    assert packed * 3 < whole
