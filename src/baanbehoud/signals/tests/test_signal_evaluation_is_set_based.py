"""The worklist is computed for a whole organisation without a query per placement."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from baanbehoud.guidance.models import (
    Concern,
    ContactMoment,
    Evaluation,
    JobcoachHours,
    JobcoachReport,
    JobcoachTrajectory,
    Provision,
)
from baanbehoud.organisations.models import OrganisationKind
from baanbehoud.organisations.tests.factories import MunicipalityFactory, OrganisationFactory
from baanbehoud.persons.tests.factories import PersonFactory
from baanbehoud.placements.models import ContractPeriod, HoursStep, Placement
from baanbehoud.placements.tests.factories import PlacementFactory
from baanbehoud.signals import intervals
from baanbehoud.signals.models import SignalInterval
from baanbehoud.signals.selectors import open_signal_rows

pytestmark = pytest.mark.django_db
ON = date(2026, 8, 15)


def build(n: int, municipality, jobcoach_org) -> None:
    for _ in range(n):
        placement = PlacementFactory.create(person=PersonFactory.create(municipality=municipality))
        ContractPeriod.objects.create(
            placement=placement,
            kind="temporary",
            start=date(2025, 10, 1),
            end=date(2026, 9, 30),
            hours_per_week=Decimal(16),
        )
        ContactMoment.objects.create(placement=placement, date=date(2026, 1, 10), with_worker=True)
        Evaluation.objects.create(placement=placement, date=date(2025, 11, 12))
        HoursStep.objects.create(
            placement=placement,
            from_date=date(2025, 10, 1),
            hours_per_week=12,
            review_date=date(2025, 11, 15),
        )
        Concern.objects.create(
            placement=placement, date=date(2026, 8, 1), raised_by="worker", kind="health"
        )
        Provision.objects.create(placement=placement, kind="Stoel", requested=date(2026, 6, 1))
        trajectory = JobcoachTrajectory.objects.create(
            ref=f"jc{placement.pk}",
            placement=placement,
            organisation=jobcoach_org,
            start=date(2025, 10, 1),
        )
        JobcoachHours.objects.create(trajectory=trajectory, month=date(2026, 1, 1), hours=4)
        JobcoachReport.objects.create(trajectory=trajectory, date=date(2026, 2, 1))


def count_queries() -> tuple[int, int, int]:
    """Queries to work out the changed placements' intervals (but the inserts, which the
    database takes in batches of its size), queries to read, and signals read."""
    with CaptureQueriesContext(connection) as refreshing:
        assert intervals.refresh() > 0
    inserts = [q for q in refreshing.captured_queries if q["sql"].startswith("INSERT")]
    rows = SignalInterval.objects.count()
    assert len(inserts) <= rows // 100 + 1  # SQLite: 999 variables, 111 rows per insert
    working = len(refreshing.captured_queries) - len(inserts)
    with CaptureQueriesContext(connection) as reading:
        signals = open_signal_rows(Placement.objects.all(), ON)
    return working, len(reading.captured_queries), len(signals)


def test_the_number_of_queries_does_not_grow_with_the_number_of_placements():
    municipality = MunicipalityFactory.create()
    jobcoach_org = OrganisationFactory.create(kind=OrganisationKind.JOBCOACH)
    build(10, municipality, jobcoach_org)
    working_10, reading_10, signals_10 = count_queries()
    build(190, municipality, jobcoach_org)
    working_200, reading_200, signals_200 = count_queries()
    assert signals_200 == 20 * signals_10 > 0
    # (on PostgreSQL one of them asks, after the COPY, whether the planner must count the
    # intervals table again: baanbehoud.bulk._keep_planner_informed)
    assert working_200 == working_10 <= 26
    # Reading: is anything stale, then one query for the open intervals with their names.
    assert reading_200 == reading_10 == 2
