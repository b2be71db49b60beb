"""Writes of persons: assigning the vaste contactpersoon."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from baanbehoud.audit.models import Action
from baanbehoud.audit.services import log_processing

from .models import Person

if TYPE_CHECKING:
    from baanbehoud.organisations.models import User


@transaction.atomic
def contact_person_assign(*, user: User, person: Person, contact_person: User | None) -> Person:
    """Report §3.2.1: workers missed a fixed contact person. Open signals follow the person,
    so the new contact person sees them at once in their worklist."""
    person.contact_person = contact_person
    person.full_clean()
    person.save(update_fields=["contact_person"])
    log_processing(
        user=user,
        persons=[person],
        action=Action.UPDATE,
        activity="Casemanagement banenafspraak",
        object_type="contactpersoon",
    )
    return person
