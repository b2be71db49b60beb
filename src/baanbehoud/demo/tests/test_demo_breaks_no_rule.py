"""Issue 13: the demo is loaded with zero rule violations. Every record's own rules (which call
the pure domain modules: contract series, dates that happened, jobcoaching limits, ending
reasons) are run over the loaded demo region."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from baanbehoud.demo.services import demo_load
from baanbehoud.employers.models import Employer
from baanbehoud.guidance.models import (
    Concern,
    ContactMoment,
    Evaluation,
    JobcoachHours,
    JobcoachReport,
    JobcoachTrajectory,
    Provision,
)
from baanbehoud.persons.models import CandidateProfile, Person
from baanbehoud.placements.models import ContractPeriod, Ending, HoursStep, Placement

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 29)
MODELS = [
    Person, CandidateProfile, Employer, Placement, ContractPeriod, Ending, HoursStep,
    ContactMoment, Evaluation, JobcoachTrajectory, JobcoachHours, JobcoachReport, Concern,
    Provision,
]  # fmt: skip


@time_machine.travel(TODAY, tick=False)
@pytest.mark.slow
def test_every_demo_record_passes_its_rules():
    demo_load(seed=2020, today=TODAY)
    violations = []
    for model in MODELS:
        for record in model._default_manager.all():
            try:
                # (unique checks are the database's; the rules are what the product adds)
                record.full_clean(validate_unique=False, validate_constraints=False)
            except ValidationError as exc:
                violations.append(f"{model.__name__} {record.pk}: {exc.message_dict}")
    assert not violations, f"{len(violations)} violations, e.g.:\n" + "\n".join(violations[:15])
