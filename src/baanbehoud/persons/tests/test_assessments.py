"""Issue 17 §3: the arbeidsdeskundige has work to do in the product — the persons at work whose
load capacity nobody assessed, and a form to record it."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils.html import escape

from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import UserFactory
from baanbehoud.persons.models import CandidateProfile
from baanbehoud.placements.models import Ending
from baanbehoud.placements.tests.factories import PlacementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def expert(client):
    placement = PlacementFactory.create(person__name="Iris Wachtend")
    user = UserFactory.create(
        role=Role.ARBEIDSDESKUNDIGE, organisation=placement.person.organisation
    )
    client.force_login(user)
    return user, placement


def test_the_start_page_lists_who_waits_and_recording_takes_them_off(client, expert):
    _user, placement = expert
    assessed = PlacementFactory.create(
        person__name="Tom Beoordeeld", person__municipality=placement.person.municipality
    )
    CandidateProfile.objects.create(person=assessed.person, load_hours_per_week=20)
    ended = PlacementFactory.create(
        person__name="Els Gestopt", person__municipality=placement.person.municipality
    )
    Ending.objects.create(placement=ended, date=date(2026, 1, 31), initiative="worker")
    assert client.get(reverse("home")).url == reverse("assessments")
    html = client.get(reverse("assessments")).content.decode()
    assert escape("Iris Wachtend") in html
    assert escape("Tom Beoordeeld") not in html and escape("Els Gestopt") not in html
    url = reverse("load-capacity-edit", args=[placement.person.pk])
    assert url in html
    empty = client.post(url, {"load_hours_per_week": "", "load_notes": ""})
    assert (
        empty.status_code == 400
        and not CandidateProfile.objects.filter(person=placement.person).exists()
    )
    done = client.post(url, {"load_hours_per_week": "16", "load_notes": "Geen tilwerk."})
    assert done.status_code == 302
    profile = CandidateProfile.objects.get(person=placement.person)
    assert (profile.load_hours_per_week, profile.load_notes) == (16, "Geen tilwerk.")
    assert escape("Iris Wachtend") not in client.get(reverse("assessments")).content.decode()


def test_recording_keeps_the_rest_of_the_profile(client, expert):
    _user, placement = expert
    CandidateProfile.objects.create(
        person=placement.person, motivation="Ik wil graag buiten werken.",
        employer_consent_on=date(2026, 5, 1),
    )  # fmt: skip
    client.post(
        reverse("load-capacity-edit", args=[placement.person.pk]), {"load_hours_per_week": "24"}
    )
    profile = CandidateProfile.objects.get(person=placement.person)
    assert profile.motivation == "Ik wil graag buiten werken."
    assert profile.employer_consent_on == date(2026, 5, 1)
