"""The worklist rules of docs/signals.md as pure functions: records in, open signals out.
No Django import. Every lead time and cadence comes from `SignalConfig` (per executing
organisation; the defaults are the report's).

A signal is *open on date X* when its due date is on or before X and the data does not resolve
it. A contract or ending counts as recorded whatever its date; contact moments, evaluations and
reports count only when dated on or before X.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from baanbehoud.dates import add_months, format_number_nl
from baanbehoud.guidance.domain import (
    EVALUATION_TOLERANCE_DAYS,
    JOBCOACH_HOURS_PER_YEAR,
    JOBCOACH_MAX_YEARS,
    evaluation_fulfilment,
    evaluation_moments,
    poortwachter_dates,
)
from baanbehoud.persons.domain import FLUCTUATING, PROGRESSIVE
from baanbehoud.placements.chain import (
    LABOUR_LAW_REGIMES,
    ChainContract,
    LabourLawRegime,
    is_last_allowed,
    permanent_by_law_during,
    permanent_by_law_from,
    split_chains,
)
from baanbehoud.placements.domain import (
    EMPLOYMENT_KINDS,
    ContractKind,
    first_work_after,
    next_wage_value,
)

ONE_DAY = timedelta(days=1)


class Code(StrEnum):
    CONTRACT_END = "CONTRACT_END"
    CHAIN_TRANSITION = "CHAIN_TRANSITION"
    TRIAL_END = "TRIAL_END"
    EVALUATION_DUE = "EVALUATION_DUE"
    CONTACT_DUE = "CONTACT_DUE"
    NO_CONTACT_PERSON = "NO_CONTACT_PERSON"
    JOBCOACH_REPORT_OVERDUE = "JOBCOACH_REPORT_OVERDUE"
    JOBCOACH_BUDGET = "JOBCOACH_BUDGET"
    HOURS_REVIEW_DUE = "HOURS_REVIEW_DUE"
    CONCERN_RAISED = "CONCERN_RAISED"
    PROVISION_PENDING = "PROVISION_PENDING"
    ENDING_UNREGISTERED = "ENDING_UNREGISTERED"
    CHAIN_EXCEEDED = "CHAIN_EXCEEDED"
    AFTERCARE_DUE = "AFTERCARE_DUE"
    LOAD_REVIEW_DUE = "LOAD_REVIEW_DUE"
    SICK_REPORTED = "SICK_REPORTED"
    POORTWACHTER_CHECK = "POORTWACHTER_CHECK"
    WAGE_VALUE_DUE = "WAGE_VALUE_DUE"


HIGH_PRIORITY = frozenset(
    {Code.CONCERN_RAISED, Code.CHAIN_TRANSITION, Code.CHAIN_EXCEEDED, Code.SICK_REPORTED}
)


@dataclass(frozen=True)
class SignalConfig:
    """Lead times and cadences (docs/signals.md defaults)."""

    contract_end_lead_months: int = 2  # report §2.3.4: talk to the employer 2 months before
    chain_transition_lead_months: int = 3
    trial_end_lead_days: int = 14
    contact_cadence_temporary_months: int = 3
    contact_cadence_permanent_months: int = 6  # Summary §5: 1-2 times a year after permanent
    evaluation_tolerance_days: int = EVALUATION_TOLERANCE_DAYS
    jobcoach_report_cadence_months: int = 1
    jobcoach_budget_hours: Decimal = JOBCOACH_HOURS_PER_YEAR  # regional agreement (§2.3.1)
    jobcoach_budget_share: Decimal = Decimal("0.8")
    jobcoach_max_months: int = 12 * JOBCOACH_MAX_YEARS
    jobcoach_period_lead_months: int = 2
    provision_wait_weeks: int = 4  # report §3.2.4
    # Issue 19 §4, report §2.3.4 recommendations: nobody lands in WW unnoticed.
    aftercare_contact_days: int = 14  # contact within 2 weeks of the end
    aftercare_cadence_months: int = 1  # then keep in touch while looking for the next job
    # For at most a year after the end: a loss years ago (history imported when a region starts)
    # is the regular caseload's, not a fresh loss to follow up.
    aftercare_max_months: int = 12
    # Issue 20 §4, report §3.2.3: a load capacity that declines is assessed again, by default
    # 3 months after the assessment that said so (unless it set a review date itself).
    load_review_progressive_months: int = 3
    # Issue 20 §3, report §4.2.5: the loonwaarde is measured again, by default a year after the
    # last measurement (unless it set a date), with a month to plan it.
    wage_value_cadence_months: int = 12
    wage_value_lead_months: int = 1


@dataclass(frozen=True)
class Contract:
    id: int
    kind: ContractKind
    start: date
    end: date | None
    cao_max_contracts: int | None = None
    cao_max_months: int | None = None
    cao_gap_months: int | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def as_chain(self) -> ChainContract:
        return ChainContract(
            self.start, self.end, self.cao_max_contracts, self.cao_max_months, self.cao_gap_months
        )


@dataclass(frozen=True)
class HoursStep:
    id: int
    review: date | None
    decided: date | None


@dataclass(frozen=True)
class Concern:
    id: int
    raised_on: date
    handled: date | None
    raised_by: str
    kind: str


@dataclass(frozen=True)
class Provision:
    id: int
    kind: str
    requested: date
    granted: date | None
    closed: bool = False  # refused or withdrawn


@dataclass(frozen=True)
class Jobcoaching:
    id: int
    start: date
    end: date | None
    hours: tuple[tuple[date, Decimal], ...] = ()  # (first day of month, hours)
    reports: tuple[date, ...] = ()
    has_exception: bool = False
    report_cadence_months: int | None = None
    budget_hours: Decimal | None = None


@dataclass(frozen=True)
class LoadAssessment:
    """The person's latest assessment of the load capacity (persons.LoadAssessment)."""

    id: int
    assessed_on: date
    course: str  # persons.domain: "stable", "fluctuating", "progressive"
    next_review: date | None = None


