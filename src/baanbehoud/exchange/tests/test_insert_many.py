"""`insert_many` and `insert_rows` (the import's and the signal refresh's inserts; COPY on
PostgreSQL, bulk_create elsewhere — CI runs this on both): what is read back is what was
written, for every kind of value the records hold, and the objects come out saved, as
bulk_create leaves them."""

from datetime import date
from decimal import Decimal

import pytest

from baanbehoud.bulk import insert_many, insert_rows
from baanbehoud.placements.models import ContractPeriod, Ending, EndingReason, Placement
from baanbehoud.placements.tests.factories import PlacementFactory
from baanbehoud.signals.models import SignalInterval

pytestmark = pytest.mark.django_db

AWKWARD = "tab\there, new\nline, back\\slash, \"quotes\", 'single', \\N, é, 🙂"


def test_values_come_back_as_written():
    placement = PlacementFactory.create()
    contracts = [
        ContractPeriod(
            placement=placement,
            kind=ContractPeriod.Kind.TEMPORARY,
            start=date(2025, 1, 1),
            end=date(2025, 6, 30),
            hours_per_week=Decimal("16.5"),
            extension_reason=AWKWARD,
            cao_max_contracts=4,
        ),
        ContractPeriod(
            placement=placement,
            kind=ContractPeriod.Kind.PERMANENT,
            start=date(2025, 7, 1),
            end=None,
            hours_per_week=Decimal(0),
            extension_reason="",
        ),
    ]
    insert_many(ContractPeriod, contracts)
    assert all(c.pk is not None and not c._state.adding for c in contracts)
    stored = {c.pk: c for c in ContractPeriod.objects.filter(placement=placement)}
    assert set(stored) == {c.pk for c in contracts}
    first, second = stored[contracts[0].pk], stored[contracts[1].pk]
    assert (first.kind, first.start, first.end, first.hours_per_week) == (
        "temporary",
        date(2025, 1, 1),
        date(2025, 6, 30),
        Decimal("16.5"),
    )
    assert first.extension_reason == AWKWARD and first.cao_max_contracts == 4
    assert (second.kind, second.end, second.cao_max_contracts) == ("permanent", None, None)


def test_json_and_a_record_saved_after_it_was_assigned():
    placement = Placement(
        ref="later",
        person=PlacementFactory.create().person,
        employer=PlacementFactory.create().employer,
        function="Koken",
        route="wsp",
    )
    interval = SignalInterval(
        placement=placement,
        code="CONTRACT_END",
        subject="c1",
        due=date(2026, 3, 31),
        opens=date(2026, 1, 1),
        closes=None,
        message=AWKWARD,
        params={"end": "2026-03-31", "names": ["Ábel", AWKWARD], "n": 3, "none": None},
    )
    placement.save()  # after it was assigned: its id reaches the interval as in bulk_create
    insert_many(SignalInterval, [interval])
    stored = SignalInterval.objects.get(pk=interval.pk)
    assert stored.placement_id == placement.pk
    assert stored.message == AWKWARD
    assert stored.params == {"end": "2026-03-31", "names": ["Ábel", AWKWARD], "n": 3, "none": None}


def test_many_rows_and_a_second_call_take_new_keys():
    placement = PlacementFactory.create()
    reasons = list(EndingReason.objects.order_by("pk")[:2])
    ending = Ending.objects.create(placement=placement, date=date(2026, 1, 31))
    through = Ending.reasons.through
    insert_many(through, [through(ending_id=ending.pk, endingreason_id=reasons[0].pk)])
    insert_many(through, [through(ending_id=ending.pk, endingreason_id=reasons[1].pk)])
    assert set(ending.reasons.values_list("pk", flat=True)) == {r.pk for r in reasons}
    rows = [
        SignalInterval(
            placement=placement,
            code="CONTACT_DUE",
            subject=f"s{n}",
            due=date(2026, 1, 1),
            opens=date(2026, 1, 1),
            message=f"bericht {n}",
        )
        for n in range(2500)
    ]
    insert_many(SignalInterval, rows)
    assert len({r.pk for r in rows}) == 2500
    assert SignalInterval.objects.filter(placement=placement).count() == 2500
    assert SignalInterval.objects.get(pk=rows[1234].pk).subject == "s1234"


def test_rows_without_model_objects():
    placement = PlacementFactory.create()
    names = ("placement_id", "code", "subject", "due", "opens", "closes", "message", "params")
    rows = [
        (placement.pk, "CONTACT_DUE", "", date(2026, 2, 1), date(2026, 2, 1), None, AWKWARD,
         {"last": "2025-11-01", "names": [AWKWARD]}),
        (placement.pk, "CONTRACT_END", "c1", date(2026, 3, 1), date(2026, 3, 1),
         date(2026, 5, 1), "Contract loopt af", {}),
    ]  # fmt: skip
    insert_rows(SignalInterval, names, rows)
    stored = list(
        SignalInterval.objects.filter(placement=placement).order_by("due").values_list(*names)
    )
    assert stored == rows


def test_a_table_filled_in_one_transaction_is_read_by_its_index(monkeypatch):
    """Issue 15: the signal refresh of a national import deletes and reads the rows of 2,000
    placements at a time in tables the same transaction has just filled. PostgreSQL's planner
    knew nothing of those rows (autovacuum counts only what is committed) and read the whole
    table for each part; the table is analysed inside the transaction once it has grown."""
    from django.db import connection

    from baanbehoud import bulk

    monkeypatch.setattr(bulk, "ANALYZE_FROM", 1_000)
    first = PlacementFactory.create()
    placements = [
        Placement(ref=f"pl-{n}", person=first.person, employer=first.employer, function="Inpakker")
        for n in range(3_000)
    ]
    insert_many(Placement, placements)
    names = ("placement_id", "code", "subject", "due", "opens", "closes", "message", "params")
    day = date(2026, 2, 1)
    insert_rows(
        SignalInterval,
        names,
        [(p.pk, "CONTACT_DUE", "", day, day, None, "Contact", {}) for p in placements],
    )
    some = ", ".join(str(p.pk) for p in placements[:10])
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"EXPLAIN DELETE FROM signals_signalinterval WHERE placement_id IN ({some})"
            )
        else:
            cursor.execute(
                "EXPLAIN QUERY PLAN"
                f" DELETE FROM signals_signalinterval WHERE placement_id IN ({some})"
            )
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "Seq Scan" not in plan and "SCAN " not in plan, plan  # SQLite: "SEARCH … USING INDEX"
