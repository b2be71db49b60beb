"""The stored signal intervals (issue 15) say what a fresh evaluation of the records says: on the
demo region for every day of a year, after a change through any door, and after the nightly
check finds one that drifted."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from baanbehoud.employers.tests.factories import EmployerFactory
from baanbehoud.guidance.models import ContactMoment
from baanbehoud.jobs import services as jobs
from baanbehoud.jobs.models import JobStatus
from baanbehoud.organisations.tests.factories import UserFactory
from baanbehoud.persons.tests.factories import PersonFactory
from baanbehoud.placements.models import ContractPeriod, Placement
from baanbehoud.placements.tests.factories import PlacementFactory
from baanbehoud.signals import domain, intervals
from baanbehoud.signals.facts import facts_for
from baanbehoud.signals.models import SignalInterval, SignalSettings, StaleSignals
from baanbehoud.signals.selectors import evaluated_signal_rows, open_signal_rows

DEMO_SEED = 7  # conftest.demo_module
pytestmark = pytest.mark.django_db


def as_tuples(rows):
    return sorted(
        (r.signal.placement_id, r.signal.code.value, r.signal.subject, r.signal.due,
         r.signal.message)
        for r in rows
    )  # fmt: skip


@pytest.mark.slow
def test_the_demo_region_every_day_of_a_year(demo_module, db):
    """Stored intervals, read from the database once, against the rules run afresh each day."""
    assert StaleSignals.objects.count() == 0  # the demo works them out when it loads
    stored = list(
        SignalInterval.objects.values_list(
            "placement_id", "code", "subject", "due", "message", "opens", "closes"
        )
    )
    facts = [f for _p, f in facts_for(Placement.objects.all())]
    today = timezone.localdate()
    assert len(facts) > 300
    for offset in range(-183, 183):
        day = today + timedelta(days=offset)
        fresh = sorted(
            (f.id, s.code.value, s.subject, s.due, s.message)
            for f in facts
            for s in domain.open_signals(f, day)
        )
        found = sorted(
            row[:5] for row in stored if row[5] <= day and (row[6] is None or day < row[6])
        )
        assert found == fresh, day
    # and the worklist's own reading of them, for a day in the past and one ahead
    for day in (today - timedelta(days=400), today + timedelta(days=40)):
        everything = Placement.objects.all()
        assert as_tuples(open_signal_rows(None, day)) == as_tuples(
            evaluated_signal_rows(everything, day)
        )


@pytest.fixture
def placement():
    placement = PlacementFactory.create()
    ContractPeriod.objects.create(
        placement=placement, kind="temporary", start=date(2026, 1, 1), end=date(2026, 12, 31),
        hours_per_week=20,
    )  # fmt: skip
    intervals.refresh()
    return placement


def codes_on(placement, day):
    return {
        r.signal.code.value
        for r in open_signal_rows(Placement.objects.filter(pk=placement.pk), day)
    }


def test_a_new_record_is_read_at_once(placement):
    assert "CONTACT_DUE" in codes_on(placement, date(2026, 6, 1))
    ContactMoment.objects.create(placement=placement, date=date(2026, 5, 20), with_worker=True)
    assert StaleSignals.objects.filter(placement_id=placement.pk).exists()
    assert "CONTACT_DUE" not in codes_on(placement, date(2026, 6, 1))
    assert not StaleSignals.objects.exists()


def test_a_deleted_record_is_read_at_once(placement):
    moment = ContactMoment.objects.create(placement=placement, date=date(2026, 5, 20))
    assert "CONTACT_DUE" not in codes_on(placement, date(2026, 6, 1))
    moment.delete()
    assert "CONTACT_DUE" in codes_on(placement, date(2026, 6, 1))


def test_the_contact_person_of_the_person_and_of_the_employer(placement):
    day = date(2026, 6, 1)
    assert "NO_CONTACT_PERSON" in codes_on(placement, day)
    person = placement.person
    person.contact_person = UserFactory.create()
    person.save()
    [signal] = [
        r.signal for r in open_signal_rows(None, day) if r.signal.code.value == "NO_CONTACT_PERSON"
    ]
    assert signal.message == "De werkgever heeft geen vaste contactpersoon. Wijs er een toe."
    employer = placement.employer
    employer.account_manager = UserFactory.create()
    employer.save()
    assert "NO_CONTACT_PERSON" not in codes_on(placement, day)


def test_a_contract_at_another_placement_of_the_same_employer_changes_the_chain(placement):
    """The chain (§5) runs across placements at one KvK: two earlier contracts elsewhere make
    this one the last allowed, and its CONTRACT_END a CHAIN_TRANSITION."""
    assert "CONTRACT_END" in codes_on(placement, date(2026, 11, 1))
    elsewhere = PlacementFactory.create(person=placement.person, employer=placement.employer)
    for start, end in (
        (date(2024, 1, 1), date(2024, 12, 31)),
        (date(2025, 1, 1), date(2025, 12, 31)),
    ):
        ContractPeriod.objects.create(
            placement=elsewhere, kind="temporary", start=start, end=end, hours_per_week=20
        )
    found = codes_on(placement, date(2026, 11, 1))
    assert "CHAIN_TRANSITION" in found and "CONTRACT_END" not in found


def test_an_employer_change_reaches_the_chain_of_its_persons(placement):
    """Another placement of the person at a second employer with the same KvK as the first gets
    the first's contracts in its chain once the KvK is corrected."""
    other = EmployerFactory.create()
    second = PlacementFactory.create(person=placement.person, employer=other)
    ContractPeriod.objects.create(
        placement=second, kind="temporary", start=date(2027, 1, 1), end=date(2027, 12, 31),
        hours_per_week=20,
    )  # fmt: skip
    intervals.refresh()
    assert not StaleSignals.objects.exists()
    placement.employer.kvk, old = "99999999", placement.employer.kvk
    placement.employer.save()
    assert set(StaleSignals.objects.values_list("placement_id", flat=True)) == {
        placement.pk,
        second.pk,
    }
    assert old  # (the first employer's KvK changed: both placements are worked out again)


