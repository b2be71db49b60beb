"""Forms that resolve CONTACT_DUE, EVALUATION_DUE and CONCERN_RAISED."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from baanbehoud.audit.models import Action
from baanbehoud.audit.services import log_processing
from baanbehoud.core import disclosure
from baanbehoud.core.access import CASE_MANAGERS, SICK_REPORTERS, roles_required
from baanbehoud.core.forms import form_page
from baanbehoud.core.http import AuthenticatedRequest
from baanbehoud.core.lists import FORMATS, file_response
from baanbehoud.dates import MONTHS_NL, add_months, format_date_nl, format_number_nl
from baanbehoud.organisations.models import Role
from baanbehoud.placements.models import HoursStep, Placement, PlacementQuerySet
from baanbehoud.placements.selectors import capacity_text, capacity_warning

from . import services
from .domain import SCALE_LABELS, HoursEntry, compare, year_total
from .forms import (
    AgreementsForm,
    ConcernHandlingForm,
    ConcernRaiseForm,
    ContactMomentForm,
    EvaluationForm,
    EvaluationResponseForm,
    ExceptionForm,
    HoursBookForm,
    HoursStepForm,
    JobcoachReportForm,
    ProvisionForm,
    ReferralForm,
    SickReportChangeForm,
    SickReportForm,
    TrajectoryForm,
)
from .models import (
    Concern,
    ContactMoment,
    Evaluation,
    JobcoachReport,
    JobcoachTrajectory,
    Provision,
    Referral,
    SickReport,
    organisation_settings,
    organisation_settings_for,
)
from .selectors import who_acts


def _placement(placements: PlacementQuerySet, pk: int) -> Placement:
    """The placement with its person and employer, or 404 when the user may not reach it."""
    return get_object_or_404(placements.select_related("person", "employer"), pk=pk)


@roles_required(*CASE_MANAGERS)
def contact_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    placement = _placement(Placement.objects.manageable_by(request.user), pk)
    form = ContactMomentForm(
        request.POST or None,
        initial={"date": timezone.localdate(), "with_worker": True},
        instance=ContactMoment(placement=placement),
    )
    return form_page(
        request,
        form,
        save=lambda f: services.contact_moment_record(
            user=request.user, placement=placement, **f.cleaned_data
        ),
        success_url=reverse("placement-detail", args=[pk]),
        title="Contact vastleggen",
        subject=placement.person,
        success_message="Het contactmoment is opgeslagen.",
        context={"intro": f"{placement.person} — {placement}"},
    )


@roles_required(*CASE_MANAGERS)
def evaluation_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    placement = _placement(Placement.objects.manageable_by(request.user), pk)
    form = EvaluationForm(
        request.POST or None,
        initial={"date": timezone.localdate(), "kind": Evaluation.Kind.EVALUATION},
        instance=Evaluation(placement=placement),
    )
    return form_page(
        request,
        form,
        save=lambda f: services.evaluation_record(
            user=request.user, placement=placement, **f.cleaned_data
        ),
        success_url=reverse("placement-detail", args=[pk]),
        title="Evaluatie vastleggen",
        subject=placement.person,
        success_message="De evaluatie is opgeslagen.",
        context={"intro": f"{placement.person} — {placement}"},
    )


@roles_required(*CASE_MANAGERS)
def concern_handle(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    concern = get_object_or_404(
        Concern.objects.manageable_by(request.user).select_related("placement__person"),
        pk=pk,
    )
    form = ConcernHandlingForm(
        request.POST or None, instance=concern, initial={"handled": timezone.localdate()}
    )
    return form_page(
        request,
        form,
        save=lambda f: services.concern_handle(
            user=request.user, concern=concern, **f.cleaned_data
        ),
        success_url=reverse("placement-detail", args=[concern.placement_id]),
        title="Zorgsignaal afhandelen",
        subject=concern.placement.person,
        success_message="De afhandeling is opgeslagen.",
        context={
            "intro": f"{concern.placement.person}: {concern.get_kind_display()} ({concern.text})"
        },
    )


# Evaluations and the IOP ---------------------------------------------------------------------

RESPONDENT_BY_ROLE = {Role.WERKNEMER: "worker", Role.WERKGEVER: "supervisor"}


@roles_required(Role.WERKGEVER, Role.WERKNEMER)
def evaluation_respond(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Worker and supervisor each fill the same form on their own account (report §2.1.4)."""
    respondent = RESPONDENT_BY_ROLE.get(request.user.role)  # type: ignore[call-overload]
    evaluation = get_object_or_404(
        Evaluation.objects.visible_to(request.user).select_related(
            "placement__person", "placement__employer"
        ),
        pk=pk,
    )
    if respondent is None:
        raise Http404
    existing = evaluation.responses.filter(respondent=respondent).first()
    form = EvaluationResponseForm(
        request.POST or None,
        respondent=respondent,
        name=evaluation.placement.person.name.split()[0],
        initial={
            **(existing.answers if existing else {}),
            "remarks": existing.remarks if existing else "",
        },
    )
    who = "u" if respondent == "worker" else f"{evaluation.placement.person.name.split()[0]}"
    return form_page(
        request,
        form,
        save=lambda f: services.evaluation_response_submit(
            user=request.user,
            evaluation=evaluation,
            respondent=respondent,
            answers=f.answers(),
            remarks=f.cleaned_data["remarks"],
        ),
        success_url=reverse("home"),
        title="Hoe gaat het op het werk?",
        subject=evaluation.placement.person,
        success_message="Dank u wel. Uw antwoorden zijn opgeslagen.",
        context={
            "intro": f"Vragen over het werk van {who} als {evaluation.placement.function}. Kies bij elke zin "
            "wat het beste past. De werknemer en de leidinggevende vullen dit apart in."
        },
    )


