"""The region's werkfit checklist (issue 20 §5, recommendation 1): points the region agreed, kept
by the functional administrator, judged per candidate on a page, shown on the person page and
weighed in the match; the exchange format carries the judgements."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from baanbehoud.audit.models import ProcessingLogEntry
from baanbehoud.organisations.models import Role, WerkfitItem
from baanbehoud.organisations.tests.factories import OrganisationFactory, UserFactory
from baanbehoud.persons.domain import werkfit_count
from baanbehoud.persons.models import WerkfitCheck
from baanbehoud.persons.tests.factories import PersonFactory

TODAY = timezone.localdate()
pytestmark = pytest.mark.usefixtures("today_stays")  # a run across midnight


@pytest.mark.parametrize(
    ("answers", "points", "count"),
    [
        ({}, [1, 2, 3], None),  # nothing judged: nobody knows
        ({1: "yes"}, [1, 2, 3], (1, 3)),  # the points not judged count as not yet met
        ({1: "yes", 2: "not_yet", 3: "yes"}, [1, 2, 3], (2, 3)),
        ({1: "yes", 2: "yes"}, [1, 2], (2, 2)),
        ({9: "yes"}, [1, 2], None),  # a point no longer on the list does not count
        ({1: "yes", 9: "yes"}, [1, 2], (1, 2)),
        ({1: "yes"}, [], None),  # a region without a checklist
    ],
)
def test_the_count_of_a_checklist(answers, points, count):
    assert werkfit_count(answers, points) == count


@pytest.fixture
def world(client):
    person = PersonFactory.create(name="Sanne de Wit")
    contact = UserFactory.create(role=Role.KLANTMANAGER, organisation=person.organisation)
    person.contact_person = contact
    person.save()
    region = person.organisation.region
    assert region is not None
    points = [
        WerkfitItem.objects.create(region=region, code=code, text=text, order=n)
        for n, (code, text) in enumerate(
            [("t-ritme", "Heeft een vast dagritme"), ("t-reizen", "Reist zelf naar het werk"),
             ("t-uren", "Kan 12 uur per week werken")]
        )
    ]  # fmt: skip
    WerkfitItem.objects.create(region=region, code="t-oud", text="Oud punt", active=False)
    client.force_login(contact)
    return {"person": person, "contact": contact, "points": points}


def answers(points, values, day=TODAY):
    data = {"checked_on": day.isoformat()}
    for point, (answer, note) in zip(points, values, strict=True):
        data[f"point_{point.pk}"] = answer
        data[f"note_{point.pk}"] = note
    return data


@pytest.mark.django_db
def test_a_contact_person_fills_the_checklist_and_the_person_page_shows_it(client, world):
    person, points = world["person"], world["points"]
    url = reverse("werkfit-edit", args=[person.pk])
    page = client.get(reverse("person-detail", args=[person.pk])).content.decode()
    assert url in page and "De werkfit-checklist van de regio is nog niet ingevuld." in page
    form = client.get(url).content.decode()
    assert "Heeft een vast dagritme" in form and "Oud punt" not in form  # only points in use
    response = client.post(
        url, answers(points, [("yes", ""), ("not_yet", "Oefent met de bus."), ("yes", "")])
    )
    assert response.status_code == 302
    stored = {c.item.code: (c.answer, c.note, c.by) for c in WerkfitCheck.objects.all()}
    assert stored == {
        "t-ritme": ("yes", "", world["contact"]),
        "t-reizen": ("not_yet", "Oefent met de bus.", world["contact"]),
        "t-uren": ("yes", "", world["contact"]),
    }
    page = client.get(reverse("person-detail", args=[person.pk])).content.decode()
    assert "2 van de 3 punten van de werkfit-checklist van de regio lukken" in page
    assert "Oefent met de bus." in page
    assert ProcessingLogEntry.objects.filter(
        person_id=person.pk, object_type="werkfit-checklist"
    ).exists()


@pytest.mark.django_db
def test_judging_again_keeps_the_date_of_what_did_not_change(client, world):
    person, points = world["person"], world["points"]
    url = reverse("werkfit-edit", args=[person.pk])
    earlier = TODAY - timedelta(days=30)
    client.post(url, answers(points, [("yes", ""), ("not_yet", ""), ("not_yet", "")], earlier))
    # A month later the bus goes well; the hours are not known any more (taken back).
    client.post(url, answers(points, [("yes", ""), ("yes", ""), ("", "")]))
    stored = {c.item.code: (c.answer, c.checked_on) for c in WerkfitCheck.objects.all()}
    assert stored == {"t-ritme": ("yes", earlier), "t-reizen": ("yes", TODAY)}


@pytest.mark.django_db
def test_a_date_in_the_future_is_refused_and_nothing_is_written(client, world):
    person, points = world["person"], world["points"]
    response = client.post(
        reverse("werkfit-edit", args=[person.pk]),
        answers(points, [("yes", "")] * 3, TODAY + timedelta(days=1)),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "error-summary" in html and "Beoordeeld op" in html
    assert not WerkfitCheck.objects.exists()
    bad = answers(points, [("misschien", ""), ("yes", ""), ("yes", "")])
    assert client.post(reverse("werkfit-edit", args=[person.pk]), bad).status_code == 400
    assert not WerkfitCheck.objects.exists()
    # Also when no answer changes: the date is the form's to check, not only the records'.
    url = reverse("werkfit-edit", args=[person.pk])
    assert client.post(url, answers(points, [("yes", "")] * 3)).status_code == 302
    again = client.post(url, answers(points, [("yes", "")] * 3, TODAY + timedelta(days=1)))
    assert again.status_code == 400 and "error-summary" in again.content.decode()


@pytest.mark.django_db
def test_a_region_without_a_checklist_says_so(client):
    person = PersonFactory.create()
    client.force_login(UserFactory.create(role=Role.KLANTMANAGER, organisation=person.organisation))
    html = client.get(reverse("werkfit-edit", args=[person.pk])).content.decode()
    assert "De regio heeft nog geen werkfit-checklist." in html
    page = client.get(reverse("person-detail", args=[person.pk])).content.decode()
    assert "Werkfit" not in page


@pytest.mark.django_db
def test_another_region_s_points_are_not_offered(client, world):
    elsewhere = OrganisationFactory.create(region__name="Elders").region
    assert elsewhere is not None
    WerkfitItem.objects.create(region=elsewhere, code="e-punt", text="Punt van elders")
    html = client.get(reverse("werkfit-edit", args=[world["person"].pk])).content.decode()
    assert "Punt van elders" not in html
