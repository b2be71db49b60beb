"""Pure rules about contract periods (docs/rules.md §3-§4). No Django import: model validation, the
admin, the import and the tests all call these functions.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple, TypeVar

from baanbehoud.dates import add_months, format_date_nl
from baanbehoud.persons.domain import above_capacity


class ContractKind(StrEnum):
    PROEFPLAATSING = "proefplaatsing"
    TEMPORARY = "temporary"
    PERMANENT = "permanent"
    SECONDMENT = "secondment"
    WORK_EXPERIENCE = "work_experience"


# docs/reports.md: an employment contract is a temporary, permanent or secondment period.
EMPLOYMENT_KINDS = frozenset(
    {ContractKind.TEMPORARY, ContractKind.PERMANENT, ContractKind.SECONDMENT}
)
# docs/signals.md §5: the contracts that can form a chain. Proefplaatsing, secondment and
# work-experience periods are not in it.
CHAIN_KINDS = frozenset({ContractKind.TEMPORARY})

# UWV: a proefplaatsing never lasts more than six months in total (docs/rules.md §4).
PROEFPLAATSING_MAX_MONTHS = 6


class ContractSpan(NamedTuple):
    """One contract period as the rules see it: its kind, the days it runs and its hours (the
    stored record is `models.ContractPeriod`; a report's period is `reports.services.ReportPeriod`).
    A named tuple, not a frozen dataclass: the rules and the reports make one for each of the
    country's 680,000 contracts, and a frozen dataclass takes three times as long to make."""

    kind: ContractKind
    start: date
    end: date | None
    hours_per_week: Decimal = Decimal(0)
    probation_end: date | None = None
    extension_reason: str = ""

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def overlaps(self, other: ContractSpan) -> bool:
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


def msg_overlap(other: ContractSpan) -> str:
    until = f"tot en met {format_date_nl(other.end)}" if other.end else "zonder einddatum"
    return (
        f"Dit contract overlapt met het contract van {format_date_nl(other.start)} {until}. "
        "Contracten in één plaatsing mogen niet overlappen."
    )


def proefplaatsing_too_long(period: ContractSpan) -> bool:
    if period.kind != ContractKind.PROEFPLAATSING or period.end is None:
        return False
    return period.end >= add_months(period.start, PROEFPLAATSING_MAX_MONTHS)


MSG_TEMPORARY_NEEDS_END = "Vul de einddatum van het tijdelijke contract in."
MSG_PERMANENT_HAS_NO_END = "Een vast contract heeft geen einddatum."


def contract_problems(periods: Sequence[ContractSpan]) -> list[Problem]:
    """Every hard error in the contract periods of one placement (docs/rules.md §4, exchange import
    rules): a temporary contract without an end, a permanent one with an end, end before start,
    a proefplaatsing over six months, overlap, and anything after a permanent contract. A period
    gets at most one problem per field."""
    problems: list[Problem] = []
    for i, period in enumerate(periods):
        if period.end is not None and period.end < period.start:
            problems.append(Problem(i, "end", MSG_END_BEFORE_START))
        elif period.kind == ContractKind.TEMPORARY and period.end is None:
            problems.append(Problem(i, "end", MSG_TEMPORARY_NEEDS_END))
        elif period.kind == ContractKind.PERMANENT and period.end is not None:
            problems.append(Problem(i, "end", MSG_PERMANENT_HAS_NO_END))
        elif proefplaatsing_too_long(period):
            problems.append(Problem(i, "end", MSG_PROEF_TOO_LONG))
        start_problem = _start_problem(i, period, periods)
        if start_problem:
            problems.append(Problem(i, "start", start_problem))
    return problems


def problems_of_added(
    added: Sequence[ContractSpan], stored: Sequence[ContractSpan]
) -> list[Problem]:
    """The problems that adding `added` to the `stored` periods of a placement causes, each on
    the added period it is about (indexes into `added`). `contract_problems` reports an overlap
    on the later period and "after a permanent contract" on the one that follows: when that is a
    stored period, the problem is still caused by an added one and belongs there."""
    before = {(p.index, p.field, p.message) for p in contract_problems(stored)}
    result: list[Problem] = []
    seen: set[tuple[int, str]] = set()
    n = len(added)
    for problem in contract_problems([*added, *stored]):
        if problem.index < n:
            found: Problem | None = problem
        elif (problem.index - n, problem.field, problem.message) in before:
            found = None  # was there already
        else:
            other = stored[problem.index - n]
            culprit = next(
                (
                    i
                    for i, new in enumerate(added)
                    if new.overlaps(other)
                    or (new.kind == ContractKind.PERMANENT and new.start < other.start)
                ),
                0,
            )
            new = added[culprit]
            message = (
                MSG_PERMANENT_BEFORE_OTHER.format(start=format_date_nl(other.start))
                if new.kind == ContractKind.PERMANENT and new.start < other.start
                else msg_overlap(other)
            )
            found = Problem(culprit, "start", message)
        if found is not None and (found.index, found.field) not in seen:
            seen.add((found.index, found.field))
            result.append(found)
    return result


MSG_PERMANENT_BEFORE_OTHER = (
    "Na dit vaste contract staat al een ander contract (vanaf {start}). Een vast contract is het "
    "laatste contract van een plaatsing."
)


def _start_problem(i: int, period: ContractSpan, periods: Sequence[ContractSpan]) -> str | None:
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


def permanent_on(periods: Sequence[ContractSpan], day: date) -> bool:
    """Whether the placement has a permanent contract on `day`: one started on or before it (a
    permanent contract has no end). The one answer for the pages, the chain status and the API."""
    return any(p.kind == ContractKind.PERMANENT and p.covers(day) for p in periods)


def first_employment_start(periods: Sequence[ContractSpan]) -> date | None:
    """The day a placement becomes a banenafspraak job (docs/reports.md)."""
    starts = [p.start for p in periods if p.kind in EMPLOYMENT_KINDS]
    return min(starts) if starts else None


def working_on(periods: Sequence[ContractSpan], ending_date: date | None, day: date) -> bool:
    """Whether an employment contract of the placement covers `day` and it has not ended."""
    return any(start <= day <= end for start, end in working_days(periods, ending_date))


def working_days(
    periods: Sequence[ContractSpan], ending_date: date | None
) -> tuple[tuple[date, date], ...]:
    """The days the placement is at work, as first and last days: each employment contract's
    days up to the recorded ending (`date.max` for an open end). `working_on` asks them about
    one day; a report that asks about many days works them out once."""
    last = ending_date if ending_date is not None else date.max
    spans = []
    for p in periods:
        if p.kind in EMPLOYMENT_KINDS:
            end = min(p.end if p.end is not None else date.max, last)
            if p.start <= end:
                spans.append((p.start, end))
    return tuple(spans)


MSG_REASON_NOTE = "Bij de reden 'Andere reden' is een toelichting verplicht."


def ending_reason_problem(
    reason_codes: Sequence[str], notes: str, codes_needing_note: Sequence[str]
) -> str | None:
    """docs/rules.md §7: `OTHER` needs a note."""
    if any(code in codes_needing_note for code in reason_codes) and not notes.strip():
        return MSG_REASON_NOTE
    return None


def last_working_day(end: date | None, ending: date | None) -> date | None:
    """A contract's last day of work: its end, at most its placement's ending (None: runs)."""
    if ending is None:
        return end
    return ending if end is None else min(end, ending)


def first_work_after(ended: date, work: Iterable[tuple[date, date | None]]) -> date | None:
    """The first day after a job's end covered by other work, given as (first day, last day;
    None while it runs): a second job that goes on, or a new one. New work after a loss, for
    AFTERCARE_DUE (signals) and "back at work" (reports)."""
    first: date | None = None
    for start, last in work:
        if last is not None and last <= ended:
            continue
        day = max(start, ended + timedelta(days=1))
        if first is None or day < first:
            first = day
    return first


# After a job loss, who acts (issue 19 §4; report §3 "wie is aan zet", §2.3.4): the next steps
# after which somebody must look for the next job with the person. "" in an agreement: any.
AFTERCARE_STEPS = ("benefit", "sick", "unknown")
ANY = ""


def aftercare_owner(
    agreements: Iterable[tuple[str, str, int]], regime: str, next_step: str
) -> int | None:
    """The owner of the aftercare after a job loss, from the region's agreements given as
    (regime, next step, owner), "" for any. The most specific agreement counts: the regime and
    the step; then the regime, any step; then the step, any regime; then any. None: no agreement
    applies, or the person went to a new job — the contact person stays."""
    if next_step not in AFTERCARE_STEPS:
        return None
    owners = {(r, n): owner for r, n, owner in agreements}
    for key in ((regime, next_step), (regime, ANY), (ANY, next_step), (ANY, ANY)):
        if key in owners:
            return owners[key]
    return None


class Intention(StrEnum):
    """What the employer intends before a temporary contract ends (issue 19 §5)."""

    EXTEND = "extend"
    PERMANENT = "permanent"
    END = "end"


MSG_INTENTION_END_REASONS = "Kies minstens één reden waarom de werkgever wil stoppen."


def intention_reasons(intention: str, reason_codes: Sequence[str]) -> list[str]:
    """The reasons an intention keeps: those of an intention to end (an intention to extend
    or to make permanent has no reasons for a loss)."""
    return list(reason_codes) if intention == Intention.END else []


def intention_problem(
    intention: str, reason_codes: Sequence[str], notes: str, codes_needing_note: Sequence[str]
) -> tuple[str, str] | None:
    """An intention to end needs its reasons (the taxonomy, before the job is gone); `OTHER`
    needs a note, as with an ending. The field and the message, or None."""
    kept = intention_reasons(intention, reason_codes)
    if intention == Intention.END and not kept:
        return ("reasons", MSG_INTENTION_END_REASONS)
    problem = ending_reason_problem(kept, notes, codes_needing_note)
    return ("notes", problem) if problem else None


MSG_AFTERCARE_DAY_MISSING = "Vul in op welke dag de nazorg stopt."
MSG_AFTERCARE_IN_FUTURE = "Deze datum ligt in de toekomst. Leg het besluit vast als het genomen is."
MSG_AFTERCARE_REASON = "Schrijf op waarom de nazorg stopt."


def aftercare_close_problem(
    ended: date, closed: date | None, reason: str, today: date
) -> tuple[str, str] | None:
    """The decision that stops the aftercare after a job loss (docs/signals.md, AFTERCARE_DUE):
    a day on or after the end, not in the future, with its reason. The field and the message,
    or None."""
    if closed is None:
        return ("aftercare_closed", MSG_AFTERCARE_DAY_MISSING) if reason.strip() else None
    if closed < ended:
        return (
            "aftercare_closed",
            f"De nazorg kan niet stoppen vóór het einde van de baan ({format_date_nl(ended)}).",
        )
    if closed > today:
        return ("aftercare_closed", MSG_AFTERCARE_IN_FUTURE)
    if not reason.strip():
        return ("aftercare_closed_reason", MSG_AFTERCARE_REASON)
    return None


# Warnings (docs/rules.md §4): shown on the contract, not hard errors.
PROEFPLAATSING_STANDARD_MONTHS = 2
MSG_PROEF_LONG_WITHOUT_REASON = (
    "Deze proefplaatsing duurt langer dan twee maanden. "
    "Dat mag alleen bij uitzondering: leg de reden vast."
)
MSG_PROBATION_AFTER_PROEF = (
    "Na een proefplaatsing bij dezelfde werkgever mag dit contract geen proeftijd hebben."
)
MSG_PROMISE_AFTER_PROEF = (
    "Bij de proefplaatsing beloofde de werkgever een contract van minstens zes maanden voor "
    "minstens dezelfde uren. Dit contract is korter of heeft minder uren."
)


def max_probation_months(period: ContractSpan) -> int:
    """Art. 7:652 BW: none for a temporary contract of at most six months; one month for a
    longer temporary contract under two years or one without an end date; two months for a
    permanent contract or a temporary one of two years or more."""
    if period.kind == ContractKind.PERMANENT:
        return 2
    if period.end is None:
        return 1
    if period.end < add_months(period.start, 6):
        return 0
    if period.end < add_months(period.start, 24) - timedelta(days=1):
        return 1
    return 2


def msg_probation_too_long(months: int) -> str:
    if months == 0:
        return "Een tijdelijk contract van zes maanden of korter mag geen proeftijd hebben (art. 7:652 BW)."
    unit = "maand" if months == 1 else "maanden"
    return f"De proeftijd van dit contract mag hoogstens {months} {unit} zijn (art. 7:652 BW)."


def contract_warnings(periods: Sequence[ContractSpan]) -> list[Problem]:
    """Everything that is allowed but deserves a second look (docs/rules.md §4)."""
    warnings: list[Problem] = []
    ordered = sorted(range(len(periods)), key=lambda i: periods[i].start)
    for position, i in enumerate(ordered):
        period = periods[i]
        previous = periods[ordered[position - 1]] if position > 0 else None
        if (
            period.kind == ContractKind.PROEFPLAATSING
            and period.end is not None
            and period.end >= add_months(period.start, PROEFPLAATSING_STANDARD_MONTHS)
            and not proefplaatsing_too_long(period)
            and not period.extension_reason.strip()
        ):
            warnings.append(Problem(i, "end", MSG_PROEF_LONG_WITHOUT_REASON))
        if period.kind in EMPLOYMENT_KINDS and period.probation_end is not None:
            after_proef = previous is not None and previous.kind == ContractKind.PROEFPLAATSING
            limit = max_probation_months(period)
            if after_proef:
                warnings.append(Problem(i, "probation_end", MSG_PROBATION_AFTER_PROEF))
            elif period.probation_end >= add_months(period.start, limit):
                warnings.append(Problem(i, "probation_end", msg_probation_too_long(limit)))
        if (
            previous is not None
            and previous.kind == ContractKind.PROEFPLAATSING
            and period.kind in EMPLOYMENT_KINDS
            and (
                (
                    period.end is not None
                    and period.end < add_months(period.start, 6) - timedelta(days=1)
                )
                or period.hours_per_week < previous.hours_per_week
            )
        ):
            warnings.append(Problem(i, "start", MSG_PROMISE_AFTER_PROEF))
    return warnings


class Moment(StrEnum):
    """When a job was lost (docs/rules.md §7), derived, never typed."""

    DURING_TRIAL = "during_trial"
    TRIAL_TO_CONTRACT = "trial_to_contract"
    FIRST_HALF_YEAR = "first_half_year"
    TEMPORARY_TO_PERMANENT = "temporary_to_permanent"
    LATER_TEMPORARY = "later_temporary"
    AFTER_PERMANENT = "after_permanent"


MOMENT_LABELS: dict[Moment, str] = {
    Moment.DURING_TRIAL: "Tijdens de proefplaatsing",
    Moment.TRIAL_TO_CONTRACT: "Bij de stap van proefplaatsing naar contract",
    Moment.FIRST_HALF_YEAR: "In het eerste halfjaar",
    Moment.TEMPORARY_TO_PERMANENT: "Bij de overstap van tijdelijk naar vast",
    Moment.LATER_TEMPORARY: "Later, met een tijdelijk contract",
    Moment.AFTER_PERMANENT: "Na een vast contract",
}


def ending_moment(
    periods: Sequence[ContractSpan],
    ending_date: date,
    *,
    reason_codes: Sequence[str] = (),
    last_allowed_ends: Container[date] = (),
) -> Moment:
    """The moment of an ending (docs/rules.md §7), in the order of the report's risk moments.

    `last_allowed_ends`: end dates of this placement's temporary contracts after which the chain
    rule makes the next contract permanent (from `chain.is_last_allowed`)."""
    started = sorted((p for p in periods if p.start <= ending_date), key=lambda p: p.start)
    employment = [p for p in started if p.kind in EMPLOYMENT_KINDS]
    if not employment:
        trial = next((p for p in reversed(started) if p.kind == ContractKind.PROEFPLAATSING), None)
        if trial is not None and trial.end is not None and ending_date < trial.end:
            return Moment.DURING_TRIAL
        return Moment.TRIAL_TO_CONTRACT if trial is not None else Moment.FIRST_HALF_YEAR
    if any(p.kind == ContractKind.PERMANENT for p in employment):
        return Moment.AFTER_PERMANENT
    # The employer declined a permanent contract, or the job ended with the chain's last
    # allowed contract (from a month before its end: the aanzegtermijn).
    if "NO_PERMANENT_CONTRACT" in reason_codes:
        return Moment.TEMPORARY_TO_PERMANENT
    current = employment[-1]
    if (
        current.end is not None
        and ending_date >= add_months(current.end, -1)
        and current.end in last_allowed_ends  # the chain rule last: the costly question
    ):
        return Moment.TEMPORARY_TO_PERMANENT
    if ending_date < add_months(employment[0].start, 6):
        return Moment.FIRST_HALF_YEAR
    return Moment.LATER_TEMPORARY


K = TypeVar("K")


def above_capacity_notes(
    contracts: Sequence[tuple[K, date, date | None, Decimal]],
    steps: Sequence[tuple[K, date, Decimal]],
    capacity: Decimal,
    assessed_on: date | None,
    today: date,
) -> dict[K, str]:
    """Issue 20 §4: the contracts (key, start, end, hours) and hours-build-up steps (key, from,
    hours; in the order they were recorded) in force on or after the latest assessment of the
    load capacity (or today, for a capacity from before the history) with more hours a week than
    it allows, each with its warning. Earlier ones were judged against the capacity of their
    time. One rule for the placement page, the API and the import."""
    since = assessed_on if assessed_on is not None else today
    notes: dict[K, str] = {}
    for key, _start, end, hours in contracts:
        if end is None or end >= since:
            note = above_capacity(hours, capacity, assessed_on)
            if note is not None:
                notes[key] = note
    ordered = sorted(steps, key=lambda step: step[1])  # stable: recorded order on one day
    in_force = [step for step in ordered if step[1] <= since][-1:]
    for key, _from, hours in in_force + [step for step in ordered if step[1] > since]:
        note = above_capacity(hours, capacity, assessed_on)
        if note is not None:
            notes[key] = note
    return notes


# The loonwaarde (issue 20 §3; report §4.2.5): what the worker produces as a share of a
# colleague without a disability, measured on the workplace. It decides the employer's subsidy
# and is disputed; it is measured again from time to time (WAGE_VALUE_DUE, docs/signals.md).
LKS_MAX_SHARE = 70  # Participatiewet art. 10d: the subsidy is at most 70 % of the minimum wage
MSG_NEXT_BEFORE = "De volgende meting ligt na de datum van deze meting."
MSG_DISPUTE_NOTE = "Schrijf op waarover de meting wordt betwist."


def wage_value_problems(
    measured_on: date | None,
    next_measurement: date | None,
    disputed: bool,
    dispute_note: str,
) -> dict[str, str]:
    """What is wrong in one loonwaarde measurement, per field: the page, the import, the admin."""
    problems: dict[str, str] = {}
    if measured_on is not None and next_measurement is not None and next_measurement <= measured_on:
        problems["next_measurement"] = MSG_NEXT_BEFORE
    if disputed and not dispute_note.strip():
        problems["dispute_note"] = MSG_DISPUTE_NOTE
    return problems


def subsidy_share(outcome: int) -> int:
    """The loonkostensubsidie as a share of the minimum wage: the difference between the
    minimum wage and the loonwaarde, at most 70 % (plus an allowance for employer costs)."""
    return max(0, min(100 - outcome, LKS_MAX_SHARE))


def subsidy_text(regime: str, outcome: int) -> str:
    """What the measurement means for the employer, per regime, in plain words."""
    if regime == "participatiewet":
        share = subsidy_share(outcome)
        return (
            f"Loonkostensubsidie van de gemeente: {share} procent van het wettelijk minimumloon"
            f" (het verschil tussen het minimumloon en de loonwaarde van {outcome} procent, "
            f"hoogstens {LKS_MAX_SHARE} procent), plus een vergoeding voor de werkgeverslasten."
        )
    if regime == "wajong":
        return (
            f"Loondispensatie: de werkgever betaalt {outcome} procent van het loon; UWV vult het "
            "inkomen van de werknemer aan."
        )
    return f"De loonwaarde is {outcome} procent. Vraag de gemeente of UWV welke regeling geldt."


def next_wage_value(measured_on: date, next_measurement: date | None, cadence_months: int) -> date:
    """When the loonwaarde is measured again: the date set with the measurement, otherwise the
    organisation's cadence after it."""
    return next_measurement or add_months(measured_on, cadence_months)
