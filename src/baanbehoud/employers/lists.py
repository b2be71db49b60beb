"""The employer and vacancy lists (issue 18 §2), with their filters."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from baanbehoud.core.choices import Sector
from baanbehoud.core.lists import (
    Column,
    Filter,
    ListSpec,
    choices_filter,
    colleague_filter,
    municipality_filter,
)
from baanbehoud.dates import format_date_nl
from baanbehoud.organisations.models import Role, User

from .models import Employer, Vacancy, VacancyStatus


def employers_with_counts(visible: QuerySet[Employer]) -> QuerySet[Employer]:
    """The visible employers, each with the number of its placements that run (no ending).

    Counted per employer (a subquery), not by grouping the employers joined to their
    placements: a page of the list then counts the placements of the employers on it (after the
    order and the page are taken), and the list's total counts no placements at all — a region's
    4,333 employers took 30 + 10 ms of PostgreSQL per page at 26,000 persons. (The placements
    app sits above this one: looked up by name, not imported.)"""
    running = _running().order_by().values("employer").annotate(n=Count("pk")).values("n")
    return (
        Employer.objects.filter(pk__in=visible.values("pk"))
        .select_related("municipality", "account_manager")
        .annotate(workers=Coalesce(Subquery(running), 0))
    )


def _running() -> QuerySet[Any]:
    """The placements that run (no ending) of the employer of the outer query. "No ending" as
    NOT EXISTS: as an outer join's empty side PostgreSQL reckoned it one placement in the whole
    register, and compared every employer with every running placement (1.4 s)."""
    placements = apps.get_model("placements", "Placement").objects
    endings = apps.get_model("placements", "Ending").objects.filter(placement=OuterRef("pk"))
    return placements.filter(employer=OuterRef("pk")).filter(~Exists(endings))


def _by_workers(queryset: QuerySet[Any], value: str, _user: User) -> QuerySet[Any]:
    # Whether there is one (EXISTS), not the count compared: that counted for every employer.
    if value == "ja":
        return queryset.filter(Exists(_running()))
    return queryset.filter(~Exists(_running()))


def _search(queryset: QuerySet[Any], query: str) -> QuerySet[Any]:
    return queryset.filter(Q(name__icontains=query) | Q(kvk=query))


ACCOUNT_MANAGER = colleague_filter(
    "accountmanager", "Accountmanager", Role.ACCOUNTMANAGER, "account_manager",
    mine="Mijn werkgevers", nobody="Zonder accountmanager",
)  # fmt: skip
MUNICIPALITY = municipality_filter()

EMPLOYERS = ListSpec(
    title="Werkgevers",
    words="werkgever,werkgevers",
    columns=(
        Column("naam", "Naam", lambda e: e.name, ("name",)),
        Column("sector", "Sector", lambda e: e.get_sector_display(), ("sector",)),
        Column(
            "gemeente",
            "Gemeente",
            lambda e: e.municipality.name if e.municipality else "",
            ("municipality__name",),
        ),
        Column(
            "accountmanager",
            "Accountmanager",
            lambda e: str(e.account_manager) if e.account_manager else "Geen contactpersoon",
            ("account_manager__full_name", "account_manager__username"),
        ),
        Column("medewerkers", "Medewerkers aan het werk", lambda e: e.workers, ("workers",)),
    ),
    filters=(
        ACCOUNT_MANAGER,
        MUNICIPALITY,
        choices_filter("sector", "Sector", Sector.choices, "sector", everything="Alle sectoren"),
        Filter(
            "medewerkers",
            "Medewerkers",
            lambda _user: [("ja", "Met medewerkers aan het werk"), ("nee", "Zonder")],
            _by_workers,
            everything="Met en zonder",
        ),
    ),
    default_sort="naam",
    download="werkgevers",
    search_label="Zoek op naam of KvK-nummer",
    search=_search,
)


def _hours(v: Vacancy) -> str:
    low, high = f"{v.hours_min:g}", f"{v.hours_max:g}"
    return f"{low} uur" if low == high else f"{low} tot {high} uur"


VACANCIES = ListSpec(
    title="Vacatures",
    words="vacature,vacatures",
    columns=(
        Column("functie", "Functie", lambda v: v.title, ("title",)),
        Column("werkgever", "Werkgever", lambda v: v.employer.name, ("employer__name",)),
        Column(
            "gemeente",
            "Gemeente",
            lambda v: v.municipality.name if v.municipality else "",
            ("municipality__name",),
        ),
        Column("uren", "Uren per week", _hours, ("hours_min", "hours_max")),
        Column(
            "start",
            "Beginnen vanaf",
            lambda v: format_date_nl(v.start) if v.start else "",
            ("start",),
        ),
        Column("status", "Status", lambda v: v.get_status_display(), ("status",)),
    ),
    filters=(
        choices_filter("status", "Status", VacancyStatus.choices, "status", everything="Alle"),
        MUNICIPALITY,
        colleague_filter(
            "accountmanager",
            "Accountmanager van de werkgever",
            Role.ACCOUNTMANAGER,
            "employer__account_manager",
            mine="Mijn werkgevers",
            nobody="Zonder accountmanager",
        ),
        choices_filter(
            "sector", "Sector", Sector.choices, "employer__sector", everything="Alle sectoren"
        ),
    ),
    default_sort="functie",
    defaults={"status": VacancyStatus.OPEN},  # a first visit shows what can still be filled
    download="vacatures",
    search_label="Zoek op functie of werkgever",
    search=lambda qs, query: qs.filter(
        Q(title__icontains=query) | Q(employer__name__icontains=query)
    ),
)
