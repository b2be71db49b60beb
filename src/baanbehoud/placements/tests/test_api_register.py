"""The REST API of the case register: scoped like the web UI, validated like the forms, errors as
JSON with a path, every read and write of a person in the processing log."""

from datetime import date
from decimal import Decimal

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from baanbehoud.audit.models import ProcessingLogEntry
from baanbehoud.employers.tests.factories import EmployerFactory
from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    UserFactory,
)
from baanbehoud.persons.models import Person
from baanbehoud.persons.tests.factories import PersonFactory
from baanbehoud.placements.models import ContractPeriod, Ending, Placement

from .factories import ContractFactory, PlacementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    municipality = MunicipalityFactory.create(name="Woerden")
    klantmanager = UserFactory.create(
        ref="c1", role=Role.KLANTMANAGER, organisation=municipality.organisation
    )
    employer = EmployerFactory.create(ref="e1", account_manager=klantmanager)
    placement = PlacementFactory.create(
        ref="pl1",
        person=PersonFactory.create(ref="p1", municipality=municipality),
        employer=employer,
    )
    ContractFactory.create(placement=placement, start=date(2025, 3, 6), end=date(2025, 9, 30))
    return {
        "municipality": municipality,
        "klantmanager": klantmanager,
        "employer": employer,
        "placement": placement,
    }


@pytest.fixture
def api(world):
    client = APIClient()
    token = Token.objects.create(user=world["klantmanager"])
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_token_authentication_and_scoped_list(api, world):
    PersonFactory.create(ref="elsewhere")  # of another organisation
    response = api.get("/api/v1/persons")
    assert response.status_code == 200
    assert [p["ref"] for p in response.json()["results"]] == ["p1"]
    assert (
        ProcessingLogEntry.objects.filter(
            action="read", person_id=world["placement"].person_id
        ).count()
        == 1
    )


def test_retrieve_a_placement_with_nested_contracts(api, world):
    data = api.get("/api/v1/placements/pl1").json()
    assert data["person"] == "p1" and data["employer"] == "e1" and data["ending"] is None
    assert data["contracts"] == [
        {
            "kind": "temporary",
            "start": "2025-03-06",
            "end": "2025-09-30",
            "hours_per_week": "16.0",
            "probation_end": None,
            "cao_max_contracts": None,
            "cao_max_months": None,
            "cao_gap_months": None,
        }
    ]


def test_create_a_person_with_a_bad_bsn_gives_the_field_and_a_dutch_message(api, world):
    response = api.post(
        "/api/v1/persons",
        {
            "ref": "p2",
            "bsn": "123456789",
            "name": "A. Test",
            "birth_date": "1990-01-01",
            "municipality": "Woerden",
            "regime": "participatiewet",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {"path": "bsn", "message": "Dit BSN klopt niet (elfproef). Controleer het nummer."}
        ]
    }
    assert not Person.objects.filter(ref="p2").exists()


