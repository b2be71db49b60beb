"""The person page: the placement timeline, in order, for those who may see it, logged."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from baanbehoud.audit.models import ProcessingLogEntry
from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import OrganisationFactory, UserFactory
from baanbehoud.placements.tests.factories import ContractFactory, PlacementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def placement():
    placement = PlacementFactory.create(function="Inpakker", employer__name="Bakkerij Voorbeeld")
    # Created out of order on purpose: the page must sort by date.
    ContractFactory.create(
        placement=placement,
        kind="temporary",
        start=date(2025, 10, 1),
        end=date(2026, 9, 30),
        hours_per_week=Decimal(20),
    )
    ContractFactory.create(
        placement=placement,
        kind="proefplaatsing",
        start=date(2025, 1, 6),
        end=date(2025, 3, 5),
        hours_per_week=Decimal(12),
    )
    ContractFactory.create(
        placement=placement,
        kind="temporary",
        start=date(2025, 3, 6),
        end=date(2025, 9, 30),
        hours_per_week=Decimal(16),
    )
    return placement


@pytest.fixture
def klantmanager(placement):
    return UserFactory.create(role=Role.KLANTMANAGER, organisation=placement.person.organisation)


def contract_lines(html: str) -> list[str]:
    items = re.findall(r'<li class="contract">(.*?)</li>', html, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", "", item).split()) for item in items]


def test_person_page_shows_the_contracts_in_order(client, placement, klantmanager):
    client.force_login(klantmanager)
    response = client.get(reverse("person-detail", args=[placement.person.pk]))
    assert response.status_code == 200
    assert contract_lines(response.content.decode()) == [
        "Proefplaatsing: 6 januari 2025 tot en met 5 maart 2025, 12 uur per week",
        "Tijdelijk contract: 6 maart 2025 tot en met 30 september 2025, 16 uur per week",
        "Tijdelijk contract: 1 oktober 2025 tot en met 30 september 2026, 20 uur per week",
    ]
    assert "Inpakker bij" in response.content.decode()


def test_person_page_shows_a_missing_contact_person(client, placement, klantmanager):
    client.force_login(klantmanager)
    response = client.get(reverse("person-detail", args=[placement.person.pk]))
    assert "Geen vaste contactpersoon" in response.content.decode()


def test_person_page_never_shows_the_bsn(client, placement, klantmanager):
    client.force_login(klantmanager)
    response = client.get(reverse("person-detail", args=[placement.person.pk]))
    assert placement.person.bsn not in response.content.decode()


def test_reading_the_person_page_is_in_the_processing_log_with_a_hashed_bsn(
    client, placement, klantmanager
):
    client.force_login(klantmanager)
    client.get(reverse("person-detail", args=[placement.person.pk]))
    entry = ProcessingLogEntry.objects.get()
    assert entry.person_id == placement.person.pk
    assert entry.user == klantmanager
    assert entry.action == "read"
    assert entry.bsn_hash and placement.person.bsn not in entry.bsn_hash


def test_a_klantmanager_of_another_organisation_gets_not_found(client, placement):
    client.force_login(
        UserFactory.create(role=Role.KLANTMANAGER, organisation=OrganisationFactory.create())
    )
    response = client.get(reverse("person-detail", args=[placement.person.pk]))
    assert response.status_code == 404
    assert ProcessingLogEntry.objects.count() == 0


def test_anonymous_visitors_are_sent_to_the_login_page(client, placement):
    response = client.get(reverse("person-detail", args=[placement.person.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_person_list_logs_one_entry_per_person_shown(client, placement, klantmanager):
    other = PlacementFactory.create(person__municipality=placement.person.municipality).person
    client.force_login(klantmanager)
    response = client.get(reverse("person-list"))
    assert escape(placement.person.name) in response.content.decode()
    assert sorted(ProcessingLogEntry.objects.values_list("person_id", flat=True)) == sorted(  # type: ignore[type-var]
        [placement.person.pk, other.pk]
    )


def test_employer_page_lists_its_workers_with_the_contract_end_date(
    client, placement, klantmanager
):
    client.force_login(klantmanager)
    response = client.get(reverse("employer-detail", args=[placement.employer.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert escape(placement.person.name) in html
    assert "30 september 2026" in html


def test_open_signals_on_the_person_page_have_the_worklist_actions(client):
    """Issue 21 §2: the same one-click actions as on the worklist."""
    today = timezone.localdate()
    placement = PlacementFactory.create()
    ContractFactory.create(
        placement=placement,
        kind="temporary",
        start=today - timedelta(days=300),
        end=today + timedelta(days=20),
    )
    km = UserFactory.create(role=Role.KLANTMANAGER, organisation=placement.person.organisation)
    client.force_login(km)
    html = client.get(reverse("person-detail", args=[placement.person.pk])).content.decode()
    assert "Contract loopt af" in html
    assert reverse("contract-new", args=[placement.pk]) in html
    assert reverse("ending-new", args=[placement.pk]) in html


def test_every_page_names_its_favicon(client):
    """Issue 17 §7: a favicon, so the browser does not ask for a missing one."""
    html = client.get(reverse("login")).content.decode()
    assert 'rel="icon" href="/static/baanbehoud/favicon.svg"' in html
    assert client.get("/static/baanbehoud/favicon.svg").status_code == 200