@roles_required(*CASE_MANAGERS)
def evaluation_compare(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    evaluation = get_object_or_404(
        Evaluation.objects.manageable_by(request.user)
        .select_related("placement__person", "placement__employer")
        .prefetch_related("responses"),
        pk=pk,
    )
    answers = {r.respondent: r for r in evaluation.responses.all()}
    items = compare(
        answers["worker"].answers if "worker" in answers else None,
        answers["supervisor"].answers if "supervisor" in answers else None,
    )
    form = AgreementsForm(request.POST or None, instance=evaluation)
    return form_page(
        request,
        form,
        save=lambda f: services.evaluation_agreements_save(
            user=request.user, evaluation=evaluation, agreements=f.cleaned_data["agreements"]
        ),
        success_url=reverse("evaluation-compare", args=[pk]),
        title=f"{evaluation.get_kind_display()} van {format_date_nl(evaluation.date)}",
        subject=evaluation.placement.person,
        success_message="De afspraken zijn opgeslagen.",
        context={
            "evaluation": evaluation,
            "items": items,
            "answers": answers,
            "scale": SCALE_LABELS,
        },
        template="guidance/evaluation_compare.html",
    )


# Trek aan de bel -------------------------------------------------------------------------------


@roles_required(*CASE_MANAGERS, Role.JOBCOACH, Role.WERKGEVER, Role.WERKNEMER)
def concern_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Three clicks from the worker's, supervisor's or jobcoach's own page."""
    placement = _placement(Placement.objects.visible_to(request.user), pk)
    is_worker = request.user.role == Role.WERKNEMER
    first = placement.person.name.split()[0] if placement.person.name.split() else ""
    form = ConcernRaiseForm(
        request.POST or None,
        about=None if is_worker else first,
        employer=request.user.role == Role.WERKGEVER,
    )
    if is_worker:
        intro = (
            "Is er iets veranderd, of gaat het niet goed? Laat het weten. Uw contactpersoon "
            "krijgt meteen bericht."
        )
        done = "Uw contactpersoon weet het nu en neemt snel contact op."
    else:  # a supervisor, jobcoach or professional rings the bell about the worker
        intro = (
            f"Is er iets veranderd bij {first}, of gaat het niet goed? Laat het weten. De "
            f"contactpersoon van {first} krijgt meteen bericht."
        )
        done = f"De contactpersoon van {first} weet het nu en neemt snel contact op."
    return form_page(
        request,
        form,
        save=lambda f: services.concern_raise(
            user=request.user, placement=placement, **f.cleaned_data
        ),
        success_url=reverse("home"),
        title="Trek aan de bel",
        subject=placement.person,
        success_message=done,
        context={"intro": intro, "submit_label": "Verstuur"},
    )


# Help for private problems (issue 20 §6) ------------------------------------------------------


@roles_required(*CASE_MANAGERS)
def referral_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Refer a private concern to the buurtteam of the person's municipality, or add the team's
    feedback: one page, the referral's first day kept."""
    concern = get_object_or_404(
        Concern.objects.manageable_by(request.user).select_related(
            "placement__person__municipality", "referral"
        ),
        pk=pk,
        kind=Concern.Kind.PRIVATE,
    )
    municipality = concern.placement.person.municipality
    existing = getattr(concern, "referral", None)
    form = ReferralForm(
        request.POST or None,
        instance=existing or Referral(concern=concern),
        initial={
            "referred_on": timezone.localdate(),
            "team": municipality.social_team if municipality is not None else "",
        },
    )
    return form_page(
        request,
        form,
        save=lambda f: services.referral_save(user=request.user, concern=concern, **f.cleaned_data),
        success_url=reverse("placement-detail", args=[concern.placement_id]),
        title="Terugkoppeling van het buurtteam"
        if existing
        else "Doorverwijzen naar het buurtteam",
        subject=concern.placement.person,
        success_message="De doorverwijzing is opgeslagen.",
        context={
            "intro": f"{concern.placement.person}: {concern.get_kind_display().lower()}"
            f" ({format_date_nl(concern.date)}). {concern.text}",
            "municipality": municipality,
            "cancel_url": reverse("placement-detail", args=[concern.placement_id]),
        },
        template="guidance/referral_form.html",
    )


# Sickness (issue 20 §1) -------------------------------------------------------------------------


@roles_required(*SICK_REPORTERS)
def sick_report_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Report sick: from the worker's, the supervisor's or the contact person's page."""
    placement = _placement(Placement.objects.visible_to(request.user), pk)
    open_report = placement.sick_reports.filter(recovered_on__isnull=True).first()
    if open_report is not None and request.method != "POST":
        messages.info(request, "Er loopt al een ziekmelding. Hier kunt u die bijwerken.")
        return redirect("sick-report", pk=open_report.pk)
    is_worker = request.user.role == Role.WERKNEMER
    first = placement.person.name.split()[0] if placement.person.name.split() else ""
    form = SickReportForm(
        request.POST or None,
        instance=SickReport(placement=placement),
        initial={"first_day": timezone.localdate()},
    )
    if is_worker:
        intro = "Bent u ziek? Meld het hier. Meld het ook altijd bij uw leidinggevende."
        done = "Uw ziekmelding is doorgegeven. Uw contactpersoon neemt contact op. Beterschap!"
    else:
        intro = (
            f"Is {first} ziek? Meld het hier. De contactpersoon van {first} krijgt meteen bericht."
        )
        done = f"De ziekmelding is opgeslagen. De contactpersoon van {first} krijgt bericht."
    if request.user.role in CASE_MANAGERS:
        done = "De ziekmelding is opgeslagen. Hieronder staat wie wat doet."
    return form_page(
        request,
        form,
        save=lambda f: services.sick_report(
            user=request.user, placement=placement, **f.cleaned_data
        ),
        success_url=reverse("home"),
        go_to=lambda report: reverse("sick-report", args=[report.pk]),
        title="Ziek melden",
        subject=placement.person,
        success_message=done,
        context={"intro": intro, "submit_label": "Ziek melden", "cancel_url": reverse("home")},
    )


@roles_required(*SICK_REPORTERS)
def sick_report_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """One sick report: since when, who acts (the region's agreement), the Poortwachter steps
    with their dates, and a form to update it or record the recovery."""
    report = get_object_or_404(
        SickReport.objects.visible_to(request.user).select_related(
            "placement__person__organisation__region", "placement__employer", "recorded_by"
        ),
        pk=pk,
    )
    placement = report.placement
    form = SickReportChangeForm(request.POST or None, instance=report)
    professional = request.user.role in CASE_MANAGERS
    today = timezone.localdate()
    if request.user.role == Role.WERKNEMER:
        title = "Uw ziekmelding"
    elif request.user.role == Role.WERKGEVER:
        title = f"Ziekmelding van {disclosure.shown_name(placement.person.name, 'werkgever')}"
    else:
        title = f"Ziekmelding van {placement.person.name}"
    return form_page(
        request,
        form,
        save=lambda f: services.sick_report_change(
            user=request.user, report=report, **f.cleaned_data
        ),
        success_url=reverse("sick-report", args=[report.pk]),
        title=title,
        subject=placement.person,
        success_message=(
            "Fijn dat de werknemer weer aan het werk is. De ziekmelding is klaar."
            if request.POST.get("recovered_on")
            else "De ziekmelding is bijgewerkt."
        ),
        context={
            "report": report,
            "placement": placement,
            "who_acts": who_acts(placement),
            "milestones": report.milestones(),
            "today": today,
            "professional": professional,
            "submit_label": "Opslaan",
        },
        template="guidance/sick_report.html",
    )


# Jobcoaching ------------------------------------------------------------------------------------


def _coached(request: AuthenticatedRequest, pk: int) -> JobcoachTrajectory:
    """The jobcoach's own trajectory, or one a contact person may manage."""
    user = request.user
    trajectories = JobcoachTrajectory.objects.select_related(
        "placement__person", "placement__employer"
    )
    if user.role == Role.JOBCOACH:
        return get_object_or_404(trajectories, pk=pk, coach=user)
    return get_object_or_404(trajectories.manageable_by(user), pk=pk)


@roles_required(Role.JOBCOACH)
def jobcoach_home(request: AuthenticatedRequest) -> HttpResponse:
    today = timezone.localdate()
    trajectories = list(
        JobcoachTrajectory.objects.filter(coach=request.user)
        .select_related("placement__person", "placement__employer")
        .prefetch_related("hours", "reports")
        .order_by("placement__person__name")
    )
    log_processing(
        user=request.user,
        persons=[t.placement.person for t in trajectories],
        action=Action.READ,
        activity=services.ACTIVITY,
        object_type="jobcoachtraject (lijst)",
    )
    rows: list[dict[str, Any]] = []
    settings = organisation_settings_for(t.placement.person.organisation_id for t in trajectories)
    for t in trajectories:
        used = year_total([HoursEntry(h.month, h.hours) for h in t.hours.all()], today.year)
        last = max((r.date for r in t.reports.all()), default=t.start)
        own = settings[t.placement.person.organisation_id]
        rows.append(
            {
                "trajectory": t,
                "used": used,
                "budget": t.budget_hours(own),
                "next_report": add_months(last, t.report_cadence(own)),
                "active": t.end is None or t.end >= today,
            }
        )
    # Issue 18 §2: a search and an order of the user's choosing, kept in the URL.
    query = request.GET.get("q", "").strip()[:100].lower()
    if query:
        rows = [
            r
            for r in rows
            if query in r["trajectory"].placement.person.name.lower()
            or query in r["trajectory"].placement.employer.name.lower()
        ]
    order = request.GET.get("sorteer", "")
    if order not in COACH_ORDERS:
        order = "persoon"
    rows.sort(key=COACH_ORDERS[order][1])
    kind = request.GET.get("formaat", "")
    if kind in FORMATS:
        log_processing(
            user=request.user,
            persons=[r["trajectory"].placement.person for r in rows],
            action=Action.EXPORT,
            activity=services.ACTIVITY,
            object_type="jobcoachtraject (download)",
        )
        return file_response(
            "mijn-jobcoaching",
            "Jobcoaching",
            kind,
            ["Werknemer", "Functie", "Werkgever", "Uren dit jaar", "Budget", "Volgende rapportage",
             "Loopt"],
            ([r["trajectory"].placement.person.name, r["trajectory"].placement.function,
              r["trajectory"].placement.employer.name, r["used"], r["budget"], r["next_report"],
              "ja" if r["active"] else "nee"] for r in rows),
        )  # fmt: skip
    # Issue 17 §3: what to do now first; ended trajectories apart, below.
    params = {k: v for k, v in (("q", query), ("sorteer", order)) if v and v != "persoon"}
    return render(
        request,
        "guidance/jobcoach_home.html",
        {
            "rows": [r for r in rows if r["active"]],
            "ended": [r for r in rows if not r["active"]],
            "today": today,
            "query": query,
            "order": order,
            "orders": [(key, label) for key, (label, _k) in COACH_ORDERS.items()],
            "downloads": {kind: "?" + urlencode({**params, "formaat": kind}) for kind in FORMATS},
            "list": {"filtered": bool(params)},
        },
    )


COACH_ORDERS: dict[str, tuple[str, Any]] = {
    "persoon": ("Naam", lambda r: (r["trajectory"].placement.person.name, r["trajectory"].pk)),
    "rapportage": ("Volgende rapportage", lambda r: (r["next_report"], r["trajectory"].pk)),
    "uren": ("Meeste uren over", lambda r: (r["used"] - r["budget"], r["trajectory"].pk)),
}


@roles_required(Role.JOBCOACH, *CASE_MANAGERS)
def hours_book(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    trajectory = _coached(request, pk)
    form = HoursBookForm(request.POST or None)
    booked = list(trajectory.hours.order_by("-month")[:3])
    so_far = "; ".join(
        f"{MONTHS_NL[h.month.month - 1]} {h.month.year}: {format_number_nl(h.hours)} uur"
        for h in booked
    )
    return form_page(
        request,
        form,
        # Added to what the month already has: booking 5 and then 10 hours makes 15.
        save=lambda f: services.jobcoach_hours_book(
            user=request.user, trajectory=trajectory, add=True, **f.cleaned_data
        ),
        success_url=_jobcoach_return(request, trajectory),
        title="Uren boeken",
        subject=trajectory.placement.person,
        success_message="De uren zijn geboekt en bij de maand opgeteld.",
        context={
            "intro": f"{trajectory.placement.person} — {trajectory.placement}. "
            f"Budget: {format_number_nl(trajectory.budget_hours())} uur per jaar. "
            + (f"Al geboekt: {so_far}. " if so_far else "Nog geen uren geboekt. ")
            + "De uren die u nu invult, komen erbij."
        },
    )


def _jobcoach_return(request: AuthenticatedRequest, trajectory: JobcoachTrajectory) -> str:
    if request.user.role == Role.JOBCOACH:
        return reverse("jobcoach-home")
    return reverse("placement-detail", args=[trajectory.placement_id])


@roles_required(Role.JOBCOACH, *CASE_MANAGERS)
def report_write(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    trajectory = _coached(request, pk)
    form = JobcoachReportForm(
        request.POST or None,
        initial={"date": timezone.localdate()},
        instance=JobcoachReport(trajectory=trajectory),
    )
    return form_page(
        request,
        form,
        save=lambda f: services.jobcoach_report_write(
            user=request.user, trajectory=trajectory, **f.cleaned_data
        ),
        success_url=_jobcoach_return(request, trajectory),
        title="Rapportage schrijven",
        subject=trajectory.placement.person,
        success_message="De rapportage is opgeslagen.",
        context={"intro": f"{trajectory.placement.person} — {trajectory.placement}"},
    )


@roles_required(*CASE_MANAGERS)
def trajectory_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    placement = _placement(Placement.objects.manageable_by(request.user), pk)
    form = TrajectoryForm(
        request.POST or None,
        initial={"start": timezone.localdate()},
        instance=JobcoachTrajectory(placement=placement, ref="nieuw"),
    )
    return form_page(
        request,
        form,
        save=lambda f: services.jobcoaching_start(
            user=request.user, placement=placement, **f.cleaned_data
        ),
        success_url=reverse("placement-detail", args=[pk]),
        title="Jobcoaching inzetten",
        subject=placement.person,
        success_message="De jobcoaching is vastgelegd.",
        context={
            "intro": "Jobcoaching kan bij werk van minstens 12 uur per week, tot 52 uur per jaar en 2 jaar. "
            "Vul alleen bij een uitzondering een reden in."
        },
    )


@roles_required(*CASE_MANAGERS)
def trajectory_exception(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    trajectory = get_object_or_404(
        JobcoachTrajectory.objects.manageable_by(request.user).select_related("placement__person"),
        pk=pk,
    )
    form = ExceptionForm(request.POST or None, instance=trajectory)
    return form_page(
        request,
        form,
        save=lambda f: services.jobcoaching_exception(
            user=request.user,
            trajectory=trajectory,
            exception_reason=f.cleaned_data["exception_reason"],
        ),
        success_url=reverse("placement-detail", args=[trajectory.placement_id]),
        title="Uitzondering voor jobcoaching",
        subject=trajectory.placement.person,
        success_message="De uitzondering is vastgelegd.",
        context={
            "intro": "Meer dan 52 uur per jaar of langer dan 2 jaar kan alleen met een reden."
        },
    )


@roles_required(*CASE_MANAGERS)
def hours_step_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    placement = _placement(Placement.objects.manageable_by(request.user), pk)
    form = HoursStepForm(request.POST or None, instance=HoursStep(placement=placement))
    # Issue 20 §4: the load capacity before anything is typed, and a step above it said out loud.
    above = (
        capacity_warning(placement.person_id, form.cleaned_data.get("hours_per_week"))
        if form.is_bound and form.is_valid()
        else None
    )
    return form_page(
        request,
        form,
        save=lambda f: services.hours_step_plan(
            user=request.user, placement=placement, **f.cleaned_data
        ),
        success_url=reverse("placement-detail", args=[pk]),
        title="Urenopbouw plannen",
        subject=placement.person,
        success_message="De stap in de urenopbouw is opgeslagen."
        + (f" Let op: {above}" if above else ""),
        context={
            "intro": "Begin met minder uren en bespreek na een paar weken of er meer kunnen.",
            "warning": capacity_text(placement.person_id),
        },
        template="placements/contract_form.html",
    )


@roles_required(*CASE_MANAGERS)
def provision_edit(
    request: AuthenticatedRequest, pk: int, provision_pk: int | None = None
) -> HttpResponse:
    placement = _placement(Placement.objects.manageable_by(request.user), pk)
    provision = (
        get_object_or_404(Provision, pk=provision_pk, placement=placement)
        if provision_pk
        else Provision(placement=placement)
    )
    form = ProvisionForm(
        request.POST or None,
        instance=provision,
        initial={} if provision_pk else {"requested": timezone.localdate()},
    )
    return form_page(
        request,
        form,
        save=lambda f: services.provision_save(
            user=request.user, provision=provision, **f.cleaned_data
        ),
        success_url=reverse("placement-detail", args=[pk]),
        title="Voorziening",
        subject=placement.person,
        success_message="De voorziening is opgeslagen.",
        context={
            "intro": "Een aanpassing of hulpmiddel op het werk. Na "
            f"{_provision_wait_weeks(placement)} weken zonder toekenning komt er een signaal."
        },
    )


def _provision_wait_weeks(placement: Placement) -> int:
    """The organisation's setting, not a number written in the text (issue 13 §5)."""
    return int(organisation_settings(placement.person.organisation_id).provision_wait_weeks)
