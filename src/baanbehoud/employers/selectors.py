"""Reads of employers, scoped with `Employer.objects.visible_to(user)`."""

from __future__ import annotations

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
