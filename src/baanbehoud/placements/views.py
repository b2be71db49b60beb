"""Placement page and the forms that resolve signals about contracts and endings."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from baanbehoud.audit.models import CASE_WORK, Action
from baanbehoud.audit.services import log_processing
from baanbehoud.core import disclosure
from baanbehoud.core.access import (
    CASE_MANAGERS,
    CASE_READERS,
    PLACEMENT_PARTIES,
    SICK_REPORTERS,
    roles_required,
)
from baanbehoud.core.forms import form_page
from baanbehoud.core.http import AuthenticatedRequest
from baanbehoud.core.lists import list_page, log_persons
from baanbehoud.dates import format_date_nl, format_number_nl
from baanbehoud.guidance.domain import jobcoaching_offer_text, needs_offer_talk
from baanbehoud.guidance.models import JobcoachTrajectory, organisation_settings
from baanbehoud.organisations.models import Role, User
from baanbehoud.persons.domain import no_risk_text
from baanbehoud.persons.models import Person
from baanbehoud.signals.domain import Code
from baanbehoud.signals.selectors import open_signal_rows

from . import services
from .domain import MOMENT_LABELS, next_wage_value, permanent_on, subsidy_text
from .forms import (
    AftercareCloseForm,
    ContractCorrectionForm,
    ContractForm,
    EndingForm,
    HoursDecisionForm,
    IntentionForm,
    OfferDiscussedForm,
    PlacementRegisterForm,
    WageValueForm,
    WithdrawForm,
)
from .lists import PLACEMENTS, with_start
from .models import (
    ContractPeriod,
    EmployerIntention,
    Ending,
    HoursStep,
    Placement,
    PlacementQuerySet,
    WageValue,
)
from .selectors import (
    capacity_notes,
    capacity_text,
    capacity_warning,
    chain_contracts,
    chain_transition_possible,
    contract_notes,
    no_risk_cover,
    placement_chain_status,
    placement_ending_moment,
)
from .text import describe_chain


def _placement(queryset: PlacementQuerySet, pk: int) -> Placement:
    try:
        return queryset.select_related("person", "employer").get(pk=pk)
    except Placement.DoesNotExist as exc:
        raise Http404 from exc


@roles_required(*CASE_READERS)
def placement_list(request: AuthenticatedRequest) -> HttpResponse:
    """Every job of the persons the user may see (issue 18 §2); running ones first."""
    placements = with_start(Placement.objects.visible_to(request.user))
    listing = list_page(
        request,
        PLACEMENTS,
        placements,
        log=log_persons(request.user, "plaatsing (lijst)", lambda p: p.person),
    )
    if isinstance(listing, HttpResponse):
        return listing
    return render(
        request, "placements/placement_list.html", {"list": listing, "page": listing.page}
    )


@roles_required(*PLACEMENT_PARTIES)
def placement_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    placement = _placement(
        Placement.objects.visible_to(request.user)
        # (one Prefetch a call: each is typed with its own record)
        .prefetch_related(
            Prefetch(
                "contracts",
                queryset=ContractPeriod.objects.order_by("start").prefetch_related(
                    "intentions__reasons"
                ),
            )
        )
        .prefetch_related(
            "hours_steps",
            "provisions",
            "concerns__referral",
            "contacts__by",
            "evaluations",
            "sick_reports",
            "wage_values",
        )
        .prefetch_related(
            Prefetch(
                "jobcoaching",
                queryset=JobcoachTrajectory.objects.select_related(
                    "coach", "intensity"
                ).prefetch_related("hours", "reports"),
            )
        ),
        pk,
    )
    log_processing(
        user=request.user,
        persons=[placement.person],
        action=Action.READ,
        activity=CASE_WORK,
        object_type="plaatsing",
        object_id=str(placement.pk),
    )
    today = timezone.localdate()
    contracts = list(placement.contracts.all())
    status = placement_chain_status(placement, today)
    warnings = contract_notes(placement)
    # The chain as the recorded contracts make it: on the start of a contract already recorded
    # for later, not only today (a 4th contract signed in advance changes the story).
    status_day = max([today, *(c.start for c in contracts)])
    if status_day != today:
        status = placement_chain_status(placement, status_day)
    ending = getattr(placement, "ending", None)
    moment = (
        MOMENT_LABELS[
            placement_ending_moment(placement, ending.date, [r.code for r in ending.reasons.all()])
        ]
        if ending is not None
        else None
    )
    shown = shown_parts(request.user, placement)
    steps = list(placement.hours_steps.all())
    step_notes = capacity_notes(placement, [], steps)
    cover = no_risk_cover(placement, today)
    context: dict[str, Any] = {
        # Issue 20 §7: a self-found job without a jobcoach: tell the employer the offer, once.
        "offer": offer_text(placement, shown["person_name"])
        if needs_offer_talk(
            placement.route,
            bool(list(placement.jobcoaching.all())),
            placement.offer_discussed_on is not None,
            ending is not None,
        )
        else None,
        "placement": placement,
        # Issue 20 §2: the employer's real risk, in plain words for everyone on the page.
        "no_risk_text": no_risk_text(cover, shown["person_name"]),
        "hours_steps": [{"step": st, "note": step_notes.get(("step", st.pk))} for st in steps],
        "moment": moment,
        "aftercare": _aftercare(placement, ending, today)
        if shown["show"].get("case_details")
        else None,
        "contracts": [
            {
                "contract": c,
                "warnings": warnings.get(c.pk, []),
                # The latest intention counts (Meta ordering: newest first).
                "intention": next(iter(c.intentions.all()), None),
            }
            for c in contracts
        ],
        "chain_text": (
            f"Met het contract vanaf {format_date_nl(status_day)}: " if status_day != today else ""
        )
        + describe_chain(
            status,
            permanent_contract=permanent_on([c.as_period() for c in contracts], status_day),
        ),
        "ending": getattr(placement, "ending", None),
        "can_manage": Placement.objects.manageable_by(request.user).filter(pk=pk).exists(),
        # Issue 20 §1: the sick reports, newest first (the open one leads to who acts).
        "sick_reports": list(placement.sick_reports.all()),
        "sick_reporter": request.user.is_superuser or request.user.role in SICK_REPORTERS,
        # Issue 20 §3: the latest loonwaarde (Meta ordering: newest first), for professionals.
        "wage_value": next(iter(placement.wage_values.all()), None),
        "today": today,
        **shown,
    }
    return render(request, "placements/placement_detail.html", context)


def _aftercare(placement: Placement, ending: Ending | None, today: date) -> Any:
    """The open AFTERCARE_DUE of an ended placement (from the stored signals: the rule says
    whether it applies), or None."""
    if ending is None:
        return None
    return next(
        (
            row.signal
            for row in open_signal_rows(Placement.objects.filter(pk=placement.pk), today)
            if row.signal.code == Code.AFTERCARE_DUE
        ),
        None,
    )


def shown_parts(user: User, placement: Placement) -> dict[str, Any]:
    """What of this placement the user's role sees (core/disclosure.py)."""
    role, superuser = user.role, user.is_superuser
    parts = disclosure.parts_for(role, superuser)
    trajectories = list(placement.jobcoaching.all())
    if role == Role.JOBCOACH and not superuser:
        trajectories = [t for t in trajectories if t.coach_id == user.pk]
    return {
        "show": {part.value: part in parts for part in disclosure.Part},
        "person_name": disclosure.shown_name(placement.person.name, role, superuser),
        "contacts": [
            c
            for c in placement.contacts.all()
            if disclosure.contact_shown(role, c.shared_with_employer, superuser)
        ],
        "concerns": [
            c
            for c in placement.concerns.all()
            if disclosure.concern_shown(role, c.raised_by, c.shared_with_employer, superuser)
        ],
        "trajectories": trajectories,
        "reports_shown": disclosure.jobcoach_reports_shown(role, superuser),
    }


