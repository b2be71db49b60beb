"""Reads of persons, always scoped with `Person.objects.visible_to(user)`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db.models import Q

from baanbehoud.organisations.models import WerkfitItem

from . import domain
from .models import Person, PersonQuerySet, WerkfitCheck

if TYPE_CHECKING:
    from baanbehoud.organisations.models import User


def werkfit_points(person: Person) -> list[WerkfitItem]:
    """The points of the werkfit checklist of the person's region, in use, in order."""
    region_id = person.organisation.region_id if person.organisation_id else None
    if region_id is None:
        return []
    points = WerkfitItem.objects.filter(region_id=region_id, active=True)
    return list(points.order_by("order", "pk"))


@dataclass(frozen=True)
class Werkfit:
    """The region's werkfit checklist as judged for one person (issue 20 §5)."""

    rows: list[tuple[WerkfitItem, WerkfitCheck | None]]
    count: tuple[int, int] | None  # (points met, points of the list); None: nothing judged
    last: date | None  # the latest judgement

    @property
    def met(self) -> int:
        return self.count[0] if self.count else 0


def werkfit_of(person: Person) -> Werkfit:
    points = werkfit_points(person)
    checks = {c.item_id: c for c in WerkfitCheck.objects.filter(person=person).select_related("by")}
    count = domain.werkfit_count({k: c.answer for k, c in checks.items()}, [p.pk for p in points])
    dates = [checks[p.pk].checked_on for p in points if p.pk in checks]
    return Werkfit([(p, checks.get(p.pk)) for p in points], count, max(dates, default=None))


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