@dataclass(frozen=True)
class WageValue:
    """The placement's latest loonwaarde measurement (placements.WageValue)."""

    id: int
    measured_on: date
    outcome: int
    next_measurement: date | None = None


@dataclass(frozen=True)
class Sickness:
    """A sick report of the placement (guidance.SickReport)."""

    id: int
    first_day: date
    recovered_on: date | None = None  # back at work from this day


@dataclass(frozen=True)
class PlacementFacts:
    """Everything the rules need of one placement. `chain` holds the temporary contracts of the
    same person at the same employer (same KvK), across placements, this one's included."""

    id: int
    route: str
    contracts: tuple[Contract, ...]
    chain: tuple[Contract, ...] = ()
    ending: date | None = None
    person_has_contact: bool = True
    employer_has_contact: bool = True
    contacts: tuple[date, ...] = ()
    evaluations: tuple[date, ...] = ()
    hours_steps: tuple[HoursStep, ...] = ()
    concerns: tuple[Concern, ...] = ()
    provisions: tuple[Provision, ...] = ()
    jobcoaching: tuple[Jobcoaching, ...] = ()
    config: SignalConfig = field(default_factory=SignalConfig)
    # After the ending (AFTERCARE_DUE): what came next ("new_job", "benefit", "sick",
    # "unknown"), the day the aftercare was closed by a recorded decision, and the work of the
    # person's other placements as (start, last day) — a running one has no last day.
    ending_next: str = "unknown"
    aftercare_closed: date | None = None
    other_work: tuple[tuple[date, date | None], ...] = ()
    load: LoadAssessment | None = None  # the person's latest
    sickness: tuple[Sickness, ...] = ()
    wage_value: WageValue | None = None  # the latest


@dataclass(frozen=True)
class Signal:
    code: Code
    due: date
    placement_id: int
    subject: str  # what in the placement it is about: "contract:12", "moment:2", ...
    message: str
    params: dict[str, object] = field(default_factory=dict, compare=False)

    @property
    def priority(self) -> str:
        return "high" if self.code in HIGH_PRIORITY else "normal"


def fmt(day: date) -> str:
    """The date format of the exchange format's signal messages: 30-09-2026."""
    return f"{day:%d-%m-%Y}"


def aanzegdatum(contract: Contract) -> date | None:
    """Art. 7:668 BW: for a temporary contract of six months or more the employer must say one
    month before the end whether it continues."""
    if contract.kind != ContractKind.TEMPORARY or contract.end is None:
        return None
    if contract.end + ONE_DAY < add_months(contract.start, 6):
        return None
    return add_months(contract.end, -1)


def _next_recorded(facts: PlacementFacts, contract: Contract) -> bool:
    return any(c.start > contract.start and c.id != contract.id for c in facts.contracts)


def _ordered(facts: PlacementFacts) -> list[Contract]:
    return sorted(facts.contracts, key=lambda c: c.start)


def _active(facts: PlacementFacts, on: date) -> bool:
    return any(c.covers(on) for c in facts.contracts)


