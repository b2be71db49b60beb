"""Issue 13 §7: two people adding overlapping contracts to one placement at the same moment
store one of them, never both. Real threads and a real database (PostgreSQL in CI)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from baanbehoud.organisations.models import Role, User
from baanbehoud.organisations.tests.factories import UserFactory
from baanbehoud.placements import services
from baanbehoud.placements.models import ContractPeriod

from .at_once import at_once
from .factories import ContractFactory, PlacementFactory


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("round_", range(3))
def test_two_overlapping_contracts_at_once_store_one(round_):
    placement = PlacementFactory.create()
    ContractFactory.create(
        placement=placement, kind="temporary", start=date(2025, 1, 1), end=date(2025, 12, 31)
    )
    user = UserFactory.create(role=Role.KLANTMANAGER, organisation=placement.person.organisation)

    def add(start: date, end: date) -> Callable[[], object]:
        return lambda: services.contract_add(
            user=user, placement=placement, kind="temporary", start=start, end=end,
            hours_per_week=Decimal(20),
        )  # fmt: skip

    outcomes = at_once(
        add(date(2026, 1, 1), date(2026, 12, 31)), add(date(2026, 6, 1), date(2027, 5, 31))
    )
    assert sorted(outcomes) == ["refused", "stored"]
    assert ContractPeriod.objects.filter(placement=placement).count() == 2


@pytest.mark.django_db
def test_an_earlier_contract_overlapping_a_stored_later_one_is_refused():
    """Found by the race test: the overlap was reported on the stored, later contract, so the
    new, earlier one was saved."""
    placement = PlacementFactory.create()
    ContractFactory.create(
        placement=placement, kind="temporary", start=date(2026, 6, 1), end=date(2027, 5, 31)
    )
    user = UserFactory.create(role=Role.KLANTMANAGER, organisation=placement.person.organisation)
    with pytest.raises(ValidationError) as refused:
        services.contract_add(
            user=user, placement=placement, kind="temporary", start=date(2026, 1, 1),
            end=date(2026, 12, 31), hours_per_week=Decimal(20),
        )  # fmt: skip
    assert "overlapt met het contract van 1 juni 2026" in str(refused.value)
    assert placement.contracts.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_people_stopping_the_aftercare_at_once_leave_one_whole_decision():
    """Issue 19 §4: two contact persons stop the aftercare after the same loss at once. One
    decision is kept whole (its day with its reason), and the stored signals say what a fresh
    evaluation of the records says."""
    from datetime import timedelta

    from django.utils import timezone

    from baanbehoud.placements.models import Ending
    from baanbehoud.signals import intervals

    today = timezone.localdate()
    placement = PlacementFactory.create()
    ContractFactory.create(
        placement=placement, kind="temporary", start=today - timedelta(days=300),
        end=today - timedelta(days=30),
    )  # fmt: skip
    user = UserFactory.create(role=Role.KLANTMANAGER, organisation=placement.person.organisation)
    ending = services.ending_register(
        user=user, placement=placement, date=today - timedelta(days=30),
        initiative="fixed_term_not_renewed", reasons=[], next="benefit",
    )  # fmt: skip
    decisions = {today - timedelta(days=2): "Verhuisd.", today: "Wil geen hulp."}

    def stop(day: date, reason: str) -> Callable[[], object]:
        return lambda: services.aftercare_close(
            user=user, ending=ending, aftercare_closed=day, reason=reason
        )

    outcomes = at_once(*(stop(day, reason) for day, reason in decisions.items()))
    assert "stored" in outcomes and len(outcomes) == 2
    kept = Ending.objects.get(pk=ending.pk)
    assert kept.aftercare_closed is not None
    assert decisions[kept.aftercare_closed] == kept.aftercare_closed_reason
    assert intervals.check(repair=False).differing == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("round_", range(3))
def test_worker_and_employer_reporting_sick_at_once_make_one_report(round_):
    """Issue 20 §1: the worker and the supervisor report the same sickness at the same moment.
    One report is stored; the other hears there is one (a validation error, not a server
    error); the stored signals say what a fresh evaluation says."""
    from datetime import timedelta

    from django.utils import timezone

    from baanbehoud.guidance import services as guidance_services
    from baanbehoud.guidance.models import SickReport
    from baanbehoud.signals import intervals

    today = timezone.localdate()
    placement = PlacementFactory.create()
    ContractFactory.create(
        placement=placement, kind="permanent", start=today - timedelta(days=300), end=None
    )
    worker = UserFactory.create(role=Role.WERKNEMER, person=placement.person, organisation=None)
    boss = UserFactory.create(role=Role.WERKGEVER, employer=placement.employer, organisation=None)

    def report(user: User, first_day: date) -> Callable[[], object]:
        return lambda: guidance_services.sick_report(
            user=user, placement=placement, first_day=first_day
        )

    outcomes = at_once(report(worker, today), report(boss, today - timedelta(days=1)))
    assert sorted(outcomes) == ["refused", "stored"]
    assert SickReport.objects.filter(placement=placement).count() == 1
    assert intervals.check(repair=False).differing == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("round_", range(3))
def test_two_people_filling_one_werkfit_checklist_at_once_keep_one_whole(round_):
    """Issue 20 §5: two contact persons save the same person's werkfit checklist at the same
    moment. One judgement is kept whole; one that meets the other's insert hears that somebody
    saved it (a validation error, not a server error); no point is judged twice."""
    from django.utils import timezone

    from baanbehoud.organisations.models import WerkfitItem
    from baanbehoud.persons import services as persons_services
    from baanbehoud.persons.models import WerkfitCheck
    from baanbehoud.persons.tests.factories import PersonFactory

    person = PersonFactory.create()
    region = person.organisation.region
    assert region is not None
    points = [
        WerkfitItem.objects.create(region=region, code=f"race-{round_}-{n}", text=f"Punt {n}")
        for n in range(3)
    ]
    first, second = (
        UserFactory.create(role=Role.KLANTMANAGER, organisation=person.organisation)
        for _ in range(2)
    )

    def fill(user: User, answer: str) -> Callable[[], object]:
        return lambda: persons_services.werkfit_record(
            user=user, person=person, checked_on=timezone.localdate(),
            answers={p.pk: (answer, "") for p in points},
        )  # fmt: skip

    outcomes = at_once(fill(first, "yes"), fill(second, "not_yet"))
    # Either the second came too late to see the first (refused), or after it (then the later
    # save counts, as it would a minute later): never both half, never a server error.
    assert len(outcomes) == 2 and "stored" in outcomes
    assert set(outcomes) <= {"stored", "refused"}
    stored = list(WerkfitCheck.objects.filter(person=person).values_list("answer", "by"))
    assert len(stored) == 3 and len(set(stored)) == 1  # one person's judgement, whole
