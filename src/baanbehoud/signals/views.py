"""Mijn signalen (ui.md): the worklist of the logged-in contact person, or of the whole team."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from baanbehoud.organisations.models import Organisation
from baanbehoud.placements.models import Placement
from baanbehoud.security.access import CASE_MANAGERS, roles_required
from baanbehoud.web.views import AuthenticatedRequest

from .domain import CODE_LABELS, Code
from .models import CalendarFeed
from .selectors import SignalRow, Worklist, worklist
from .services import calendar_feed_ics, calendar_feed_renew, log_signals_read


@dataclass(frozen=True)
class Action:
    label: str
    url: str


def actions_for(row: SignalRow) -> list[Action]:
    """The one click that leads to recording what resolves the signal."""
    p = row.placement
    code = row.signal.code
    placement_url = reverse("placement-detail", args=[p.pk])
    if code in (Code.CONTRACT_END, Code.CHAIN_TRANSITION, Code.TRIAL_END):
        return [
            Action("Volgend contract", reverse("contract-new", args=[p.pk])),
            Action("Einde vastleggen", reverse("ending-new", args=[p.pk])),
        ]
    if code == Code.CHAIN_EXCEEDED:
        # The record should say what the law says: a permanent contract (or the talk with
        # the employer, who may not let it lapse).
        return [
            Action("Vast contract vastleggen", reverse("contract-new", args=[p.pk])),
            Action("Plaatsing bekijken", placement_url),
        ]
    if code == Code.ENDING_UNREGISTERED:
        return [
            Action("Einde vastleggen", reverse("ending-new", args=[p.pk])),
            Action("Volgend contract", reverse("contract-new", args=[p.pk])),
        ]
    if code == Code.EVALUATION_DUE:
        return [Action("Evaluatie vastleggen", reverse("evaluation-new", args=[p.pk]))]
    if code == Code.CONTACT_DUE:
        return [Action("Contact vastleggen", reverse("contact-new", args=[p.pk]))]
    if code == Code.NO_CONTACT_PERSON:
        if p.person.contact_person_id is None:
            return [
                Action(
                    "Contactpersoon kiezen", reverse("contact-person-assign", args=[p.person_id])
                )
            ]
        return [
            Action(
                "Contactpersoon werkgever kiezen",
                reverse("employer-contact-assign", args=[p.employer_id]),
            )
        ]
    if code == Code.CONCERN_RAISED:
        concern_id = int(row.signal.subject.split(":")[1])
        return [Action("Afhandeling vastleggen", reverse("concern-handle", args=[concern_id]))]
    if code == Code.HOURS_REVIEW_DUE:
        step_id = int(row.signal.subject.split(":")[1])
        return [Action("Besluit vastleggen", reverse("hours-decision", args=[step_id]))]
    return [Action("Plaatsing bekijken", placement_url)]


def _rows(rows: list[SignalRow], code: str) -> list[dict[str, Any]]:
    return [
        {"row": r, "label": CODE_LABELS[r.signal.code], "actions": actions_for(r)}
        for r in rows
        if not code or r.signal.code.value == code
    ]


@roles_required(*CASE_MANAGERS)
def worklist_page(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    view = request.GET.get("weergave", "mijn")
    code = request.GET.get("code", "")
    organisation = request.GET.get("organisatie", "")
    placements = Placement.objects.visible_to(user)
    if view != "team":
        view = "mijn"
        placements = placements.filter(person__contact_person=user)
    if organisation:
        placements = placements.filter(person__organisation__ref=organisation)
    today = timezone.localdate()
    found: Worklist = worklist(placements, today)
    groups = [
        ("te-laat", "Te laat", _rows(found.overdue, code)),
        ("deze-week", "Deze week", _rows(found.this_week, code)),
        ("binnenkort", "Binnenkort", _rows(found.soon, code)),
    ]
    log_signals_read(
        user=user,
        rows=[item["row"] for _id, _t, items in groups for item in items],
        channel="werklijst",
    )
    organisations = Organisation.objects.filter(
        persons__placements__in=Placement.objects.visible_to(user)
    ).distinct()
    context = {
        "groups": groups,
        "total": sum(len(items) for _id, _t, items in groups),
        "view": view,
        "code": code,
        "organisation": organisation,
        "codes": [(c.value, CODE_LABELS[c]) for c in Code],
        "organisations": organisations,
        "today": today,
    }
    return render(request, "signals/worklist.html", context)


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private iCalendar feed. No login (Outlook cannot log in); the token is the secret."""
    feed = get_object_or_404(
        CalendarFeed.objects.select_related("user"), token=token, user__is_active=True
    )
    body = calendar_feed_ics(feed=feed, today=timezone.localdate())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


@roles_required(*CASE_MANAGERS)
def calendar_settings(request: AuthenticatedRequest) -> HttpResponse:
    if request.method == "POST":
        calendar_feed_renew(user=request.user)
        return redirect("calendar-settings")
    feed = CalendarFeed.objects.filter(user=request.user).first()
    url = settings.SITE_URL + reverse("calendar-feed", args=[feed.token]) if feed else None
    return render(request, "signals/calendar.html", {"feed_url": url})
