"""Writes of placements: the next contract, the ending, a decision on the hours build-up.
Each is one transaction, validated with full_clean, and written to the processing log."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from baanbehoud.audit.models import CASE_WORK, Action
from baanbehoud.audit.services import log_record
from baanbehoud.dates import format_date_nl, format_number_nl
from baanbehoud.employers.models import Employer
from baanbehoud.employers.services import employer_register
from baanbehoud.organisations.models import Role, User
from baanbehoud.persons.models import Person
from baanbehoud.persons.services import contact_person_assign
from baanbehoud.refs import new_ref

from . import domain
from .models import (
    AftercareAgreement,
    ContractPeriod,
    Correction,
    EmployerIntention,
    Ending,
    EndingReason,
    HoursStep,
    Placement,
    WageValue,
)


def _log(
    user: User, placement: Placement, action: Action, object_type: str, object_id: object
) -> None:
    log_record(
        user=user,
        person=placement.person,
        action=action,
        activity=CASE_WORK,
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
    aftercare_handover(user=user, ending=ending)
    return ending


def aftercare_handover(*, user: User, ending: Ending) -> User | None:
    """Issue 19 §4: after a job loss somebody acts. When the region agreed who does for the
    person's regime and the next step (`AftercareAgreement`, domain.aftercare_owner), the person
    is handed over to that klantmanager — a handover with its note, the open signals (the
    AFTERCARE_DUE of this loss among them) follow to their worklist — unless other work goes on
    after the end (then there is no aftercare). Returns the new contact person, or None. Called
    by every door that records an ending; the caller's transaction holds it."""
    placement = ending.placement
    person = placement.person
    if person.organisation_id is None:
        return None
    agreements = AftercareAgreement.objects.filter(
        region__organisation=person.organisation_id,
        owner__is_active=True,
        owner__role=Role.KLANTMANAGER,
    ).values_list("regime", "next", "owner_id")
    owner_id = domain.aftercare_owner(agreements, person.regime, ending.next)
    if owner_id is None or owner_id == person.contact_person_id:
        return None
    work = (
        ContractPeriod.objects.filter(placement__person=person)
        .exclude(placement=placement)
        .values_list("start", "end", "placement__ending__date")
    )
    if domain.first_work_after(
        ending.date, [(start, domain.last_working_day(end, ended)) for start, end, ended in work]
    ):
        return None
    owner = User.objects.select_related("organisation").get(pk=owner_id)
    contact_person_assign(
        user=user,
        person=person,
        contact_person=owner,
        note=f"Nazorg na baanverlies. Daarna: {ending.get_next_display()}. Zo afgesproken in de "
        "regio: zoek samen met deze persoon een volgende baan.",
    )
    if owner.email and owner != user:
        send_mail(
            subject="Baanbehoud: nazorg na baanverlies",
            message=f"Beste {owner},\n\nIemand heeft zijn of haar baan verloren. Volgens de "
            "afspraak in de regio bent u nu de vaste contactpersoon voor de nazorg. Op uw "
            f"werklijst staat wanneer u uiterlijk contact opneemt: {settings.SITE_URL}"
            f"{reverse('person-detail', args=[person.pk])}\n\nBaanbehoud",
            from_email=None,
            recipient_list=[owner.email],
        )
    return owner


@transaction.atomic
def intention_record(
    *,
    user: User,
    contract: ContractPeriod,
    date: date,
    intention: str,
    reasons: Iterable[EndingReason] = (),
    notes: str = "",
) -> EmployerIntention:
    """Issue 19 §5: the employer's intention before the contract ends, with its reasons when it
    wants to end (only then: an intention to extend has no reasons for a loss)."""
    given = list(reasons)
    kept = domain.intention_reasons(intention, [r.code for r in given])
    chosen = [r for r in given if r.code in kept]
    problem = domain.intention_problem(
        intention, kept, notes, [r.code for r in chosen if r.requires_note]
    )
    if problem is not None:
        raise ValidationError({problem[0]: problem[1]})
    record = EmployerIntention(
        contract=contract, date=date, intention=intention, notes=notes, recorded_by=user
    )
    record.full_clean()
    record.save()
    record.reasons.set(chosen)
    _log(user, contract.placement, Action.CREATE, "voornemen werkgever", record.pk)
    return record


@transaction.atomic
def aftercare_close(*, user: User, ending: Ending, aftercare_closed: date, reason: str) -> Ending:
    """Issue 19 §4: the recorded decision that nobody needs to look for a next job with this
    person any more (moved away, retired, day care, does not want it): AFTERCARE_DUE stops."""
    ending = Ending.objects.select_for_update().get(pk=ending.pk)
    ending.aftercare_closed = aftercare_closed
    ending.aftercare_closed_reason = reason
    ending.full_clean()
    ending.save(update_fields=["aftercare_closed", "aftercare_closed_reason"])
    _log(user, ending.placement, Action.UPDATE, "nazorg", ending.pk)
    return ending


