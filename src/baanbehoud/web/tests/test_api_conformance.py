"""schemathesis against the OpenAPI schema, on a live test server: no 5xx and no response that
violates the schema, for every operation, bounded to a few hundred generated requests."""

from datetime import date
from decimal import Decimal

import pytest
import schemathesis
from hypothesis import HealthCheck, given, seed, settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from schemathesis.checks import not_a_server_error, response_schema_conformance

from baanbehoud.employers.tests.factories import EmployerFactory
from baanbehoud.exchange.importer import import_document
from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import MunicipalityFactory, UserFactory
from baanbehoud.persons.tests.factories import PersonFactory
from baanbehoud.placements.models import ContractPeriod
from baanbehoud.placements.tests.factories import PlacementFactory

EXAMPLES_PER_OPERATION = 8


@pytest.fixture
def api_schema(live_server):
    municipality = MunicipalityFactory.create(name="Woerden")
    user = UserFactory.create(
        ref="c1", role=Role.KLANTMANAGER, organisation=municipality.organisation, is_superuser=True
    )
    placement = PlacementFactory.create(
        ref="pl1",
        person=PersonFactory.create(ref="p1", municipality=municipality),
        employer=EmployerFactory.create(ref="e1"),
    )
    ContractPeriod.objects.create(
        placement=placement,
        kind="temporary",
        start=date(2025, 3, 6),
        end=date(2025, 9, 30),
        hours_per_week=Decimal(16),
    )
    token = Token.objects.create(user=user)
    schema = schemathesis.openapi.from_url(
        f"{live_server.url}/api/v1/schema/?format=json",
        headers={"Authorization": f"Token {token.key}"},
    )
    schema.config.update(base_url=live_server.url, headers={"Authorization": f"Token {token.key}"})
    return schema


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_api_has_no_server_errors_and_conforms_to_its_schema(api_schema):
    """Each operation with its own bounded hypothesis run (schemathesis' strategies), so one
    failing operation does not hide the others."""
    failures: dict[str, str] = {}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) > 30

    for operation in operations:
        # A fixed seed: varied input (derandomize=True generated almost nothing for optional
        # parameters), yet the same requests on every run.
        @seed(2020)
        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def run(case: schemathesis.Case) -> None:
            case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])

        try:
            run()
        except Exception as exc:  # collect every failing operation, report them together
            failures[operation.label] = str(exc)[:2000]
    assert failures == {}


@pytest.mark.django_db
def test_nul_characters_are_refused_everywhere_not_a_server_error(client):
    user = UserFactory.create(role=Role.KLANTMANAGER, is_superuser=True)
    client.force_login(user)
    assert client.get("/personen/", {"q": "a\x00b"}).status_code == 400
    assert client.get("/api/v1/persons/p\x001").status_code in (400, 404)
    api = APIClient()
    api.force_authenticate(user)
    response = api.post(
        "/api/v1/concerns", {"placement": "p\x00l", "date": "2025-01-01"}, format="json"
    )
    assert response.status_code == 400
    # The same words, with the path, as the import gives (one check for every door).
    assert response.json()["errors"] == [
        {"path": "placement", "message": "bevat een NUL-teken (\\u0000); verwijder het."}
    ]
    result = import_document({"format": "baanbehoud-exchange/1", "persons": [{"ref": "p\x001"}]})
    assert [(p.path, p.message) for p in result.problems] == [
        ("persons[0].ref", "bevat een NUL-teken (\\u0000); verwijder het.")
    ]
