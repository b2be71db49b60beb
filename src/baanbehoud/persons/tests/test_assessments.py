"""Issue 17 §3: the arbeidsdeskundige has work to do in the product — the persons at work whose
load capacity nobody assessed, and a form to record it."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import UserFactory
from baanbehoud.persons.models import CandidateProfile, LoadAssessment
from baanbehoud.placements.models import Ending, Placement
from baanbehoud.placements.selectors import contract_notes
from baanbehoud.placements.tests.factories import ContractFactory, PlacementFactory
from baanbehoud.signals.selectors import open_signal_rows

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()  # `today_stays` keeps the clock on it


@pytest.fixture
def expert(client):
    placement = PlacementFactory.create(person__name="Iris Wachtend")
    user = UserFactory.create(
        role=Role.ARBEIDSDESKUNDIGE, organisation=placement.person.organisation
    )
    client.force_login(user)
    return user, placement


def test_the_start_page_lists_who_waits_and_recording_takes_them_off(client, expert):
    _user, placement = expert
    assessed = PlacementFactory.create(
        person__name="Tom Beoordeeld", person__municipality=placement.person.municipality
    )
    CandidateProfile.objects.create(person=assessed.person, load_hours_per_week=20)
    ended = PlacementFactory.create(
        person__name="Els Gestopt", person__municipality=placement.person.municipality
    )
    Ending.objects.create(placement=ended, date=date(2026, 1, 31), initiative="worker")
    assert client.get(reverse("home")).url == reverse("assessments")
    html = client.get(reverse("assessments")).content.decode()
    assert escape("Iris Wachtend") in html
    assert escape("Tom Beoordeeld") not in html and escape("Els Gestopt") not in html
    url = reverse("load-capacity-edit", args=[placement.person.pk])
    assert url in html
    empty = client.post(url, {"date": "", "hours_per_week": "", "course": "stable"})
    assert (
        empty.status_code == 400
        and not CandidateProfile.objects.filter(person=placement.person).exists()
    )
    done = client.post(
        url,
        {
            "date": "2026-03-10",
            "hours_per_week": "16",
            "course": "stable",
            "notes": "Geen tilwerk.",
        },
    )
    assert done.status_code == 302
    profile = CandidateProfile.objects.get(person=placement.person)
    assert (profile.load_hours_per_week, profile.load_notes) == (16, "Geen tilwerk.")
    assert escape("Iris Wachtend") not in client.get(reverse("assessments")).content.decode()


def test_recording_keeps_the_rest_of_the_profile(client, expert):
    _user, placement = expert
    CandidateProfile.objects.create(
        person=placement.person, motivation="Ik wil graag buiten werken.",
        employer_consent_on=date(2026, 5, 1),
    )  # fmt: skip
    client.post(
        reverse("load-capacity-edit", args=[placement.person.pk]),
        {"date": "2026-03-10", "hours_per_week": "24", "course": "stable"},
    )
    profile = CandidateProfile.objects.get(person=placement.person)
    assert profile.motivation == "Ik wil graag buiten werken."
    assert profile.employer_consent_on == date(2026, 5, 1)


# Issue 20 §4: load capacity over time.


def assess(client, person, day, hours, course="stable", **more):
    data = {"date": day, "hours_per_week": hours, "course": course, **more}
    return client.post(reverse("load-capacity-edit", args=[person.pk]), data)


def test_each_assessment_joins_the_history_and_the_latest_is_the_capacity(client, expert):
    _user, placement = expert
    person = placement.person
    assert assess(client, person, "2026-03-10", "24", work_pressure="medium").status_code == 302
    assert assess(client, person, "2026-09-01", "16", "progressive").status_code == 302
    # An older assessment, found later, joins the history but is not the current capacity.
    assert assess(client, person, "2025-11-01", "32").status_code == 302
    assert list(
        LoadAssessment.objects.filter(person=person).values_list("date", "hours_per_week")
    ) == [(date(2026, 9, 1), 16), (date(2026, 3, 10), 24), (date(2025, 11, 1), 32)]
    profile = CandidateProfile.objects.get(person=person)
    assert profile.load_hours_per_week == 16 and profile.load_work_pressure == ""
    # The form starts from the latest (a review changes only what changed) and shows the rest.
    html = client.get(reverse("load-capacity-edit", args=[person.pk])).content.decode()
    assert 'name="hours_per_week" value="16"' in html
    assert "1 september 2026: 16 uur per week" in html and "Verloop: gaat achteruit" in html
    assert (
        html.index("1 september 2026") < html.index("10 maart 2026") < html.index("1 november 2025")
    )
    page = client.get(reverse("person-detail", args=[person.pk])).content.decode()
    assert "Belastbaarheid" in page and "10 maart 2026: 24 uur per week" in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"next_review": "2026-03-01"}, "id_next_review", "De volgende beoordeling ligt na de"),
        ({"hours_per_day": "30"}, "id_hours_per_day", ""),
        ({"hours_per_week": "6", "hours_per_day": "8"}, "id_hours_per_day", "Uren per dag"),
        ({"date": "2099-01-01"}, "id_date", ""),
        ({"course": "worse"}, "id_course", ""),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(client, expert, data, field, message):
    _user, placement = expert
    post = {"date": "2026-03-10", "hours_per_week": "20", "course": "stable", **data}
    response = client.post(reverse("load-capacity-edit", args=[placement.person.pk]), post)
    html = response.content.decode()
    assert response.status_code == 400 and f'href="#{field}' in html and message in html
    assert not LoadAssessment.objects.exists()
    assert not CandidateProfile.objects.filter(person=placement.person).exists()


def test_a_second_assessment_on_the_same_day_is_refused(client, expert):
    _user, placement = expert
    assert assess(client, placement.person, "2026-03-10", "20").status_code == 302
    again = assess(client, placement.person, "2026-03-10", "12")
    assert again.status_code == 400
    assert "Op deze dag is al een beoordeling vastgelegd" in again.content.decode()
    assert CandidateProfile.objects.get(person=placement.person).load_hours_per_week == 20


def test_a_declining_course_puts_a_review_on_the_worklist_and_the_experts_page(
    client, expert, today_stays
):
    user, placement = expert
    today = TODAY
    contact = UserFactory.create(role=Role.KLANTMANAGER, organisation=user.organisation)
    placement.person.contact_person = contact
    placement.person.save()
    ContractFactory.create(
        placement=placement, start=today - timedelta(days=400), end=today + timedelta(days=400)
    )
    assessed = today - relativedelta(months=3)
    assert (
        assess(client, placement.person, assessed.isoformat(), "20", "progressive").status_code
        == 302
    )
    rows = open_signal_rows(Placement.objects.filter(pk=placement.pk), today)
    assert [(r.signal.code, r.signal.due) for r in rows if r.signal.code == "LOAD_REVIEW_DUE"] == [
        ("LOAD_REVIEW_DUE", today)
    ]
    html = client.get(reverse("assessments")).content.decode()
    assert "Opnieuw beoordelen" in html and escape("Iris Wachtend") in html
    # A newer, stable assessment resolves it.
    assert assess(client, placement.person, today.isoformat(), "20").status_code == 302
    rows = open_signal_rows(Placement.objects.filter(pk=placement.pk), today)
    assert "LOAD_REVIEW_DUE" not in [r.signal.code for r in rows]
    html = client.get(reverse("assessments")).content.decode()
    assert "Niemand hoeft nu opnieuw beoordeeld te worden." in html


def test_more_hours_than_the_capacity_warns_on_the_step_the_contract_and_the_api(
    client, expert, today_stays
):
    user, placement = expert
    today = TODAY
    manager = UserFactory.create(role=Role.KLANTMANAGER, organisation=user.organisation)
    placement.person.contact_person = manager
    placement.person.save()
    old = ContractFactory.create(
        placement=placement, start=today - timedelta(days=700), end=today - timedelta(days=366),
        hours_per_week=Decimal(40),
    )  # fmt: skip
    running = ContractFactory.create(
        placement=placement, start=today - timedelta(days=365), end=today + timedelta(days=100),
        hours_per_week=Decimal(32),
    )  # fmt: skip
    assert (
        assess(client, placement.person, (today - timedelta(days=30)).isoformat(), "24").status_code
        == 302
    )
    client.force_login(manager)
    form = client.get(reverse("hours-step-new", args=[placement.pk])).content.decode()
    assert "De belastbaarheid is 24 uur per week" in form
    later = (today + timedelta(days=30)).isoformat()
    step = client.post(
        reverse("hours-step-new", args=[placement.pk]),
        {"from_date": today.isoformat(), "hours_per_week": "40", "review_date": later},
        follow=True,
    ).content.decode()
    assert (
        "De stap in de urenopbouw is opgeslagen. Let op: 40 uur per week is meer dan de "
        "belastbaarheid van 24 uur per week" in step
    )
    within = client.post(
        reverse("hours-step-new", args=[placement.pk]),
        {"from_date": later, "hours_per_week": "20", "review_date": later},
        follow=True,
    ).content.decode()
    assert "Let op" not in within.split("De stap in de urenopbouw is opgeslagen.")[1][:20]
    # The placement page: the running contract and the 40-hour step, not the old contract.
    page = client.get(reverse("placement-detail", args=[placement.pk])).content.decode()
    assert page.count("is meer dan de belastbaarheid") == 2
    assert "32 uur per week is meer dan de belastbaarheid" in page
    assert "40 uur per week is meer dan de belastbaarheid" in page
    notes = contract_notes(placement)
    assert old.pk not in notes and "32 uur per week" in notes[running.pk][0]


def test_the_experts_list_reads_fresh_signals(client, expert, today_stays):
    """Nothing else has read the worklist since the assessment was saved: the page works out
    the stale placements itself, as every reader of the stored signals does."""
    from baanbehoud.persons.services import load_capacity_record

    user, placement = expert
    ContractFactory.create(
        placement=placement, start=TODAY - timedelta(days=400), end=TODAY + timedelta(days=400)
    )
    load_capacity_record(
        user=user, person=placement.person, date=TODAY - timedelta(days=10),
        hours_per_week=Decimal(20), next_review=TODAY - timedelta(days=1),
    )  # fmt: skip
    html = client.get(reverse("assessments")).content.decode()
    assert "Niemand hoeft nu opnieuw beoordeeld te worden." not in html
    assert reverse("load-capacity-edit", args=[placement.person.pk]) in html
