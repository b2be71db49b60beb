"""Import and export over the API: the same all-or-nothing result as JSON."""

import pytest
from rest_framework.test import APIClient

from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import UserFactory
from baanbehoud.persons.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder():
    client = APIClient()
    client.force_authenticate(UserFactory.create(role=Role.BEHEERDER))
    return client


def test_import_all_or_nothing_with_the_problem_list(beheerder, document):
    document["persons"][0]["bsn"] = "123456789"
    response = beheerder.post("/api/v1/import", document, format="json")
    assert response.status_code == 400
    assert response.json()["problems"] == [
        {
            "path": "persons[0].bsn",
            "message": "Dit BSN klopt niet (elfproef). Controleer het nummer.",
        }
    ]
    assert Person.objects.count() == 0


def test_import_and_dry_run(beheerder, document):
    dry = beheerder.post("/api/v1/import?dry_run=true", document, format="json")
    assert dry.status_code == 200 and dry.json()["dry_run"] is True and Person.objects.count() == 0
    real = beheerder.post("/api/v1/import", document, format="json").json()
    assert real["ok"] and real["counts"]["persons"] == {"created": 1, "updated": 0, "unchanged": 0}


def test_only_a_functional_administrator_may_import(document):
    client = APIClient()
    client.force_authenticate(UserFactory.create(role=Role.KLANTMANAGER))
    assert client.post("/api/v1/import", document, format="json").status_code == 403


def test_export_holds_only_the_persons_the_user_may_see(beheerder, document):
    beheerder.post("/api/v1/import", document, format="json")
    client = APIClient()
    fermwerk_km = UserFactory.create(
        role=Role.KLANTMANAGER, organisation=Person.objects.get().organisation
    )
    client.force_authenticate(fermwerk_km)
    assert [p["ref"] for p in client.get("/api/v1/export").json()["persons"]] == ["p1"]
    other = APIClient()
    other.force_authenticate(UserFactory.create(role=Role.KLANTMANAGER))
    assert other.get("/api/v1/export").json()["persons"] == []
    pseudo = client.get("/api/v1/export", {"pseudonymise": "true"}).json()
    assert "111222333" not in str(pseudo) and "J. Jansen" not in str(pseudo)
