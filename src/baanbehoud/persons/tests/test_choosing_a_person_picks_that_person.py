"""Issue 21 §1: every person picker shows name, organisation and role, offers only users whose
role fits and who are in the region, and saves exactly the chosen user."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import OrganisationFactory, UserFactory
from baanbehoud.security.tests.world import build_world

pytestmark = pytest.mark.django_db


def _options(html: str, name: str) -> dict[str, str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return {
        v: label.strip() for v, label in re.findall(r'<option value="(\d+)"[^>]*>([^<]*)<', select)
    }


def test_two_colleagues_with_the_same_name_are_told_apart_and_the_chosen_one_is_saved(client):
    world = build_world()
    km = world.users[Role.KLANTMANAGER]
    person = world.records["own"].person
    twin_org = km.organisation
    first = UserFactory.create(
        full_name="Daan de Boer", role=Role.KLANTMANAGER, organisation=twin_org
    )
    second = UserFactory.create(
        full_name="Daan de Boer", role=Role.KLANTMANAGER, organisation=twin_org
    )
    client.force_login(km)
    url = reverse("contact-person-assign", args=[person.pk])
    options = _options(client.get(url).content.decode(), "contact_person")
    labels = [options[str(first.pk)], options[str(second.pk)]]
    assert all(label.startswith(f"Daan de Boer — {twin_org}") for label in labels)
    assert all("(klantmanager" in label for label in labels)
    assert labels[0] != labels[1]  # in one organisation: the e-mail address tells them apart
    client.post(url, {"contact_person": str(second.pk), "note": ""})
    person.refresh_from_db()
    assert person.contact_person == second


def test_the_wsp_contact_is_an_accountmanager_of_the_region(client):
    world = build_world()
    am = world.users[Role.ACCOUNTMANAGER]
    employer = world.records["own"].employer
    elsewhere = OrganisationFactory.create(region=world.records["other"].person.organisation.region)
    far_away = UserFactory.create(
        full_name="Verre Collega", role=Role.ACCOUNTMANAGER, organisation=elsewhere
    )
    client.force_login(am)
    html = client.get(reverse("employer-contact-assign", args=[employer.pk])).content.decode()
    options = _options(html, "account_manager")
    assert str(am.pk) in options
    assert str(world.users[Role.JOBCOACH].pk) not in options
    assert str(world.users[Role.KLANTMANAGER].pk) not in options
    assert str(far_away.pk) not in options
    assert options[str(am.pk)].endswith("(accountmanager (wsp))")
