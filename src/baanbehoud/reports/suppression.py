"""Statistical disclosure control for roles that may only see aggregates (docs/reports.md,
docs/reports.md "Small groups"). Pure Python. Three measures together:

1. Primary suppression: a count below the minimum (default 5, configurable) is hidden as "< 5".
2. Complementary suppression: where a whole and its parts are shown (a total and the cells that
   add up to it), a second part is hidden as well, or the whole when there is no other part to
   hide. Such a cell is not small, so it is labelled "x", not "< 5". A number derived from a
   hidden cell (a net figure, a share) is hidden too.
3. Rounding: every count that is shown is rounded to a multiple of the minimum (5, 10, 15, ...),
   and figures derived from counts (net, shares) are computed from the rounded counts. Two
   overlapping periods or two splits then differ by a multiple of 5: subtracting them can never
   give back a count below 5 (the differencing attack).

The periods an aggregate role may choose are whole quarters (reports/domain.py
`whole_quarters`), which leaves few overlapping periods to compare in the first place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

Key = tuple[str, str]  # (row, column)


@dataclass(frozen=True)
class Suppressed:
    minimum: int
    # Hidden only to protect another, small, cell: the cell itself may be large.
    complementary: bool = False

    def __str__(self) -> str:
        return "x" if self.complementary else f"< {self.minimum}"


def rounded(value: int, base: int) -> int:
    """A shown count, rounded to the nearest multiple of `base` (a count of at least `base`
    stays at least `base`)."""
    if base <= 1 or value <= 0:
        return value
    return max(base, base * round(value / base))


def protect(value: int, minimum: int) -> int | Suppressed:
    """One count on its own (no whole or parts beside it): hidden when small, else rounded."""
    return Suppressed(minimum) if 0 < value < minimum else rounded(value, minimum)


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
    small = {key for key, value in values.items() if 0 < value < minimum}
    hidden = set(small)
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
        key: (
            Suppressed(minimum, complementary=key not in small)
            if key in hidden
            else rounded(value, minimum)
        )
        for key, value in values.items()
    }
    for cell, sources in derived:
        if any(source in hidden for source in sources):
            result[cell] = Suppressed(minimum, complementary=True)
    return result