@dataclass(frozen=True)
class ChainFacts:
    """What the chain rule (§5) says of each temporary contract of a placement. It does not
    depend on the day the signals are read, so it is worked out once per placement."""

    exceeded: dict[int, date | None]
    last_allowed: dict[int, bool]
    permanent_from: dict[int, date]


def chain_facts(
    facts: PlacementFacts, table: Sequence[LabourLawRegime] = LABOUR_LAW_REGIMES
) -> ChainFacts:
    temporary = [c for c in facts.contracts if c.kind == ContractKind.TEMPORARY]
    last = {c.id: last_allowed(facts, c, table) for c in temporary}
    return ChainFacts(
        exceeded={c.id: exceeded_from(facts, c, table) for c in temporary},
        last_allowed=last,
        permanent_from={
            c.id: chain_permanent_from(facts, c, table) for c in temporary if last[c.id]
        },
    )


def _candidates(
    facts: PlacementFacts, on: date, table: Sequence[LabourLawRegime], chain: ChainFacts
) -> list[Signal]:
    """The signals the records give on `on`, whatever their due date."""
    signals = _concern_signals(facts, on)
    if facts.ending is not None and facts.ending <= on:
        # docs/signals.md: an ended placement has no open signals but concerns and aftercare.
        return signals + _aftercare_signals(facts, facts.ending, on)
    signals += _contract_signals(facts, on, chain)
    signals += _trial_signals(facts, on)
    signals += _ending_unregistered(facts, on, table)
    signals += _evaluation_signals(facts, on)
    signals += _contact_signals(facts, on)
    signals += _no_contact_person(facts, on)
    signals += _jobcoach_signals(facts, on)
    signals += _hours_review(facts, on)
    signals += _provision_signals(facts, on)
    signals += _load_review(facts, on)
    signals += _sick_signals(facts, on)
    signals += _wage_value_signals(facts, on)
    return signals


def open_signals(
    facts: PlacementFacts, on: date, table: Sequence[LabourLawRegime] = LABOUR_LAW_REGIMES
) -> list[Signal]:
    """All signals of one placement open on `on`, sorted by due date and code."""
    signals = _candidates(facts, on, table, chain_facts(facts, table))
    return sorted((s for s in signals if s.due <= on), key=lambda s: (s.due, s.code.value))


@dataclass(frozen=True)
class Interval:
    """A signal and the days it is open: from `opens` up to but not including `closes` (None:
    it stays open until the records change)."""

    signal: Signal
    opens: date
    closes: date | None

    def open_on(self, day: date) -> bool:
        return self.opens <= day and (self.closes is None or day < self.closes)


def change_dates(facts: PlacementFacts, chain: ChainFacts) -> set[date]:
    """Every day on which the signals the records give can change. Between two of these days
    the rules above give the same signals (with the same due dates and texts); only the due
    date itself decides from which day a signal is open. Each rule's comparisons with the day
    are listed here; the property test in tests/test_signal_intervals.py holds them to it."""
    days: set[date] = set()
    for c in facts.contracts:
        days.add(c.start)
        if c.end is not None:
            days.add(c.end + ONE_DAY)
            notice = aanzegdatum(c)
            if notice is not None:
                days.add(notice + ONE_DAY)  # the notice text changes the day after
    days.update(d for d in chain.exceeded.values() if d is not None)
    if facts.ending is not None:
        days.add(facts.ending)
    if facts.aftercare_closed is not None:
        days.add(facts.aftercare_closed)
    if facts.ending is not None:
        days.add(add_months(facts.ending, facts.config.aftercare_max_months))
    days.update(facts.contacts)
    days.update(facts.evaluations)
    starts = [c.start for c in facts.contracts if c.kind in EMPLOYMENT_KINDS]
    if starts:
        moments = evaluation_moments(min(starts))
        days.update(moments)
        days.add(add_months(moments[-1], 3))
    for step in facts.hours_steps:
        if step.decided is not None:
            days.add(step.decided)
    for concern in facts.concerns:
        days.add(concern.raised_on)
        if concern.handled is not None:
            days.add(concern.handled)
    for p in facts.provisions:
        if p.granted is not None:
            days.add(p.granted)
    for sick in facts.sickness:
        days.add(sick.first_day)
        if sick.recovered_on is not None:
            days.add(sick.recovered_on)
        days.update(m.check_from for m in poortwachter_dates(sick.first_day))
    for jc in facts.jobcoaching:
        days.add(jc.start)
        if jc.end is not None:
            days.add(jc.end + ONE_DAY)
        days.update(jc.reports)
        for month, _hours in jc.hours:
            days.add(month)
            days.add(date(month.year + 1, 1, 1))  # a new year's budget starts empty
    return days


