"""Long lists in parts, so no query has an unbounded `IN (...)` list (SQLite allows 32,766
variables; PostgreSQL plans short lists better) and no step holds a whole register at once."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")

PART = 5000


def in_parts(values: Iterable[T], size: int = PART) -> Iterator[list[T]]:
    """The values in sorted order, `size` at a time (sorted: the same parts for the same set)."""
    ordered = sorted(values)  # type: ignore[type-var]
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


@contextmanager
def many_objects() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a step builds a register's worth of small
    objects (rows, records, facts) that hold no cycles: each collection walks every object
    still alive, so with 300,000 records in memory it ran over and over — a third of a
    national report's time (15.1 s, 10.5 s without). Reference counting still frees what is
    dropped; the collector is back on (if it was on) when the step ends, also on an error.
    Not for steps that make model objects part by part (the export): those hold cycles (a
    model object and its related objects' caches) that only the collector frees — with it
    paused the national export grew to 2.6 GB instead of 350 MB."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
