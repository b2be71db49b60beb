"""/api/v1/vacancies (issue 19 §1): task packages through the API, written by the page's
service, with the page's rules and the JSON path of every problem."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from baanbehoud.employers.models import Vacancy
from baanbehoud.employers.tests.factories import EmployerFactory
from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    houten = MunicipalityFactory.create(name="Houten")
    accountmanager = UserFactory.create(
        role=Role.ACCOUNTMANAGER, organisation=houten.organisation, ref="am1"
    )
    employer = EmployerFactory.create(
        municipality=houten, account_manager=accountmanager, ref="wg1"
    )
    client = APIClient()
    client.force_authenticate(accountmanager)
    return client, employer, accountmanager


def test_an_accountmanager_adds_and_fills_a_task_package(setting):
    client, _employer, accountmanager = setting
    response = client.post(
        "/api/v1/vacancies",
        {"ref": "v7", "employer": "wg1", "title": "Gastvrouw", "hours_min": "12",
         "hours_max": "24", "municipality": "Houten", "buddy": True, "work_pressure": "low",
         "task_kinds": ["kitchen", "customers"]},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    vacancy = Vacancy.objects.get(ref="v7")
    assert vacancy.account_manager == accountmanager  # the employer's, by the service
    assert vacancy.task_kinds == ["kitchen", "customers"]
    assert response.json()["account_manager"] == "am1"
    listed = client.get("/api/v1/vacancies").json()
    assert [v["ref"] for v in listed["results"]] == ["v7"]
    changed = client.patch("/api/v1/vacancies/v7", {"status": "filled"}, format="json")
    assert changed.status_code == 200 and Vacancy.objects.get(ref="v7").status == "filled"


def test_a_ref_is_made_when_left_out(setting):
    client, _employer, _am = setting
    response = client.post(
        "/api/v1/vacancies",
        {"employer": "wg1", "title": "Tuinman", "hours_min": 8, "hours_max": 16},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["ref"].startswith("bb-vacature-")


@pytest.mark.parametrize(
    ("body", "path", "message"),
    [
        ({"hours_min": 24, "hours_max": 12}, "hours_max",
         "Het maximum aantal uren is lager dan het minimum."),
        ({"employer": "wg9"}, "employer", None),
        ({"status": "closed"}, "status", None),
        ({"task_kinds": ["cleaning", "dansen"]}, "task_kinds[1]", None),
    ],
)  # fmt: skip
def test_bad_input_names_the_field(setting, body, path, message):
    client, _employer, _am = setting
    data = {"employer": "wg1", "title": "Tuinman", "hours_min": 8, "hours_max": 16} | body
    response = client.post("/api/v1/vacancies", data, format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors[0]["path"] == path
    if message:
        assert errors[0]["message"] == message
    assert not Vacancy.objects.exists()


def test_a_ref_twice_is_refused(setting):
    client, _employer, _am = setting
    data = {"ref": "v1", "employer": "wg1", "title": "Tuinman", "hours_min": 8, "hours_max": 16}
    assert client.post("/api/v1/vacancies", data, format="json").status_code == 201
    again = client.post("/api/v1/vacancies", data, format="json")
    assert again.status_code == 400 and again.json()["errors"][0]["path"] == "ref"
