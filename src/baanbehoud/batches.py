"""Long lists in parts, so no query has an unbounded `IN (...)` list (SQLite allows 32,766
variables; PostgreSQL plans short lists better) and no step holds a whole register at once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")

PART = 5000


def in_parts(values: Iterable[T], size: int = PART) -> Iterator[list[T]]:
    """The values in sorted order, `size` at a time (sorted: the same parts for the same set)."""
    ordered = sorted(values)  # type: ignore[type-var]
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]
