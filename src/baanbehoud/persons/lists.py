"""The person lists (issue 18 §2): Personen and Zonder contactpersoon, with their filters."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models import Exists, OuterRef, Q, QuerySet

from baanbehoud.core.lists import (
    Column,
    Filter,
    ListSpec,
    choices_filter,
    colleague_filter,
    municipality_filter,
    organisation_filter,
)
from baanbehoud.organisations.models import Role, User

from .models import BenefitScheme, Person

WORK_CHOICES = [
    ("lopend", "Aan het werk"),
    ("geeindigd", "Baan geëindigd, nu geen werk"),
    ("geen", "Nog nooit geplaatst"),
]


def _by_work(queryset: QuerySet[Any], value: str, user: User) -> QuerySet[Any]:
    """A placement without an ending is work that runs (the register's own meaning)."""
    working = Person.objects.filter(
        placements__isnull=False, placements__ending__isnull=True
    ).values("pk")
    if value == "lopend":
        return queryset.filter(pk__in=working)
    if value == "geeindigd":
        return queryset.filter(placements__isnull=False).exclude(pk__in=working).distinct()
    return queryset.filter(placements__isnull=True)


def _search(queryset: QuerySet[Any], query: str) -> QuerySet[Any]:
    # Asked per person of the list (EXISTS), not of every placement in the country first:
    # 30 ms less at national scale. (The placements app sits above this one: by name.)
    placements = apps.get_model("placements", "Placement").objects
    employed = Exists(placements.filter(person_id=OuterRef("pk"), employer__name__icontains=query))
    return queryset.filter(
        Q(name__icontains=query) | Q(municipality__name__icontains=query) | employed
    )


def _contact(person: Person) -> str:
    return str(person.contact_person) if person.contact_person else "Geen contactpersoon"


CONTACT_PERSON = colleague_filter(
    "contactpersoon", "Vaste contactpersoon", Role.KLANTMANAGER, "contact_person",
    mine="Mijn personen", nobody="Zonder contactpersoon",
)  # fmt: skip
MUNICIPALITY = municipality_filter()
ORGANISATION = organisation_filter()
REGIME = choices_filter(
    "regeling", "Regeling", BenefitScheme.choices, "regime", everything="Alle regelingen"
)
WORK = Filter(
    "werk",
    "Werk",
    lambda _user: WORK_CHOICES,
    _by_work,
    everything="Met en zonder werk",
)

PERSONS = ListSpec(
    title="Personen",
    words="persoon,personen",
    columns=(
        Column("naam", "Naam", lambda p: p.name, ("name",)),
        Column("gemeente", "Gemeente", lambda p: p.municipality.name, ("municipality__name",)),
        Column("regeling", "Regeling", lambda p: p.get_regime_display(), ("regime",)),
        Column(
            "contactpersoon",
            "Contactpersoon",
            _contact,
            ("contact_person__full_name", "contact_person__username"),
        ),
    ),
    filters=(CONTACT_PERSON, ORGANISATION, MUNICIPALITY, REGIME, WORK),
    default_sort="naam",
    page_size=25,
    download="personen",
    search_label="Zoek op naam, gemeente of werkgever",
    search=_search,
)

WITHOUT_CONTACT = ListSpec(
    title="Personen zonder contactpersoon",
    words="persoon,personen",
    columns=PERSONS.columns[:3],
    filters=(ORGANISATION, MUNICIPALITY, REGIME),
    default_sort="naam",
    page_size=50,
    download="zonder-contactpersoon",
)