def signal_intervals(
    facts: PlacementFacts, table: Sequence[LabourLawRegime] = LABOUR_LAW_REGIMES
) -> list[Interval]:
    """All signals the placement ever has, each with the days it is open: `open_signals(facts,
    D)` is exactly the signals of the intervals open on D, for every day D. Stored, these make
    "open on D" a range query (docs/architecture.md, "Signals as stored intervals")."""
    chain = chain_facts(facts, table)
    points = sorted(change_dates(facts, chain))
    result: list[Interval] = []
    last: dict[tuple[Code, str, date, str], int] = {}
    for index, day in enumerate(points):
        until = points[index + 1] if index + 1 < len(points) else None
        for signal in _candidates(facts, day, table, chain):
            opens = max(day, signal.due)
            if until is not None and opens >= until:
                continue
            key = (signal.code, signal.subject, signal.due, signal.message)
            previous = last.get(key)
            if previous is not None and result[previous].closes == opens:
                result[previous] = Interval(result[previous].signal, result[previous].opens, until)
            else:
                last[key] = len(result)
                result.append(Interval(signal, opens, until))
    return result


def last_allowed(
    facts: PlacementFacts, contract: Contract, table: Sequence[LabourLawRegime] = LABOUR_LAW_REGIMES
) -> bool:
    """Whether the contract after `contract` must be permanent by the chain rule (§5)."""
    if contract.kind != ContractKind.TEMPORARY:
        return False
    chain_contracts = [c for c in facts.chain if c.start <= contract.start] or [contract]
    chains = split_chains([c.as_chain() for c in chain_contracts], table)
    return is_last_allowed(chains[-1], contract.as_chain(), table)


def chain_permanent_from(
    facts: PlacementFacts, contract: Contract, table: Sequence[LabourLawRegime] = LABOUR_LAW_REGIMES
) -> date:
    chain_contracts = [c for c in facts.chain if c.start <= contract.start] or [contract]
    return permanent_by_law_from(
        split_chains([c.as_chain() for c in chain_contracts], table)[-1], table
    )


def exceeded_from(
    facts: PlacementFacts, contract: Contract, table: Sequence[LabourLawRegime] = LABOUR_LAW_REGIMES
) -> date | None:
    """docs/signals.md: the first day on which this temporary contract is permanent by law."""
    if contract.kind != ContractKind.TEMPORARY:
        return None
    others = [c.as_chain() for c in facts.chain if c.id != contract.id]
    return permanent_by_law_during(others, contract.as_chain(), table)


def _notice_text(notice: date | None, on: date) -> str:
    """Art. 7:668 BW, in words for the day the signal is read: still to come, or passed."""
    if notice is None:
        return ""
    if on <= notice:
        return (
            f" De werkgever moet uiterlijk {fmt(notice)} schriftelijk laten weten"
            " of het contract doorgaat (aanzegplicht)."
        )
    return (
        f" De aanzegdatum ({fmt(notice)}) is voorbij: heeft de werkgever niet op tijd schriftelijk"
        " laten weten of het contract doorgaat, dan moet hij de werknemer een maand loon betalen."
    )


def _contract_signals(facts: PlacementFacts, on: date, chain: ChainFacts) -> list[Signal]:
    result = []
    cfg = facts.config
    for contract in facts.contracts:
        if contract.kind != ContractKind.TEMPORARY or contract.end is None:
            continue
        # §6.1: signals for a contract only from its start, and only until it is resolved.
        if on < contract.start:
            continue
        if _next_recorded(facts, contract) or facts.ending is not None or on > contract.end:
            continue
        exceeded = chain.exceeded[contract.id]
        if exceeded is not None and exceeded <= on:
            # Permanent by law: never CONTRACT_END, and CHAIN_TRANSITION only before this day.
            result.append(
                Signal(
                    Code.CHAIN_EXCEEDED,
                    exceeded,
                    facts.id,
                    f"contract:{contract.id}",
                    f"Dit contract staat als tijdelijk vastgelegd, maar is volgens de ketenbepaling "
                    f"vanaf {fmt(exceeded)} een vast contract. Corrigeer de vastlegging, of bespreek "
                    "het met de werkgever: die mag het niet zomaar laten aflopen.",
                    {"permanent_from": exceeded.isoformat()},
                )
            )
            continue
        notice = aanzegdatum(contract)
        notice_text = _notice_text(notice, on)
        if chain.last_allowed[contract.id]:
            permanent_from = chain.permanent_from[contract.id]
            decisive = min(contract.end, permanent_from - ONE_DAY)
            result.append(
                Signal(
                    Code.CHAIN_TRANSITION,
                    max(add_months(decisive, -cfg.chain_transition_lead_months), contract.start),
                    facts.id,
                    f"contract:{contract.id}",
                    f"Laatste tijdelijk contract volgens de ketenbepaling eindigt op {fmt(contract.end)}. "
                    f"Een volgend contract is vast. Bespreek nu met de werkgever of er een vast contract komt."
                    + notice_text,
                )
            )
        else:
            result.append(
                Signal(
                    Code.CONTRACT_END,
                    # (a contract shorter than the lead time: due from its first day)
                    max(add_months(contract.end, -cfg.contract_end_lead_months), contract.start),
                    facts.id,
                    f"contract:{contract.id}",
                    f"Tijdelijk contract eindigt op {fmt(contract.end)}. Bespreek verlenging met de werkgever."
                    + notice_text,
                )
            )
    return result


