"""Issue 21 §3: an import just done can be undone by the same administrator for a short time,
all or nothing, logged; not when something was written on top of it since."""

from __future__ import annotations

import copy
from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from baanbehoud.audit.models import ProcessingLogEntry
from baanbehoud.exchange.importer import import_document
from baanbehoud.exchange.models import ImportBatch, ImportUndo
from baanbehoud.guidance.models import ContactMoment
from baanbehoud.organisations.models import Role, User
from baanbehoud.organisations.tests.factories import UserFactory
from baanbehoud.persons.models import Person
from baanbehoud.placements.models import ContractPeriod, Placement

from .conftest import EXAMPLE

pytestmark = pytest.mark.django_db


def _confirm(client, admin, document) -> ImportUndo:
    batch = ImportBatch.objects.create(uploaded_by=admin, filename="regio.json", document=document)
    client.post(reverse("import-confirm", args=[batch.pk]), {"bevestigen": ""})
    return ImportUndo.objects.get(done_by=admin)


@pytest.fixture
def admin(client):
    user = UserFactory.create(role=Role.BEHEERDER, is_superuser=True)
    client.force_login(user)
    return user


def test_undo_removes_what_was_created_and_restores_what_was_changed(client, admin):
    assert import_document(copy.deepcopy(EXAMPLE)).ok  # there before
    second = copy.deepcopy(EXAMPLE)
    second["persons"][0]["name"] = "J. Jansen-de Wit"  # a change
    second["placements"][0]["contracts"].append(  # and a new contract
        {"kind": "temporary", "start": "2026-10-01", "end": "2027-03-31", "hours_per_week": 20}
    )
    undo = _confirm(client, admin, second)
    assert Person.objects.get(ref="p1").name == "J. Jansen-de Wit"
    assert ContractPeriod.objects.filter(start=date(2026, 10, 1)).exists()
    page = client.get(reverse("import")).content.decode()
    assert "Import ongedaan maken" in page
    client.post(reverse("import-undo", args=[undo.pk]))
    assert Person.objects.get(ref="p1").name == "J. Jansen"
    assert not ContractPeriod.objects.filter(start=date(2026, 10, 1)).exists()
    assert ProcessingLogEntry.objects.filter(activity="Import ongedaan gemaakt").exists()
    # Once.
    response = client.post(reverse("import-undo", args=[undo.pk]), follow=True)
    assert "tot 30 minuten na de import, en één keer" in response.content.decode()


def test_undo_of_a_first_import_removes_it_all(client, admin):
    document = copy.deepcopy(EXAMPLE)
    document["placements"][0]["ending"] = {  # with reasons: a many-to-many link goes along
        "date": "2026-09-30", "initiative": "employer", "reasons": ["NO_PERMANENT_CONTRACT"],
        "next": "unknown",
    }  # fmt: skip
    undo = _confirm(client, admin, document)
    assert Placement.objects.get(ref="pl1").ending.reasons.count() == 1
    client.post(reverse("import-undo", args=[undo.pk]))
    assert not Placement.objects.filter(ref="pl1").exists()
    assert not Person.objects.filter(ref="p1").exists()
    assert not User.objects.filter(ref="c1").exists()


def test_no_undo_when_something_was_written_on_top(client, admin):
    undo = _confirm(client, admin, copy.deepcopy(EXAMPLE))
    placement = Placement.objects.get(ref="pl1")
    ContactMoment.objects.create(placement=placement, date=timezone.localdate(), with_worker=True)
    response = client.post(reverse("import-undo", args=[undo.pk]), follow=True)
    assert "ongedaan maken kan niet meer" in response.content.decode()
    assert Placement.objects.filter(ref="pl1").exists()  # nothing undone
    assert ImportUndo.objects.get(pk=undo.pk).undone_at is None


def test_no_undo_after_half_an_hour_or_by_someone_else(client, admin):
    undo = _confirm(client, admin, copy.deepcopy(EXAMPLE))
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        client.post(reverse("import-undo", args=[undo.pk]))
    assert Placement.objects.filter(ref="pl1").exists()
    other = UserFactory.create(role=Role.BEHEERDER, is_superuser=True)
    client.force_login(other)
    assert client.post(reverse("import-undo", args=[undo.pk])).status_code == 404


def test_undo_gives_an_intention_its_reasons_back_and_removes_the_new_ones(client, admin):
    """Issue 19 §5: the employers' intentions an import wrote go with the undo; an intention
    whose reasons it changed gets its old reasons back."""
    from baanbehoud.placements.models import EmployerIntention

    first = copy.deepcopy(EXAMPLE)
    said = {"date": "2026-07-01", "intention": "end", "reasons": ["NO_FORMATION"]}
    first["placements"][0]["contracts"][2]["intentions"] = [said]
    assert import_document(copy.deepcopy(first)).ok
    second = copy.deepcopy(first)
    second["placements"][0]["contracts"][2]["intentions"] = [
        {**said, "reasons": ["WAGE_VALUE"]},
        {"date": "2026-08-01", "intention": "permanent"},
    ]
    undo = _confirm(client, admin, second)
    assert EmployerIntention.objects.count() == 2
    client.post(reverse("import-undo", args=[undo.pk]))
    kept = EmployerIntention.objects.get()
    assert kept.intention == "end"
    assert list(kept.reasons.values_list("code", flat=True)) == ["NO_FORMATION"]
