"""Reads of persons, always scoped with `Person.objects.visible_to(user)`."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db.models import Q

from .models import Person, PersonQuerySet

if TYPE_CHECKING:
    from baanbehoud.organisations.models import User


def awaiting_assessment(*, user: User) -> PersonQuerySet:
    """Persons at work (a placement without an ending) whose load capacity nobody assessed yet:
    the arbeidsdeskundige's list (issue 17 §3)."""
    return (
        Person.objects.visible_to(user)
        .filter(placements__isnull=False, placements__ending__isnull=True)
        .filter(Q(profile__isnull=True) | Q(profile__load_hours_per_week__isnull=True))
        .select_related("municipality", "organisation")
        .distinct()
        .order_by("name", "pk")
    )


def person_find(*, user: User, query: str) -> PersonQuerySet:
    """The global search (issue 18 §1): a person by name, by client number (the source
    system's reference) or by birth date (`17-05-1999` or `1999-05-17`) — never by BSN."""
    persons = Person.objects.visible_to(user).select_related("municipality", "contact_person")
    query = query.strip()
    day = parse_birth_date(query)
    if day is not None:
        return persons.filter(birth_date=day).order_by("name", "pk")
    return persons.filter(Q(name__icontains=query) | Q(ref__iexact=query)).order_by("name", "pk")


def parse_birth_date(text: str) -> date | None:
    for pattern in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None