def _trial_signals(facts: PlacementFacts, on: date) -> list[Signal]:
    result = []
    for trial in facts.contracts:
        if trial.kind != ContractKind.PROEFPLAATSING or trial.end is None:
            continue
        if on < trial.start:
            continue  # §6.1: only from the proefplaatsing's start
        if _next_recorded(facts, trial) or facts.ending is not None or on > trial.end:
            continue
        result.append(
            Signal(
                Code.TRIAL_END,
                max(trial.end - timedelta(days=facts.config.trial_end_lead_days), trial.start),
                facts.id,
                f"contract:{trial.id}",
                f"Proefplaatsing eindigt op {fmt(trial.end)}. Regel met de werkgever het contract dat volgt.",
            )
        )
    return result


def _ending_unregistered(
    facts: PlacementFacts, on: date, table: Sequence[LabourLawRegime]
) -> list[Signal]:
    if facts.ending is not None:
        return []
    result = []
    for contract in facts.contracts:
        if (
            contract.kind not in (ContractKind.TEMPORARY, ContractKind.PROEFPLAATSING)
            or contract.end is None
        ):
            continue
        # §6.1: any later contract of the placement resolves it, whatever its start (beyond the
        # tussenpoos the chain simply starts again).
        if _next_recorded(facts, contract):
            continue
        day_after = contract.end + ONE_DAY
        result.append(
            Signal(
                Code.ENDING_UNREGISTERED,
                day_after,
                facts.id,
                f"contract:{contract.id}",
                f"Contract is geëindigd op {fmt(contract.end)} en er is geen nieuw contract. "
                "Leg vast of en waarom de baan is gestopt.",
            )
        )
    return result


EVALUATION_LABELS = ("6 weken", "3 maanden", "6 maanden")


def _evaluation_signals(facts: PlacementFacts, on: date) -> list[Signal]:
    starts = [c.start for c in facts.contracts if c.kind in EMPLOYMENT_KINDS]
    if not starts:
        return []
    moments = evaluation_fulfilment(
        min(starts), facts.evaluations, on, facts.config.evaluation_tolerance_days
    )
    result = []
    for index, (due, fulfilled) in enumerate(moments):
        if fulfilled is not None:
            continue
        until = moments[index + 1][0] if index + 1 < len(moments) else add_months(due, 3)
        if due <= on < until:
            result.append(
                Signal(
                    Code.EVALUATION_DUE,
                    due,
                    facts.id,
                    f"moment:{index + 1}",
                    f"Evaluatie na {EVALUATION_LABELS[index]} is nodig (vanaf {fmt(due)}). "
                    "Laat werknemer en leidinggevende het formulier invullen.",
                )
            )
    return result


def _contact_signals(facts: PlacementFacts, on: date) -> list[Signal]:
    ordered = _ordered(facts)
    if not ordered or not _running(facts, on):
        return []
    earlier = [d for d in facts.contacts if d <= on]
    base = max(earlier) if earlier else ordered[0].start
    current = next((c for c in ordered if c.covers(base)), None)
    permanent = current is not None and current.kind == ContractKind.PERMANENT
    cfg = facts.config
    months = (
        cfg.contact_cadence_permanent_months
        if permanent or facts.route == "self"
        else cfg.contact_cadence_temporary_months
    )
    due = add_months(base, months)
    what = (
        f"het laatste contact was op {fmt(base)}" if earlier else "er is nog geen contact geweest"
    )
    return [
        Signal(
            Code.CONTACT_DUE,
            due,
            facts.id,
            "contact",
            f"Tijd voor contact met werknemer en werkgever: {what}.",
        )
    ]


