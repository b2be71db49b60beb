"""Writes of guidance records: contact moments, evaluations, handling a concern."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from baanbehoud.audit.models import Action
from baanbehoud.audit.services import log_record
from baanbehoud.dates import format_date_nl
from baanbehoud.persons.models import Person
from baanbehoud.placements.models import HoursStep, Placement

from . import domain
from .models import (
    Concern,
    ContactMoment,
    Evaluation,
    EvaluationResponse,
    JobcoachHours,
    JobcoachIntensity,
    JobcoachReport,
    JobcoachTrajectory,
    Provision,
    Referral,
    SickReport,
)

if TYPE_CHECKING:
    from baanbehoud.organisations.models import Organisation, User

ACTIVITY = "Begeleiding banenafspraak"


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
    shared_with_employer: bool = False,
) -> ContactMoment:
    """A contact moment; its summary stays with professionals unless the author shares it."""
    moment = ContactMoment(
        placement=placement,
        date=date,
        with_worker=with_worker,
        with_employer=with_employer,
        with_jobcoach=with_jobcoach,
        channel=channel,
        summary=summary,
        follow_up=follow_up,
        shared_with_employer=shared_with_employer,
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


@transaction.atomic
def referral_save(
    *,
    user: User,
    concern: Concern,
    referred_on: date,
    team: str,
    note: str = "",
    feedback_on: date | None = None,
    feedback: str = "",
) -> Referral:
    """Issue 20 §6: a private concern referred to the buurtteam, or the team's feedback added."""
    referral = Referral.objects.select_for_update().filter(concern=concern).first()
    action = Action.UPDATE
    if referral is None:
        referral, action = Referral(concern=concern, by=user), Action.CREATE
    referral.referred_on = referred_on
    referral.team = team
    referral.note = note
    referral.feedback_on = feedback_on
    referral.feedback = feedback
    referral.full_clean()
    referral.save()
    _log(user, concern.placement, action, "doorverwijzing buurtteam", referral.pk)
    return referral


@transaction.atomic
def evaluation_response_submit(
    *,
    user: User,
    evaluation: Evaluation,
    respondent: str,
    answers: dict[str, int],
    remarks: str = "",
) -> EvaluationResponse:
    """Worker and supervisor each fill the same form, separately (report §2.1.4)."""
    response, _created = EvaluationResponse.objects.get_or_create(
        evaluation=evaluation, respondent=respondent
    )
    response.answers = answers
    response.remarks = remarks
    response.submitted_at = timezone.now()
    response.full_clean()
    response.save()
    _log(
        user, evaluation.placement, Action.UPDATE, f"evaluatieformulier ({respondent})", response.pk
    )
    return response


@transaction.atomic
def evaluation_agreements_save(
    *, user: User, evaluation: Evaluation, agreements: str
) -> Evaluation:
    evaluation.agreements = agreements
    evaluation.full_clean()
    evaluation.save(update_fields=["agreements"])
    _log(user, evaluation.placement, Action.UPDATE, "evaluatie (afspraken)", evaluation.pk)
    return evaluation


RAISED_BY_ROLE = {"werknemer": "worker", "werkgever": "employer", "jobcoach": "jobcoach"}


@transaction.atomic
def concern_raise(
    *,
    user: User,
    placement: Placement,
    kind: str,
    text: str = "",
    shared_with_employer: bool = False,
    raised_by: str | None = None,
    raised_on: date | None = None,
) -> Concern:
    """ "Trek aan de bel": the concern reaches the contact person at once, as a high-priority
    signal (CONCERN_RAISED) and an e-mail without the person's health details. `raised_by`
    when someone records it for another (a jobcoach's report filed by the contact person);
    `raised_on` when it is recorded afterwards (today otherwise; the demo's history)."""
    concern = Concern(
        placement=placement,
        date=raised_on or timezone.localdate(),
        raised_by=raised_by or RAISED_BY_ROLE.get(user.role, "professional"),
        kind=kind,
        text=text,
        shared_with_employer=shared_with_employer,
    )
    concern.full_clean()
    concern.save()
    _log(user, placement, Action.CREATE, "zorgsignaal", concern.pk)
    _tell_contact_person(
        placement,
        "iemand trekt aan de bel",
        f"{concern.get_raised_by_display()} trekt aan de bel over een plaatsing bij "
        f"{placement.employer.name}: {concern.get_kind_display().lower()}.\n"
        "Neem vandaag contact op. Meer informatie:",
        reverse("placement-detail", args=[placement.pk]),
    )
    return concern