@roles_required(*CASE_MANAGERS)
def contract_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    placement = _placement(Placement.objects.manageable_by(request.user), pk)
    last = placement.contracts.order_by("-start").first()
    initial: dict[str, Any] = {"kind": "temporary"}
    if last is not None:
        initial["hours_per_week"] = last.hours_per_week
        if last.end:
            initial["start"] = last.end + timedelta(
                days=1
            )  # docs/pages.md: prefilled, day after the previous end
    status = placement_chain_status(placement, last.start) if last is not None else None
    if status is not None and status.next_must_be_permanent:
        initial["kind"] = "permanent"  # docs/signals.md: the law says so; tijdelijk needs a reason
    form = ContractForm(
        request.POST or None,
        initial=initial,
        instance=ContractPeriod(placement=placement),
        chain=chain_contracts(placement),
    )
    warning = None
    if status is not None and status.next_must_be_permanent and not status.is_permanent:
        warning = (
            "Let op: volgens de ketenbepaling is een volgend contract bij deze werkgever van "
            f"rechtswege vast (vanaf {format_date_nl(status.permanent_by_law_from)})."
        )
    elif status is not None and status.contracts_in_chain == status.max_contracts - 1:
        # Report §2.2.1: the step from temporary to permanent is where most jobs are lost.
        warning = (
            "Let op: dit wordt het laatste tijdelijke contract dat volgens de ketenbepaling mag. "
            "Een contract daarna is van rechtswege vast. Bespreek nu al met de werkgever of er "
            "een vast contract komt."
        )
    capacity = capacity_text(placement.person_id)
    above = (
        capacity_warning(placement.person_id, form.cleaned_data.get("hours_per_week"))
        if form.is_bound and form.is_valid()
        else None
    )
    return form_page(
        request,
        form,
        save=lambda f: services.contract_add(
            user=request.user,
            placement=placement,
            **{k: v for k, v in f.cleaned_data.items() if k != "confirm_temporary"},
        ),
        success_url=reverse("placement-detail", args=[pk]),
        title="Volgend contract vastleggen",
        subject=placement.person,
        success_message="Het contract is opgeslagen." + (f" Let op: {above}" if above else ""),
        context={
            "intro": f"{placement.person} — {placement}",
            "warning": warning,
            "capacity": capacity,
        },
        template="placements/contract_form.html",
    )


