"""Issue 13 §8: the API covers every record a page can write, through the same services and the
same rules: jobcoach trajectories, hours and reports, provisions and hours build-up steps."""

from __future__ import annotations

import copy

import pytest

from baanbehoud.audit.models import ProcessingLogEntry
from baanbehoud.exchange.importer import import_document
from baanbehoud.exchange.tests.conftest import EXAMPLE
from baanbehoud.guidance.models import JobcoachTrajectory, Provision
from baanbehoud.organisations.models import Organisation, Role, User
from baanbehoud.organisations.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    assert import_document(copy.deepcopy(EXAMPLE)).ok
    km = User.objects.get(ref="c1")
    km.role = Role.KLANTMANAGER
    km.save()
    client.force_login(km)
    return client


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_a_trajectory_its_hours_and_a_report(api):
    organisation = Organisation.objects.get(kind="jobcoach")
    coach = UserFactory.create(ref="coach-1", role=Role.JOBCOACH, organisation=organisation)
    created = post(api, "/api/v1/jobcoaching", {
        "placement": "pl1", "organisation": organisation.ref, "coach": coach.ref,
        "start": "2025-10-01", "yearly_budget_hours": 20,
    })  # fmt: skip
    assert created.status_code == 201, created.json()
    trajectory = JobcoachTrajectory.objects.get(ref=created.json()["ref"])
    assert trajectory.budget_hours() == 20 and trajectory.placement.person.jobcoach == coach
    booked = post(api, "/api/v1/jobcoach-hours",
                  {"trajectory": trajectory.ref, "month": "2026-01-01", "hours": 15})  # fmt: skip
    assert booked.status_code == 201
    too_many = post(api, "/api/v1/jobcoach-hours",
                    {"trajectory": trajectory.ref, "month": "2026-02-01", "hours": 10})  # fmt: skip
    assert too_many.status_code == 400
    assert "Het maximum is 20 uur per jaar" in too_many.json()["errors"][0]["message"]
    report = post(api, "/api/v1/jobcoach-reports",
                  {"trajectory": trajectory.ref, "date": "2026-01-15", "risk": True})  # fmt: skip
    assert report.status_code == 201
    future = post(api, "/api/v1/jobcoach-reports",
                  {"trajectory": trajectory.ref, "date": "2099-01-15"})  # fmt: skip
    assert future.status_code == 400
    assert ProcessingLogEntry.objects.filter(object_type="jobcoachuren").exists()


def test_a_provision_is_requested_and_granted(api):
    created = post(api, "/api/v1/provisions",
                   {"placement": "pl1", "kind": "Aangepaste stoel", "requested": "2026-01-05"})  # fmt: skip
    assert created.status_code == 201
    pk = created.json()["id"]
    granted = api.patch(f"/api/v1/provisions/{pk}", {"granted": "2026-02-01"},
                        content_type="application/json")  # fmt: skip
    assert granted.status_code == 200
    assert Provision.objects.get(pk=pk).status == "granted"
    early = api.patch(f"/api/v1/provisions/{pk}", {"granted": "2025-12-01"},
                      content_type="application/json")  # fmt: skip
    assert early.status_code == 400
    assert early.json()["errors"][0]["path"] == "granted"


def test_an_hours_step_is_planned_and_decided(api):
    created = post(api, "/api/v1/hours-steps", {
        "placement": "pl1", "from_date": "2026-01-05", "hours_per_week": 24,
        "review_date": "2026-03-01",
    })  # fmt: skip
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    bad = api.patch(f"/api/v1/hours-steps/{pk}", {"decided_on": "2026-03-02"},
                    content_type="application/json")  # fmt: skip
    assert bad.status_code == 400 and bad.json()["errors"][0]["path"] == "decision"
    decided = api.patch(f"/api/v1/hours-steps/{pk}",
                        {"decided_on": "2026-03-02", "decision": "increase"},
                        content_type="application/json")  # fmt: skip
    assert decided.status_code == 200


def test_the_schema_lists_them(api):
    paths = api.get("/api/v1/schema/", {"format": "json"}).json()["paths"]
    for path in ("/api/v1/jobcoaching", "/api/v1/jobcoach-hours", "/api/v1/jobcoach-reports",
                 "/api/v1/provisions", "/api/v1/hours-steps"):  # fmt: skip
        assert path in paths, path
