"""Writes of placements: the next contract, the ending, a decision on the hours build-up.
Each is one transaction, validated with full_clean, and written to the processing log."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction

from baanbehoud.audit.models import Action
from baanbehoud.audit.services import log_record

from .models import ContractPeriod, Ending, EndingReason, HoursStep, Placement

if TYPE_CHECKING:
    from baanbehoud.organisations.models import User

ACTIVITY = "Casemanagement banenafspraak"


def _log(
    user: User, placement: Placement, action: Action, object_type: str, object_id: object
) -> None:
    log_record(
        user=user,
        person=placement.person,
        action=action,
        activity=ACTIVITY,
        object_type=object_type,
        object_id=object_id,
    )


@transaction.atomic
def contract_add(
    *,
    user: User,
    placement: Placement,
    kind: str,
    start: date,
    end: date | None,
    hours_per_week: Decimal,
    probation_end: date | None = None,
    extension_reason: str = "",
    temporary_reason: str = "",
    cao_max_contracts: int | None = None,
    cao_max_months: int | None = None,
    cao_gap_months: int | None = None,
) -> ContractPeriod:
    # Two people adding a contract to one placement at once: the second waits for the first
    # and its checks then see the first contract (issue 13 §7).
    Placement.objects.select_for_update().filter(pk=placement.pk).first()
    contract = ContractPeriod(
        placement=placement,
        kind=kind,
        start=start,
        end=end,
        hours_per_week=hours_per_week,
        probation_end=probation_end,
        extension_reason=extension_reason,
        temporary_reason=temporary_reason,
        cao_max_contracts=cao_max_contracts,
        cao_max_months=cao_max_months,
        cao_gap_months=cao_gap_months,
    )
    contract.full_clean()
    contract.save()
    _log(user, placement, Action.CREATE, "contractperiode", contract.pk)
    return contract


@transaction.atomic
def ending_register(
    *,
    user: User,
    placement: Placement,
    date: date,
    initiative: str,
    reasons: Iterable[EndingReason],
    notes: str = "",
    learning_points: str = "",
    next: str = Ending.Next.UNKNOWN,
    no_permanent_reason: str = "",
) -> Ending:
    ending = Ending(
        placement=placement,
        date=date,
        initiative=initiative,
        no_permanent_reason=no_permanent_reason,
        notes=notes,
        learning_points=learning_points,
        next=next,
        recorded_by=user,
    )
    ending.full_clean()
    ending.save()
    ending.reasons.set(list(reasons))
    _log(user, placement, Action.CREATE, "beëindiging", ending.pk)
    return ending


@transaction.atomic
def hours_step_decide(
    *, user: User, step: HoursStep, decided_on: date, decision: str, reason: str
) -> HoursStep:
    step.decided_on = decided_on
    step.decision = decision
    step.reason = reason
    step.full_clean()
    step.save()
    _log(user, step.placement, Action.UPDATE, "urenopbouw", step.pk)
    return step
