"""Voortraject and werkfit (issue 20 §5, recommendation 1): a contact person records a
voortraject before a placement and how it ended; a region page says which municipality offers
which voortraject (no persons); the exchange format carries the voortrajecten."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from baanbehoud.organisations.models import Municipality, Programme, Role
from baanbehoud.organisations.tests.factories import MunicipalityFactory, UserFactory
from baanbehoud.persons.domain import pretrajectory_problems
from baanbehoud.persons.models import Pretrajectory
from baanbehoud.persons.tests.factories import PersonFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today_stays")]
TODAY = timezone.localdate()


@pytest.fixture
def world():
    person = PersonFactory.create(name="Sanne de Wit")
    contact = UserFactory.create(role=Role.KLANTMANAGER, organisation=person.organisation)
    person.contact_person = contact
    person.save()
    return {"person": person, "contact": contact}


def test_a_voortraject_is_recorded_and_later_closed(client, world):
    person = world["person"]
    client.force_login(world["contact"])
    page = client.get(reverse("person-detail", args=[person.pk])).content.decode()
    url = reverse("pretrajectory-new", args=[person.pk])
    assert url in page and "Geen voortraject vastgelegd." in page
    start = (TODAY - timedelta(days=90)).isoformat()
    response = client.post(
        url,
        {
            "provider": "Werkfit Houten",
            "start": start,
            "goals": "Op tijd komen.",
            "outcome": "running",
        },
    )
    assert response.status_code == 302
    record = Pretrajectory.objects.get()
    assert (record.provider, record.outcome, record.by) == (
        "Werkfit Houten",
        "running",
        world["contact"],
    )
    page = client.get(reverse("person-detail", args=[person.pk])).content.decode()
    assert "Werkfit Houten" in page and "loopt nog" in page
    edit = reverse("pretrajectory-edit", args=[person.pk, record.pk])
    closed = client.post(
        edit, {"provider": "Werkfit Houten", "start": start, "outcome": "work_ready"}
    )
    assert closed.status_code == 400
    assert escape("Vul in wanneer het voortraject stopte.") in closed.content.decode()
    client.post(
        edit,
        {
            "provider": "Werkfit Houten",
            "start": start,
            "end": TODAY.isoformat(),
            "outcome": "work_ready",
        },
    )
    record.refresh_from_db()
    assert (record.outcome, record.end) == ("work_ready", TODAY)
    assert Pretrajectory.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"provider": ""}, "id_provider"),
        ({"start": (TODAY + timedelta(days=1)).isoformat()}, "id_start"),
        ({"end": (TODAY - timedelta(days=100)).isoformat()}, "id_end"),
        ({"outcome": "geweldig"}, "id_outcome"),
    ],
)
def test_bad_input_says_which_field_and_saves_nothing(client, world, change, field):
    client.force_login(world["contact"])
    data = {"provider": "Werkfit", "start": (TODAY - timedelta(days=90)).isoformat(),
            "outcome": "running", **change}  # fmt: skip
    response = client.post(reverse("pretrajectory-new", args=[world["person"].pk]), data)
    html = response.content.decode()
    assert response.status_code == 400 and f'href="#{field}' in html
    assert not Pretrajectory.objects.exists()


def test_the_region_page_lists_each_municipality_and_its_voortrajecten(client, world):
    region = world["person"].organisation.region
    houten = MunicipalityFactory.create(name="Houten", region=region)
    MunicipalityFactory.create(name="Lopik", region=region)
    elsewhere = MunicipalityFactory.create(name="Zwolle", region__name="Regio Zwolle")
    Programme.objects.create(municipality=houten, name="Werkfit-traject", provider="Stichting Werk",
                             contact="werkfit@houten.example")  # fmt: skip
    Programme.objects.create(municipality=elsewhere, name="Elders-traject")
    policy = UserFactory.create(
        role=Role.BELEIDSMEDEWERKER, organisation=world["person"].organisation
    )
    client.force_login(policy)
    html = client.get(reverse("programmes")).content.decode()
    assert "Werkfit-traject" in html and "Stichting Werk" in html
    lopik = html[html.index("Lopik") :]
    assert "Geen voortraject bekend." in lopik.split("<h2>")[0]
    assert "Zwolle" not in html and "Elders-traject" not in html
    assert Municipality.objects.filter(region=region).count() >= 2


@pytest.mark.parametrize(
    ("end", "outcome", "problems"),
    [
        (None, "running", set()),
        (None, "work_ready", {"end"}),
        (None, "stopped", {"end"}),
        (-1, "running", {"end"}),
        (0, "not_ready", set()),
        (30, "work_ready", set()),
    ],
)
def test_pretrajectory_problems(end, outcome, problems):
    start = TODAY - timedelta(days=60)
    found = pretrajectory_problems(
        start, start + timedelta(days=end) if end is not None else None, outcome
    )
    assert set(found) == problems
