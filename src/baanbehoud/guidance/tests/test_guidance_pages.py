"""Guidance in daily work (issue: report §2.3, §3.3, §4.3): each form saves, shows a Dutch
message next to the field and in the summary on bad input, and saves nothing then; workers,
supervisors and jobcoaches see only their own."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from baanbehoud.guidance.domain import EVALUATION_ITEMS
from baanbehoud.guidance.models import (
    Concern,
    Evaluation,
    EvaluationResponse,
    JobcoachHours,
    JobcoachTrajectory,
    Provision,
)
from baanbehoud.organisations.models import OrganisationKind, Role, User
from baanbehoud.organisations.tests.factories import OrganisationFactory, UserFactory
from baanbehoud.persons.models import CandidateProfile, Handover
from baanbehoud.placements.models import HoursStep, Placement
from baanbehoud.placements.tests.factories import ContractFactory, PlacementFactory
from baanbehoud.signals.selectors import open_signal_rows

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today_stays")]
TODAY = timezone.localdate()


@pytest.fixture
def world():
    placement = PlacementFactory.create(function="Inpakker", person__name="Sanne de Wit")
    organisation = placement.person.organisation
    contact = UserFactory.create(
        role=Role.KLANTMANAGER,
        organisation=organisation,
        full_name="Karin Jansen",  # not a random name: the e-mail must not name the worker
        email="contact@example.org",
        phone="030-1234567",
    )
    placement.person.contact_person = contact
    placement.person.save()
    ContractFactory.create(
        placement=placement,
        kind="temporary",
        start=TODAY - timedelta(days=100),
        end=TODAY + timedelta(days=200),
        hours_per_week=Decimal(16),
    )
    worker = UserFactory.create(role=Role.WERKNEMER, person=placement.person, organisation=None)
    supervisor = UserFactory.create(
        role=Role.WERKGEVER, employer=placement.employer, organisation=None
    )
    coach_org = OrganisationFactory.create(kind=OrganisationKind.JOBCOACH)
    coach = UserFactory.create(role=Role.JOBCOACH, organisation=coach_org)
    trajectory = JobcoachTrajectory.objects.create(
        ref="jc1",
        placement=placement,
        organisation=coach_org,
        coach=coach,
        start=TODAY - timedelta(days=90),
    )
    return {
        "placement": placement,
        "contact": contact,
        "worker": worker,
        "supervisor": supervisor,
        "coach": coach,
        "trajectory": trajectory,
    }


def assert_form_error(response, field_id: str, message: str) -> None:
    html = response.content.decode()
    assert response.status_code == 400
    assert "<title>Fout: " in html and 'class="error-summary"' in html
    assert f'href="#{field_id}' in html
    assert escape(message) in html


def all_answers(score: int) -> dict[str, str]:
    return {code: str(score) for code, _t in EVALUATION_ITEMS}


def test_worker_and_supervisor_fill_the_iop_and_the_comparison_shows_differences(client, world):
    evaluation = Evaluation.objects.create(placement=world["placement"], date=TODAY)
    client.force_login(world["worker"])
    assert (
        reverse("evaluation-respond", args=[evaluation.pk])
        in client.get(reverse("worker-home")).content.decode()
    )
    missing = client.post(
        reverse("evaluation-respond", args=[evaluation.pk]), {**all_answers(4), "pace": ""}
    )
    assert_form_error(missing, "id_pace", "Kies het antwoord dat het best past.")
    assert not EvaluationResponse.objects.exists()
    assert (
        client.post(reverse("evaluation-respond", args=[evaluation.pk]), all_answers(4)).status_code
        == 302
    )
    client.force_login(world["supervisor"])
    client.post(
        reverse("evaluation-respond", args=[evaluation.pk]),
        {**all_answers(4), "pace": "2", "energy": "3"},
    )
    assert {r.respondent for r in EvaluationResponse.objects.all()} == {"worker", "supervisor"}
    client.force_login(world["contact"])
    html = client.get(reverse("evaluation-compare", args=[evaluation.pk])).content.decode()
    assert html.count('class="differs"') == 1
    assert "Werknemer schat dit hoger in dan leidinggevende." in html
    client.post(
        reverse("evaluation-compare", args=[evaluation.pk]),
        {"agreements": "Tempo rustig opbouwen."},
    )
    evaluation.refresh_from_db()
    assert evaluation.agreements == "Tempo rustig opbouwen."


def test_a_worker_raising_a_concern_reaches_the_contact_person_at_once(client, world):
    client.force_login(world["worker"])
    home = client.get(reverse("worker-home")).content.decode()
    assert "030-1234567" in home  # who is my contact person
    url = reverse("concern-new", args=[world["placement"].pk])
    assert url in home
    empty = client.post(url, {"text": "x"})
    assert_form_error(empty, "id_kind", "Kies wat er aan de hand is.")
    assert not Concern.objects.exists()
    assert client.post(url, {"kind": "private", "text": "Verhuizing."}).status_code == 302
    concern = Concern.objects.get()
    assert (concern.raised_by, concern.kind, concern.date) == ("worker", "private", TODAY)
    rows = open_signal_rows(Placement.objects.all(), TODAY)
    raised = [r for r in rows if r.signal.code == "CONCERN_RAISED"]
    assert (
        len(raised) == 1
        and raised[0].owner == world["contact"]
        and raised[0].signal.priority == "high"
    )
    assert [m.to for m in mail.outbox] == [["contact@example.org"]]
    assert "Sanne" not in mail.outbox[0].body and "de Wit" not in mail.outbox[0].body


def test_jobcoach_budget_rejects_over_budget_hours_and_accepts_them_with_an_exception(
    client, world
):
    trajectory = world["trajectory"]
    month = TODAY.replace(day=1)
    JobcoachHours.objects.create(trajectory=trajectory, month=month.replace(month=1), hours=40)
    client.force_login(world["coach"])
    url = reverse("hours-book", args=[trajectory.pk])
    other_month = f"{TODAY.year}-{2 if TODAY.month != 2 else 3:02d}"
    over = client.post(url, {"month": other_month, "hours": "20"})
    assert_form_error(
        over,
        "id_hours",
        f"Met deze uren komt de jobcoaching in {TODAY.year} op 60 uur. "
        "Het maximum is 52 uur per jaar.",
    )
    assert JobcoachHours.objects.count() == 1
    client.force_login(world["contact"])
    client.post(
        reverse("trajectory-exception", args=[trajectory.pk]),
        {"exception_reason": "Reorganisatie bij werkgever."},
    )
    client.force_login(world["coach"])
    assert client.post(url, {"month": other_month, "hours": "20"}).status_code == 302
    assert JobcoachHours.objects.count() == 2
    home = client.get(reverse("jobcoach-home")).content.decode()
    assert "60 van 52 uur" in home


def test_jobcoach_report_form(client, world):
    client.force_login(world["coach"])
    url = reverse("report-write", args=[world["trajectory"].pk])
    assert_form_error(
        client.post(url, {"date": TODAY.isoformat()}), "id_how_it_goes", "Schrijf op hoe het gaat."
    )
    assert (
        client.post(
            url, {"date": TODAY.isoformat(), "how_it_goes": "Goed.", "risk": "on"}
        ).status_code
        == 302
    )
    assert world["trajectory"].reports.get().risk


def test_jobcoaching_needs_twelve_hours_of_work(client, world):
    small = PlacementFactory.create(
        person=world["placement"].person, employer=world["placement"].employer
    )
    ContractFactory.create(
        placement=small, start=TODAY, end=TODAY + timedelta(days=180), hours_per_week=Decimal(10)
    )
    client.force_login(world["contact"])
    response = client.post(
        reverse("trajectory-new", args=[small.pk]),
        {"organisation": world["trajectory"].organisation.pk, "start": TODAY.isoformat()},
    )
    assert response.status_code == 400
    assert (
        "Jobcoaching kan alleen bij werk van minstens 12 uur per week. Dit contract is 10 uur per week."
        in response.content.decode()
    )
    assert not JobcoachTrajectory.objects.filter(placement=small).exists()


def test_hours_build_up_and_provision_forms(client, world):
    client.force_login(world["contact"])
    p = world["placement"].pk
    bad = client.post(
        reverse("hours-step-new", args=[p]),
        {"from_date": "2026-03-01", "hours_per_week": "12", "review_date": "2026-02-01"},
    )
    assert_form_error(
        bad, "id_review_date", "De evaluatiedatum ligt vóór de begindatum van deze stap."
    )
    assert (
        client.post(
            reverse("hours-step-new", args=[p]),
            {"from_date": "2026-03-01", "hours_per_week": "12", "review_date": "2026-04-12"},
        ).status_code
        == 302
    )
    assert HoursStep.objects.get().review_date == date(2026, 4, 12)
    bad = client.post(
        reverse("provision-new", args=[p]),
        {"kind": "Stoel", "requested": "2026-03-01", "granted": "2026-02-01", "status": "granted"},
    )
    assert_form_error(bad, "id_granted", "Toegekend vóór de aanvraag kan niet.")
    assert (
        client.post(
            reverse("provision-new", args=[p]),
            {"kind": "Stoel", "requested": "2026-03-01", "status": "requested"},
        ).status_code
        == 302
    )
    provision = Provision.objects.get()
    client.post(
        reverse("provision-edit", args=[p, provision.pk]),
        {
            "kind": "Stoel",
            "requested": "2026-03-01",
            "granted": "2026-04-01",
            "status": "requested",
        },
    )
    provision.refresh_from_db()
    assert provision.status == "granted"


def test_profile_is_shared_with_the_employer_only_with_consent(client, world):
    client.force_login(world["worker"])
    client.post(
        reverse("worker-profile"), {"qualities": "Nauwkeurig werken.", "wants_jobcoach": "unknown"}
    )
    profile = CandidateProfile.objects.get()
    assert profile.filled_by == "candidate" and profile.employer_consent_on is None
    client.force_login(world["supervisor"])
    url = reverse("employer-profile", args=[world["placement"].pk])
    assert "geen toestemming" in client.get(url).content.decode()
    client.force_login(world["worker"])
    client.post(
        reverse("worker-profile"),
        {"qualities": "Nauwkeurig werken.", "wants_jobcoach": "unknown", "consent": "on"},
    )
    client.force_login(world["supervisor"])
    html = client.get(url).content.decode()
    assert "Nauwkeurig werken." in html
    assert world["placement"].person.bsn not in html


def test_invitation_with_a_one_time_link(client, world):
    person = world["placement"].person
    world["worker"].delete()
    client.force_login(world["contact"])
    bad = client.post(reverse("invite-worker", args=[person.pk]), {"email": "geen-adres"})
    assert_form_error(bad, "id_email", "Voer een geldig e-mailadres in.")
    client.post(reverse("invite-worker", args=[person.pk]), {"email": "sanne@example.org"})
    link = re.search(r"http://\S+/uitnodiging/\S+/", str(mail.outbox[0].body)).group(0)
    path = link.split("8000", 1)[1] if "8000" in link else "/" + link.split("/", 3)[3]
    client.logout()
    form_page = client.get(path, follow=True)
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else path
    done = client.post(
        set_url,
        {
            "new_password1": "Een lange zin als wachtwoord",
            "new_password2": "Een lange zin als wachtwoord",
        },
        follow=True,
    )
    assert "Uw wachtwoord is opgeslagen" in done.content.decode()
    account = User.objects.get(person=person)
    assert account.role == Role.WERKNEMER and account.check_password("Een lange zin als wachtwoord")
    client.logout()
    again = client.get(path, follow=True).content.decode()
    assert "Deze link werkt niet meer" in again


def test_handover_with_a_note_and_the_list_without_contact_person(client, world):
    person = world["placement"].person
    successor = UserFactory.create(role=Role.KLANTMANAGER, organisation=person.organisation)
    client.force_login(world["contact"])
    client.post(
        reverse("contact-person-assign", args=[person.pk]),
        {"contact_person": successor.pk, "note": "Let op: contract loopt af."},
    )
    handover = Handover.objects.get()
    assert (handover.from_user, handover.to_user, handover.note) == (
        world["contact"],
        successor,
        "Let op: contract loopt af.",
    )
    mine = open_signal_rows(Placement.objects.filter(person__contact_person=successor), TODAY)
    assert mine and all(r.owner == successor for r in mine)
    person.contact_person = None
    person.save()
    client.force_login(successor)
    assert escape(person.name) in client.get(reverse("without-contact")).content.decode()


def test_a_jobcoach_cannot_open_a_placement_they_do_not_coach(client, world):
    other = PlacementFactory.create()
    other_trajectory = JobcoachTrajectory.objects.create(
        ref="jc2", placement=other, organisation=world["trajectory"].organisation, start=TODAY
    )
    ContractFactory.create(
        placement=other, start=TODAY - timedelta(days=10), end=TODAY + timedelta(days=100)
    )
    client.force_login(world["coach"])
    assert client.get(reverse("placement-detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("hours-book", args=[other_trajectory.pk])).status_code == 404
    assert client.get(reverse("concern-new", args=[other.pk])).status_code == 404
    assert client.get(reverse("hours-book", args=[world["trajectory"].pk])).status_code == 200


def test_an_employer_cannot_open_another_employers_worker_or_any_bsn(client, world):
    other = PlacementFactory.create()
    client.force_login(world["supervisor"])
    assert client.get(reverse("person-detail", args=[other.person.pk])).status_code == 404
    assert client.get(reverse("concern-new", args=[other.pk])).status_code == 404
    assert client.get(reverse("employer-profile", args=[other.pk])).status_code == 404
    evaluation = Evaluation.objects.create(placement=other, date=TODAY)
    assert client.get(reverse("evaluation-respond", args=[evaluation.pk])).status_code == 404
    for url in (
        reverse("employer-home"),
        reverse("person-detail", args=[world["placement"].person.pk]),
    ):
        html = client.get(url).content.decode()
        assert world["placement"].person.bsn not in html
    home = client.get(reverse("employer-home")).content.decode()
    assert ">Sanne</th>" in home and "de Wit" not in home  # first name only


def test_a_supervisor_is_invited_and_sees_only_their_own_employees(client, world):
    client.force_login(world["contact"])
    employer = world["placement"].employer
    response = client.post(
        reverse("invite-supervisor", args=[employer.pk]),
        {"name": "Piet Bakker", "email": "piet@example.org"},
    )
    assert response.status_code == 302
    account = User.objects.get(email="piet@example.org")
    assert (account.role, account.employer, account.has_usable_password()) == (
        Role.WERKGEVER,
        employer,
        False,
    )
    assert "/uitnodiging/" in mail.outbox[0].body


def test_the_person_page_shows_recent_contacts_and_a_quick_entry(client, world):
    world["placement"].contacts.create(
        date=TODAY, with_worker=True, summary="Gaat goed.", by=world["contact"]
    )
    client.force_login(world["contact"])
    html = client.get(
        reverse("person-detail", args=[world["placement"].person.pk])
    ).content.decode()
    assert "Gaat goed." in html
    assert reverse("contact-new", args=[world["placement"].pk]) in html


def test_jobcoach_hours_add_up_and_the_form_shows_what_is_booked(client, world):
    """Issue 17 §5: booking 5 and then 10 hours in one month makes 15, not 10."""
    trajectory = world["trajectory"]
    client.force_login(world["coach"])
    url = reverse("hours-book", args=[trajectory.pk])
    month = f"{TODAY.year}-{TODAY.month:02d}"
    assert client.post(url, {"month": month, "hours": "5"}).status_code == 302
    form = client.get(url).content.decode()
    assert "Al geboekt:" in form and "5 uur" in form and "komen erbij" in form
    assert client.post(url, {"month": month, "hours": "10"}).status_code == 302
    assert JobcoachHours.objects.get(trajectory=trajectory, month=TODAY.replace(day=1)).hours == 15


def test_a_report_that_sees_a_risk_rings_the_bell_and_the_contact_person_reads_it(client, world):
    """Issue 17 §2: the klantmanager reads what the jobcoach wrote, and a risk to the job reaches
    them at once as a concern from the jobcoach."""
    client.force_login(world["coach"])
    client.post(
        reverse("report-write", args=[world["trajectory"].pk]),
        {"date": TODAY.isoformat(), "how_it_goes": "Moeizaam sinds de nieuwe chef.",
         "what_changed": "Nieuwe leidinggevende.", "advice": "Gesprek met werkgever plannen.",
         "risk": "on"},
    )  # fmt: skip
    concern = Concern.objects.get()
    assert (concern.raised_by, concern.kind) == ("jobcoach", "not_going_well")
    assert "Gesprek met werkgever plannen." in concern.text
    raised = [
        r
        for r in open_signal_rows(Placement.objects.all(), TODAY)
        if r.signal.code == "CONCERN_RAISED"
    ]
    assert len(raised) == 1 and raised[0].owner == world["contact"]
    assert [m.to for m in mail.outbox] == [["contact@example.org"]]
    client.force_login(world["contact"])
    html = client.get(reverse("placement-detail", args=[world["placement"].pk])).content.decode()
    assert "Rapportages van de jobcoach" in html
    assert "Moeizaam sinds de nieuwe chef." in html
    assert "De jobcoach ziet een risico voor de baan" in html
    # The employer sees that there is jobcoaching, not what the jobcoach writes.
    client.force_login(world["supervisor"])
    html = client.get(reverse("placement-detail", args=[world["placement"].pk])).content.decode()
    assert "Jobcoaching" in html and "Moeizaam sinds de nieuwe chef." not in html


def test_a_report_without_risk_raises_nothing(client, world):
    client.force_login(world["coach"])
    client.post(
        reverse("report-write", args=[world["trajectory"].pk]),
        {"date": TODAY.isoformat(), "how_it_goes": "Gaat goed."},
    )
    assert not Concern.objects.exists()


def test_the_contact_list_says_with_whom_and_when_next(client, world):
    from baanbehoud.guidance.models import ContactMoment

    ContactMoment.objects.create(
        placement=world["placement"],
        date=TODAY,
        with_worker=True,
        with_employer=True,
        channel="phone",
        summary="Verlenging besproken.",
        follow_up=date(2027, 3, 1),
    )
    client.force_login(world["contact"])
    for page in (
        reverse("placement-detail", args=[world["placement"].pk]),
        reverse("person-detail", args=[world["placement"].person.pk]),
    ):
        html = client.get(page).content.decode()
        assert "met de werknemer en de werkgever" in html
        assert "Volgend contact: 1 maart 2027." in html


def test_the_iop_comparison_shows_both_sides_remarks(client, world):
    evaluation = Evaluation.objects.create(placement=world["placement"], date=TODAY)
    client.force_login(world["worker"])
    client.post(
        reverse("evaluation-respond", args=[evaluation.pk]),
        {**all_answers(4), "remarks": "Ik wil meer uren."},
    )
    client.force_login(world["supervisor"])
    client.post(
        reverse("evaluation-respond", args=[evaluation.pk]),
        {**all_answers(3), "remarks": "Tempo is nog laag."},
    )
    client.force_login(world["contact"])
    html = client.get(reverse("evaluation-compare", args=[evaluation.pk])).content.decode()
    assert "Ik wil meer uren." in html and "Tempo is nog laag." in html


def test_the_jobcoach_start_page_puts_ended_trajectories_apart(client, world):
    """Issue 17 §3: the table is what to do now; a trajectory that ended is listed below it,
    without actions."""
    ended_placement = PlacementFactory.create(person__name="Bram Afgelopen")
    ended = JobcoachTrajectory.objects.create(
        ref="jc-oud",
        placement=ended_placement,
        organisation=world["trajectory"].organisation,
        coach=world["coach"],
        start=TODAY - timedelta(days=400),
        end=TODAY - timedelta(days=30),
    )
    client.force_login(world["coach"])
    html = client.get(reverse("jobcoach-home")).content.decode()
    table, _sep, below = html.partition("Afgelopen trajecten")
    assert "Sanne de Wit" in table and "Bram Afgelopen" not in table
    assert "Bram Afgelopen" in below
    assert reverse("hours-book", args=[ended.pk]) not in html


def test_each_reporter_speaks_in_their_own_words(client, world):
    """Issue 17 §4: the supervisor's concern form and IOP name the worker ("De gezondheid van
    Sanne"), the worker's speak as the worker; an empty field says what to do."""
    url = reverse("concern-new", args=[world["placement"].pk])
    client.force_login(world["supervisor"])
    html = client.get(url).content.decode()
    assert "De gezondheid van Sanne" in html and "Mijn gezondheid" not in html
    assert "Wat is er aan de hand met Sanne?" in html
    assert "De werkgever mag dit ook zien" not in html  # the supervisor is the employer
    evaluation = Evaluation.objects.create(placement=world["placement"], date=TODAY)
    html = client.get(reverse("evaluation-respond", args=[evaluation.pk])).content.decode()
    assert "Sanne werkt in een goed tempo." in html and "bij mij" not in html
    client.force_login(world["worker"])
    assert "Mijn gezondheid" in client.get(url).content.decode()
    html = client.get(reverse("evaluation-respond", args=[evaluation.pk])).content.decode()
    assert "Ik werk in een goed tempo." in html
    html = client.get(reverse("worker-profile")).content.decode()
    assert "Wat kan ik aan, en wat niet?" in html and "elastbaarheid" not in html
    client.force_login(world["contact"])
    empty = client.post(reverse("contact-new", args=[world["placement"].pk]), {"summary": ""})
    assert "Dit veld is vereist." not in empty.content.decode()
    assert "Vul in: Datum." in empty.content.decode()