def _running(facts: PlacementFacts, on: date) -> bool:
    ordered = _ordered(facts)
    return (
        bool(ordered)
        and ordered[0].start <= on
        and any(c.end is None or c.end >= on for c in ordered)
    )


def _no_contact_person(facts: PlacementFacts, on: date) -> list[Signal]:
    if facts.person_has_contact and facts.employer_has_contact:
        return []
    if not _active(facts, on):
        return []
    missing = []
    if not facts.person_has_contact:
        missing.append("de werknemer")
    if not facts.employer_has_contact:
        missing.append("de werkgever")
    return [
        Signal(
            Code.NO_CONTACT_PERSON,
            min(c.start for c in facts.contracts),
            facts.id,
            "contact-person",
            f"{' en '.join(missing).capitalize()} {'hebben' if len(missing) > 1 else 'heeft'} "
            "geen vaste contactpersoon. Wijs er een toe.",
        )
    ]


def _jobcoach_signals(facts: PlacementFacts, on: date) -> list[Signal]:
    cfg = facts.config
    result = []
    for jc in facts.jobcoaching:
        if jc.start > on or (jc.end is not None and jc.end < on):
            continue
        earlier = [d for d in jc.reports if d <= on]
        base = max(earlier) if earlier else jc.start
        cadence = jc.report_cadence_months or cfg.jobcoach_report_cadence_months
        result.append(
            Signal(
                Code.JOBCOACH_REPORT_OVERDUE,
                add_months(base, cadence),
                facts.id,
                f"jobcoaching:{jc.id}",
                f"De rapportage van de jobcoach is te laat (verwacht op {fmt(add_months(base, cadence))}). Vraag erom.",
            )
        )
        if jc.has_exception:
            continue
        budget = jc.budget_hours or cfg.jobcoach_budget_hours
        threshold = budget * cfg.jobcoach_budget_share
        used = Decimal(0)
        for month, hours in sorted(jc.hours):
            if month.year != on.year or month > on:
                continue
            used += hours
            if used > threshold:
                result.append(
                    Signal(
                        Code.JOBCOACH_BUDGET,
                        month,
                        facts.id,
                        f"jobcoaching:{jc.id}:hours",
                        f"De jobcoach heeft dit jaar al {format_number_nl(used)} van de "
                        f"{format_number_nl(budget)} uur gebruikt. "
                        "Bespreek wat er nog nodig is.",
                    )
                )
                break
        period_end = add_months(jc.start, cfg.jobcoach_max_months)
        result.append(
            Signal(
                Code.JOBCOACH_BUDGET,
                add_months(period_end, -cfg.jobcoach_period_lead_months),
                facts.id,
                f"jobcoaching:{jc.id}:period",
                f"De jobcoaching mag maximaal tot {fmt(period_end - ONE_DAY)} duren. Bespreek wat er daarna nodig is.",
            )
        )
    return result


def _hours_review(facts: PlacementFacts, on: date) -> list[Signal]:
    return [
        Signal(
            Code.HOURS_REVIEW_DUE,
            step.review,
            facts.id,
            f"hours:{step.id}",
            f"Bespreek de urenopbouw: de evaluatie was gepland op {fmt(step.review)}. "
            "Besluit over meer, gelijk of minder uren.",
        )
        for step in facts.hours_steps
        if step.review is not None and (step.decided is None or step.decided > on)
    ]


def load_review_due(load: LoadAssessment, cfg: SignalConfig) -> date | None:
    """docs/signals.md §6: the review date the arbeidsdeskundige set; without one, a course
    that declines is reviewed `load_review_progressive_months` after the assessment."""
    if load.next_review is not None:
        return load.next_review
    if load.course == PROGRESSIVE:
        return add_months(load.assessed_on, cfg.load_review_progressive_months)
    return None


