"""The management information of docs/reports.md as pure functions over placement records.
No Django import: every number here can be reproduced by hand from the definitions.

- An employment contract is a temporary, permanent or secondment period; a placement is a job
  from the start of its first employment contract.
- The end of a job is the ending's date if one is recorded; else, when the last contract period
  ended before the report date and nothing follows, that end date (an unregistered loss).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from baanbehoud.dates import add_months
from baanbehoud.guidance.domain import EVALUATION_TOLERANCE_DAYS, evaluation_fulfilment
from baanbehoud.placements.domain import (
    EMPLOYMENT_KINDS,
    ContractKind,
    ContractSpan,
    Moment,
    ending_moment,
    first_employment_start,
    first_work_after,
    last_working_day,
    working_days,
    working_on,
)

CONVERSION_DAYS = 31  # a contract within 31 days after a proefplaatsing or last allowed contract


# Not frozen (nothing changes a record once made): a report makes one for each of the country's
# 288,000 placements, and a frozen dataclass's __init__ (25 fields, each set through
# object.__setattr__) took 0.9 s of a national report, four times as long as this one's.
@dataclass
class PlacementRecord:
    id: int
    person_id: int
    employer_kvk: str
    periods: tuple[ContractSpan, ...]
    ending_date: date | None = None
    reasons: tuple[str, ...] = ()
    learning_points: str = ""
    # The end dates after which the chain rule makes the next contract permanent (a set, or
    # `chain.LastAllowedEnds`, which works a date out when asked).
    last_allowed_ends: Container[date] = frozenset()
    # Dimensions for filters and splits.
    organisation: str = ""
    municipality: str = ""
    regime: str = ""
    route: str = ""
    sector: str = ""
    education: str = ""
    jobcoaching: bool = False
    contact_person_id: int | None = None
    employer_has_contact: bool = True
    evaluations: tuple[date, ...] = ()
    evaluation_tolerance_days: int = EVALUATION_TOLERANCE_DAYS
    concerns: tuple[tuple[date, date | None], ...] = ()
    contact_due: date | None = None  # from the CONTACT_DUE rule on the report date
    # The employer's intentions before a contract ended (issue 19 §5): (contract id, date,
    # intention, reason codes).
    intentions: tuple[tuple[int, date, str, tuple[str, ...]], ...] = ()
    # Loonwaarde measurements (issue 20 §3): (date, "internal" or "external", disputed).
    wage_values: tuple[tuple[date, str, bool], ...] = ()
    extra: dict[str, str] = field(default_factory=dict, compare=False)

    @cached_property
    def moment(self) -> Moment | None:
        """The moment of the ending (docs/rules.md §7), None while the job runs: worked out when a
        report asks (only the reasons report does; the chain rule it asks is not cheap)."""
        if self.ending_date is None:
            return None
        return ending_moment(
            self.periods,
            self.ending_date,
            reason_codes=self.reasons,
            last_allowed_ends=self.last_allowed_ends,
        )

    @property
    def first_employment(self) -> date | None:
        return first_employment_start(self.periods)

    def end(self, report_date: date) -> tuple[date | None, bool]:
        """(end of the job, registered?) as of the report date (docs/reports.md)."""
        if self.ending_date is not None:
            return self.ending_date, True
        last = max(self.periods, key=lambda p: p.start, default=None)
        if last is not None and last.end is not None and last.end < report_date:
            return last.end, False
        return None, False

    def working(self, day: date) -> bool:
        """An employment contract covers the day and no ending was recorded before it."""
        return working_on(self.periods, self.ending_date, day)


# Quarters ---------------------------------------------------------------------------------


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_label(quarter: tuple[int, int]) -> str:
    return f"{quarter[0]}-K{quarter[1]}"


def whole_quarters(start: date, end: date) -> tuple[date, date]:
    """The period an aggregate-only role gets for [start, end]: from the first day of the
    quarter that holds `start` to the last day of the last quarter that is complete on `end`
    (docs/reports.md, "Small groups"). Few distinct periods means few overlapping ones to
    subtract from each other."""
    first = date(start.year, 3 * ((start.month - 1) // 3) + 1, 1)
    year, quarter = quarter_of(end)
    next_quarter = date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    last = (
        end
        if end == next_quarter - timedelta(days=1)
        else date(year, 3 * quarter - 2, 1) - timedelta(days=1)
    )
    if last < first:  # a period within one incomplete quarter: that quarter's previous one
        last = first - timedelta(days=1)
        first = date(last.year, 3 * ((last.month - 1) // 3) + 1, 1)
    return first, last


def quarters_between(start: date, end: date) -> list[tuple[int, int]]:
    result = []
    year, q = quarter_of(start)
    while (year, q) <= quarter_of(end):
        result.append((year, q))
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    return result


@dataclass(frozen=True)
class QuarterRow:
    quarter: str
    new_jobs: int
    jobs_lost: int
    lost_unregistered: int
    trials_started: int
    trials_converted: int
    trials_not_converted: int
    trials_running: int

    @property
    def net(self) -> int:
        return self.new_jobs - self.jobs_lost


def trial_outcome(record: PlacementRecord, trial: ContractSpan, report_date: date) -> str:
    """converted: an employment contract of the same placement starts within 31 days after the
    proefplaatsing's end; not_converted: it has ended without one; running otherwise."""
    if trial.end is None:
        return "running"
    window_end = trial.end + timedelta(days=CONVERSION_DAYS)
    if any(
        p.kind in EMPLOYMENT_KINDS and trial.end < p.start <= window_end for p in record.periods
    ):
        return "converted"
    return "not_converted" if trial.end < report_date else "running"