def test_an_iop_opened_again_shows_what_was_sent(client, world):
    """Issue 17 §2: after sending, the form shows the answers given, not an empty copy."""
    evaluation = Evaluation.objects.create(placement=world["placement"], date=TODAY)
    url = reverse("evaluation-respond", args=[evaluation.pk])
    client.force_login(world["worker"])
    client.post(url, {**all_answers(2), "pace": "4", "remarks": "Meer uren graag."})
    html = client.get(url).content.decode()
    assert re.search(r'name="pace" value="4"[^>]*checked', html)
    assert re.search(r'name="tasks" value="2"[^>]*checked', html)
    assert "Meer uren graag." in html


def _coach_with(world, count: int) -> None:
    for n in range(count):
        JobcoachTrajectory.objects.create(
            ref=f"jc-extra-{count}-{n}",
            placement=PlacementFactory.create(person__name=f"Extra {n:02d}"),
            organisation=world["trajectory"].organisation,
            coach=world["coach"],
            start=TODAY - timedelta(days=10 + n),
        )


def test_the_jobcoach_list_searches_sorts_downloads_and_reads_in_a_bounded_number_of_queries(
    client, world
):
    """Issue 18 §2: the jobcoach's list (no query per trajectory: the organisations' settings
    are read once) with a search, an order and a download."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world["coach"])
    url = reverse("jobcoach-home")
    counted = []
    for extra in (3, 30):
        _coach_with(world, extra)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counted.append(len([q for q in queries.captured_queries if q["sql"].startswith("SELECT")]))
    assert counted[0] == counted[1], counted
    found = client.get(url, {"q": "sanne"}).content.decode()
    assert "Sanne de Wit" in found and "Extra 01" not in found and "1 werknemer die" in found
    by_report = client.get(url, {"sorteer": "rapportage"}).content.decode()
    names = re.findall(r'<th scope="row">([^<]+)</th>', by_report)
    assert names[0] != "Extra 00" and len(names) == 34
    csv = client.get(url, {"q": "extra 1", "formaat": "csv"}).content.decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("Werknemer;Functie;Werkgever")
    assert len(csv.splitlines()) == 1 + 10  # Extra 10 to 19 (the first three are Extra 0x)
