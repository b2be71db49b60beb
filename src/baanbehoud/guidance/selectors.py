"""Reads across a person's placements and their guidance, scoped with `visible_to(user)`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Prefetch

from baanbehoud.organisations.models import SICK_BENEFIT, SICK_CONTACT, SICK_REINTEGRATION
from baanbehoud.persons.models import Person
from baanbehoud.placements.models import ContractPeriod, Placement

from .models import ContactMoment

if TYPE_CHECKING:
    from baanbehoud.organisations.models import User


def person_file(*, user: User, pk: int) -> Person:
    """The person with everything the person page shows, in a fixed number of queries.
    Raises Person.DoesNotExist when the user may not see them (the view answers 404)."""
    contacts = ContactMoment.objects.select_related("by").order_by("-date")
    placements = (
        Placement.objects.select_related("employer", "ending")
        # (one Prefetch a call: each is typed with its own record)
        .prefetch_related(Prefetch("contracts", queryset=ContractPeriod.objects.order_by("start")))
        .prefetch_related(Prefetch("contacts", queryset=contacts))
        .prefetch_related("ending__reasons")
    )
    return (
        Person.objects.visible_to(user)
        .select_related("municipality", "organisation", "contact_person", "jobcoach")
        .prefetch_related(Prefetch("placements", queryset=placements.order_by("pk")))
        .get(pk=pk)
    )


def who_acts(placement: Placement) -> list[tuple[str, str]]:
    """Who acts when this worker is sick: the region's agreement (issue 20 §1), or the
    defaults by law when the person's organisation has no region."""
    organisation = placement.person.organisation
    region = organisation.region if organisation is not None else None
    return [
        ("De re-integratie", region.sick_reintegration if region else SICK_REINTEGRATION),
        ("De Ziektewet-uitkering", region.sick_benefit if region else SICK_BENEFIT),
        ("Contact en de afspraken", region.sick_contact if region else SICK_CONTACT),
    ]