def _tell_contact_person(
    placement: Placement, subject: str, text: str, path: str, *, not_to: User | None = None
) -> None:
    """An e-mail to the worker's contact person (or the employer's WSP contact) that names
    neither the worker nor anything of their health: what happened, and the link."""
    recipient = placement.person.contact_person or placement.employer.account_manager
    if recipient is None or not recipient.email or recipient == not_to:
        return
    send_mail(
        subject=f"Baanbehoud: {subject}",
        message=f"Beste {recipient},\n\n{text} {settings.SITE_URL}{path}\n\nBaanbehoud",
        from_email=None,
        recipient_list=[recipient.email],
    )


@transaction.atomic
def jobcoaching_start(
    *,
    user: User,
    placement: Placement,
    organisation: Organisation,
    coach: User | None,
    intensity: JobcoachIntensity | None,
    start: date,
    end: date | None,
    exception_reason: str = "",
) -> JobcoachTrajectory:
    trajectory = JobcoachTrajectory(
        ref=f"{placement.ref}-jc{placement.jobcoaching.count() + 1}",
        placement=placement,
        organisation=organisation,
        coach=coach,
        intensity=intensity,
        start=start,
        end=end,
        exception_reason=exception_reason,
    )
    trajectory.full_clean()
    trajectory.save()
    if coach is not None:
        Person.objects.filter(pk=placement.person_id).update(jobcoach=coach)
    _log(user, placement, Action.CREATE, "jobcoachtraject", trajectory.pk)
    return trajectory


@transaction.atomic
def jobcoaching_exception(
    *, user: User, trajectory: JobcoachTrajectory, exception_reason: str
) -> JobcoachTrajectory:
    trajectory.exception_reason = exception_reason
    trajectory.full_clean()
    trajectory.save(update_fields=["exception_reason"])
    _log(user, trajectory.placement, Action.UPDATE, "jobcoachtraject (uitzondering)", trajectory.pk)
    return trajectory


@transaction.atomic
def jobcoach_hours_book(
    *,
    user: User,
    trajectory: JobcoachTrajectory,
    month: date,
    hours: Decimal,
    add: bool = False,
) -> JobcoachHours:
    """One entry per month. The page adds to what is booked (a jobcoach books as the hours come);
    the API and the import state the month's total. The regional limits apply."""
    entry = JobcoachHours.objects.select_for_update().filter(
        trajectory=trajectory, month=month
    ).first() or JobcoachHours(trajectory=trajectory, month=month, hours=Decimal(0))
    entry.hours = Decimal(entry.hours) + hours if add else hours
    entry.full_clean(validate_unique=False)
    entry.save()
    _log(user, trajectory.placement, Action.UPDATE, "jobcoachuren", entry.pk)
    return entry


@transaction.atomic
def jobcoach_report_write(
    *, user: User, trajectory: JobcoachTrajectory, **fields: object
) -> JobcoachReport:
    """A jobcoach report; one that sees a risk to the job rings the bell at once (issue 17 §2):
    a concern from the jobcoach, so the contact person gets the CONCERN_RAISED signal and a mail."""
    report = JobcoachReport(trajectory=trajectory, **fields)
    report.full_clean()
    report.save()
    _log(user, trajectory.placement, Action.CREATE, "jobcoachrapportage", report.pk)
    if report.risk:
        concern_raise(
            user=user,
            placement=trajectory.placement,
            kind=Concern.Kind.NOT_GOING_WELL,
            text=f"De jobcoach ziet een risico voor de baan (rapportage van "
            f"{format_date_nl(report.date)}). {report.advice or report.how_it_goes}".strip(),
            raised_by=Concern.RaisedBy.JOBCOACH,
        )
    return report


