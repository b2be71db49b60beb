"""Issue 13 §6: the organisation's jobcoach budget and report cadence are used, unless a
trajectory sets its own."""

from datetime import date
from decimal import Decimal

import pytest

from baanbehoud.guidance.models import JobcoachHours, JobcoachTrajectory
from baanbehoud.organisations.tests.factories import OrganisationFactory
from baanbehoud.placements.models import Placement
from baanbehoud.signals.domain import Code
from baanbehoud.signals.models import SignalSettings
from baanbehoud.signals.selectors import open_signal_rows

pytestmark = pytest.mark.django_db
ON = date(2026, 8, 3)


@pytest.fixture
def trajectory(example):
    SignalSettings.objects.create(
        organisation=example.person.organisation,
        jobcoach_budget_hours=Decimal(20),
        jobcoach_report_cadence_months=3,
    )
    trajectory = JobcoachTrajectory.objects.create(
        ref="jc1", placement=example, organisation=OrganisationFactory.create(kind="jobcoach"),
        start=date(2026, 1, 5),
    )  # fmt: skip
    trajectory.reports.create(date=date(2026, 6, 1))
    return trajectory


def _codes(placement, on=ON):
    return {
        (row.signal.code, row.signal.subject)
        for row in open_signal_rows(Placement.objects.filter(pk=placement.pk), on)
    }


def test_the_organisations_budget_raises_the_signal(trajectory):
    JobcoachHours.objects.create(trajectory=trajectory, month=date(2026, 3, 1), hours=Decimal(17))
    assert trajectory.budget_hours() == 20
    # 17 of 20 hours is past 80 %: raised (with the old fixed 52 h it was not).
    assert (Code.JOBCOACH_BUDGET, f"jobcoaching:{trajectory.pk}:hours") in _codes(
        trajectory.placement
    )


def test_the_organisations_report_cadence_applies(trajectory):
    assert trajectory.report_cadence() == 3
    subject = f"jobcoaching:{trajectory.pk}"
    assert (Code.JOBCOACH_REPORT_OVERDUE, subject) not in _codes(trajectory.placement)  # 1 June + 3
    assert (Code.JOBCOACH_REPORT_OVERDUE, subject) in _codes(trajectory.placement, date(2026, 9, 1))


def test_a_trajectorys_own_value_overrides(trajectory):
    trajectory.yearly_budget_hours = Decimal(40)
    trajectory.save()
    JobcoachHours.objects.create(trajectory=trajectory, month=date(2026, 3, 1), hours=Decimal(17))
    assert trajectory.budget_hours() == 40
    assert (Code.JOBCOACH_BUDGET, f"jobcoaching:{trajectory.pk}:hours") not in _codes(
        trajectory.placement
    )
