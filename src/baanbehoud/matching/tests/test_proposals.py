"""Proposing a candidate (issue 19 §3): with consent, the employer sees an anonymous profile and
answers; on yes the klantmanager plans the meeting and starts the proefplaatsing from the
proposal. Every step in the processing log; a "no" with its reasons in the reasons report."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from baanbehoud.audit.models import ProcessingLogEntry
from baanbehoud.employers.tests.factories import EmployerFactory
from baanbehoud.matching.models import Proposal
from baanbehoud.matching.services import proposal_answer
from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import UserFactory
from baanbehoud.placements.models import ContractPeriod, EndingReason
from baanbehoud.placements.tests.at_once import at_once
from baanbehoud.reports.selectors import records, report_population
from baanbehoud.reports.services import ReportPeriod, build

from .test_matching_pages import candidate

pytestmark = pytest.mark.django_db


@pytest.fixture
def supervisor(vacancy):
    return UserFactory.create(role=Role.WERKGEVER, employer=vacancy.employer, organisation=None)


@pytest.fixture
def klantmanager(place):
    return UserFactory.create(role=Role.KLANTMANAGER, organisation=place[0].organisation)


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def sam(place):
    return candidate(
        place[0], "Sam Bijlsma", load_hours_per_week=20, motivation="Ik werk graag met mensen.",
        qualities="Precies en vriendelijk.", pitfalls="Raak van slag bij drukte.",
    )  # fmt: skip


def propose(client, vacancy, person, **data):
    return client.post(
        reverse("proposal-new", args=[vacancy.pk, person.pk]),
        {"consent": "on", "shared_items": ["motivation", "qualities"], "note": "Past goed."} | data,
    )


def test_the_whole_course_from_proposal_to_proefplaatsing(
    client, place, vacancy, supervisor, klantmanager
):
    person = sam(place)
    # without the candidate's consent nothing is proposed
    refused = propose(client, vacancy, person, consent="")
    assert refused.status_code == 400
    assert "Vraag eerst de kandidaat om toestemming" in refused.content.decode()
    assert not Proposal.objects.exists()
    assert propose(client, vacancy, person).status_code == 302
    proposal = Proposal.objects.get()
    assert (proposal.status, proposal.shared_items) == ("proposed", ["motivation", "qualities"])

    employer = as_user(supervisor)
    html = employer.get(reverse("employer-proposals")).content.decode()
    assert f"Kandidaat {proposal.pk}" in html and "Ik werk graag met mensen." in html
    assert "Sam Bijlsma" not in html and person.bsn not in html  # anonymous
    assert "Raak van slag bij drukte." not in html  # not shared
    answer = reverse("proposal-answer", args=[proposal.pk])
    read = ProcessingLogEntry.objects.filter(
        person_id=person.pk, object_type="voorstel (zonder naam)"
    )
    before = read.count()
    employer.get(answer)  # the shared profile on the answer page is a logged read too
    assert read.count() == before + 1
    assert employer.post(answer, {"interested": "yes"}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "interested"

    km = as_user(klantmanager)
    person_page = km.get(reverse("person-detail", args=[person.pk])).content.decode()
    assert "werkgever wil kennismaken" in person_page
    meeting_on = timezone.localdate() + timedelta(days=5)
    response = km.post(reverse("proposal-meeting", args=[proposal.pk]), {"meeting_on": meeting_on})
    assert response.status_code == 302
    start = meeting_on + timedelta(days=7)
    response = km.post(
        reverse("proposal-start", args=[proposal.pk]),
        {"start": start, "end": start + timedelta(days=59), "hours_per_week": "16"},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    placement = proposal.placement
    assert proposal.status == "started" and placement is not None
    assert response["Location"] == reverse("placement-detail", args=[placement.pk])
    assert (placement.employer, placement.vacancy, placement.function, placement.route) == (
        vacancy.employer, vacancy, vacancy.title, "wsp",
    )  # fmt: skip
    (contract,) = placement.contracts.all()
    assert (contract.kind, contract.start, contract.hours_per_week) == (
        ContractPeriod.Kind.PROEFPLAATSING, start, 16,
    )  # fmt: skip
    steps = ProcessingLogEntry.objects.filter(
        person_id=person.pk, object_type="voorstel aan werkgever"
    )
    assert steps.count() == 4  # proposed, answered, meeting, started


def test_a_no_needs_a_reason_and_shows_in_the_reasons_report(client, place, vacancy, supervisor):
    person = sam(place)
    propose(client, vacancy, person)
    proposal = Proposal.objects.get()
    employer = as_user(supervisor)
    answer = reverse("proposal-answer", args=[proposal.pk])
    empty = employer.post(answer, {"interested": "no"})
    assert empty.status_code == 400
    assert "Kies minstens één reden" in empty.content.decode()
    reason = EndingReason.objects.get(code="MATCH_TASKS")
    assert employer.post(answer, {"interested": "no", "reasons": [reason.pk]}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "not_interested"
    assert list(proposal.answer_reasons.values_list("code", flat=True)) == ["MATCH_TASKS"]
    # the person needs a placement in the report's population for the organisation to count
    from baanbehoud.placements.tests.factories import ContractFactory, PlacementFactory

    ContractFactory.create(placement=PlacementFactory.create(person=person))
    today = timezone.localdate()
    found = records(report_population(UserFactory.create(is_superuser=True)), today)
    report = build(
        "redenen", found, ReportPeriod(today - timedelta(days=30), today, today),
        suppressed=False, user_may_see_persons=True,
    )  # fmt: skip
    (table,) = [t for t in report.tables if t.key == "voorstellen-redenen"]
    assert [(r["label"], r["proposals"]) for r in table.rows] == [(reason.label, 1)]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_supervisors_answering_at_once_leave_one_answer(client, place, vacancy, supervisor):
    propose(client, vacancy, sam(place))
    proposal = Proposal.objects.get()
    colleague = UserFactory.create(role=Role.WERKGEVER, employer=vacancy.employer)
    reason = EndingReason.objects.get(code="MATCH_TASKS")
    outcomes = at_once(
        lambda: proposal_answer(user=supervisor, proposal=proposal, interested=True),
        lambda: proposal_answer(
            user=colleague, proposal=proposal, interested=False, reasons=[reason]
        ),
    )
    assert sorted(outcomes) == ["refused", "stored"]
    proposal.refresh_from_db()
    # one whole answer: a yes without reasons, or a no with its reason
    reasons = list(proposal.answer_reasons.values_list("code", flat=True))
    assert (proposal.status, reasons) in (("interested", []), ("not_interested", ["MATCH_TASKS"]))


def test_what_is_refused(client, place, vacancy, supervisor):
    person = sam(place)
    too_few = candidate(place[0], "Fleur Jobcoach", wants_jobcoach=True, load_hours_per_week=10)
    refused = propose(client, vacancy, too_few)
    assert refused.status_code == 400
    assert "Deze kandidaat past niet bij deze vacature" in refused.content.decode()
    propose(client, vacancy, person)
    again = propose(client, vacancy, person)
    assert again.status_code == 400
    assert "al voorgesteld" in again.content.decode()
    proposal = Proposal.objects.get()
    # another employer's supervisor cannot see or answer it
    other = UserFactory.create(role=Role.WERKGEVER, employer=EmployerFactory.create())
    stranger = as_user(other)
    assert (
        f"Kandidaat {proposal.pk}"
        not in stranger.get(reverse("employer-proposals")).content.decode()
    )
    assert stranger.get(reverse("proposal-answer", args=[proposal.pk])).status_code == 404
    # a proefplaatsing only after a yes
    km = as_user(UserFactory.create(role=Role.KLANTMANAGER, organisation=place[0].organisation))
    start = km.post(
        reverse("proposal-start", args=[proposal.pk]),
        {"start": timezone.localdate(), "end": timezone.localdate() + timedelta(days=30),
         "hours_per_week": "16"},
    )  # fmt: skip
    assert start.status_code == 400
    assert "Dat kan pas als de werkgever wil kennismaken." in start.content.decode()
