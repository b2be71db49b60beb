"""Regional jobcoaching rules (report §2.3.1): at least 12 hours of work a week, at most 52 hours
of jobcoaching a year and 2 years, unless an exception with a reason is recorded."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from baanbehoud.guidance.models import JobcoachHours, JobcoachTrajectory
from baanbehoud.organisations.models import OrganisationKind
from baanbehoud.organisations.tests.factories import OrganisationFactory
from baanbehoud.placements.tests.factories import ContractFactory

pytestmark = pytest.mark.django_db


def trajectory_for(hours_per_week: int, **kwargs) -> JobcoachTrajectory:
    contract = ContractFactory.create(
        start=date(2025, 3, 6), end=date(2026, 3, 5), hours_per_week=Decimal(hours_per_week)
    )
    return JobcoachTrajectory(
        ref="jc1",
        placement=contract.placement,
        organisation=OrganisationFactory.create(kind=OrganisationKind.JOBCOACH),
        start=kwargs.pop("start", date(2025, 3, 6)),
        **kwargs,
    )


def test_jobcoaching_below_twelve_hours_a_week_is_refused():
    trajectory = trajectory_for(10)
    with pytest.raises(ValidationError) as info:
        trajectory.full_clean()
    assert info.value.message_dict == {
        "placement": [
            "Jobcoaching kan alleen bij werk van minstens 12 uur per week. Dit contract is 10 uur per week."
        ]
    }


def test_jobcoaching_at_twelve_hours_a_week_is_accepted():
    trajectory_for(12).full_clean()


def test_jobcoaching_longer_than_two_years_needs_an_exception():
    trajectory = trajectory_for(16, end=date(2027, 3, 6))
    with pytest.raises(ValidationError) as info:
        trajectory.full_clean()
    assert info.value.message_dict["end"] == [
        "Jobcoaching duurt maximaal 2 jaar (tot 6 maart 2027). Leg een uitzondering met reden vast als het langer moet."
    ]
    trajectory.exception_reason = "Progressieve aandoening; regionaal overleg akkoord."
    trajectory.full_clean()


def saved_trajectory(**kwargs) -> JobcoachTrajectory:
    trajectory = trajectory_for(16, **kwargs)
    trajectory.save()
    JobcoachHours.objects.create(trajectory=trajectory, month=date(2025, 3, 1), hours=Decimal(40))
    return trajectory


def test_more_than_52_hours_in_a_year_is_refused_without_an_exception():
    trajectory = saved_trajectory()
    entry = JobcoachHours(trajectory=trajectory, month=date(2025, 4, 1), hours=Decimal(20))
    with pytest.raises(ValidationError) as info:
        entry.full_clean()
    assert info.value.message_dict["hours"] == [
        "Met deze uren komt de jobcoaching in 2025 op 60 uur. Het maximum is 52 uur per jaar. "
        "Leg een uitzondering met reden vast als het meer moet."
    ]


def test_hours_in_the_next_calendar_year_count_for_that_year():
    trajectory = saved_trajectory()
    JobcoachHours(trajectory=trajectory, month=date(2026, 1, 1), hours=Decimal(20)).full_clean()


def test_more_than_52_hours_is_accepted_with_an_exception_and_reason():
    trajectory = saved_trajectory(exception_reason="Intensieve begeleiding na reorganisatie.")
    JobcoachHours(trajectory=trajectory, month=date(2025, 4, 1), hours=Decimal(20)).full_clean()
