"""Issue 18 §1: one search for professionals — persons by name, client number or birth date,
employers by name or KvK, placements by function — scoped as everything else, logged, sent by
POST so a typed name stays out of links and logs, and never by BSN."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils.html import escape

from baanbehoud.audit.models import ProcessingLogEntry
from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import UserFactory
from baanbehoud.persons.tests.factories import PersonFactory
from baanbehoud.placements.tests.factories import PlacementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine(client):
    placement = PlacementFactory.create(
        person__name="Yara Zoekbaar",
        person__ref="CL-4711",
        person__birth_date=date(1999, 5, 17),
        employer__name="Tuincentrum Groen",
        employer__kvk="24681357",
        function="Medewerker kassa",
    )
    user = UserFactory.create(role=Role.KLANTMANAGER, organisation=placement.person.organisation)
    client.force_login(user)
    return placement


def found(client, query: str) -> str:
    return client.post(reverse("search"), {"q": query}).content.decode()


def test_a_person_by_name_client_number_or_birth_date(client, mine):
    for query in ("zoekbaar", "CL-4711", "17-05-1999", "1999-05-17"):
        assert escape("Yara Zoekbaar") in found(client, query), query
    assert ProcessingLogEntry.objects.filter(
        person_id=mine.person.pk, object_type="zoekresultaat"
    ).exists()


def test_an_employer_by_name_or_kvk_and_a_placement_by_function(client, mine):
    assert "Tuincentrum Groen" in found(client, "24681357")
    html = found(client, "kassa")
    assert reverse("placement-detail", args=[mine.pk]) in html


def test_nobody_outside_what_the_user_may_see(client, mine):
    PersonFactory.create(name="Yara Elders")  # another organisation, another region
    html = found(client, "yara")
    assert escape("Yara Zoekbaar") in html and escape("Yara Elders") not in html


def test_a_bsn_is_not_searched(client, mine):
    html = found(client, mine.person.bsn)
    assert "Zoek niet op BSN" in html
    assert escape("Yara Zoekbaar") not in html
    assert not ProcessingLogEntry.objects.filter(object_type="zoekresultaat").exists()


def test_the_search_box_is_on_every_page_of_a_professional(client, mine):
    html = client.get(reverse("person-detail", args=[mine.person.pk])).content.decode()
    assert f'action="{reverse("search")}"' in html and 'method="post"' in html


def test_list_counts_are_grammatical(client, mine):
    """Issue 18 §2: "1 persoon", not "1 personen"."""
    html = client.get(reverse("person-list")).content.decode()
    assert "<caption>1 persoon</caption>" in html
    html = client.get(reverse("employer-list")).content.decode()
    assert "<caption>1 werkgever</caption>" in html
