"""Issue 17 §3: the contact persons' start page says what to do — the counts of Mijn signalen,
a concern first, what is due today — and the accountmanager's shows their employers with open
signals, vacancies and the first contract decision."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from baanbehoud.employers.models import Vacancy
from baanbehoud.guidance.models import Concern
from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import UserFactory
from baanbehoud.placements.tests.factories import ContractFactory, PlacementFactory
from baanbehoud.signals.selectors import start_overview

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today_stays")]

TODAY = timezone.localdate()


@pytest.fixture
def case():
    placement = PlacementFactory.create(person__name="Mila Start", employer__name="Kwekerij Oost")
    klantmanager = UserFactory.create(
        role=Role.KLANTMANAGER, organisation=placement.person.organisation
    )
    accountmanager = UserFactory.create(
        role=Role.ACCOUNTMANAGER, organisation=placement.person.organisation
    )
    placement.person.contact_person = klantmanager
    placement.person.save()
    placement.employer.account_manager = accountmanager
    placement.employer.save()
    # A temporary contract ending in five weeks: a contract decision coming up.
    ContractFactory.create(
        placement=placement,
        kind="temporary",
        start=TODAY - timedelta(days=200),
        end=TODAY + timedelta(days=70),
    )
    Concern.objects.create(placement=placement, date=TODAY, raised_by="worker", kind="health")
    Vacancy.objects.create(
        employer=placement.employer, title="Teeltmedewerker", hours_min=12, hours_max=24
    )
    return placement, klantmanager, accountmanager


def test_the_klantmanager_sees_counts_and_the_concern_first(client, case):
    placement, klantmanager, _am = case
    client.force_login(klantmanager)
    html = client.get(reverse("home")).content.decode()
    assert "<h1>Start</h1>" in html
    concerns_at = html.index("Eerst: iemand trekt aan de bel")
    assert concerns_at < html.index("Vandaag te doen")
    assert escape("Mila Start") in html[concerns_at:]
    assert reverse("concern-handle", args=[Concern.objects.get().pk]) in html
    overview = start_overview(placement.__class__.objects.filter(pk=placement.pk), TODAY)
    assert f"<strong>{overview.overdue}</strong> te laat" in html
    assert f"<strong>{overview.this_week}</strong> deze week" in html


def test_the_accountmanager_sees_their_employers_and_the_contract_decision(client, case):
    _placement, _km, accountmanager = case
    client.force_login(accountmanager)
    html = client.get(reverse("home")).content.decode()
    table = html[html.index("Mijn werkgevers") :]
    row = table[table.index("Kwekerij Oost") : table.index("</tr>", table.index("Kwekerij Oost"))]
    cells = [c.split(">", 1)[1] for c in row.split("<td")[1:]]
    assert cells[0].startswith("1<")  # running placements
    assert cells[2].startswith("1<")  # open vacancies
    decisions = html[html.index("Contractbeslissingen die eraan komen") :]
    assert 'data-code="CONTRACT_END"' in decisions and escape("Mila Start") in decisions


def test_the_navigation_counts_what_is_late_and_who_rang_the_bell(client, case):
    """Issue 18 §4: on every page, next to Mijn signalen."""
    placement, klantmanager, _am = case
    client.force_login(klantmanager)
    overview = start_overview(placement.__class__.objects.filter(pk=placement.pk), TODAY)
    html = client.get(reverse("person-list")).content.decode()
    badge = html[html.index("Mijn signalen") :].split("</a>", 1)[0]
    assert overview.overdue > 0  # no contact since the contract started, 200 days ago
    assert f'<span class="badge">{overview.overdue} te laat, 1 zorgsignaal</span>' in badge
    # The worklist page counts from the list it read: the same words.
    worklist = client.get(reverse("worklist")).content.decode()
    assert badge in worklist
