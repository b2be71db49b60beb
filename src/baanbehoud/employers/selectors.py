"""Reads of employers, scoped with `Employer.objects.visible_to(user)`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from .models import Employer, EmployerQuerySet

if TYPE_CHECKING:
    from baanbehoud.organisations.models import User


def employer_search(*, user: User, query: str = "") -> EmployerQuerySet:
    employers = Employer.objects.visible_to(user).select_related("municipality", "account_manager")
    query = query.strip()
    if query:
        employers = employers.filter(Q(name__icontains=query) | Q(kvk=query))
    return employers.order_by("name", "pk")


def employer_detail(*, user: User, pk: int) -> Employer:
    return (
        Employer.objects.visible_to(user)
        .select_related("municipality", "account_manager")
        .prefetch_related("contacts", "vacancies")
        .get(pk=pk)
    )


@dataclass(frozen=True)
class EmployerLookup:
    """What a typed KvK number or name finds: `found` when it is one employer; `candidates`
    when a name fits several; `by_kvk` when the text was a KvK number."""

    by_kvk: bool
    found: Employer | None
    candidates: list[Employer]


def employer_lookup(*, user: User, text: str) -> EmployerLookup:
    """An employer by KvK number (any employer: it is an organisation, one elsewhere in the
    country may be chosen too) or by name among those the user may see."""
    text = text.strip()
    if re.fullmatch(r"\d{8}", text):
        return EmployerLookup(True, Employer.objects.filter(kvk=text).first(), [])
    matches = list(
        Employer.objects.visible_to(user).filter(name__icontains=text).order_by("name")[:6]
    )
    if len(matches) == 1:
        return EmployerLookup(False, matches[0], [])
    return EmployerLookup(False, None, matches)
