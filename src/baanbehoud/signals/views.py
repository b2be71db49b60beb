"""Mijn signalen (docs/pages.md): the worklist of the logged-in contact person, or of the whole team."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.forms import ModelChoiceField
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import engines
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from baanbehoud.core.access import CASE_MANAGERS, roles_required
from baanbehoud.core.http import AuthenticatedRequest
from baanbehoud.core.lists import (
    FORMATS,
    by_colleague,
    colleague_choices,
    file_response,
    municipality_choices,
)
from baanbehoud.organisations.models import Role
from baanbehoud.persons.forms import ContactPersonForm
from baanbehoud.persons.models import Person
from baanbehoud.persons.services import contact_persons_reassign as services_reassign
from baanbehoud.placements.models import Placement

from .actions import Paths, actions_for
from .domain import CODE_LABELS, Code
from .models import CalendarFeed
from .selectors import SignalRow, Worklist, counts_from, worklist
from .services import calendar_feed_ics, calendar_feed_renew, log_signals_read


def _rows(rows: list[SignalRow], code: str) -> list[dict[str, Any]]:
    return [
        {"row": r, "label": CODE_LABELS[r.signal.code]}
        for r in rows
        if not code or r.signal.code.value == code
    ]


DOWNLOAD_HEADER = [
    "Groep", "Signaal", "Persoon", "Contactpersoon", "Werkgever", "Wat te doen", "Vanaf",
]  # fmt: skip


def _download(
    user: Any, groups: list[tuple[str, str, list[dict[str, Any]]]], kind: str, view: str
) -> HttpResponse:
    """The list as shown (its filters, not its pages) as CSV or Excel (issue 18 §6): safe to
    open (no formulas), and the persons in it logged like a read of the page."""
    rows = [
        [
            title,
            item["label"],
            item["row"].placement.person.name,
            str(item["row"].owner or ""),
            item["row"].placement.employer.name,
            item["row"].signal.message,
            item["row"].signal.due,
        ]
        for _id, title, items in groups
        for item in items
    ]
    log_signals_read(
        user=user,
        rows=[item["row"] for _id, _t, items in groups for item in items],
        channel="werklijst (download)",
    )
    name = "signalen-team" if view == "team" else "mijn-signalen"
    return file_response(name, "Signalen", kind, DOWNLOAD_HEADER, rows)


@roles_required(Role.KLANTMANAGER)  # first: who may, then how (a POST)
@require_POST
def worklist_reassign(request: AuthenticatedRequest) -> HttpResponse:
    """Bulk reassign from the team list (issue 18 §2): the persons of the chosen signals go to
    another klantmanager of the organisation, with one handover note; the list comes back."""
    user = request.user
    back = request.POST.get("terug", "")
    if not back.startswith("/signalen/"):
        back = reverse("worklist") + "?weergave=team"
    ids = [int(v) for v in request.POST.getlist("personen") if v.isdigit()]
    persons = list(Person.objects.visible_to(user).filter(pk__in=ids).order_by("pk"))
    form = ContactPersonForm(request.POST, organisation_id=user.organisation_id)
    if not persons:
        messages.error(request, "Kies eerst een of meer signalen met het vakje ervoor.")
    elif not form.is_valid():
        messages.error(request, "Kies de nieuwe contactpersoon.")
    else:
        changed = services_reassign(
            user=user,
            persons=persons,
            contact_person=form.cleaned_data["contact_person"],
            note=form.cleaned_data["note"],
        )
        who = form.cleaned_data["contact_person"]
        messages.success(
            request,
            f"{'1 persoon' if changed == 1 else f'{changed} personen'} overgedragen aan {who}.",
        )
    return redirect(back)


TEAM_PAGE = 100
URGENCIES = {"te-laat": "Te laat", "deze-week": "Deze week", "binnenkort": "Binnenkort"}
# The order within each group: by date (the list's own), person, employer or contact person.
WORKLIST_ORDERS: dict[str, tuple[str, Any]] = {
    "": ("Datum (eerste eerst)", None),
    "persoon": ("Persoon", lambda item: item["row"].placement.person.name),
    "werkgever": ("Werkgever", lambda item: item["row"].placement.employer.name),
    "contactpersoon": ("Contactpersoon", lambda item: str(item["row"].owner or "")),
}


def _sorted(items: list[dict[str, Any]], order: str) -> list[dict[str, Any]]:
    key = WORKLIST_ORDERS[order][1]
    return sorted(items, key=key) if key is not None else items  # sorted() is stable


OWNER_COLUMNS = {"te-laat": "late", "deze-week": "week"}


def _page_of(
    groups: list[tuple[str, str, list[dict[str, Any]]]], start: int, size: int
) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """Rows `start` to `start + size` of the groups taken one after the other; every group stays
    (an empty part says so), so the headings and their counts keep their place."""
    paged = []
    for group_id, title, items in groups:
        paged.append((group_id, title, items[max(0, start) : max(0, start + size)]))
        start -= len(items)
    return paged


def _per_owner(groups: list[tuple[str, str, list[dict[str, Any]]]]) -> list[dict[str, Any]]:
    """For a team lead: per contact person how many signals are late and due this week."""
    table: dict[str, dict[str, Any]] = {}
    for group_id, _title, items in groups:
        for item in items:
            owner = item["row"].owner
            name = str(owner) if owner is not None else "Geen contactpersoon"
            entry = table.setdefault(name, {"owner": name, "late": 0, "week": 0})
            if group_id in OWNER_COLUMNS:
                entry[OWNER_COLUMNS[group_id]] += 1
    return sorted(table.values(), key=lambda e: (-e["late"], -e["week"], e["owner"]))


@roles_required(*CASE_MANAGERS)
def worklist_page(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    get = request.GET
    view = get.get("weergave", "mijn")
    code = get.get("code", "")
    organisation = get.get("organisatie", "")
    placements = Placement.objects.visible_to(user)
    if view != "team":
        view = "mijn"
        placements = placements.filter(person__contact_person=user)
    if organisation:
        placements = placements.filter(person__organisation__ref=organisation)
    # Issue 18 §2: whose (on the team list), where, how urgent, in which order — in the URL.
    can_reassign = view == "team" and user.role == Role.KLANTMANAGER
    reassign_form, colleagues = None, None
    if can_reassign:  # the colleagues read once: for the owner filter and the handover form
        reassign_form = ContactPersonForm(organisation_id=user.organisation_id)
        field = reassign_form.fields["contact_person"]
        assert isinstance(field, ModelChoiceField)
        colleagues = list(field.queryset or ())
        field.choices = [
            ("", field.empty_label or ""),
            *((c.pk, field.label_from_instance(c)) for c in colleagues),
        ]
    owners_choices = (
        colleague_choices(
            user, Role.KLANTMANAGER, mine="Mijn personen", nobody="Niemand", colleagues=colleagues
        )
        if view == "team"
        else []
    )
    owner = get.get("contactpersoon", "")
    if owner and owner in {v for v, _l in owners_choices}:
        placements = by_colleague("person__contact_person")(placements, owner, user)
    else:
        owner = ""
    municipalities = municipality_choices(user)
    municipality = get.get("gemeente", "")
    if municipality and municipality in {v for v, _l in municipalities}:
        placements = placements.filter(person__municipality_id=int(municipality))
    else:
        municipality = ""
    urgency = get.get("urgentie", "")
    order = get.get("sorteer", "")
    if order not in WORKLIST_ORDERS:
        order = ""
    today = timezone.localdate()
    found: Worklist = worklist(placements, today)
    # The navigation's counts come from this list when it holds all of the user's own signals
    # (no second read); a list narrowed to an organisation, a municipality or a colleague does
    # not, and the navigation counts them itself.
    if not (organisation or owner or municipality):
        request.signal_counts = counts_from(found, user)  # type: ignore[attr-defined]
    groups = [
        (group_id, title, _sorted(_rows(rows, code), order))
        for group_id, title, rows in (
            ("te-laat", "Te laat", found.overdue),
            ("deze-week", "Deze week", found.this_week),
            ("binnenkort", "Binnenkort", found.soon),
        )
        if urgency not in URGENCIES or urgency == group_id
    ]
    if urgency not in URGENCIES:
        urgency = ""
    params = {
        k: v
        for k, v in (
            ("weergave", view), ("code", code), ("organisatie", organisation),
            ("contactpersoon", owner), ("gemeente", municipality), ("urgentie", urgency),
            ("sorteer", order),
        )
        if v and not (k == "weergave" and v == "mijn")
    }  # fmt: skip
    download = request.GET.get("formaat", "")
    if download in FORMATS:
        return _download(user, groups, download, view)
    counts = {group_id: len(items) for group_id, _t, items in groups}
    owners = _per_owner(groups) if view == "team" else []
    # The list in pages of at most TEAM_PAGE rows, the groups in order (issue 18 §2): a team's,
    # and a caseload so large that one page would not do.
    total_rows = sum(counts.values())
    pages = max(1, -(-total_rows // TEAM_PAGE))
    try:
        page_number = min(max(int(request.GET.get("pagina", "1")), 1), pages)
    except ValueError:
        page_number = 1
    groups = _page_of(groups, (page_number - 1) * TEAM_PAGE, TEAM_PAGE)
    paths = Paths()
    for _id, _t, items in groups:  # the actions of the rows shown only (a team has thousands)
        for item in items:
            item["actions"] = actions_for(item["row"], paths)
    log_signals_read(
        user=user,
        rows=[item["row"] for _id, _t, items in groups for item in items],
        channel="werklijst",
    )
    rows = engines["jinja2"].get_template("signals/worklist_rows.html")
    sections = [
        (
            group_id,
            title,
            items,
            counts[group_id],
            # Rendered by Jinja2, which escapes every value (web/jinja.py).
            mark_safe(
                rows.render(
                    {
                        "items": items,
                        "group_id": group_id,
                        "reassign": reassign_form is not None,
                        "team": view == "team",
                        "path": paths,
                    }
                )
            ),
        )
        for group_id, title, items in groups
    ]
    # The organisations of the persons the user may see (their reference and name), read from
    # the persons joined to their organisation: a klantmanager's organisation and caseload are
    # two index scans (2 ms on 26,000 persons), where PostgreSQL planned the organisations with
    # the persons as a subquery as a scan per organisation (26 ms), and through every visible
    # placement it took 30 ms at national scale.
    organisations = (
        Person.objects.visible_to(user)
        .order_by()
        .values_list("organisation__ref", "organisation__name")
        .distinct()
        .order_by("organisation__name", "organisation__ref")
    )
    context = {
        "reassign_form": reassign_form,
        "back": request.get_full_path(),
        "groups": sections,
        "owners": owners,
        "page_number": page_number,
        "pages": pages,
        "total": sum(counts.values()),
        "view": view,
        "code": code,
        "organisation": organisation,
        "owner": owner,
        "owners_choices": owners_choices,
        "municipality": municipality,
        "municipalities": municipalities,
        "urgency": urgency,
        "urgencies": URGENCIES,
        "order": order,
        "orders": [(k, label) for k, (label, _key) in WORKLIST_ORDERS.items()],
        "querystring": urlencode(params),
        "list": {"filtered": bool(params)},  # the team list alone is worth saving too
        "has_filters": any(k != "weergave" for k in params),
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
