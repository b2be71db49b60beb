"""How long work tells how far it is (issue 14 §3), without knowing who is watching: a job on the
task queue shows it on a page, a command on a terminal draws a bar, a test or a script hears
nothing. Work calls `stage` when it starts a part of known size and `advance` per item."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sized
from typing import Protocol, TypeVar

T = TypeVar("T")


class Progress(Protocol):
    def stage(self, label: str, total: int) -> None:
        """A new part of the work begins: `label` in Dutch for the user, `total` items."""

    def advance(self, n: int = 1) -> None:
        """`n` more items of the current part are done."""


class Silent:
    """Nobody is watching (a request, a test, a script)."""

    def stage(self, label: str, total: int) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass


SILENT: Progress = Silent()


def tracked(items: Iterable[T], progress: Progress, label: str) -> Iterator[T]:
    """Each item of `items` as one step of the stage `label`."""
    progress.stage(label, len(items) if isinstance(items, Sized) else 0)
    for item in items:
        yield item
        progress.advance()
