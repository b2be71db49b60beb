"""Geometry of the placement timeline on the person page: one horizontal bar per placement,
contract periods as segments, today marked. Positions are percentages of a shared time axis so
the SVG scales with the screen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from baanbehoud.dates import format_date_nl
from baanbehoud.placements.domain import ContractSpan


@dataclass(frozen=True)
class Segment:
    kind: str
    x: float
    width: float
    label: str


@dataclass(frozen=True)
class Axis:
    start: date
    end: date

    def position(self, day: date) -> float:
        span = max((self.end - self.start).days, 1)
        return round(100 * (day - self.start).days / span, 2)


def axis_for(series: Sequence[Sequence[ContractSpan]], today: date) -> Axis:
    starts = [p.start for periods in series for p in periods]
    ends = [p.end or today for periods in series for p in periods]
    start = min(starts, default=today - timedelta(days=365))
    end = max([today, *ends]) + timedelta(days=30)
    return Axis(start=start, end=end)


def segments(
    periods: Sequence[ContractSpan], axis: Axis, today: date, labels: dict[str, str]
) -> list[Segment]:
    result = []
    for p in periods:
        end = p.end or max(today, p.start)
        x = axis.position(p.start)
        width = max(axis.position(end + timedelta(days=1)) - x, 0.5)
        until = format_date_nl(p.end) if p.end else "nu"
        result.append(
            Segment(
                kind=p.kind.value,
                x=x,
                width=round(width, 2),
                label=f"{labels.get(p.kind.value, p.kind.value)}: {format_date_nl(p.start)} tot {until}",
            )
        )
    return result
