"""The placement list (issue 18 §2): every job of the persons the user may see, filtered."""

from __future__ import annotations

from typing import Any

from django.db.models import Min, Q, QuerySet

from baanbehoud.core.lists import (
    Column,
    Filter,
    ListSpec,
    choices_filter,
    colleague_filter,
    municipality_filter,
    organisation_filter,
)
from baanbehoud.dates import format_date_nl
from baanbehoud.organisations.models import Role, User
from baanbehoud.persons.models import BenefitScheme

from .models import Placement, Route


def with_start(placements: QuerySet[Placement]) -> QuerySet[Placement]:
    """The placements with their first contract's start (`started`) and what the list shows."""
    return placements.select_related(
        "person", "employer", "ending", "person__contact_person"
    ).annotate(started=Min("contracts__start"))


def _by_state(queryset: QuerySet[Any], value: str, _user: User) -> QuerySet[Any]:
    return queryset.filter(ending__isnull=value == "lopend")


PLACEMENTS = ListSpec(
    title="Plaatsingen",
    words="plaatsing,plaatsingen",
    columns=(
        Column("persoon", "Persoon", lambda p: p.person.name, ("person__name",)),
        Column("werkgever", "Werkgever", lambda p: p.employer.name, ("employer__name",)),
        Column("functie", "Functie", lambda p: p.function, ("function",)),
        Column("route", "Route", lambda p: p.get_route_display(), ("route",)),
        Column(
            "begin",
            "Begonnen",
            lambda p: format_date_nl(p.started) if p.started else "",
            ("started",),
        ),
        Column(
            "einde",
            "Geëindigd",
            lambda p: format_date_nl(p.ending.date) if hasattr(p, "ending") else "",
            ("ending__date",),
        ),
    ),
    filters=(
        Filter(
            "stand",
            "Lopend of geëindigd",
            lambda _user: [("lopend", "Lopend"), ("geeindigd", "Geëindigd")],
            _by_state,
            everything="Allebei",
        ),
        colleague_filter(
            "contactpersoon",
            "Vaste contactpersoon",
            Role.KLANTMANAGER,
            "person__contact_person",
            mine="Mijn personen",
            nobody="Zonder contactpersoon",
        ),
        organisation_filter("person__organisation"),
        municipality_filter("person__municipality", "Gemeente (woonplaats)"),
        choices_filter("route", "Route", Route.choices, "route", everything="Alle routes"),
        choices_filter(
            "regeling",
            "Regeling",
            BenefitScheme.choices,
            "person__regime",
            everything="Alle regelingen",
        ),
    ),
    default_sort="persoon",
    defaults={"stand": "lopend"},
    download="plaatsingen",
    search_label="Zoek op persoon, werkgever of functie",
    search=lambda qs, query: qs.filter(
        Q(person__name__icontains=query)
        | Q(employer__name__icontains=query)
        | Q(function__icontains=query)
    ),
)
