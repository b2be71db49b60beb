"""The kinds of long work and who does them. An app registers its work in its `jobs` module:

    @register("export")
    def export(job: Job, progress: Progress) -> Outcome: ...

The function runs inside the worker (or in-process without one); it reports with `progress` and
returns what the user sees afterwards. An exception marks the job as failed; the function's own
transaction decides what is kept (an import keeps nothing)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from baanbehoud.progress import Progress

from .models import Job


@dataclass
class Outcome:
    summary: str
    result: dict[str, Any] = field(default_factory=dict)
    output: bytes | None = None
    output_name: str = ""
    output_type: str = ""


class JobRefused(Exception):
    """The work cannot be done as asked; the message (Dutch) is shown to the user as is."""


Handler = Callable[[Job, Progress], Outcome]
HANDLERS: dict[str, Handler] = {}


def register(kind: str) -> Callable[[Handler], Handler]:
    def decorator(handler: Handler) -> Handler:
        if kind in HANDLERS and HANDLERS[kind] is not handler:
            raise ValueError(f"job kind {kind!r} is registered twice")
        HANDLERS[kind] = handler
        return handler

    return decorator
