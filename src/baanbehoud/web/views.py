"""The web shell: start page, person and employer pages, search. Thin views: a selector reads
(scoped to the user), the processing log records what was shown."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from baanbehoud.audit.models import Action
from baanbehoud.audit.services import log_processing
from baanbehoud.dates import format_date_nl
from baanbehoud.employers.models import Employer
from baanbehoud.employers.selectors import employer_detail, employer_placements, employer_search
from baanbehoud.organisations.models import Role, User
from baanbehoud.persons.models import Person
from baanbehoud.persons.selectors import person_detail, person_search
from baanbehoud.placements.domain import permanent_on
from baanbehoud.placements.models import ContractPeriod, Placement
from baanbehoud.placements.selectors import placement_chain_status
from baanbehoud.placements.text import describe_chain
from baanbehoud.security import disclosure
from baanbehoud.security.access import CASE_READERS, PLACEMENT_PARTIES, WG, roles_required
from baanbehoud.signals.actions import actions_for
from baanbehoud.signals.domain import CODE_LABELS
from baanbehoud.signals.selectors import open_signal_rows

from .timeline import axis_for, segments

PAGE_SIZE = 25
ACTIVITY_CASE = "Casemanagement banenafspraak"
KIND_LABELS = {str(value): str(label) for value, label in ContractPeriod.Kind.choices}


class AuthenticatedRequest(HttpRequest):
    """Behind @login_required the user is always one of ours (django-stubs pattern)."""

    user: User


def today() -> date:
    return timezone.localdate()


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    """ui.md: the worklist is the start page of a contact person."""
    if request.user.role in (Role.KLANTMANAGER, Role.ACCOUNTMANAGER):
        return redirect("worklist")
    start: dict[str, str] = {
        Role.WERKNEMER: "worker-home",
        Role.WERKGEVER: "employer-home",
        Role.JOBCOACH: "jobcoach-home",
        Role.BELEIDSMEDEWERKER: "reports",
    }
    if request.user.role in start:
        return redirect(start[request.user.role])
    return render(request, "web/home.html", {"role": request.user.role})


@roles_required(*CASE_READERS)
def person_list(request: AuthenticatedRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    page = Paginator(person_search(user=request.user, query=query), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    log_processing(
        user=request.user,
        persons=page.object_list,
        action=Action.READ,
        activity=ACTIVITY_CASE,
        object_type="persoon (lijst)",
    )
    return render(request, "web/person_list.html", {"page": page, "query": query})


@roles_required(*PLACEMENT_PARTIES)
def person_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    try:
        person = person_detail(user=user, pk=pk)
    except Person.DoesNotExist as exc:
        raise Http404 from exc
    visible = set(
        Placement.objects.visible_to(user).filter(person=person).values_list("pk", flat=True)
    )
    placements = [p for p in person.placements.all() if p.pk in visible]
    log_processing(
        user=user,
        persons=[person],
        action=Action.READ,
        activity=ACTIVITY_CASE,
        object_type="persoon",
    )
    now = today()
    series = [p.periods() for p in placements]
    axis = axis_for(series, now)
    signals = open_signal_rows(Placement.objects.filter(pk__in=visible), now)
    rows = [
        {
            "placement": placement,
            "contracts": list(placement.contracts.all()),
            "segments": segments(periods, axis, now, KIND_LABELS),
            "ending": getattr(placement, "ending", None),
            "chain_text": describe_chain(
                placement_chain_status(placement, now),
                permanent_contract=permanent_on(
                    [c.as_period() for c in placement.contracts.all()], now
                ),
            ),
        }
        for placement, periods in zip(placements, series, strict=True)
    ]
    endings = [getattr(p, "ending", None) for p in placements]
    learning_points = [e for e in endings if e is not None and e.learning_points]
    parts = disclosure.parts_for(user.role, user.is_superuser)
    context: dict[str, Any] = {
        "person": person,
        "rows": rows,
        "today_x": axis.position(now),
        "axis_start": format_date_nl(axis.start),
        "axis_end": format_date_nl(axis.end),
        "today": now,
        "signals": [
            {"row": r, "label": CODE_LABELS[r.signal.code], "actions": actions_for(r)}
            for r in signals
        ],
        "learning_points": learning_points,
        "can_assign": user.is_superuser or user.role == Role.KLANTMANAGER,
        # The same one-click actions as on the worklist, for the contact persons' roles.
        "can_act": user.is_superuser or user.role in (Role.KLANTMANAGER, Role.ACCOUNTMANAGER),
        "show_case_details": disclosure.Part.CASE_DETAILS in parts,
        "show": {part.value: part in parts for part in disclosure.Part},
        "person_name": disclosure.shown_name(person.name, user.role, user.is_superuser),
    }
    return render(request, "web/person_detail.html", context)


@roles_required(*CASE_READERS)
def employer_list(request: AuthenticatedRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    page = Paginator(employer_search(user=request.user, query=query), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    return render(request, "web/employer_list.html", {"page": page, "query": query})


@roles_required(*CASE_READERS, WG)
def employer_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    try:
        employer = employer_detail(user=request.user, pk=pk)
    except Employer.DoesNotExist as exc:
        raise Http404 from exc
    placements = employer_placements(user=request.user, employer=employer)
    log_processing(
        user=request.user,
        persons=[p.person for p in placements],
        action=Action.READ,
        activity=ACTIVITY_CASE,
        object_type="plaatsing (werkgever)",
    )
    workers = [_worker_row(placement, today(), request.user) for placement in placements]
    workers.sort(key=_worker_order)
    return render(
        request,
        "web/employer_detail.html",
        {
            "employer": employer,
            "workers": workers,
            "can_manage": request.user.is_superuser
            or request.user.role in (Role.KLANTMANAGER, Role.ACCOUNTMANAGER),
        },
    )


def _worker_row(placement: Placement, now: date, user: Any) -> dict[str, Any]:
    contracts = list(placement.contracts.all())
    current = next((c for c in reversed(contracts) if c.start <= now), None)
    return {
        "placement": placement,
        "name": disclosure.shown_name(placement.person.name, user.role, user.is_superuser),
        "current": current,
        "ending": getattr(placement, "ending", None),
    }


def _worker_order(row: dict[str, Any]) -> tuple[bool, date]:
    """Running placements first, the soonest contract end on top (Summary §5)."""
    current = row["current"]
    end = current.end if current is not None and current.end else date.max
    return (row["ending"] is not None, end)


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "web/accessibility.html")