def quarterly(
    records: Iterable[PlacementRecord], start: date, end: date, report_date: date
) -> list[QuarterRow]:
    quarters = quarters_between(start, end)
    counts: dict[tuple[int, int], Counter[str]] = {q: Counter() for q in quarters}
    for record in records:
        first = record.first_employment
        if first is not None and quarter_of(first) in counts:
            counts[quarter_of(first)]["new"] += 1
        job_end, registered = record.end(report_date)
        if (
            first is not None
            and job_end is not None
            and job_end >= first
            and quarter_of(job_end) in counts
        ):
            counts[quarter_of(job_end)]["lost"] += 1
            if not registered:
                counts[quarter_of(job_end)]["unregistered"] += 1
        for trial in (p for p in record.periods if p.kind == ContractKind.PROEFPLAATSING):
            if quarter_of(trial.start) in counts:
                bucket = counts[quarter_of(trial.start)]
                bucket["trials"] += 1
                bucket[trial_outcome(record, trial, report_date)] += 1
    return [
        QuarterRow(
            quarter=quarter_label(q),
            new_jobs=c["new"],
            jobs_lost=c["lost"],
            lost_unregistered=c["unregistered"],
            trials_started=c["trials"],
            trials_converted=c["converted"],
            trials_not_converted=c["not_converted"],
            trials_running=c["running"],
        )
        for q, c in counts.items()
    ]


# Sustainability ---------------------------------------------------------------------------


@dataclass(frozen=True)
class UwvMeasure:
    reference: date
    persons: int
    still_at_work: int
    same_employer: int

    @property
    def not_at_work(self) -> int:
        return self.persons - self.still_at_work


def uwv_measures(
    records: Sequence[PlacementRecord], references: Sequence[date]
) -> list[UwvMeasure]:
    """Of the persons with an employment contract covering R, those with one covering R + 1 year
    at any employer, and at the same employer (KvK), for each reference date R. One pass over the
    records: each placement's working days (`working_days`, what `working` asks) are worked out
    once, and each span finds the dates it covers by bisection, as bits of one number per person
    (bit k: the k-th date in order) — instead of asking `working` 2 million times nationally."""
    order = sorted(range(len(references)), key=lambda i: references[i])
    then_days = [references[i] for i in order]
    later_days = [add_months(references[i], 12) for i in order]  # in the same order
    then: dict[int, int] = defaultdict(int)  # person → the dates at which they work
    later: dict[int, int] = defaultdict(int)  # person → the dates a year on at which they work
    then_at: dict[tuple[int, str], int] = defaultdict(int)  # the same, per person and KvK
    later_at: dict[tuple[int, str], int] = defaultdict(int)
    for record in records:
        then_bits = later_bits = 0
        for start, end in working_days(record.periods, record.ending_date):
            then_bits |= _covered(then_days, start, end)
            later_bits |= _covered(later_days, start, end)
        if then_bits or later_bits:
            key = (record.person_id, record.employer_kvk)
            then[record.person_id] |= then_bits
            later[record.person_id] |= later_bits
            then_at[key] |= then_bits
            later_at[key] |= later_bits
    same: dict[int, int] = defaultdict(int)
    for (person_id, kvk), bits in then_at.items():
        same[person_id] |= bits & later_at[(person_id, kvk)]
    persons = _per_date(then.values(), len(order))
    still = _per_date((bits & later.get(p, 0) for p, bits in then.items()), len(order))
    same_employer = _per_date(same.values(), len(order))
    position_of = {index: position for position, index in enumerate(order)}
    return [
        UwvMeasure(
            reference,
            persons[position_of[index]],
            still_at_work=still[position_of[index]],
            same_employer=same_employer[position_of[index]],
        )
        for index, reference in enumerate(references)
    ]


