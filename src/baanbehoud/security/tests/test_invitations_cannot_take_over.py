"""Issue 12 §3: an invitation never takes over an existing account."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from baanbehoud.audit.models import ProcessingLogEntry
from baanbehoud.organisations.models import Role, User

from .world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def _invite(client, world, **data):
    client.force_login(world.users[Role.KLANTMANAGER])
    person = world.records["own"].person
    return client.post(reverse("invite-worker", args=[person.pk]), data)


def test_a_new_address_without_a_reason_is_refused_and_the_account_keeps_its_own(client, world):
    worker = world.users[Role.WERKNEMER]
    worker.email = "sanne@example.org"
    worker.save()
    response = _invite(client, world, email="aanvaller@example.net")
    assert response.status_code == 400
    assert "Vul in waarom het adres verandert" in response.content.decode()
    worker.refresh_from_db()
    assert worker.email == "sanne@example.org"
    assert mail.outbox == []


def test_a_new_address_with_a_reason_is_logged_and_the_old_address_is_told(client, world):
    worker = world.users[Role.WERKNEMER]
    worker.email = "sanne@example.org"
    worker.save()
    response = _invite(
        client, world, email="sanne.nieuw@example.org", change_reason="Oud adres werkt niet meer"
    )
    assert response.status_code == 302
    worker.refresh_from_db()
    assert worker.email == "sanne.nieuw@example.org"
    assert {m.to[0] for m in mail.outbox} == {"sanne@example.org", "sanne.nieuw@example.org"}
    assert ProcessingLogEntry.objects.filter(
        person_id=world.records["own"].person.pk, activity__contains="Oud adres werkt niet meer"
    ).exists()


def test_an_invitation_never_turns_a_disabled_account_on(client, world):
    worker = world.users[Role.WERKNEMER]
    worker.is_active = False
    worker.save()
    response = _invite(client, world, email=worker.email or "x@example.org")
    assert response.status_code == 400
    assert "functioneel beheerder" in response.content.decode()
    worker.refresh_from_db()
    assert not worker.is_active and mail.outbox == []


def test_a_disabled_supervisor_stays_disabled(client, world):
    supervisor = world.users[Role.WERKGEVER]
    supervisor.email = "chef@example.org"
    supervisor.is_active = False
    supervisor.save()
    client.force_login(world.users[Role.ACCOUNTMANAGER])
    employer = world.records["own"].employer
    response = client.post(
        reverse("invite-supervisor", args=[employer.pk]),
        {"name": "Chef", "email": "chef@example.org"},
    )
    assert response.status_code == 400
    supervisor.refresh_from_db()
    assert not supervisor.is_active


def test_the_link_and_the_mail_carry_no_user_name(client, world):
    worker = world.users[Role.WERKNEMER]
    worker.email = "sanne@example.org"
    worker.save()
    _invite(client, world, email="sanne@example.org")
    body = str(mail.outbox[0].body)
    assert worker.username not in body
    link = re.search(r"https?://\S+/uitnodiging/\S+/", body).group(0)
    assert worker.username not in link
    assert User.objects.get(pk=worker.pk).is_active