def _load_review(facts: PlacementFacts, on: date) -> list[Signal]:
    """A review of the load capacity while the person works here: from the due date until a
    newer assessment (which replaces `facts.load`) or the end of the work."""
    load = facts.load
    if load is None or not _running(facts, on):
        return []
    due = load_review_due(load, facts.config)
    if due is None:
        return []
    why = (
        "de belastbaarheid gaat achteruit"
        if load.course == PROGRESSIVE
        else "de belastbaarheid wisselt"
        if load.course == FLUCTUATING
        else "dat is afgesproken"
    )
    return [
        Signal(
            Code.LOAD_REVIEW_DUE,
            due,
            facts.id,
            f"load:{load.id}",
            f"Laat de belastbaarheid opnieuw beoordelen ({why}; beoordeeld op "
            f"{fmt(load.assessed_on)}). Past het werk en het aantal uren nog?",
            {"assessed_on": load.assessed_on.isoformat(), "course": load.course},
        )
    ]


def wage_value_again(value: WageValue, cfg: SignalConfig) -> date:
    """When the loonwaarde is measured again: the date set, or the organisation's cadence on."""
    return next_wage_value(value.measured_on, value.next_measurement, cfg.wage_value_cadence_months)


def wage_value_due(value: WageValue, cfg: SignalConfig) -> date:
    """docs/signals.md: a month (per organisation) before the loonwaarde is measured again."""
    return add_months(wage_value_again(value, cfg), -cfg.wage_value_lead_months)


def _wage_value_signals(facts: PlacementFacts, on: date) -> list[Signal]:
    """WAGE_VALUE_DUE while the placement runs, until a newer measurement replaces the latest."""
    value = facts.wage_value
    if value is None or not _running(facts, on):
        return []
    again = wage_value_again(value, facts.config)
    return [
        Signal(
            Code.WAGE_VALUE_DUE,
            wage_value_due(value, facts.config),
            facts.id,
            f"wage_value:{value.id}",
            f"Plan een nieuwe loonwaardemeting: de vorige was op {fmt(value.measured_on)} "
            f"({value.outcome}%), de volgende hoort op {fmt(again)}.",
            {"measured_on": value.measured_on.isoformat(), "again": again.isoformat()},
        )
    ]


def _sick_signals(facts: PlacementFacts, on: date) -> list[Signal]:
    """docs/signals.md: SICK_REPORTED from the first day of sickness until the contact person
    has been in touch (a contact on or after that day); POORTWACHTER_CHECK from the first day of
    each milestone's week until a contact in or after that week, or the next milestone's week.
    Both while the worker is sick (until the day of recovery) and the placement runs."""
    signals: list[Signal] = []
    if not facts.sickness or not _running(facts, on):  # (most placements have no sick report)
        return signals
    for sick in facts.sickness:
        if sick.first_day > on or (sick.recovered_on is not None and sick.recovered_on <= on):
            continue
        contacts = [d for d in facts.contacts if sick.first_day <= d <= on]
        if not contacts:
            signals.append(
                Signal(
                    Code.SICK_REPORTED,
                    sick.first_day,
                    facts.id,
                    f"sick:{sick.id}",
                    f"De werknemer is ziek sinds {fmt(sick.first_day)}. Neem contact op met de "
                    "werknemer en de werkgever en spreek af wie wat doet.",
                    {"first_day": sick.first_day.isoformat()},
                )
            )
        dates = poortwachter_dates(sick.first_day)
        for index, m in enumerate(dates):
            following = dates[index + 1].check_from if index + 1 < len(dates) else None
            if m.check_from > on or (following is not None and following <= on):
                continue
            if any(m.check_from <= d for d in contacts):
                continue
            signals.append(
                Signal(
                    Code.POORTWACHTER_CHECK,
                    m.check_from,
                    facts.id,
                    f"sick:{sick.id}:{m.milestone.key}",
                    f"Ziek sinds {fmt(sick.first_day)}. Vraag de werkgever naar "
                    f"{m.milestone.what}: uiterlijk {fmt(m.deadline)} (week {m.milestone.week}).",
                    {
                        "first_day": sick.first_day.isoformat(),
                        "milestone": m.milestone.key,
                        "deadline": m.deadline.isoformat(),
                    },
                )
            )
    return signals


CONCERN_TEXT = {
    "change_at_work": "er is iets veranderd op het werk",
    "health": "het gaat om de gezondheid",
    "private": "er speelt iets thuis of privé",
    "not_going_well": "het gaat niet goed",
    "other": "er is iets anders",
}
RAISED_BY_TEXT = {"worker": "De werknemer", "employer": "De werkgever", "jobcoach": "De jobcoach",
                  "professional": "Een collega"}  # fmt: skip