def _covered(days: Sequence[date], start: date, end: date) -> int:
    """The dates (ascending) in [start, end], as bits."""
    first, after = bisect_left(days, start), bisect_right(days, end)
    return (1 << after) - (1 << first) if after > first else 0


def _per_date(masks: Iterable[int], size: int) -> list[int]:
    """How many of the masks hold each bit; identical masks (most) counted once."""
    counts = [0] * size
    for mask, times in Counter(masks).items():
        position = 0
        while mask:
            if mask & 1:
                counts[position] += times
            mask >>= 1
            position += 1
    return counts


@dataclass(frozen=True)
class SurvivalInput:
    """Durations in days from the first employment contract to the end (event) or the report date
    (censored)."""

    durations: list[int]
    events: list[bool]


def survival_point(record: PlacementRecord, report_date: date) -> tuple[int, bool] | None:
    """(days from the first employment contract to the end or the report date, ended?); None for
    a placement without an employment contract by the report date."""
    first = record.first_employment
    if first is None or first > report_date:
        return None
    job_end, _registered = record.end(report_date)
    if job_end is not None and job_end <= report_date:
        return max((job_end - first).days, 0), True
    return (report_date - first).days, False


def survival_input(records: Iterable[PlacementRecord], report_date: date) -> SurvivalInput:
    points = [survival_point(record, report_date) for record in records]
    return survival_input_of([point for point in points if point is not None])


def survival_input_of(points: Sequence[tuple[int, bool]]) -> SurvivalInput:
    return SurvivalInput([days for days, _ended in points], [ended for _days, ended in points])


@dataclass(frozen=True)
class Conversion:
    total: int
    converted: int


def trial_conversion(
    records: Iterable[PlacementRecord], start: date, end: date, report_date: date
) -> Conversion:
    """Of the proefplaatsingen that ended in the period, those followed by a contract."""
    total = converted = 0
    for record in records:
        for trial in (p for p in record.periods if p.kind == ContractKind.PROEFPLAATSING):
            if trial.end is None or not (start <= trial.end <= end) or trial.end >= report_date:
                continue
            outcome = trial_outcome(record, trial, report_date)
            total += 1
            converted += outcome == "converted"
    return Conversion(total, converted)


def permanent_conversion(records: Sequence[PlacementRecord], start: date, end: date) -> Conversion:
    """Of the chains whose last allowed temporary contract ended in the period, those followed by a
    permanent contract at the same employer within 31 days."""
    permanent, temporary = ContractKind.PERMANENT, ContractKind.TEMPORARY
    permanent_starts: dict[tuple[int, str], list[date]] = defaultdict(list)
    ended_in_period: list[tuple[PlacementRecord, date]] = []
    for record in records:  # one pass: the permanent contracts, and what ended in the period
        for period in record.periods:
            if period.kind == permanent:
                permanent_starts[(record.person_id, record.employer_kvk)].append(period.start)
            elif period.kind == temporary and period.end is not None and start <= period.end <= end:
                ended_in_period.append((record, period.end))
    total = converted = 0
    for record, ended in ended_in_period:
        if ended not in record.last_allowed_ends:
            continue
        total += 1
        window_end = ended + timedelta(days=CONVERSION_DAYS)
        starts = permanent_starts[(record.person_id, record.employer_kvk)]
        converted += any(ended < s <= window_end for s in starts)
    return Conversion(total, converted)