def _ending_saved(
    request: AuthenticatedRequest, placement: Placement, data: dict[str, Any]
) -> Ending:
    before = placement.person.contact_person_id
    ending = services.ending_register(user=request.user, placement=placement, **data)
    owner = placement.person.contact_person
    if owner is not None and owner.pk != before:
        messages.info(
            request,
            f"Volgens de afspraak in de regio doet {owner} ({owner.organisation}) de nazorg: "
            "die is nu de vaste contactpersoon"
            + (" en heeft een e-mail gekregen." if owner.email else "."),
        )
    return ending


@roles_required(*CASE_MANAGERS)
def ending_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    placement = _placement(Placement.objects.manageable_by(request.user), pk)
    if Ending.objects.filter(placement=placement).exists():
        return redirect("placement-detail", pk=pk)
    last = placement.contracts.order_by("-start").first()
    initial = {"date": last.end} if last is not None and last.end else {}
    form = EndingForm(
        request.POST or None,
        initial=initial,
        instance=Ending(placement=placement),
        moment_for=lambda day, codes: placement_ending_moment(placement, day, codes),
        ask_no_permanent=chain_transition_possible(placement),
    )
    expected = form.moment or (
        placement_ending_moment(placement, last.end, []) if last and last.end else None
    )
    return form_page(
        request,
        form,
        save=lambda f: _ending_saved(request, placement, f.cleaned_data),
        success_url=reverse("placement-detail", args=[pk]),
        title="Einde van de baan vastleggen",
        subject=placement.person,
        success_message="Het einde van de baan is vastgelegd.",
        context={
            "intro": f"{placement.person} — {placement}. Waarom stopt deze baan? Dit helpt bij een volgende match.",
            "moment": MOMENT_LABELS[expected] if expected else None,
        },
        template="placements/ending_form.html",
    )