def test_create_a_person_and_a_placement_with_contracts(api, world):
    assert (
        api.post(
            "/api/v1/persons",
            {
                "ref": "p2",
                "bsn": "111222333",
                "name": "A. Test",
                "birth_date": "1990-01-01",
                "municipality": "Woerden",
                "regime": "participatiewet",
                "contact_person": "c1",
            },
            format="json",
        ).status_code
        == 201
    )
    response = api.post(
        "/api/v1/placements",
        {
            "ref": "pl2",
            "person": "p2",
            "employer": "e1",
            "function": "Inpakker",
            "route": "wsp",
            "contracts": [
                {
                    "kind": "proefplaatsing",
                    "start": "2026-01-05",
                    "end": "2026-03-04",
                    "hours_per_week": 12,
                },
                {
                    "kind": "temporary",
                    "start": "2026-03-05",
                    "end": "2026-09-04",
                    "hours_per_week": 16,
                },
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert ContractPeriod.objects.filter(placement__ref="pl2").count() == 2


def test_overlapping_nested_contracts_are_refused_with_their_path(api, world):
    PersonFactory.create(ref="p3", municipality=world["municipality"])
    response = api.post(
        "/api/v1/placements",
        {
            "ref": "pl3",
            "person": "p3",
            "employer": "e1",
            "function": "Inpakker",
            "route": "wsp",
            "contracts": [
                {
                    "kind": "temporary",
                    "start": "2026-01-01",
                    "end": "2026-06-30",
                    "hours_per_week": 16,
                },
                {
                    "kind": "temporary",
                    "start": "2026-06-01",
                    "end": "2026-12-31",
                    "hours_per_week": 16,
                },
            ],
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == "contracts[1].start"
    assert not Placement.objects.filter(ref="pl3").exists()


def test_adding_a_contract_runs_the_same_rules_as_the_form(api, world):
    overlap = api.post(
        "/api/v1/contracts",
        {
            "placement": "pl1",
            "kind": "temporary",
            "start": "2025-09-01",
            "end": "2026-08-31",
            "hours_per_week": 16,
        },
        format="json",
    )
    assert overlap.status_code == 400
    assert overlap.json()["errors"][0]["path"] == "start"
    ok = api.post(
        "/api/v1/contracts",
        {
            "placement": "pl1",
            "kind": "temporary",
            "start": "2025-10-01",
            "end": "2026-09-30",
            "hours_per_week": 20,
        },
        format="json",
    )
    assert ok.status_code == 201


def test_contact_moment_with_codes_and_the_author(api, world):
    response = api.post(
        "/api/v1/contacts",
        {
            "placement": "pl1",
            "date": "2025-04-15",
            "with": ["worker", "employer"],
            "summary": "Gaat goed.",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["with"] == ["worker", "employer"] and response.json()["by"] == "c1"
    empty = api.post(
        "/api/v1/contacts", {"placement": "pl1", "date": "2025-04-15", "with": []}, format="json"
    )
    assert empty.status_code == 400 and empty.json()["errors"][0]["path"] == "with"


def test_ending_with_reasons(api, world):
    response = api.post(
        "/api/v1/endings",
        {
            "placement": "pl1",
            "date": "2025-09-30",
            "initiative": "employer",
            "reasons": ["WORK_PRESSURE", "OTHER"],
            "notes": "",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"path": "notes", "message": "Bij de reden 'Andere reden' is een toelichting verplicht."}
    ]
    ok = api.post(
        "/api/v1/endings",
        {
            "placement": "pl1",
            "date": "2025-09-30",
            "initiative": "employer",
            "reasons": ["WORK_PRESSURE"],
        },
        format="json",
    )
    assert ok.status_code == 201
    assert Ending.objects.get().recorded_by == world["klantmanager"]


def test_a_record_of_another_organisation_is_not_found(world):
    client = APIClient()
    client.force_authenticate(
        UserFactory.create(role=Role.KLANTMANAGER, organisation=OrganisationFactory.create())
    )
    assert client.get("/api/v1/placements/pl1").status_code == 404
    assert (
        client.post(
            "/api/v1/contracts",
            {
                "placement": "pl1",
                "kind": "temporary",
                "start": "2025-10-01",
                "end": "2026-09-30",
                "hours_per_week": 20,
            },
            format="json",
        ).status_code
        == 400
    )


@pytest.mark.parametrize(
    "role", [Role.WERKGEVER, Role.WERKNEMER, Role.JOBCOACH, Role.BELEIDSMEDEWERKER]
)
def test_other_roles_have_no_access_to_the_register(world, role):
    client = APIClient()
    client.force_authenticate(
        UserFactory.create(role=role, organisation=world["municipality"].organisation)
    )
    assert client.get("/api/v1/persons").status_code == 403
    assert client.get("/api/v1/placements/pl1").status_code == 403


def test_an_arbeidsdeskundige_may_read_but_not_write(world):
    client = APIClient()
    client.force_authenticate(
        UserFactory.create(
            role=Role.ARBEIDSDESKUNDIGE, organisation=world["municipality"].organisation
        )
    )
    assert client.get("/api/v1/persons").status_code == 200
    assert client.post("/api/v1/contacts", {}, format="json").status_code == 403


def test_malformed_json_is_a_400_not_a_500(api):
    response = api.post("/api/v1/persons", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"]


def test_implausible_dates_are_refused(api, world):
    response = api.get("/api/v1/signals", {"on": "9999-12-31"})
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"path": "on", "message": "Vul een datum in tussen 1900 en 2199."}
    ]
    contract = api.post(
        "/api/v1/contracts",
        {
            "placement": "pl1",
            "kind": "temporary",
            "start": "9999-01-01",
            "end": "9999-12-31",
            "hours_per_week": 20,
        },
        format="json",
    )
    assert contract.status_code == 400


def test_hours_are_decimal_and_bounded(api, world):
    response = api.patch(
        f"/api/v1/contracts/{ContractPeriod.objects.get().pk}",
        {"hours_per_week": "-3"},
        format="json",
    )
    assert response.status_code == 400
    assert ContractPeriod.objects.get().hours_per_week == Decimal(16)