# Reasons ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReasonsTable:
    endings: int
    counts: dict[tuple[str, Moment], int]  # (reason code, moment) -> number of endings
    learning_points: list[tuple[Moment, str]]

    def reason_total(self, code: str) -> int:
        return sum(n for (c, _m), n in self.counts.items() if c == code)

    def moment_total(self, moment: Moment) -> int:
        return sum(n for (_c, m), n in self.counts.items() if m == moment)


def reasons_by_moment(records: Iterable[PlacementRecord], start: date, end: date) -> ReasonsTable:
    """Registered endings in the period: each reason counts once per ending, at its moment."""
    counts: Counter[tuple[str, Moment]] = Counter()
    endings = 0
    points: list[tuple[Moment, str]] = []
    for record in records:
        if (
            record.ending_date is None
            or record.moment is None
            or not (start <= record.ending_date <= end)
        ):
            continue
        endings += 1
        for code in set(record.reasons):
            counts[(code, record.moment)] += 1
        if record.learning_points.strip():
            points.append((record.moment, record.learning_points.strip()))
    return ReasonsTable(endings=endings, counts=dict(counts), learning_points=points)


# Intentions before the end (issue 19 §5) ---------------------------------------------------


@dataclass(frozen=True)
class IntentionsTable:
    kinds: Counter[str]  # intention -> contracts
    end_reasons: Counter[str]  # reason code -> contracts whose employer intends to end
    ends: int  # contracts whose employer intends to end


def intentions_in_period(
    records: Iterable[PlacementRecord], start: date, end: date
) -> IntentionsTable:
    """Per contract the employer's latest intention dated in the period (an employer may change
    its mind: the last word counts), by kind; for "end", each reason once per contract."""
    kinds: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    for record in records:
        latest: dict[int, tuple[date, int, str, tuple[str, ...]]] = {}
        for order, (contract, day, intention, codes) in enumerate(record.intentions):
            if not (start <= day <= end):
                continue
            found = latest.get(contract)
            if found is None or (day, order) >= found[:2]:
                latest[contract] = (day, order, intention, codes)
        for _day, _order, intention, codes in latest.values():
            kinds[intention] += 1
            if intention == "end":
                reasons.update(set(codes))
    return IntentionsTable(kinds=kinds, end_reasons=reasons, ends=kinds["end"])


@dataclass(frozen=True)
class AnswersTable:
    answers: Counter[str]  # interested / not_interested
    no_reasons: Counter[str]  # reason code: proposals answered "no" with it


def answers_in_period(
    answers: Iterable[tuple[date, bool, tuple[str, ...]]], start: date, end: date
) -> AnswersTable:
    """Issue 19 §3: employers' answers to proposed candidates dated in the period; for "no",
    each reason once per proposal."""
    kinds: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    for day, interested, codes in answers:
        if not (start <= day <= end):
            continue
        kinds["interested" if interested else "not_interested"] += 1
        if not interested:
            reasons.update(set(codes))
    return AnswersTable(answers=kinds, no_reasons=reasons)


# Back at work after a job loss (issue 19 §4) -----------------------------------------------


BACK_AT_WORK_MONTHS = (3, 6, 12)


@dataclass(frozen=True)
class BackAtWork:
    months: int
    losses: (
        int  # registered job losses in the period, ended at least `months` before the report date
    )
    back: int  # of them, with work again within `months` after the end


def work_again_from(record: PlacementRecord, others: Iterable[PlacementRecord]) -> date | None:
    """The first day after the job's end on which the person works in another placement (a
    contract that covers it, up to that placement's own ending): a second job that goes on, or
    a new one. The same notion of new work as AFTERCARE_DUE's (signals.domain.works_again)."""
    if record.ending_date is None:
        return None
    return first_work_after(
        record.ending_date,
        (
            (p.start, last_working_day(p.end, other.ending_date))
            for other in others
            if other.id != record.id
            for p in other.periods
        ),
    )


