"""The CLI and API return exactly the structures of exchange-format.md, with the refs."""

import json
import re
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from baanbehoud.audit.models import ProcessingLogEntry
from baanbehoud.employers.tests.factories import EmployerFactory
from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import (
    OrganisationFactory,
    UserFactory,
)
from baanbehoud.placements.models import ContractPeriod
from baanbehoud.placements.tests.factories import PlacementFactory
from baanbehoud.signals.models import SignalSettings

pytestmark = pytest.mark.django_db


EXPECTED_CHAIN = {
    "placement": "pl1",
    "regime": "wab",
    "contracts_in_chain": 2,
    "max_contracts": 3,
    "chain_start": "2025-03-06",
    "max_months": 36,
    "permanent_by_law_from": "2028-03-06",
    "next_must_be_permanent": False,
    "is_permanent": False,
}
EXPECTED_SIGNALS = [
    {
        "code": "CONTRACT_END",
        "due": "2026-07-30",
        "priority": "normal",
        "person": "p1",
        "placement": "pl1",
        "employer": "e1",
        "owner": "c1",
        "message": "Tijdelijk contract eindigt op 30-09-2026. Bespreek verlenging met de werkgever. "
        "De werkgever moet uiterlijk 30-08-2026 schriftelijk laten weten of het contract "
        "doorgaat (aanzegplicht).",
    },
]


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_chain_command_prints_the_exchange_structure(example):
    assert (
        json.loads(run("chain", "pl1", "--on", "2026-01-01", "--format", "json")) == EXPECTED_CHAIN
    )


def test_chain_command_in_words(example):
    text = run("chain", "pl1", "--on", "2026-01-01")
    assert text.strip() == (
        "2e tijdelijk contract; een volgend contract is van rechtswege vast vanaf "
        "6 maart 2028 (Wab: maximaal 3 tijdelijke contracten in 36 maanden)."
    )


def test_chain_command_with_an_unknown_ref_fails_with_a_message(example):
    with pytest.raises(CommandError, match=re.escape("Plaatsing 'nope' bestaat niet.")):
        run("chain", "nope", "--on", "2026-01-01")


def test_signals_command_prints_the_exchange_structure(example):
    assert json.loads(run("signals", "--on", "2026-07-30", "--format", "json")) == EXPECTED_SIGNALS
    assert json.loads(run("signals", "--on", "2026-07-29", "--format", "json")) == []


def test_signals_command_filters_by_owner_and_prints_a_table(example):
    assert (
        json.loads(run("signals", "--on", "2026-07-30", "--format", "json", "--owner", "c2")) == []
    )
    table = run("signals", "--on", "2026-07-30", "--owner", "c1")
    assert "CONTRACT_END" in table and "1 open signalen op 2026-07-30." in table


def test_signals_command_logs_the_persons_read(example):
    run("signals", "--on", "2026-07-30", "--format", "json")
    entry = ProcessingLogEntry.objects.get()
    assert entry.person_id == example.person.pk and entry.user is None


def test_api_signals_and_chain(client, example):
    client.force_login(example.person.contact_person)
    response = client.get(reverse("api:api-signals"), {"on": "2026-07-30"})
    assert response.status_code == 200
    assert response.json() == EXPECTED_SIGNALS
    chain = client.get(reverse("api:api-placement-chain", args=["pl1"]), {"on": "2026-01-01"})
    assert chain.json() == EXPECTED_CHAIN


def test_api_rejects_a_bad_date_with_the_field_name(client, example):
    client.force_login(example.person.contact_person)
    response = client.get(reverse("api:api-signals"), {"on": "30-07-2026"})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert [e["path"] for e in errors] == ["on"]
    assert errors[0]["message"]


def test_api_shows_nothing_of_another_organisation(client, example):
    client.force_login(
        UserFactory.create(role=Role.KLANTMANAGER, organisation=OrganisationFactory.create())
    )
    assert client.get(reverse("api:api-signals"), {"on": "2026-07-30"}).json() == []
    assert client.get(reverse("api:api-placement-chain", args=["pl1"])).status_code == 404


def test_api_requires_authentication(client, example):
    assert client.get(reverse("api:api-signals")).status_code in (401, 403)


def test_openapi_schema_documents_both_endpoints(client, example):
    client.force_login(example.person.contact_person)
    schema = client.get(reverse("api:api-schema"), {"format": "json"}).json()
    assert "/api/v1/signals" in schema["paths"]
    assert "/api/v1/placements/{ref}/chain" in schema["paths"]


def test_chain_spans_two_placements_at_the_same_employer_but_not_the_proefplaatsing(example):
    earlier = PlacementFactory.create(ref="pl0", person=example.person, employer=example.employer)
    ContractPeriod.objects.create(
        placement=earlier,
        kind="temporary",
        start=date(2024, 9, 1),
        end=date(2025, 1, 5),
        hours_per_week=Decimal(12),
    )
    result = json.loads(run("chain", "pl1", "--on", "2026-01-01", "--format", "json"))
    assert result["contracts_in_chain"] == 3
    assert result["chain_start"] == "2024-09-01"
    assert result["next_must_be_permanent"] is True
    # The same contract at another employer does not count.
    other = PlacementFactory.create(person=example.person, employer=EmployerFactory.create())
    ContractPeriod.objects.create(
        placement=other,
        kind="temporary",
        start=date(2023, 1, 1),
        end=date(2023, 6, 30),
        hours_per_week=Decimal(12),
    )
    assert (
        json.loads(run("chain", "pl1", "--on", "2026-01-01", "--format", "json"))[
            "contracts_in_chain"
        ]
        == 3
    )


def test_lead_time_of_the_persons_organisation_applies(example):
    SignalSettings.objects.create(
        organisation=example.person.organisation, contract_end_lead_months=3
    )
    signals = json.loads(run("signals", "--on", "2026-06-30", "--format", "json"))
    assert [s["due"] for s in signals if s["code"] == "CONTRACT_END"] == ["2026-06-30"]
    before = json.loads(run("signals", "--on", "2026-06-29", "--format", "json"))
    assert [s for s in before if s["code"] == "CONTRACT_END"] == []
