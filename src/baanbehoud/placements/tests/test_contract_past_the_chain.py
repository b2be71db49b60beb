"""docs/signals.md on the contract page: when the chain says the next contract is permanent by
law, "vast" is chosen; saving "tijdelijk" needs a tick and a reason (or a CAO override); the
placement page then says so, also before the contract starts."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import escape

from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import UserFactory
from baanbehoud.placements.models import ContractPeriod

from .factories import ContractFactory, PlacementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def placement():
    """Three one-year temporary contracts (Wab): the next one is permanent by law."""
    placement = PlacementFactory.create()
    for year in (2024, 2025, 2026):
        ContractFactory.create(
            placement=placement, kind="temporary",
            start=date(year, 1, 1), end=date(year, 12, 31),
        )  # fmt: skip
    return placement


@pytest.fixture
def km(client, placement):
    client.force_login(
        UserFactory.create(role=Role.KLANTMANAGER, organisation=placement.person.organisation)
    )
    return client


def _post(client, placement, **extra):
    data = {"kind": "temporary", "start": "2027-01-01", "end": "2027-06-30", "hours_per_week": "20"}
    return client.post(reverse("contract-new", args=[placement.pk]), data | extra)


def test_the_form_chooses_permanent_when_the_law_says_so(km, placement):
    html = km.get(reverse("contract-new", args=[placement.pk])).content.decode()
    assert 'value="permanent" checked' in html or ('<option value="permanent" selected' in html), (
        html[html.find('name="kind"') - 200 : html.find('name="kind"') + 600]
    )


def test_a_fourth_temporary_contract_without_a_reason_is_refused(km, placement):
    response = _post(km, placement)
    html = response.content.decode()
    assert response.status_code == 400
    assert escape("Volgens de ketenbepaling is dit contract vanaf 1 januari 2027 vast") in html
    assert escape("Vul in waarom het contract toch tijdelijk is") in html
    assert placement.contracts.count() == 3


def test_with_the_tick_and_a_reason_it_is_saved_and_the_page_warns(km, placement):
    response = _post(
        km, placement, confirm_temporary="on", temporary_reason="Werkgever wil eerst praten"
    )
    assert response.status_code == 302
    fourth = ContractPeriod.objects.get(placement=placement, start=date(2027, 1, 1))
    assert fourth.kind == "temporary" and fourth.temporary_reason == "Werkgever wil eerst praten"
    page = km.get(reverse("placement-detail", args=[placement.pk])).content.decode()
    assert escape("vanaf 1 januari 2027 van rechtswege vast") in page
    # The chain text reads the recorded 4th contract, though it starts later than today.
    assert "dit is het laatste tijdelijke contract" not in page
    assert "Met het contract vanaf 1 januari 2027: 4e tijdelijk contract" in page


def test_a_cao_that_allows_more_contracts_needs_no_confirmation(km, placement):
    # (36 months from 1 January 2024 is also reached on 1 January 2027: the CAO must say both)
    response = _post(km, placement, cao_max_contracts="5", cao_max_months="48")
    assert response.status_code == 302
    assert ContractPeriod.objects.get(start=date(2027, 1, 1)).cao_max_contracts == 5


def test_a_permanent_contract_needs_nothing_extra(km, placement):
    response = km.post(
        reverse("contract-new", args=[placement.pk]),
        {"kind": "permanent", "start": "2027-01-01", "hours_per_week": "20"},
    )
    assert response.status_code == 302
    assert ContractPeriod.objects.get(start=date(2027, 1, 1)).hours_per_week == Decimal(20)
