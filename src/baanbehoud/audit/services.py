"""Writing the processing log. Every view, API endpoint and service that reads or writes a named
person calls `log_processing`."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from itertools import islice
from typing import TYPE_CHECKING, Any, NamedTuple

from django.conf import settings
from django.db import connection
from django.utils import timezone

from .models import Action, ProcessingLogEntry

if TYPE_CHECKING:
    from baanbehoud.organisations.models import User
    from baanbehoud.persons.models import Person


LOG_PART = 20_000  # entries made and written together


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
    """One entry per person, written in one statement per `LOG_PART` persons (a national signal
    list logs 150,000 persons: as model objects that took most of its time). Returns the number
    of entries written."""
    user_label = str(user) if user is not None and user.is_authenticated else "systeem"
    # Labels are made from page titles and reasons: cut them to the column, never fail a read.
    activity = _fit(activity, "activity")
    object_type = _fit(object_type, "object_type")
    organisation = getattr(user, "organisation", None) if user is not None else None
    user_id = user.pk if user is not None and user.is_authenticated else None
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    written, iterator = 0, iter(persons)
    while part := list(islice(iterator, LOG_PART)):  # a national import's 260,000 in parts
        rows = [
            (
                now, user_id, user_label, str(organisation) if organisation else "", str(action),
                activity, object_type, object_id or str(person.pk), person.pk,
                hash_bsn(person.bsn), result,
            )
            for person in part
        ]  # fmt: skip
        _insert(rows)
        written += len(part)
    return written


COLUMNS = (
    "timestamp", "user_id", "user_label", "organisation_label", "action", "activity",
    "object_type", "object_id", "person_id", "bsn_hash", "result",
)  # fmt: skip


def _insert(rows: list[tuple[Any, ...]]) -> None:
    """The entries as rows: PostgreSQL's COPY, elsewhere one prepared INSERT for all rows. The
    log is only ever added to (the model refuses changes), so no model object is needed."""
    table = connection.ops.quote_name(ProcessingLogEntry._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(COLUMNS))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


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
