"""Reads of persons, always scoped with `Person.objects.visible_to(user)`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from .models import Person, PersonQuerySet

if TYPE_CHECKING:
    from baanbehoud.organisations.models import User


def person_search(*, user: User, query: str = "") -> PersonQuerySet:
    persons = Person.objects.visible_to(user).select_related(
        "municipality", "organisation", "contact_person"
    )
    query = query.strip()
    if query:
        persons = persons.filter(
            Q(name__icontains=query)
            | Q(municipality__name__icontains=query)
            | Q(placements__employer__name__icontains=query)
        ).distinct()
    return persons.order_by("name", "pk")