def test_new_lead_times_of_an_organisation(placement):
    organisation = placement.person.organisation
    on = date(2026, 10, 15)  # 2½ months before the end: not yet with the default 2 months
    assert "CONTRACT_END" not in codes_on(placement, on)
    SignalSettings.objects.update_or_create(
        organisation=organisation, defaults={"contract_end_lead_months": 3}
    )
    assert "CONTRACT_END" in codes_on(placement, on)


def test_a_mark_made_while_a_reader_works_is_not_lost(placement, monkeypatch):
    """A reader works out the intervals from what it read; a change committed meanwhile marks
    the placement again with a new token, which the reader must not clear."""
    ContactMoment.objects.create(placement=placement, date=date(2026, 5, 20))
    real = intervals.load_facts

    def meanwhile(ids):
        result = real(ids)
        intervals._write([placement.pk])  # another user's change, marked with a new token
        return result

    monkeypatch.setattr(intervals, "load_facts", meanwhile)
    intervals.refresh()
    assert StaleSignals.objects.filter(placement_id=placement.pk).exists()


def test_many_writes_mark_once(placement, django_assert_max_num_queries):
    with intervals.marks_collected():
        for day in range(1, 20):
            ContactMoment.objects.create(placement=placement, date=date(2026, 5, day))
        assert not StaleSignals.objects.exists()  # written at the end of the block
    assert StaleSignals.objects.filter(placement_id=placement.pk).exists()


def test_the_nightly_check_repairs_and_reports_drift(placement, admin_user):
    second = PlacementFactory.create(person=PersonFactory.create())
    ContractPeriod.objects.create(
        placement=second, kind="permanent", start=date(2026, 1, 1), hours_per_week=20
    )
    intervals.refresh()
    SignalInterval.objects.filter(placement=placement).update(message="iets anders")
    job = jobs.start(kind="signals", title="Signalen controleren", user=admin_user)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.result["drift"] == [placement.pk]
    assert job.result["checked"] == 2
    assert "bij 1 plaatsingen weken de opgeslagen signalen af" in job.summary
    assert not SignalInterval.objects.filter(message="iets anders").exists()
    again = jobs.start(kind="signals", title="Signalen controleren", user=admin_user)
    again.refresh_from_db()
    assert again.result["drift"] == []


def test_a_placement_the_users_list_reaches_twice_shows_its_signals_once(placement):
    """The lists read the signals from the user's placements themselves (no subquery of them):
    a jobcoach who coached the same placement twice reaches it through two trajectories."""
    from baanbehoud.guidance.models import JobcoachTrajectory
    from baanbehoud.organisations.models import Role

    coach = UserFactory.create(role=Role.JOBCOACH)
    for n, start in enumerate((date(2026, 1, 1), date(2026, 4, 1))):
        JobcoachTrajectory.objects.create(
            ref=f"jc-{n}", placement=placement, organisation=placement.person.organisation,
            coach=coach, start=start,
        )  # fmt: skip
    day = date(2026, 6, 1)
    coached = open_signal_rows(Placement.objects.visible_to(coach), day)
    assert as_tuples(coached) == as_tuples(open_signal_rows(Placement.objects.all(), day))
    assert len(coached) == len({r.key for r in coached}) >= 2