@roles_required(*CASE_MANAGERS)
def hours_decision(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    step = get_object_or_404(
        HoursStep.objects.manageable_by(request.user).select_related("placement__person"),
        pk=pk,
    )
    form = HoursDecisionForm(
        request.POST or None, instance=step, initial={"decided_on": timezone.localdate()}
    )
    return form_page(
        request,
        form,
        save=lambda f: services.hours_step_decide(user=request.user, step=step, **f.cleaned_data),
        success_url=reverse("placement-detail", args=[step.placement_id]),
        title="Besluit over de urenopbouw",
        subject=step.placement.person,
        success_message="Het besluit is opgeslagen.",
        context={
            "intro": f"{step.placement.person}: nu {format_number_nl(step.hours_per_week)} uur per "
            f"week sinds {format_date_nl(step.from_date)}."
        },
    )


@roles_required(*CASE_MANAGERS)
def contract_correct(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    contract = get_object_or_404(
        ContractPeriod.objects.manageable_by(request.user).select_related("placement__person"),
        pk=pk,
    )
    placement = contract.placement
    this = contract.as_chain()
    form = ContractCorrectionForm(
        request.POST or None,
        instance=contract,
        chain=[c for c in chain_contracts(placement) if c != this],
    )
    return form_page(
        request,
        form,
        save=lambda f: services.contract_correct(
            user=request.user,
            contract=contract,
            **{k: v for k, v in f.cleaned_data.items() if k != "confirm_temporary"},
        ),
        success_url=reverse("placement-detail", args=[placement.pk]),
        title="Contract corrigeren",
        subject=placement.person,
        success_message="Het contract is gecorrigeerd. De signalen zijn bijgewerkt.",
        context={
            "intro": f"Was: {services.describe_contract(contract)}. Pas aan wat verkeerd is; "
            "de correctie en de reden komen op de tijdlijn van de plaatsing."
        },
    )


@roles_required(*CASE_MANAGERS)
def contract_withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    contract = get_object_or_404(
        ContractPeriod.objects.manageable_by(request.user).select_related("placement__person"),
        pk=pk,
    )
    placement = contract.placement
    return form_page(
        request,
        WithdrawForm(request.POST or None),
        save=lambda f: services.contract_withdraw(
            user=request.user, contract=contract, reason=f.cleaned_data["reason"]
        ),
        success_url=reverse("placement-detail", args=[placement.pk]),
        title="Contract intrekken",
        subject=placement.person,
        success_message="Het contract is ingetrokken. De signalen zijn bijgewerkt.",
        context={
            "intro": f"{services.describe_contract(contract)}. Intrekken is voor een contract dat "
            "er nooit was (dubbel of bij de verkeerde persoon ingevoerd). Klopt alleen iets "
            "niet? Corrigeer het dan."
        },
    )


@roles_required(*CASE_MANAGERS)
def ending_withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    ending = get_object_or_404(
        Ending.objects.manageable_by(request.user).select_related("placement__person"), pk=pk
    )
    placement = ending.placement
    return form_page(
        request,
        WithdrawForm(request.POST or None),
        save=lambda f: services.ending_withdraw(
            user=request.user, ending=ending, reason=f.cleaned_data["reason"]
        ),
        success_url=reverse("placement-detail", args=[placement.pk]),
        title="Einde van de baan intrekken",
        subject=placement.person,
        success_message="Het einde is ingetrokken. Klopte alleen de datum of de reden niet? "
        "Leg het einde dan opnieuw vast.",
        context={
            "intro": f"Einde op {format_date_nl(ending.date)}. Na intrekken loopt de plaatsing "
            "weer, met haar signalen."
        },
    )


def offer_text(placement: Placement, name: str) -> str:
    """Issue 20 §7: what jobcoaching and the no-risk polis offer the employer of a self-found
    job, in plain words (the no-risk polis by the region's rule)."""
    cover = no_risk_cover(placement, timezone.localdate())
    return f"{jobcoaching_offer_text()} {no_risk_text(cover, name)}"


@roles_required(*CASE_MANAGERS)
def offer_discussed(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Issue 20 §7: record, once, that the employer of a self-found job heard the offer."""
    placement = get_object_or_404(
        Placement.objects.manageable_by(request.user).select_related("person", "employer"),
        pk=pk,
    )
    form = OfferDiscussedForm(
        request.POST or None,
        instance=placement,
        initial={"offer_discussed_on": timezone.localdate()},
    )
    return form_page(
        request,
        form,
        save=lambda f: services.offer_discussed_record(
            user=request.user, placement=placement, day=f.cleaned_data["offer_discussed_on"]
        ),
        success_url=reverse("placement-detail", args=[placement.pk]),
        title="Aanbod besproken met de werkgever",
        subject=placement.person,
        success_message="Vastgelegd: het aanbod is besproken met de werkgever.",
        context={
            "intro": f"{placement.person} heeft het werk bij {placement.employer} zelf gevonden, "
            "zonder jobcoach. Vertel de werkgever één keer wat er kan: "
            + offer_text(placement, placement.person.name.split()[0])
        },
    )


@roles_required(*CASE_MANAGERS)
def wage_value(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Issue 20 §3: the placement's loonwaarde measurements, the subsidy that follows from the
    latest, when it is measured again, and a new measurement."""
    placement = get_object_or_404(
        Placement.objects.manageable_by(request.user).select_related(
            "person__organisation", "employer"
        ),
        pk=pk,
    )
    history = list(placement.wage_values.select_related("by"))
    latest = history[0] if history else None
    form = WageValueForm(
        request.POST or None,
        instance=WageValue(placement=placement),
        initial={
            "date": timezone.localdate(),
            "hours_per_week": latest.hours_per_week if latest else None,
            "method": latest.method if latest else None,
        },
    )
    cadence = organisation_settings(placement.person.organisation_id).wage_value_cadence_months
    return form_page(
        request,
        form,
        save=lambda f: services.wage_value_record(
            user=request.user, placement=placement, **f.cleaned_data
        ),
        success_url=reverse("placement-detail", args=[placement.pk]),
        title="Loonwaarde",
        subject=placement.person,
        success_message="De loonwaardemeting is vastgelegd.",
        context={
            "placement": placement,
            "history": history,
            "subsidy": subsidy_text(placement.person.regime, latest.outcome) if latest else None,
            "again": next_wage_value(latest.date, latest.next_measurement, cadence)
            if latest
            else None,
            "cancel_url": reverse("placement-detail", args=[placement.pk]),
            "submit_label": "Meting vastleggen",
        },
        template="placements/wage_value.html",
    )


@roles_required(*CASE_MANAGERS)
def intention_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Issue 19 §5: before a temporary contract ends, what the employer intends and why."""
    contract = get_object_or_404(
        ContractPeriod.objects.manageable_by(request.user).select_related(
            "placement__person", "placement__employer"
        ),
        pk=pk,
        kind=ContractPeriod.Kind.TEMPORARY,
    )
    placement = contract.placement
    form = IntentionForm(
        request.POST or None,
        instance=EmployerIntention(contract=contract),
        initial={"date": timezone.localdate()},
    )
    return form_page(
        request,
        form,
        save=lambda f: services.intention_record(
            user=request.user, contract=contract, **f.cleaned_data
        ),
        success_url=reverse("placement-detail", args=[placement.pk]),
        title="Voornemen van de werkgever vastleggen",
        subject=placement.person,
        success_message="Het voornemen van de werkgever is opgeslagen.",
        context={
            "intro": f"{placement.person} bij {placement.employer}: "
            f"{services.describe_contract(contract)}. Wat wil de werkgever als dit contract "
            "afloopt? Vraag het op tijd: zo weten we waarom de stap naar vast niet lukt, "
            "voordat de baan weg is.",
            # Issue 20 §2: discuss the step to permanent with the facts of the employer's risk.
            "warning": "Vertel de werkgever: "
            + no_risk_text(no_risk_cover(placement, timezone.localdate()), placement.person.name),
        },
        template="placements/ending_form.html",
    )


@roles_required(*CASE_MANAGERS)
def aftercare_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Issue 19 §4: the decision that stops AFTERCARE_DUE (new work stops it by itself)."""
    ending = get_object_or_404(
        Ending.objects.manageable_by(request.user).select_related("placement__person"),
        placement_id=pk,
    )
    placement = ending.placement
    form = AftercareCloseForm(
        request.POST or None, instance=ending, initial={"aftercare_closed": timezone.localdate()}
    )
    return form_page(
        request,
        form,
        save=lambda f: services.aftercare_close(
            user=request.user,
            ending=ending,
            aftercare_closed=f.cleaned_data["aftercare_closed"],
            reason=f.cleaned_data["aftercare_closed_reason"],
        ),
        success_url=reverse("placement-detail", args=[placement.pk]),
        title="Nazorg stoppen",
        subject=placement.person,
        success_message="De nazorg is gestopt. Het signaal staat niet meer in de werklijst.",
        context={
            "intro": f"De baan van {placement.person} bij {placement.employer} is gestopt op "
            f"{format_date_nl(ending.date)} (daarna: {ending.get_next_display().lower()}). "
            "Stop de nazorg alleen als niemand meer met deze persoon naar werk zoekt. Vindt de "
            "persoon een nieuwe baan? Leg dan de nieuwe plaatsing vast: dan stopt de nazorg "
            "vanzelf."
        },
    )


@roles_required(*CASE_MANAGERS)
def placement_register(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Issue 17 §1: a placement for a person, also one they found themselves, with its first
    contract or proefplaatsing; the employer found by KvK or name, or added on the spot."""
    person = get_object_or_404(Person.objects.visible_to(request.user), pk=pk)
    form = PlacementRegisterForm(request.POST or None, user=request.user)

    def save(f: PlacementRegisterForm) -> Placement:
        data = dict(f.cleaned_data)
        employer_text = data.pop("employer").strip()
        new_name = data.pop("new_employer_name").strip()
        return services.placement_register(
            user=request.user,
            person=person,
            employer=f.found_employer,
            new_employer=None if f.found_employer else (new_name, employer_text),
            **data,
        )

    return form_page(
        request,
        form,
        save=save,
        success_url=reverse("person-detail", args=[pk]),
        go_to=lambda placement: reverse("placement-detail", args=[placement.pk]),
        title="Plaatsing toevoegen",
        subject=person,
        success_message="De plaatsing is toegevoegd. De signalen staan op de werklijst.",
        context={"intro": f"Waar gaat {person.name} werken, en met welk contract begint het?"},
    )
