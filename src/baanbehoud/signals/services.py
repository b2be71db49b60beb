"""Services of the worklist: recording who read which person's signals."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from baanbehoud.audit.models import Action
from baanbehoud.audit.services import log_processing

from .selectors import SignalRow

if TYPE_CHECKING:
    from baanbehoud.organisations.models import User

ACTIVITY_WORKLIST = "Werklijst baanbehoud"


def log_signals_read(*, user: User | None, rows: Iterable[SignalRow], channel: str) -> None:
    """One processing-log entry per person whose signals were shown."""
    persons = {row.placement.person.pk: row.placement.person for row in rows}
    log_processing(
        user=user,
        persons=persons.values(),
        action=Action.READ,
        activity=ACTIVITY_WORKLIST,
        object_type=f"signaal ({channel})",
    )
