"""Small-group suppression for roles that may only see aggregates (domain.md §8).

A count below the minimum (default 5, configurable) is hidden as "< 5". A hidden cell must not
be recoverable: a number derived from it (a net figure, a share) is hidden too, and where a
whole and its parts are shown (a total and the cells that add up to it), a second part is
hidden as well, or the whole when there is no other part to hide. Pure Python.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

Key = tuple[str, str]  # (row, column)


@dataclass(frozen=True)
class Suppressed:
    minimum: int

    def __str__(self) -> str:
        return f"< {self.minimum}"


Cell = int | float | None | Suppressed


def suppress(
    values: Mapping[Key, int],
    *,
    minimum: int,
    groups: Iterable[tuple[Key, Sequence[Key]]] = (),
    derived: Iterable[tuple[Key, Sequence[Key]]] = (),
) -> dict[Key, int | Suppressed]:
    """`values`: every count shown. `groups`: (whole, parts) where the parts add up to the whole.
    `derived`: (cell, the counts it is computed from), e.g. a net figure or a share."""
    hidden = {key for key, value in values.items() if 0 < value < minimum}
    groups = list(groups)
    changed = True
    while changed:
        changed = False
        for whole, parts in groups:
            shown_parts = [p for p in parts if p not in hidden]
            hidden_parts = [p for p in parts if p in hidden]
            if whole in hidden:
                if len(hidden_parts) == 0 and shown_parts:
                    # The whole could be summed from its parts: hide the smallest part.
                    hidden.add(min(shown_parts, key=lambda p: (values.get(p, 0), p)))
                    changed = True
                continue
            if len(hidden_parts) == 1:
                candidates = [p for p in shown_parts if values.get(p, 0) > 0] or shown_parts
                if candidates:
                    hidden.add(min(candidates, key=lambda p: (values.get(p, 0), p)))
                else:
                    hidden.add(whole)
                changed = True
    result: dict[Key, int | Suppressed] = {
        key: Suppressed(minimum) if key in hidden else value for key, value in values.items()
    }
    for cell, sources in derived:
        if any(source in hidden for source in sources):
            result[cell] = Suppressed(minimum)
    return result
