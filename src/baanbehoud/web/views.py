"""The web shell: the start page of each role and the accessibility statement. The pages of the
records live in their apps."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from baanbehoud.audit.models import CASE_WORK, Action
from baanbehoud.audit.services import log_processing
from baanbehoud.core.access import CASE_READERS, roles_required
from baanbehoud.core.http import AuthenticatedRequest, today
from baanbehoud.employers.models import Employer, VacancyStatus
from baanbehoud.employers.selectors import employer_search
from baanbehoud.organisations.models import Role, User
from baanbehoud.persons.selectors import person_find
from baanbehoud.placements.models import Placement
from baanbehoud.signals.actions import Paths, actions_for
from baanbehoud.signals.domain import CODE_LABELS
from baanbehoud.signals.selectors import SignalRow, StartOverview, start_overview
from baanbehoud.signals.services import log_signals_read

from . import services
from .models import SavedView


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    """Each role starts where its work is (docs/pages.md): the contact persons on a page that says
    what to do first, the others on their own page."""
    user = request.user
    if user.role in (Role.KLANTMANAGER, Role.ACCOUNTMANAGER):
        return _contact_person_start(request)
    start: dict[str, str] = {
        Role.WERKNEMER: "worker-home",
        Role.WERKGEVER: "employer-home",
        Role.JOBCOACH: "jobcoach-home",
        Role.BELEIDSMEDEWERKER: "reports",
        Role.ARBEIDSDESKUNDIGE: "assessments",
    }
    if user.role in start:
        return redirect(start[user.role])
    return render(request, "web/home.html", {"role": user.role})


def _contact_person_start(request: AuthenticatedRequest) -> HttpResponse:
    """Issue 17 §3: not a copy of Mijn signalen — the counts, the concerns first, what is due
    today, and (for the accountmanager) the employers and their contract decisions coming."""
    user = request.user
    placements = Placement.objects.visible_to(user)
    is_account_manager = user.role == Role.ACCOUNTMANAGER
    if is_account_manager:
        placements = placements.filter(employer__account_manager=user)
    else:
        placements = placements.filter(person__contact_person=user)
    overview = start_overview(placements, today())
    log_signals_read(user=user, rows=overview.shown(), channel="start")
    context: dict[str, Any] = {
        "overview": overview,
        "concerns": _items(overview.concerns),
        "due_now": _items(overview.due_now),
        "decisions": _items(overview.decisions),
        "employers": _my_employers(user, overview) if is_account_manager else None,
    }
    return render(request, "web/start.html", context)


def _items(rows: list[SignalRow]) -> list[dict[str, Any]]:
    paths = Paths()
    return [
        {"row": r, "label": CODE_LABELS[r.signal.code], "actions": actions_for(r, paths)}
        for r in rows
    ]


def _my_employers(user: User, overview: StartOverview) -> list[dict[str, Any]]:
    """The accountmanager's employers with their open vacancies and first contract decision."""
    employers = (
        Employer.objects.filter(account_manager=user)
        .annotate(
            open_vacancies=Count("vacancies", filter=Q(vacancies__status=VacancyStatus.OPEN)),
            running=Count("placements", filter=Q(placements__ending__isnull=True)),
        )
        .order_by("name")
    )
    first_decision: dict[int, Any] = {}
    for row in overview.decisions:
        first_decision.setdefault(row.placement.employer_id, row.signal.due)
    return [
        {
            "employer": e,
            "open_signals": overview.open_per_employer.get(e.pk, 0),
            "next_decision": first_decision.get(e.pk),
        }
        for e in employers
    ]


BSN_LIKE = re.compile(r"^\s*\d{9}\s*$")
SEARCH_LIMIT = 25


@roles_required(*CASE_READERS)
def search(request: AuthenticatedRequest) -> HttpResponse:
    """Search everything the user may see (issue 18 §1): persons by name, client number or birth
    date, employers by name or KvK, placements by function. Sent by POST, so what was typed (a
    name) stays out of links and server logs; a BSN is not searched at all."""
    query = request.POST.get("q", "").strip() if request.method == "POST" else ""
    context: dict[str, Any] = {"query": query, "searched": bool(query)}
    if query and BSN_LIKE.match(query):
        context["searched"] = False
        context["refused"] = (
            "Zoek niet op BSN: een BSN hoort niet in een zoekvraag. Zoek op naam, cliëntnummer of "
            "geboortedatum."
        )
    elif query:
        user = request.user
        persons = list(person_find(user=user, query=query)[: SEARCH_LIMIT + 1])
        employers = list(employer_search(user=user, query=query)[: SEARCH_LIMIT + 1])
        placements = list(
            Placement.objects.visible_to(user)
            .filter(function__icontains=query)
            .select_related("person", "employer")
            .order_by("person__name", "pk")[: SEARCH_LIMIT + 1]
        )
        shown = persons[:SEARCH_LIMIT]
        log_processing(
            user=user,
            persons=[*shown, *(p.person for p in placements[:SEARCH_LIMIT])],
            action=Action.READ,
            activity=CASE_WORK,
            object_type="zoekresultaat",
        )
        context |= {
            "persons": shown,
            "employers": employers[:SEARCH_LIMIT],
            "placements": placements[:SEARCH_LIMIT],
            "more": len(persons) > SEARCH_LIMIT
            or len(employers) > SEARCH_LIMIT
            or len(placements) > SEARCH_LIMIT,
            "limit": SEARCH_LIMIT,
        }
    return render(request, "web/search.html", context, status=200)


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "web/accessibility.html")


@login_required
@require_POST
def saved_view_save(request: AuthenticatedRequest) -> HttpResponse:
    """Issue 18 §3: the list as filtered now, under a name, in the navigation."""
    address = request.POST.get("adres", "")
    try:
        view = services.saved_view_save(
            user=request.user, name=request.POST.get("naam", ""), address=address
        )
    except services.SavedViewError as exc:
        messages.error(request, str(exc))
        return redirect(address if url_has_allowed_host_and_scheme(address, None) else "home")
    messages.success(request, f"De weergave '{view.name}' is bewaard. U vindt hem in het menu.")
    return redirect(view.url)


@login_required
def saved_views(request: AuthenticatedRequest) -> HttpResponse:
    """The user's saved views, to open or remove."""
    if request.method == "POST":
        try:
            pk = int(request.POST.get("weergave", ""))
        except ValueError:
            pk = 0
        if services.saved_view_delete(user=request.user, pk=pk):
            messages.success(request, "De weergave is verwijderd.")
        return redirect("saved-views")
    views = SavedView.objects.filter(user=request.user)
    return render(request, "web/saved_views.html", {"views": views})
