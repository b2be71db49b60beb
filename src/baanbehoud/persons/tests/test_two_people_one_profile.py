"""Issue 13 §7: two people editing one profile: the second save is refused with what the first
changed, nothing lost; saving again is then a choice."""

import pytest
from django.test import Client
from django.urls import reverse

from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import UserFactory
from baanbehoud.persons.models import CandidateProfile
from baanbehoud.persons.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_a_stale_profile_edit_is_refused_and_shows_the_other_change():
    person = PersonFactory.create()
    CandidateProfile.objects.create(person=person, motivation="Oud")
    url = reverse("profile-edit", args=[person.pk])
    first, second = Client(), Client()
    data: dict[Client, dict[str, object]] = {}
    for client in (first, second):
        client.force_login(
            UserFactory.create(role=Role.KLANTMANAGER, organisation=person.organisation)
        )
        form = client.get(url).context["form"]
        values = {name: form[name].value() for name in form.fields}
        data[client] = {k: v for k, v in values.items() if v is not None}
        assert data[client]["version"] == 0  # the hidden field carries the version
    assert first.post(url, {**data[first], "motivation": "Van de eerste"}).status_code == 302
    refused = second.post(url, {**data[second], "motivation": "Van de tweede"})
    html = refused.content.decode()
    assert refused.status_code == 400
    assert "Iemand anders heeft dit profiel net opgeslagen" in html and "Van de eerste" in html
    assert CandidateProfile.objects.get(person=person).motivation == "Van de eerste"
    # The form now carries the new version: saving again is a deliberate choice.
    again = second.post(url, {**data[second], "version": "1", "motivation": "Van de tweede"})
    assert again.status_code == 302
    assert CandidateProfile.objects.get(person=person).motivation == "Van de tweede"
