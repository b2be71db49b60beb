"""Writes of the match (issue 19 §3): proposing a candidate, the employer's answer, the meeting,
the proefplaatsing made from the proposal, and stopping. Each one transaction, each step in the
processing log; a step a proposal cannot take from where it stands is refused (two people at
once: the second finds the first's answer)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from baanbehoud.audit.models import CASE_WORK, Action
from baanbehoud.audit.services import log_record
from baanbehoud.employers.models import Vacancy, VacancyStatus
from baanbehoud.organisations.models import User
from baanbehoud.persons.models import Person
from baanbehoud.placements.models import ContractPeriod, EndingReason, Placement
from baanbehoud.placements.services import placement_register

from . import domain, selectors
from .models import Proposal

OBJECT = "voorstel aan werkgever"


def _log(user: User, proposal: Proposal, action: Action) -> None:
    log_record(
        user=user, person=proposal.person, action=action, activity=CASE_WORK,
        object_type=OBJECT, object_id=proposal.pk,
    )  # fmt: skip


def _refuse(problem: tuple[str, str] | str | None) -> None:
    if problem is None:
        return
    field, message = problem if isinstance(problem, tuple) else ("__all__", problem)
    raise ValidationError({field: message} if field != "__all__" else message)


@transaction.atomic
def proposal_make(
    *,
    user: User,
    vacancy: Vacancy,
    person: Person,
    consent: bool,
    shared_items: list[str],
    note: str = "",
) -> Proposal:
    """The accountmanager proposes a candidate, with the candidate's consent to share the chosen
    Bijlage-4 items. A candidate a hard rule keeps out is refused, as on the list."""
    if vacancy.status != VacancyStatus.OPEN:
        raise ValidationError("Deze vacature is niet meer open.")
    match = selectors.match_one(person, vacancy)
    _refuse(domain.propose_problem(match, consent, shared_items))
    if (
        Proposal.objects.filter(vacancy=vacancy, person=person)
        .exclude(status=Proposal.Status.STOPPED)
        .exists()
    ):
        raise ValidationError("Deze kandidaat is al voorgesteld voor deze vacature.")
    today = timezone.localdate()
    proposal = Proposal(
        vacancy=vacancy,
        person=person,
        proposed_by=user,
        proposed_on=today,
        consent_on=today,
        shared_items=[name for name, _label in domain.SHAREABLE if name in shared_items],
        note=note,
    )
    proposal.full_clean()
    proposal.save()
    _log(user, proposal, Action.CREATE)
    return proposal


def _locked(proposal: Proposal) -> Proposal:
    return (
        Proposal.objects.select_for_update().select_related("person", "vacancy").get(pk=proposal.pk)
    )


@transaction.atomic
def proposal_answer(
    *,
    user: User,
    proposal: Proposal,
    interested: bool,
    reasons: list[EndingReason] | Any = (),
    answer_note: str = "",
) -> Proposal:
    """The employer's answer: interested, or not with the reasons of §7."""
    proposal = _locked(proposal)
    reasons = list(reasons)
    _refuse(
        domain.answer_problem(
            proposal.status,
            interested,
            [r.code for r in reasons],
            answer_note,
            [r.code for r in reasons if r.requires_note],
        )
    )
    proposal.status = Proposal.Status.INTERESTED if interested else Proposal.Status.NOT_INTERESTED
    proposal.answered_on = timezone.localdate()
    proposal.answer_note = answer_note
    proposal.save()
    proposal.answer_reasons.set([] if interested else reasons)
    _log(user, proposal, Action.UPDATE)
    return proposal


@transaction.atomic
def proposal_meeting(*, user: User, proposal: Proposal, meeting_on: date) -> Proposal:
    """The klantmanager arranges the meeting with candidate and employer."""
    proposal = _locked(proposal)
    _refuse(domain.step_problem(proposal.status, "meeting"))
    proposal.status = Proposal.Status.MEETING
    proposal.meeting_on = meeting_on
    proposal.full_clean()
    proposal.save()
    _log(user, proposal, Action.UPDATE)
    return proposal


@transaction.atomic
def proposal_start(
    *, user: User, proposal: Proposal, start: date, end: date, hours_per_week: Decimal
) -> Placement:
    """After a yes: the proefplaatsing, made from the proposal (the employer, the function and
    the route come from it; the contract rules are the page's)."""
    proposal = _locked(proposal)
    _refuse(domain.step_problem(proposal.status, "start"))
    vacancy = proposal.vacancy
    placement = placement_register(
        user=user,
        person=proposal.person,
        employer=vacancy.employer,
        new_employer=None,
        function=vacancy.title,
        route="wsp",
        kind=ContractPeriod.Kind.PROEFPLAATSING,
        start=start,
        end=end,
        hours_per_week=hours_per_week,
    )
    placement.vacancy = vacancy
    placement.save(update_fields=["vacancy"])
    proposal.status = Proposal.Status.STARTED
    proposal.placement = placement
    proposal.save()
    _log(user, proposal, Action.UPDATE)
    return placement


@transaction.atomic
def proposal_stop(*, user: User, proposal: Proposal, stopped_reason: str) -> Proposal:
    """Stopped before a proefplaatsing: the candidate or the employer said no after meeting,
    or the vacancy was filled otherwise."""
    proposal = _locked(proposal)
    _refuse(domain.step_problem(proposal.status, "stop"))
    proposal.status = Proposal.Status.STOPPED
    proposal.stopped_reason = stopped_reason
    proposal.full_clean()
    proposal.save()
    _log(user, proposal, Action.UPDATE)
    return proposal
