"""Sickness (issue 20 §1; report §3 "Instrumenten"): the worker, the employer or the contact
person reports sick; the contact person hears at once, sees who acts (the region's agreement)
and the Poortwachter steps with their dates; recovery closes it. Bad input says which field and
saves nothing; one sickness is one report, also when two report it at once."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from baanbehoud.audit.models import ProcessingLogEntry
from baanbehoud.guidance.models import SickReport
from baanbehoud.guidance.services import sick_report
from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import UserFactory
from baanbehoud.placements.models import Placement
from baanbehoud.placements.tests.factories import ContractFactory, PlacementFactory
from baanbehoud.signals.selectors import open_signal_rows

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today_stays")]
TODAY = timezone.localdate()


@pytest.fixture
def world():
    placement = PlacementFactory.create(function="Inpakker", person__name="Sanne de Wit")
    organisation = placement.person.organisation
    contact = UserFactory.create(
        role=Role.KLANTMANAGER, organisation=organisation, email="contact@example.org"
    )
    placement.person.contact_person = contact
    placement.person.save()
    ContractFactory.create(
        placement=placement,
        kind="permanent",
        start=TODAY - timedelta(days=400),
        end=None,
        hours_per_week=Decimal(24),
    )
    worker = UserFactory.create(role=Role.WERKNEMER, person=placement.person, organisation=None)
    supervisor = UserFactory.create(
        role=Role.WERKGEVER, employer=placement.employer, organisation=None
    )
    return {"placement": placement, "contact": contact, "worker": worker, "supervisor": supervisor}


def codes(placement):
    return {
        r.signal.code: r
        for r in open_signal_rows(Placement.objects.filter(pk=placement.pk), TODAY)
        if r.signal.code in ("SICK_REPORTED", "POORTWACHTER_CHECK")
    }


def test_the_employer_reports_sick_and_the_contact_person_hears_at_once(client, world):
    placement = world["placement"]
    client.force_login(world["supervisor"])
    home = client.get(reverse("employer-home")).content.decode()
    url = reverse("sick-report-new", args=[placement.pk])
    assert url in home
    response = client.post(url, {"first_day": TODAY.isoformat()})
    report = SickReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("sick-report", args=[report.pk])
    assert (report.reported_by, report.first_day, report.recorded_by) == (
        "employer",
        TODAY,
        world["supervisor"],
    )
    # The contact person's worklist: a high-priority signal, owned by the contact person.
    row = codes(placement)["SICK_REPORTED"]
    assert row.owner == world["contact"] and row.signal.priority == "high"
    # An e-mail that names neither the worker nor the illness.
    assert [m.to for m in mail.outbox] == [["contact@example.org"]]
    assert "Sanne" not in mail.outbox[0].body
    # The employer's own page now offers the report to update, not a second one.
    home = client.get(reverse("employer-home")).content.decode()
    assert reverse("sick-report", args=[report.pk]) in home and url not in home
    assert ProcessingLogEntry.objects.filter(
        user=world["supervisor"], object_type="ziekmelding", action="create"
    ).exists()


def test_the_contact_person_sees_who_acts_and_the_steps(client, world):
    placement = world["placement"]
    region = placement.person.organisation.region
    region.sick_benefit = "UWV Utrecht, team Ziektewet: zij regelen de uitkering."
    region.save()
    first = TODAY - timedelta(days=40)  # week 6 of sickness
    report = sick_report(user=world["worker"], placement=placement, first_day=first)
    client.force_login(world["contact"])
    worklist = client.get(reverse("worklist")).content.decode()
    assert reverse("sick-report", args=[report.pk]) in worklist
    page = client.get(reverse("sick-report", args=[report.pk])).content.decode()
    assert "Wie is aan zet?" in page
    assert escape(region.sick_benefit) in page  # the region's own agreement
    assert "Wet verbetering poortwachter" in page  # the default for the reintegration
    assert "de probleemanalyse door de bedrijfsarts".capitalize() in page
    assert "Deze week" in page
    deadline = first + timedelta(weeks=6, days=-1)
    assert f"{deadline.day} " in page
    # The worklist: reported (no contact yet) and the week-6 step.
    found = codes(placement)
    assert set(found) == {"SICK_REPORTED", "POORTWACHTER_CHECK"}
    assert found["POORTWACHTER_CHECK"].signal.due == first + timedelta(weeks=5)


def test_a_contact_resolves_the_report_and_recovery_closes_it(client, world):
    placement = world["placement"]
    report = sick_report(
        user=world["supervisor"], placement=placement, first_day=TODAY - timedelta(days=3)
    )
    client.force_login(world["contact"])
    client.post(
        reverse("contact-new", args=[placement.pk]),
        {"date": TODAY.isoformat(), "with_employer": "on", "channel": "phone"},
    )
    assert "SICK_REPORTED" not in codes(placement)
    # The worker is back: the employer records it.
    client.force_login(world["supervisor"])
    url = reverse("sick-report", args=[report.pk])
    response = client.post(url, {"recovered_on": TODAY.isoformat()})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.recovered_on == TODAY
    assert codes(placement) == {}
    # A new sickness can be reported from the day of recovery on.
    client.force_login(world["worker"])
    assert (
        reverse("sick-report-new", args=[placement.pk])
        in client.get(reverse("worker-home")).content.decode()
    )


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"first_day": ""}, "id_first_day", None),
        ({"first_day": "morgen"}, "id_first_day", None),
        ({"first_day": (TODAY + timedelta(days=1)).isoformat()}, "id_first_day", None),
        (
            {"first_day": TODAY.isoformat(), "expected_return": TODAY.isoformat()},
            "id_expected_return",
            "De verwachte terugkeer ligt na de eerste ziektedag.",
        ),
    ],
)
def test_bad_input_says_which_field_and_saves_nothing(client, world, data, field, message):
    client.force_login(world["worker"])
    response = client.post(reverse("sick-report-new", args=[world["placement"].pk]), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in html and f'href="#{field}' in html
    if message:
        assert escape(message) in html
    assert not SickReport.objects.exists()
    assert mail.outbox == []


def test_a_recovery_before_the_first_day_is_refused(client, world):
    report = sick_report(
        user=world["contact"], placement=world["placement"], first_day=TODAY - timedelta(days=3)
    )
    client.force_login(world["contact"])
    response = client.post(
        reverse("sick-report", args=[report.pk]),
        {"recovered_on": (TODAY - timedelta(days=5)).isoformat()},
    )
    assert response.status_code == 400
    assert escape("De dag van herstel (weer aan het werk) ligt na de eerste ziektedag.") in (
        response.content.decode()
    )
    report.refresh_from_db()
    assert report.recovered_on is None


def test_one_sickness_is_one_report(client, world):
    """The worker and the employer both report: the second hears there is one already."""
    placement = world["placement"]
    first = sick_report(user=world["worker"], placement=placement, first_day=TODAY)
    client.force_login(world["supervisor"])
    url = reverse("sick-report-new", args=[placement.pk])
    assert client.get(url)["Location"] == reverse("sick-report", args=[first.pk])
    response = client.post(url, {"first_day": TODAY.isoformat()})
    assert response.status_code == 400
    assert "Er loopt al een ziekmelding" in response.content.decode()
    assert SickReport.objects.count() == 1


def test_others_cannot_reach_it(client, world):
    report = sick_report(user=world["worker"], placement=world["placement"], first_day=TODAY)
    other_placement = PlacementFactory.create()
    stranger = UserFactory.create(
        role=Role.WERKGEVER, employer=other_placement.employer, organisation=None
    )
    client.force_login(stranger)
    assert client.get(reverse("sick-report", args=[report.pk])).status_code == 404
    assert (
        client.post(reverse("sick-report-new", args=[world["placement"].pk]), {}).status_code == 404
    )
    # The note is for the contact person: the employer does not see it.
    report.note = "Rugklachten, fysiotherapie."
    report.save()
    client.force_login(world["supervisor"])
    page = client.get(reverse("sick-report", args=[report.pk])).content.decode()
    assert "Rugklachten" not in page and "Sanne de Wit" not in page
    client.force_login(world["contact"])
    assert "Rugklachten" in client.get(reverse("sick-report", args=[report.pk])).content.decode()


def test_the_api_door_has_the_same_rules(client, world):
    """/api/v1/sick-reports: the page's service and rules, the problem at its field."""
    placement = world["placement"]
    client.force_login(world["contact"])
    url = "/api/v1/sick-reports"
    body = {"placement": placement.ref, "first_day": TODAY.isoformat()}
    created = client.post(url, body, content_type="application/json")
    assert created.status_code == 201, created.json()
    report = SickReport.objects.get()
    assert (report.reported_by, created.json()["reported_by"]) == ("professional", "professional")
    second = client.post(url, body, content_type="application/json")
    assert second.status_code == 400
    assert "Er loopt al een ziekmelding" in errors(second)["first_day"]
    early = client.patch(
        f"{url}/{report.pk}",
        {"recovered_on": (TODAY - timedelta(days=1)).isoformat()},
        content_type="application/json",
    )
    assert errors(early) == {
        "recovered_on": "De dag van herstel (weer aan het werk) ligt na de eerste ziektedag."
    }
    back = client.patch(
        f"{url}/{report.pk}",
        {"recovered_on": TODAY.isoformat(), "expected_return": None},
        content_type="application/json",
    )
    assert "recovered_on" in errors(back)  # recovered on the first day: not a day of sickness
    report.refresh_from_db()
    assert report.recovered_on is None and SickReport.objects.count() == 1


def errors(response):
    assert response.status_code == 400
    return {e["path"]: e["message"] for e in response.json()["errors"]}
