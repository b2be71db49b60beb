"""The employer and vacancy lists (issue 18 §2), with their filters."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

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
    """The visible employers, each with the number of its placements that run (no ending)."""
    return (
        Employer.objects.filter(pk__in=visible.values("pk"))
        .select_related("municipality", "account_manager")
        .annotate(
            workers=Count("placements", filter=Q(placements__ending__isnull=True), distinct=True)
        )
    )


def _by_workers(queryset: QuerySet[Any], value: str, _user: User) -> QuerySet[Any]:
    if value == "ja":
        return queryset.filter(workers__gt=0)
    return queryset.filter(workers=0)


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
