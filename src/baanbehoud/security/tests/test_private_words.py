"""Issue 12 §2: a worker's private words stay with professionals. A matrix of role by field:
for each part of the file, which roles see it on the pages they may open."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from baanbehoud.core.disclosure import Part, concern_shown, contact_shown, parts_for
from baanbehoud.guidance.models import Concern, ContactMoment
from baanbehoud.organisations.models import Role

from .world import build_world

pytestmark = pytest.mark.django_db

KM, AM, AD = Role.KLANTMANAGER, Role.ACCOUNTMANAGER, Role.ARBEIDSDESKUNDIGE
JC, WG, WN = Role.JOBCOACH, Role.WERKGEVER, Role.WERKNEMER
PARTIES = (KM, AM, AD, JC, WG, WN)
PROFESSIONALS = {KM, AM, AD}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        atomic = transaction.atomic()
        atomic.__enter__()
        world = build_world()
        own = world.records["own"]
        today = timezone.localdate()
        ContactMoment.objects.filter(pk=own.contact.pk).update(
            summary=f"Privé: schulden en scheiding besproken {own.marker}"
        )
        ContactMoment.objects.create(
            placement=own.placement, date=today - timedelta(days=2), with_employer=True,
            summary=f"Afspraak over de werktijden {own.marker}", shared_with_employer=True,
        )  # fmt: skip
        Concern.objects.create(
            placement=own.placement, date=today - timedelta(days=1),
            raised_by=Concern.RaisedBy.EMPLOYER, kind=Concern.Kind.CHANGE_AT_WORK,
        )  # fmt: skip
        Concern.objects.create(
            placement=own.placement, date=today - timedelta(days=1),
            raised_by=Concern.RaisedBy.JOBCOACH, kind=Concern.Kind.OTHER,
        )  # fmt: skip
        yield world
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def _page(client, world, role, name: str) -> str:
    own = world.records["own"]
    client.force_login(world.users[str(role)])
    pk = own.placement.pk if name == "placement-detail" else own.person.pk
    response = client.get(reverse(name, args=[pk]))
    assert response.status_code == 200, (role, name)
    return response.content.decode()


def _fields(world) -> dict[str, tuple[str, object, set]]:
    """field → (page, what shows it, the roles that see it)."""
    own = world.records["own"]
    m = own.marker
    return {
        "private contact summary": ("placement-detail", f"schulden en scheiding besproken {m}", PROFESSIONALS),
        "shared contact summary": ("placement-detail", f"Afspraak over de werktijden {m}", PROFESSIONALS | {WG}),
        "worker's concern": ("placement-detail", "Thuis of privé (gemeld door werknemer)", PROFESSIONALS | {WN}),
        "its referral": ("placement-detail", "Doorverwezen naar Buurtteam", PROFESSIONALS),
        "employer's concern": ("placement-detail", "(gemeld door werkgever)", PROFESSIONALS | {WG}),
        "jobcoach's concern": ("placement-detail", "(gemeld door jobcoach)", PROFESSIONALS | {JC}),
        "provision": ("placement-detail", "Aangepaste stoel", PROFESSIONALS | {WN}),
        "chain rule": ("placement-detail", "Ketenbepaling:", PROFESSIONALS),
        "contracts": ("placement-detail", "uur per week", set(PARTIES)),
        "jobcoaching": ("placement-detail", "<h2>Jobcoaching</h2>", set(PARTIES)),
        "full name": ("person-detail", own.person.name, PROFESSIONALS | {JC, WN}),
        "municipality": ("person-detail", "<dt>Gemeente</dt>", PROFESSIONALS | {WN}),
        "handover note": ("person-detail", f"Overdracht {m}", PROFESSIONALS),
        "earlier job": ("person-detail", "Beëindigd op", PROFESSIONALS | {WN}),
    }  # fmt: skip


@pytest.mark.parametrize("role", PARTIES, ids=str)
def test_each_role_sees_exactly_its_fields(client, world, role):
    pages = {
        name: _page(client, world, role, name) for name in ("placement-detail", "person-detail")
    }
    wrong = []
    for field, (page, text, roles) in _fields(world).items():
        shown = str(text) in pages[page]
        if shown != (role in roles):
            wrong.append(f"{role}: {field} {'shown' if shown else 'hidden'} on {page}")
    assert not wrong, "\n".join(wrong)


def test_the_employer_knows_current_employees_by_first_name_only(client, world):
    own = world.records["own"]
    client.force_login(world.users[str(WG)])
    html = client.get(reverse("employer-detail", args=[own.employer.pk])).content.decode()
    first = own.person.name.split()[0]
    assert f">{first}</a>" in html and own.person.name not in html
    assert "Beëindigd op" not in html  # the earlier, finished job is not listed
    assert (
        client.get(reverse("placement-detail", args=[own.ending.placement.pk])).status_code == 404
    )


def test_the_employer_loses_sight_of_a_former_employee(client, world):
    from baanbehoud.placements.models import Ending

    own = world.records["own"]
    client.force_login(world.users[str(WG)])
    assert client.get(reverse("person-detail", args=[own.person.pk])).status_code == 200
    Ending.objects.create(
        placement=own.placement, date=timezone.localdate() - timedelta(days=1),
        initiative=Ending.Initiative.WORKER,
    )  # fmt: skip
    assert client.get(reverse("person-detail", args=[own.person.pk])).status_code == 404
    assert client.get(reverse("placement-detail", args=[own.placement.pk])).status_code == 404
    Ending.objects.filter(placement=own.placement).delete()


def test_a_concern_or_note_is_shared_only_when_its_author_chooses(client, world):
    own = world.records["own"]
    client.force_login(world.users[str(WN)])
    client.post(
        reverse("concern-new", args=[own.placement.pk]),
        {"kind": Concern.Kind.PRIVATE, "text": "Ruzie thuis", "shared_with_employer": ""},
    )
    concern = Concern.objects.get(
        placement=own.placement, kind=Concern.Kind.PRIVATE, text="Ruzie thuis"
    )
    assert not concern.shared_with_employer
    assert "Thuis of privé" not in _page(client, world, WG, "placement-detail")
    concern.shared_with_employer = True
    concern.save()
    assert "Thuis of privé" in _page(client, world, WG, "placement-detail")
    concern.delete()


@pytest.mark.parametrize("role", ["klantmanager", "accountmanager", "arbeidsdeskundige"])
def test_professionals_see_every_part(role):
    assert parts_for(role) == frozenset(Part)
    assert contact_shown(role, False) and concern_shown(role, "worker", False)


def test_the_rules_as_a_table():
    assert not contact_shown("werkgever", False) and contact_shown("werkgever", True)
    assert not contact_shown("jobcoach", True) and not contact_shown("werknemer", True)
    assert concern_shown("werkgever", "employer", False)
    assert not concern_shown("werkgever", "worker", False)
    assert concern_shown("werkgever", "worker", True)
    assert not concern_shown("jobcoach", "worker", False)
    assert concern_shown("werknemer", "worker", False)
    assert not concern_shown("werknemer", "employer", False)
    assert Part.FULL_NAME not in parts_for("werkgever")
    assert Part.MUNICIPALITY not in parts_for("jobcoach")
    assert parts_for("beleidsmedewerker") == frozenset()
