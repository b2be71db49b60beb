"""Issue 15: a national document names more records than a database takes in one IN (...) list
(SQLite stops at 32,766 variables). The importer asks for whole lists in parts."""

from __future__ import annotations

import copy
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from baanbehoud.exchange import importer
from baanbehoud.exchange.importer import import_document
from baanbehoud.guidance.models import ContactMoment
from baanbehoud.jobs.tests.test_worker import document
from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import (
    OrganisationFactory,
    RegionFactory,
    UserFactory,
)
from baanbehoud.persons.models import Person
from baanbehoud.placements.models import ContractPeriod, Ending, Placement

pytestmark = pytest.mark.django_db


def longest_in_list(sql: str) -> int:
    lists = re.findall(r" IN \(([^()]*)\)", sql)
    return max((len(found.split(",")) for found in lists), default=0)


def test_no_lookup_names_more_records_than_one_part(monkeypatch):
    monkeypatch.setattr(importer.reading, "IN_CHUNK", 2)
    admin = UserFactory.create(
        role=Role.BEHEERDER,
        organisation=OrganisationFactory.create(region=RegionFactory.create(name="Midden")),
    )
    assert import_document(document(3), user=admin).ok  # there before: now they are looked up
    again = document(3)
    again["persons"][2]["bsn"] = again["persons"][0]["bsn"]  # a clash found across the parts
    with CaptureQueriesContext(connection) as queries:
        result = import_document(again, user=admin, dry_run=True)
    assert [str(p) for p in result.problems] == [
        "persons[2].bsn: dit BSN komt twee keer voor (ook in persons[0]).",
        "persons[2].bsn: dit BSN hoort al bij persoon 'p0'.",  # the lookup in parts finds it
    ]
    assert max(longest_in_list(q["sql"]) for q in queries.captured_queries) <= 2
    assert Person.objects.count() == 3
    ok = import_document(document(3), user=admin, dry_run=True)
    assert ok.ok and ok.counts["persons"]["unchanged"] == 3


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_committed_import_leaves_the_planner_fresh_statistics():
    """Issue 15: after an import the planner knows the tables' new size (ANALYZE); inside a
    transaction that may still roll back it does not (see refresh_planner_statistics)."""
    admin = UserFactory.create(
        role=Role.BEHEERDER,
        organisation=OrganisationFactory.create(region=RegionFactory.create(name="Midden")),
    )
    assert import_document(document(3), user=admin).ok
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables"
                " WHERE relname = 'persons_person'"
            )
            assert cursor.fetchone() == (True,)
        else:
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'persons_person'")
            assert cursor.fetchall()  # the planner's row counts


@pytest.fixture(params=["held", "packed"])
def spool(request, monkeypatch):
    """Each test of the parts runs with the typed records held, and with each one packed apart
    (records.Spool), so the writer's parts and the spool's parts fall in every way."""
    if request.param == "packed":
        monkeypatch.setattr(importer.records, "SPOOL_PART", 1)


@pytest.mark.usefixtures("spool")
def test_contracts_written_a_few_placements_at_a_time(monkeypatch):
    # The contracts are written a part of the placements at a time (the import's memory): each
    # contract lands at its placement, and a second import finds each one, in any part.
    monkeypatch.setattr(importer.writing, "CONTRACT_PART", 1)
    first = import_document(document(3))
    assert first.ok, first.problems
    assert first.counts["contracts"]["created"] == 3
    stored = dict(ContractPeriod.objects.values_list("placement__ref", "hours_per_week"))
    assert stored == {"pl0": 20, "pl1": 20, "pl2": 20}
    changed = document(3)
    changed["placements"][2]["contracts"][0]["hours_per_week"] = 24  # in the last part
    changed["placements"][0]["contracts"].append(
        {"kind": "temporary", "start": "2027-01-01", "end": "2027-06-30", "hours_per_week": 20}
    )
    second = import_document(changed)
    assert second.ok, second.problems
    assert second.counts["contracts"] == {"created": 1, "updated": 1, "unchanged": 2}
    assert second.counts["placements"]["updated"] == 2
    assert ContractPeriod.objects.get(placement__ref="pl2").hours_per_week == 24
    assert ContractPeriod.objects.filter(placement__ref="pl0").count() == 2


@pytest.mark.usefixtures("spool")
def test_long_lists_are_written_a_part_at_a_time(monkeypatch):
    # Persons, placements and contact moments are written WRITE_PART at a time (the import's
    # memory, issue 15): what lands where, and what counts as new or changed, is as before.
    monkeypatch.setattr(importer.saving, "WRITE_PART", 2)
    ending = {"date": "2026-09-30", "initiative": "employer", "reasons": ["NO_PERMANENT_CONTRACT"]}
    first_document = document(3)
    for placement in first_document["placements"]:
        placement["ending"] = dict(ending)
    first = import_document(first_document)
    assert first.ok, first.problems
    assert first.counts["persons"]["created"] == first.counts["placements"]["created"] == 3
    assert dict(Placement.objects.values_list("ref", "person__ref")) == {
        f"pl{i}": f"p{i}" for i in range(3)
    }
    changed = copy.deepcopy(first_document)
    changed["placements"][2]["ending"]["reasons"] = ["WORK_PRESSURE"]  # in the last part
    changed["persons"][1]["name"] = "Nieuwe Naam"  # found by ref, in the first part
    changed["persons"][2]["ref"] = "p2-nieuw"  # a new ref: found by its BSN, in a later part
    changed["placements"][2]["person"] = "p2-nieuw"
    changed["contacts"] = [
        {"placement": f"pl{i}", "date": "2026-02-02", "with": ["worker"], "summary": "Goed."}
        for i in range(3)
    ] + [{"placement": "pl0", "date": "2026-02-02", "with": ["worker"], "summary": "Goed."}]
    second = import_document(changed)
    assert second.ok, second.problems
    assert second.counts["persons"] == {"updated": 2, "unchanged": 1}
    assert second.counts["placements"] == {"unchanged": 2, "updated": 1}  # its reasons
    # the last one repeats the first: it finds the record an earlier part wrote
    assert second.counts["contacts"] == {"created": 3, "unchanged": 1}
    assert Person.objects.get(ref="p2-nieuw").name == "Persoon 2"
    assert Person.objects.get(ref="p1").name == "Nieuwe Naam"
    assert Person.objects.count() == 3
    reasons = {
        e.placement.ref: sorted(r.code for r in e.reasons.all())
        for e in Ending.objects.select_related("placement").prefetch_related("reasons")
    }
    assert reasons == {
        "pl0": ["NO_PERMANENT_CONTRACT"], "pl1": ["NO_PERMANENT_CONTRACT"], "pl2": ["WORK_PRESSURE"]
    }  # fmt: skip
    assert ContactMoment.objects.count() == 3
    assert sorted(ContactMoment.objects.values_list("placement__ref", flat=True)) == [
        f"pl{i}" for i in range(3)
    ]
