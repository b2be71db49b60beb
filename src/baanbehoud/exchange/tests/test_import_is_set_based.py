"""Issue 15 §3: the importer looks up and writes whole lists, so the number of queries does not
grow with the size of the document (only the inserts, which the database takes in batches)."""

from __future__ import annotations

import importlib.util
import io
import json
from datetime import date
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from baanbehoud.exchange.importer import import_document
from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import OrganisationFactory, RegionFactory, UserFactory
from baanbehoud.signals.models import SignalInterval

pytestmark = pytest.mark.django_db

GENERATOR = Path(__file__).resolve().parents[4] / "benchmarks" / "national.py"


def national(persons: int) -> dict:
    spec = importlib.util.spec_from_file_location("national", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = io.StringIO()
    module.write(persons, 1, date(2026, 11, 16), out)
    return json.loads(out.getvalue())


def queries_of(document: dict, admin) -> tuple[int, int, dict, int]:
    """Import into the empty database, count, and roll back."""
    with transaction.atomic():
        with CaptureQueriesContext(connection) as captured:
            result = import_document(document, user=admin)
        intervals = SignalInterval.objects.count()
        transaction.set_rollback(True)
    assert result.ok, result.problems[:3]
    sql = [q["sql"] for q in captured.captured_queries]
    inserts = sum(s.startswith("INSERT") for s in sql)
    return len(sql) - inserts, inserts, result.counts, intervals


def test_the_number_of_queries_does_not_grow_with_the_document():
    admin = UserFactory.create(
        role=Role.BEHEERDER,
        organisation=OrganisationFactory.create(region=RegionFactory.create(name="Midden")),
    )
    # (150 persons: every list has records, and the sick reports both open and recovered ones,
    # which are written apart — an empty list or part asks nothing of the database)
    document = national(150)
    assert {s["recovered_on"] is None for s in document["sick_reports"]} == {True, False}
    small, _inserts, small_counts, _intervals = queries_of(document, admin)
    assert all(c["created"] for c in small_counts.values()), small_counts
    large, inserts, counts, intervals = queries_of(national(300), admin)
    assert counts["persons"]["created"] == 300
    assert counts["contacts"]["created"] > 0 and counts["evaluations"]["created"] > 0
    assert counts["vacancies"]["created"] == 10  # one per five employers
    assert large == small, (small, large)
    rows = intervals + sum(c["created"] for c in counts.values())
    assert inserts * 20 <= rows, (inserts, rows)  # in batches, not a row at a time
