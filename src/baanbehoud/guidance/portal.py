"""The pages of workers and supervisors: few clicks, plain words (docs/pages.md)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from baanbehoud.audit.models import Action
from baanbehoud.audit.services import log_processing
from baanbehoud.core import disclosure
from baanbehoud.core.access import roles_required
from baanbehoud.core.http import AuthenticatedRequest
from baanbehoud.organisations.models import Role
from baanbehoud.placements.models import Placement

from .domain import evaluation_moments_for
from .models import Evaluation

RESPONSE_WINDOW_DAYS = 60


def _rows(placements: list[Placement], respondent: str) -> list[dict[str, Any]]:
    """Per placement: who the contact person is, the forms waiting, the next evaluation."""
    today = timezone.localdate()
    # Only recent or coming evaluation moments ask something of the worker or supervisor.
    evaluations = Evaluation.objects.filter(
        placement__in=placements, date__gte=today - timedelta(days=RESPONSE_WINDOW_DAYS)
    ).prefetch_related("responses")
    waiting: dict[int, list[Evaluation]] = {}
    for evaluation in evaluations:
        if not any(
            r.respondent == respondent and r.submitted_at for r in evaluation.responses.all()
        ):
            waiting.setdefault(evaluation.placement_id, []).append(evaluation)
    rows = []
    for placement in placements:
        contracts = list(placement.contracts.all())
        rows.append(
            {
                "placement": placement,
                "contact": placement.person.contact_person or placement.employer.account_manager,
                "waiting": waiting.get(placement.pk, []),
                "next_evaluation": next(
                    (d for d in evaluation_moments_for(contracts) if d >= today), None
                ),
                # Issue 20 §1: a sick report still open (at most one).
                "sick": next(
                    (r for r in placement.sick_reports.all() if r.recovered_on is None), None
                ),
                "in_trial": any(
                    c.kind == "proefplaatsing"
                    and c.start <= today
                    and (c.end is None or today <= c.end)
                    for c in contracts
                ),
            }
        )
    return rows


def _running(placements: Any) -> list[Placement]:
    """Placements without an ending whose last contract has not ended."""
    today = timezone.localdate()
    loaded = (
        placements.filter(ending__isnull=True)
        .select_related("person__contact_person", "employer__account_manager")
        .prefetch_related("contracts", "sick_reports")
        .order_by("person__name", "pk")
    )
    return [
        p
        for p in loaded
        if (last := max(p.contracts.all(), key=lambda c: c.start, default=None)) is not None
        and (last.end is None or last.end >= today)
    ]


@roles_required(Role.WERKNEMER)
def worker_home(request: AuthenticatedRequest) -> HttpResponse:
    """One simple page: who is my contact person, how is it going, something changed, my profile."""
    if request.user.person is None:
        raise Http404
    rows = _rows(_running(Placement.objects.visible_to(request.user)), "worker")
    log_processing(
        user=request.user,
        persons=[request.user.person],
        action=Action.READ,
        activity="Eigen gegevens inzien",
        object_type="persoon (eigen pagina)",
    )
    return render(
        request, "guidance/worker_home.html", {"rows": rows, "person": request.user.person}
    )


@roles_required(Role.WERKGEVER)
def employer_home(request: AuthenticatedRequest) -> HttpResponse:
    """The supervisor's employees in the banenafspraak: first name and function only."""
    if request.user.employer is None:
        raise Http404
    placements = _running(Placement.objects.visible_to(request.user))
    log_processing(
        user=request.user,
        persons=[p.person for p in placements],
        action=Action.READ,
        activity="Werkgever: eigen medewerkers",
        object_type="plaatsing (werkgever)",
    )
    rows = _rows(placements, "supervisor")
    for row in rows:
        row["first_name"] = disclosure.shown_name(row["placement"].person.name, "werkgever")
    return render(
        request, "guidance/employer_home.html", {"rows": rows, "employer": request.user.employer}
    )
