"""Pure rules about contract periods (domain.md §3-§4). No Django import: model validation, the
admin, the import and the tests all call these functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from baanbehoud.dates import add_months, format_date_nl


class ContractKind(StrEnum):
    PROEFPLAATSING = "proefplaatsing"
    TEMPORARY = "temporary"
    PERMANENT = "permanent"
    SECONDMENT = "secondment"
    WORK_EXPERIENCE = "work_experience"


# domain.md §8: an employment contract is a temporary, permanent or secondment period.
EMPLOYMENT_KINDS = frozenset(
    {ContractKind.TEMPORARY, ContractKind.PERMANENT, ContractKind.SECONDMENT}
)

# UWV: a proefplaatsing never lasts more than six months in total (domain.md §4).
PROEFPLAATSING_MAX_MONTHS = 6


@dataclass(frozen=True)
class Period:
    kind: ContractKind
    start: date
    end: date | None
    hours_per_week: Decimal = Decimal(0)

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def overlaps(self, other: Period) -> bool:
        return (self.end is None or other.start <= self.end) and (
            other.end is None or self.start <= other.end
        )


@dataclass(frozen=True)
class Problem:
    """A hard error in a series of periods: `index` is the period's position in the input."""

    index: int
    field: str
    message: str


MSG_END_BEFORE_START = "De einddatum ligt vóór de begindatum."
MSG_AFTER_PERMANENT = "Na een vast contract kan geen ander contract volgen."
MSG_PROEF_TOO_LONG = "Een proefplaatsing duurt nooit langer dan zes maanden."


def msg_overlap(other: Period) -> str:
    until = f"tot en met {format_date_nl(other.end)}" if other.end else "zonder einddatum"
    return (
        f"Dit contract overlapt met het contract van {format_date_nl(other.start)} {until}. "
        "Contracten in één plaatsing mogen niet overlappen."
    )


def proefplaatsing_too_long(period: Period) -> bool:
    if period.kind != ContractKind.PROEFPLAATSING or period.end is None:
        return False
    return period.end >= add_months(period.start, PROEFPLAATSING_MAX_MONTHS)


def contract_problems(periods: Sequence[Period]) -> list[Problem]:
    """Every hard error in the contract periods of one placement (domain.md §4, exchange import
    rules): end before start, a proefplaatsing over six months, overlap, and anything after a
    permanent contract. A period gets at most one problem per field."""
    problems: list[Problem] = []
    for i, period in enumerate(periods):
        if period.end is not None and period.end < period.start:
            problems.append(Problem(i, "end", MSG_END_BEFORE_START))
        elif proefplaatsing_too_long(period):
            problems.append(Problem(i, "end", MSG_PROEF_TOO_LONG))
        start_problem = _start_problem(i, period, periods)
        if start_problem:
            problems.append(Problem(i, "start", start_problem))
    return problems


def _start_problem(i: int, period: Period, periods: Sequence[Period]) -> str | None:
    for j, other in enumerate(periods):
        if j != i and other.kind == ContractKind.PERMANENT and other.start < period.start:
            return MSG_AFTER_PERMANENT
    # Report an overlap once, on the later of the two periods.
    for j, other in enumerate(periods):
        if j == i or (other.start, j) > (period.start, i):
            continue
        if other.end is not None and other.end < other.start:
            continue
        if period.overlaps(other):
            return msg_overlap(other)
    return None


def first_employment_start(periods: Sequence[Period]) -> date | None:
    """The day a placement becomes a banenafspraak job (domain.md §8)."""
    starts = [p.start for p in periods if p.kind in EMPLOYMENT_KINDS]
    return min(starts) if starts else None


def working_on(periods: Sequence[Period], ending_date: date | None, day: date) -> bool:
    """Whether an employment contract of the placement covers `day` and it has not ended."""
    if ending_date is not None and ending_date < day:
        return False
    return any(p.kind in EMPLOYMENT_KINDS and p.covers(day) for p in periods)


MSG_REASON_NOTE = "Bij de reden 'Andere reden' is een toelichting verplicht."


def ending_reason_problem(
    reason_codes: Sequence[str], notes: str, codes_needing_note: Sequence[str]
) -> str | None:
    """domain.md §7: `OTHER` needs a note."""
    if any(code in codes_needing_note for code in reason_codes) and not notes.strip():
        return MSG_REASON_NOTE
    return None