@transaction.atomic
def hours_step_plan(
    *,
    user: User,
    placement: Placement,
    from_date: date,
    hours_per_week: Decimal,
    review_date: date | None,
) -> HoursStep:
    step = HoursStep(
        placement=placement,
        from_date=from_date,
        hours_per_week=hours_per_week,
        review_date=review_date,
    )
    step.full_clean()
    step.save()
    _log(user, placement, Action.CREATE, "urenopbouw", step.pk)
    return step


@transaction.atomic
def provision_save(*, user: User, provision: Provision, **fields: object) -> Provision:
    for key, value in fields.items():
        setattr(provision, key, value)
    if provision.granted and provision.status == Provision.Status.REQUESTED:
        provision.status = Provision.Status.GRANTED
    provision.full_clean()
    provision.save()
    _log(user, provision.placement, Action.UPDATE, "voorziening", provision.pk)
    return provision


@transaction.atomic
def record_update(*, user: User, record: Any, **fields: object) -> Any:
    """A change to a record of a placement through the API: the model's rules (full_clean), then
    the processing log, like every other write."""
    for key, value in fields.items():
        setattr(record, key, value)
    record.full_clean()
    record.save()
    placement = getattr(record, "placement", None) or record.trajectory.placement
    _log(user, placement, Action.UPDATE, str(record._meta.verbose_name), record.pk)
    return record


# Sickness (issue 20 §1) ---------------------------------------------------------------------------


def _save_sick_report(report: SickReport) -> None:
    """Save with the placement's one open sick report held by the database: of two people who
    report the same sickness at once, the second hears there is one (nothing half-written)."""
    report.full_clean()
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        since = (
            SickReport.objects.filter(placement_id=report.placement_id, recovered_on__isnull=True)
            .values_list("first_day", flat=True)
            .first()
        )
        raise ValidationError(
            {"first_day": domain.msg_still_sick(since or report.first_day)}
        ) from None


@transaction.atomic
def sick_report(
    *,
    user: User,
    placement: Placement,
    first_day: date,
    expected_return: date | None = None,
    works_partly: bool = False,
    note: str = "",
) -> SickReport:
    """A sick report reaches the contact person at once: a high-priority signal (SICK_REPORTED)
    and an e-mail without health details."""
    report = SickReport(
        placement=placement,
        first_day=first_day,
        expected_return=expected_return,
        works_partly=works_partly,
        note=note,
        reported_by=RAISED_BY_ROLE.get(user.role, "professional"),  # the same kinds of people
        recorded_by=user,
    )
    _save_sick_report(report)
    _log(user, placement, Action.CREATE, "ziekmelding", report.pk)
    _tell_contact_person(
        placement,
        "ziekmelding",
        f"{report.get_reported_by_display()} meldt een werknemer ziek bij "
        f"{placement.employer.name}, sinds {format_date_nl(first_day)}.\n"
        "Neem contact op en spreek af wie wat doet:",
        reverse("sick-report", args=[report.pk]),
        not_to=user,  # who reports it themselves needs no e-mail about it
    )
    return report


@transaction.atomic
def sick_report_change(
    *,
    user: User,
    report: SickReport,
    expected_return: date | None,
    works_partly: bool,
    recovered_on: date | None = None,
) -> SickReport:
    """Update the expected return or partial work, or record the recovery, which closes it."""
    report = SickReport.objects.select_for_update().get(pk=report.pk)
    report.expected_return = expected_return
    report.works_partly = works_partly
    if recovered_on is not None:
        report.recovered_on = recovered_on
    _save_sick_report(report)
    _log(user, report.placement, Action.UPDATE, "ziekmelding", report.pk)
    return report
