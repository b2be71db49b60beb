"""Writes of guidance records: contact moments, evaluations, handling a concern."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from baanbehoud.audit.models import Action
from baanbehoud.audit.services import log_processing
from baanbehoud.placements.models import Placement

from .models import Concern, ContactMoment, Evaluation

if TYPE_CHECKING:
    from baanbehoud.organisations.models import User

ACTIVITY = "Begeleiding banenafspraak"


def _log(
    user: User, placement: Placement, action: Action, object_type: str, object_id: object
) -> None:
    log_processing(
        user=user,
        persons=[placement.person],
        action=action,
        activity=ACTIVITY,
        object_type=object_type,
        object_id=str(object_id),
    )


@transaction.atomic
def contact_moment_record(
    *,
    user: User,
    placement: Placement,
    date: date,
    with_worker: bool,
    with_employer: bool,
    with_jobcoach: bool,
    channel: str,
    summary: str = "",
    follow_up: date | None = None,
) -> ContactMoment:
    moment = ContactMoment(
        placement=placement,
        date=date,
        with_worker=with_worker,
        with_employer=with_employer,
        with_jobcoach=with_jobcoach,
        channel=channel,
        summary=summary,
        follow_up=follow_up,
        by=user,
    )
    moment.full_clean()
    moment.save()
    _log(user, placement, Action.CREATE, "contactmoment", moment.pk)
    return moment


@transaction.atomic
def evaluation_record(
    *, user: User, placement: Placement, date: date, kind: str, agreements: str = ""
) -> Evaluation:
    evaluation = Evaluation(placement=placement, date=date, kind=kind, agreements=agreements)
    evaluation.full_clean()
    evaluation.save()
    _log(user, placement, Action.CREATE, "evaluatie", evaluation.pk)
    return evaluation


@transaction.atomic
def concern_handle(*, user: User, concern: Concern, handled: date, handling_note: str) -> Concern:
    concern.handled = handled
    concern.handling_note = handling_note
    concern.full_clean()
    concern.save()
    _log(user, concern.placement, Action.UPDATE, "zorgsignaal", concern.pk)
    return concern