def back_at_work(
    records: Iterable[PlacementRecord],
    start: date,
    end: date,
    report_date: date,
    horizons: Sequence[int] = BACK_AT_WORK_MONTHS,
) -> list[BackAtWork]:
    """Of the registered job losses in the period, how many had work again within 3, 6 and 12
    months. A loss counts for a horizon only once the horizon has passed on the report date
    (a loss of last month cannot tell yet whether it found work within half a year)."""
    records = list(records)
    by_person: dict[int, list[PlacementRecord]] = defaultdict(list)
    for record in records:
        by_person[record.person_id].append(record)
    losses = Counter[int]()
    back = Counter[int]()
    for record in records:
        ended = record.ending_date
        if ended is None or not (start <= ended <= end):
            continue
        again = work_again_from(record, by_person[record.person_id])
        for months in horizons:
            horizon = add_months(ended, months)
            if horizon > report_date:
                continue
            losses[months] += 1
            if again is not None and again <= horizon:
                back[months] += 1
    return [BackAtWork(m, losses[m], back[m]) for m in horizons]


# Execution --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Execution:
    running: int
    caseload: dict[int, int]  # contact person id -> persons with a running placement
    persons_without_contact: int
    employers_without_contact: int
    evaluations_on_time: int
    evaluations_late: int
    evaluations_missed: int
    concerns_on_time: int
    concerns_late: int
    concerns_open: int
    contact_kept: int


CONCERN_DAYS = 2


@dataclass(frozen=True)
class WageValueCounts:
    measured: int
    internal: int
    external: int
    disputed: int


def wage_values_in_period(
    records: Iterable[PlacementRecord], start: date, end: date
) -> WageValueCounts:
    """Issue 20 §3 (report §4.2.5): the loonwaarde measurements dated in the period, by who
    measured (the organisation itself or an external bureau) and how many are disputed."""
    found = [
        (measurer, disputed)
        for r in records
        for day, measurer, disputed in r.wage_values
        if start <= day <= end
    ]
    return WageValueCounts(
        measured=len(found),
        internal=sum(1 for m, _d in found if m == "internal"),
        external=sum(1 for m, _d in found if m == "external"),
        disputed=sum(1 for _m, d in found if d),
    )


def execution(
    records: Sequence[PlacementRecord], start: date, end: date, report_date: date
) -> Execution:
    """On the report date: caseload, missing contact persons, contact cadence kept; in the
    period: evaluation moments (due in it) on time or late, concerns handled within two days."""
    running = [r for r in records if r.working(report_date)]
    caseload: dict[int, set[int]] = defaultdict(set)
    for r in running:
        if r.contact_person_id is not None:
            caseload[r.contact_person_id].add(r.person_id)
    without_contact = {r.person_id for r in running if r.contact_person_id is None}
    employers_without = {r.employer_kvk for r in running if not r.employer_has_contact}
    on_time = late = missed = 0
    for record in records:
        first = record.first_employment
        if first is None:
            continue
        tolerance = timedelta(days=record.evaluation_tolerance_days)
        # The same fulfilment rule as EVALUATION_DUE, with the organisation's tolerance.
        for due, fulfilled in evaluation_fulfilment(
            first, record.evaluations, report_date, record.evaluation_tolerance_days
        ):
            if not (start <= due <= end) or due > report_date:
                continue
            if fulfilled is None:
                missed += 1
            elif fulfilled <= due + tolerance:
                on_time += 1
            else:
                late += 1
    concerns_on_time = concerns_late = concerns_open = 0
    for record in records:
        for raised, handled in record.concerns:
            if not (start <= raised <= end) or raised > report_date:
                continue
            if handled is None or handled > report_date:
                concerns_open += 1
            elif handled <= raised + timedelta(days=CONCERN_DAYS):
                concerns_on_time += 1
            else:
                concerns_late += 1
    kept = sum(1 for r in running if r.contact_due is None or r.contact_due > report_date)
    return Execution(
        running=len(running),
        caseload={k: len(v) for k, v in caseload.items()},
        persons_without_contact=len(without_contact),
        employers_without_contact=len(employers_without),
        evaluations_on_time=on_time,
        evaluations_late=late,
        evaluations_missed=missed,
        concerns_on_time=concerns_on_time,
        concerns_late=concerns_late,
        concerns_open=concerns_open,
        contact_kept=kept,
    )