def _concern_signals(facts: PlacementFacts, on: date) -> list[Signal]:
    return [
        Signal(
            Code.CONCERN_RAISED,
            concern.raised_on,
            facts.id,
            f"concern:{concern.id}",
            f"{RAISED_BY_TEXT.get(concern.raised_by, 'Iemand')} trekt aan de bel: "
            f"{CONCERN_TEXT.get(concern.kind, 'er is iets')}. Neem vandaag contact op.",
        )
        for concern in facts.concerns
        if concern.raised_on <= on and (concern.handled is None or concern.handled > on)
    ]


def _provision_signals(facts: PlacementFacts, on: date) -> list[Signal]:
    weeks = facts.config.provision_wait_weeks
    return [
        Signal(
            Code.PROVISION_PENDING,
            p.requested + timedelta(weeks=weeks),
            facts.id,
            f"provision:{p.id}",
            f"Voorziening '{p.kind}' is aangevraagd op {fmt(p.requested)} en nog niet toegekend. "
            "Vraag na waar het blijft.",
        )
        for p in facts.provisions
        if not p.closed and (p.granted is None or p.granted > on)
    ]


# The ending's "what next" after which somebody must act (issue 19 §4): not a new job.
AFTERCARE_NEXT = {"benefit": "uitkering, bijvoorbeeld WW", "sick": "ziek", "unknown": "onbekend"}


def works_again(facts: PlacementFacts, ended: date) -> bool:
    """The person has work after the ending: another placement with a contract that runs past
    it (or starts later), recorded whatever its date — as a next contract resolves CONTRACT_END."""
    return first_work_after(ended, facts.other_work) is not None


def _aftercare_signals(facts: PlacementFacts, ended: date, on: date) -> list[Signal]:
    """AFTERCARE_DUE (docs/signals.md): after a job loss into a benefit, sickness or the
    unknown, contact within two weeks (due the day after the end), then contact every month
    while looking for the next job — until new work or a recorded decision."""
    what = AFTERCARE_NEXT.get(facts.ending_next)
    if what is None or works_again(facts, ended):
        return []
    if facts.aftercare_closed is not None and facts.aftercare_closed <= on:
        return []
    cfg = facts.config
    if on >= add_months(ended, cfg.aftercare_max_months):
        return []
    since = [d for d in facts.contacts if ended <= d <= on]
    if not since:
        deadline = ended + timedelta(days=cfg.aftercare_contact_days)
        return [
            Signal(
                Code.AFTERCARE_DUE,
                ended + ONE_DAY,
                facts.id,
                "aftercare",
                f"De baan is gestopt op {fmt(ended)} (daarna: {what}). Neem uiterlijk "
                f"{fmt(deadline)} contact op en zoek samen naar een volgende baan.",
            )
        ]
    last = max(since)
    return [
        Signal(
            Code.AFTERCARE_DUE,
            add_months(last, cfg.aftercare_cadence_months),
            facts.id,
            "aftercare",
            f"De baan is gestopt op {fmt(ended)} (daarna: {what}); het laatste contact was op "
            f"{fmt(last)}. Houd contact en zoek samen naar een volgende baan, of leg vast dat "
            "de nazorg stopt.",
        )
    ]


# What a contact person reads in the worklist (B1).
CODE_LABELS: dict[Code, str] = {
    Code.CONTRACT_END: "Contract loopt af",
    Code.CHAIN_TRANSITION: "Overgang naar vast contract",
    Code.TRIAL_END: "Proefplaatsing loopt af",
    Code.EVALUATION_DUE: "Evaluatie nodig",
    Code.CONTACT_DUE: "Tijd voor contact",
    Code.NO_CONTACT_PERSON: "Geen vaste contactpersoon",
    Code.JOBCOACH_REPORT_OVERDUE: "Rapportage jobcoach te laat",
    Code.JOBCOACH_BUDGET: "Jobcoaching bijna op",
    Code.HOURS_REVIEW_DUE: "Urenopbouw bespreken",
    Code.CONCERN_RAISED: "Iemand trekt aan de bel",
    Code.PROVISION_PENDING: "Voorziening laat op zich wachten",
    Code.ENDING_UNREGISTERED: "Einde baan niet vastgelegd",
    Code.CHAIN_EXCEEDED: "Tijdelijk contract is al vast",
    Code.AFTERCARE_DUE: "Nazorg na baanverlies",
    Code.LOAD_REVIEW_DUE: "Belastbaarheid opnieuw beoordelen",
    Code.SICK_REPORTED: "Ziekmelding",
    Code.POORTWACHTER_CHECK: "Ziek: stap van de Poortwachter",
    Code.WAGE_VALUE_DUE: "Loonwaarde opnieuw meten",
}