@transaction.atomic
def offer_discussed_record(*, user: User, placement: Placement, day: date) -> Placement:
    """Issue 20 §7: the contact person discussed with the employer of a self-found job what
    jobcoaching and the no-risk polis offer — once: a second record (two at once, or later)
    keeps the first day and who it was."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if placement.offer_discussed_on is not None:
        return placement
    placement.offer_discussed_on = day
    placement.offer_discussed_by = user
    placement.full_clean(exclude=["person", "employer", "vacancy", "ref"])
    placement.save(update_fields=["offer_discussed_on", "offer_discussed_by"])
    _log(user, placement, Action.UPDATE, "aanbod zelf gevonden baan", placement.pk)
    return placement


@transaction.atomic
def wage_value_record(
    *,
    user: User,
    placement: Placement,
    date: date,
    method: str,
    outcome: int,
    hours_per_week: Decimal,
    measurer: str = WageValue.Measurer.INTERNAL,
    measured_by: str = "",
    disputed: bool = False,
    dispute_note: str = "",
    next_measurement: date | None = None,
) -> WageValue:
    """Issue 20 §3: a loonwaarde measurement; the latest by date is the one that counts (the
    placement page, WAGE_VALUE_DUE). Two on one day are one: the second is refused."""
    value = WageValue(
        placement=placement, date=date, method=method, outcome=outcome,
        hours_per_week=hours_per_week, measurer=measurer, measured_by=measured_by,
        disputed=disputed, dispute_note=dispute_note if disputed else "",
        next_measurement=next_measurement, by=user,
    )  # fmt: skip
    value.full_clean()
    value.save()
    _log(user, placement, Action.CREATE, "loonwaardemeting", value.pk)
    return value


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


def describe_contract(contract: ContractPeriod) -> str:
    until = f"t/m {format_date_nl(contract.end)}" if contract.end else "zonder einddatum"
    return (
        f"{contract.get_kind_display()} van {format_date_nl(contract.start)} {until}, "
        f"{format_number_nl(contract.hours_per_week)} uur per week"
    )


def _correction(
    *, user: User, placement: Placement, action: str, record: str, before: str, after: str,
    reason: str,
) -> Correction:  # fmt: skip
    correction = Correction(
        placement=placement, action=action, record=record, before=before, after=after,
        reason=reason.strip(), by=user,
    )  # fmt: skip
    correction.full_clean()
    correction.save()
    return correction


@transaction.atomic
def contract_correct(
    *, user: User, contract: ContractPeriod, reason: str, **fields: object
) -> ContractPeriod:
    """A contract entered wrongly, corrected: the same rules as a new one, the old and new
    values and the reason on the placement's timeline, and in the processing log."""
    Placement.objects.select_for_update().filter(pk=contract.placement_id).first()
    before = describe_contract(contract)
    for key, value in fields.items():
        setattr(contract, key, value)
    contract.full_clean()
    contract.save()
    _correction(
        user=user, placement=contract.placement, action=Correction.Action.CORRECTED,
        record="contract", before=before, after=describe_contract(contract), reason=reason,
    )  # fmt: skip
    _log(user, contract.placement, Action.UPDATE, "contractperiode (correctie)", contract.pk)
    return contract


@transaction.atomic
def contract_withdraw(*, user: User, contract: ContractPeriod, reason: str) -> None:
    """A contract that was never real: removed, with the reason kept on the timeline."""
    placement = contract.placement
    Placement.objects.select_for_update().filter(pk=placement.pk).first()
    _correction(
        user=user, placement=placement, action=Correction.Action.WITHDRAWN, record="contract",
        before=describe_contract(contract), after="", reason=reason,
    )  # fmt: skip
    _log(user, placement, Action.DELETE, "contractperiode (ingetrokken)", contract.pk)
    contract.delete()


@transaction.atomic
def ending_withdraw(*, user: User, ending: Ending, reason: str) -> None:
    """An ending recorded wrongly (the job goes on, or the date or reasons were wrong: record
    it again). The signals of the running placement come back at once."""
    placement = ending.placement
    _correction(
        user=user, placement=placement, action=Correction.Action.WITHDRAWN, record="einde",
        before=f"Einde op {format_date_nl(ending.date)} ({ending.get_initiative_display()})",
        after="", reason=reason,
    )  # fmt: skip
    _log(user, placement, Action.DELETE, "beëindiging (ingetrokken)", ending.pk)
    ending.delete()


@transaction.atomic
def placement_register(
    *,
    user: User,
    person: Person,
    employer: Employer | None,
    new_employer: tuple[str, str] | None,
    function: str,
    route: str,
    kind: str,
    start: date,
    end: date | None,
    hours_per_week: Decimal,
) -> Placement:
    """A placement entered on a screen with its first contract (issue 17 §1). `new_employer`
    (name, KvK) when the employer is added on the spot. One transaction: a contract the rules
    refuse leaves no placement and no employer behind."""
    if employer is None:
        assert new_employer is not None
        name, kvk = new_employer
        employer = employer_register(user=user, name=name, kvk=kvk)
    placement = Placement(
        ref=new_ref("plaatsing"), person=person, employer=employer, function=function, route=route
    )
    placement.full_clean()
    placement.save()
    _log(user, placement, Action.CREATE, "plaatsing", placement.pk)
    contract_add(
        user=user,
        placement=placement,
        kind=kind,
        start=start,
        end=end,
        hours_per_week=hours_per_week,
    )
    return placement
