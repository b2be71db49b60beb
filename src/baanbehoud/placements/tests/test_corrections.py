"""Issue 13 §9: a wrongly entered contract or ending is corrected or withdrawn by the contact
person, with a reason, in the processing log and on the placement's timeline; the signals
follow at once."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from baanbehoud.audit.models import Action, ProcessingLogEntry
from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import UserFactory
from baanbehoud.placements.models import ContractPeriod, Correction, Ending, Placement
from baanbehoud.signals.domain import Code
from baanbehoud.signals.selectors import open_signal_rows

from .factories import ContractFactory, PlacementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def placement():
    today = timezone.localdate()
    placement = PlacementFactory.create()
    ContractFactory.create(
        placement=placement, kind="temporary",
        start=today - timedelta(days=200), end=today + timedelta(days=30),
    )  # fmt: skip
    return placement


@pytest.fixture
def km(client, placement):
    user = UserFactory.create(role=Role.KLANTMANAGER, organisation=placement.person.organisation)
    client.force_login(user)
    return user


def _codes(placement):
    rows = open_signal_rows(Placement.objects.filter(pk=placement.pk), timezone.localdate())
    return {row.signal.code for row in rows}


def test_a_contract_end_date_corrected_moves_its_signal(client, km, placement):
    contract = placement.contracts.get()
    assert Code.CONTRACT_END in _codes(placement)
    new_end = contract.end + timedelta(days=365)
    url = reverse("contract-correct", args=[contract.pk])
    missing = client.post(url, {"kind": "temporary", "start": contract.start.isoformat(),
                                "end": new_end.isoformat(), "hours_per_week": "20"})  # fmt: skip
    assert missing.status_code == 400
    assert escape("Vul in waarom u het contract corrigeert.") in missing.content.decode()
    response = client.post(url, {
        "kind": "temporary", "start": contract.start.isoformat(), "end": new_end.isoformat(),
        "hours_per_week": "20", "reason": "Einddatum verkeerd overgenomen",
    })  # fmt: skip
    assert response.status_code == 302
    assert ContractPeriod.objects.get(pk=contract.pk).end == new_end
    assert Code.CONTRACT_END not in _codes(placement)  # the signal follows at once
    correction = Correction.objects.get(placement=placement)
    assert correction.reason == "Einddatum verkeerd overgenomen" and correction.by == km
    page = client.get(reverse("placement-detail", args=[placement.pk])).content.decode()
    assert "Einddatum verkeerd overgenomen" in page and "<h2>Correcties</h2>" in page
    assert ProcessingLogEntry.objects.filter(
        object_type="contractperiode (correctie)", action=Action.UPDATE
    ).exists()


def test_a_correction_obeys_the_same_rules(client, km, placement):
    contract = placement.contracts.get()
    response = client.post(reverse("contract-correct", args=[contract.pk]), {
        "kind": "temporary", "start": contract.start.isoformat(),
        "end": (contract.start - timedelta(days=1)).isoformat(), "hours_per_week": "20",
        "reason": "Typefout",
    })  # fmt: skip
    assert response.status_code == 400
    assert ContractPeriod.objects.get(pk=contract.pk).end == contract.end


def test_a_contract_withdrawn_is_gone_with_its_reason_on_the_timeline(client, km, placement):
    double = ContractFactory.create(
        placement=placement, kind="temporary",
        start=date(2010, 1, 1), end=date(2010, 6, 30),
    )  # fmt: skip
    url = reverse("contract-withdraw", args=[double.pk])
    assert client.post(url, {"reason": "Dubbel ingevoerd"}).status_code == 400  # not confirmed
    assert client.post(url, {"reason": "Dubbel ingevoerd", "confirm": "on"}).status_code == 302
    assert not ContractPeriod.objects.filter(pk=double.pk).exists()
    assert Correction.objects.get(placement=placement).action == "withdrawn"


def test_an_ending_withdrawn_brings_the_signals_back(client, km, placement):
    ending = Ending.objects.create(
        placement=placement, date=timezone.localdate() - timedelta(days=1), initiative="worker"
    )
    assert Code.CONTRACT_END not in _codes(placement)
    response = client.post(
        reverse("ending-withdraw", args=[ending.pk]),
        {"reason": "Verkeerde plaatsing", "confirm": "on"},
    )
    assert response.status_code == 302
    assert not Ending.objects.filter(pk=ending.pk).exists()
    assert Code.CONTRACT_END in _codes(placement)
