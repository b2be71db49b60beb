"""Writing the processing log. Every view, API endpoint and service that reads or writes a named
person calls `log_processing`."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from django.conf import settings

from .models import Action, ProcessingLogEntry

if TYPE_CHECKING:
    from baanbehoud.organisations.models import User
    from baanbehoud.persons.models import Person


class LoggedPerson(NamedTuple):
    """What the log needs of a person, when the person is not at hand as a record."""

    pk: int
    bsn: str | None


def hash_bsn(bsn: str | None) -> str:
    """Keyed hash (HMAC-SHA256) so the log never holds a plain BSN and cannot be reversed by
    hashing all 10^9 numbers without the key. An anonymised person has no BSN left: no hash."""
    if not bsn:
        return ""
    key = settings.PSEUDONYM_KEY.encode() or settings.SECRET_KEY.encode()
    return hmac.new(key, bsn.encode(), hashlib.sha256).hexdigest()


def _fit(text: str, field: str) -> str:
    column = ProcessingLogEntry._meta.get_field(field)
    limit = getattr(column, "max_length", None) or len(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def log_processing(
    *,
    user: User | None,
    persons: Iterable[Person | LoggedPerson],
    action: Action,
    activity: str,
    object_type: str,
    object_id: str = "",
    result: str = "success",
) -> int:
    """One entry per person. Returns the number of entries written."""
    user_label = str(user) if user is not None and user.is_authenticated else "systeem"
    # Labels are made from page titles and reasons: cut them to the column, never fail a read.
    activity = _fit(activity, "activity")
    object_type = _fit(object_type, "object_type")
    organisation = getattr(user, "organisation", None) if user is not None else None
    entries = [
        ProcessingLogEntry(
            user=user if user is not None and user.is_authenticated else None,
            user_label=user_label,
            organisation_label=str(organisation) if organisation else "",
            action=action,
            activity=activity,
            object_type=object_type,
            object_id=object_id or str(person.pk),
            person_id=person.pk,
            bsn_hash=hash_bsn(person.bsn),
            result=result,
        )
        for person in persons
    ]
    ProcessingLogEntry.objects.bulk_create(entries)
    return len(entries)


def log_record(
    *,
    user: User,
    person: Person,
    action: Action,
    activity: str,
    object_type: str,
    object_id: object,
) -> None:
    """One entry for a write (or read) of one record about one person."""
    log_processing(
        user=user,
        persons=[person],
        action=action,
        activity=activity,
        object_type=object_type,
        object_id=str(object_id),
    )
