"""The demo shows each role its examples on any day it is loaded: the random history decides
much, but not whether the klantmanager has a private concern referred to the buurtteam (issue 20
§6) — on 2026-12-01 it had none, and the browser tests that open it failed."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from baanbehoud.demo.services import demo_load
from baanbehoud.guidance.models import Concern, Referral

pytestmark = pytest.mark.django_db
A_DAY_WITHOUT = date(2026, 12, 1)  # seed 2020 gives the klantmanager no private concern then


@time_machine.travel("2026-12-01 10:00:00+01:00", tick=False)
@pytest.mark.slow
def test_the_klantmanager_has_private_concerns_referred_on_any_day():
    demo_load(seed=2020, today=A_DAY_WITHOUT)
    private = Concern.objects.filter(
        placement__person__contact_person__username="klantmanager", kind=Concern.Kind.PRIVATE
    )
    assert private.count() >= 2
    referred = Referral.objects.filter(concern__in=private)
    assert referred.count() == 2
    assert referred.exclude(feedback="").count() == 1  # one with the buurtteam's feedback
