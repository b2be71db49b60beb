"""The web shell: the start page of each role and the accessibility statement. The pages of the
records live in their apps."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from baanbehoud.core.http import AuthenticatedRequest, today
from baanbehoud.employers.models import Employer, VacancyStatus
from baanbehoud.organisations.models import Role
from baanbehoud.placements.models import Placement
from baanbehoud.signals.actions import actions_for
from baanbehoud.signals.domain import CODE_LABELS
from baanbehoud.signals.selectors import SignalRow, StartOverview, start_overview
from baanbehoud.signals.services import log_signals_read


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
    return [
        {"row": r, "label": CODE_LABELS[r.signal.code], "actions": actions_for(r)} for r in rows
    ]


def _my_employers(user: Any, overview: StartOverview) -> list[dict[str, Any]]:
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


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "web/accessibility.html")
