"""The chain rule (ketenbepaling, art. 7:668a BW) as pure functions. No Django import.

Successive temporary contracts between the same employer and worker, with gaps of at most the
tussenpoos, form a chain. The contract that takes the chain past the maximum number of contracts
or the maximum length is by law a permanent contract (docs/signals.md, report footnote 13).

The regime table is data: a future law is a new row in `LABOUR_LAW_REGIMES`.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from baanbehoud.dates import add_months

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class LabourLawRegime:
    """The chain rule of one law (Flexwet, WWZ, WAB); not the benefit scheme of a person
    (`persons.models.BenefitScheme`)."""

    code: str
    starts: date  # the first day the regime is in force
    max_contracts: int
    max_months: int
    gap_months: int  # a gap of MORE than this resets the chain
    # A contract entered while this regime was in force stays under it for its whole run.
    grandfathered: bool = False


LABOUR_LAW_REGIMES: tuple[LabourLawRegime, ...] = (
    LabourLawRegime(
        "flexwet", date.min, max_contracts=3, max_months=36, gap_months=3, grandfathered=True
    ),
    LabourLawRegime("wwz", date(2015, 7, 1), max_contracts=3, max_months=24, gap_months=6),
    LabourLawRegime("wab", date(2020, 1, 1), max_contracts=3, max_months=36, gap_months=6),
)


@dataclass(frozen=True)
class ChainContract:
    """A temporary contract of one worker at one employer (any placement), with CAO overrides."""

    start: date
    end: date | None
    cao_max_contracts: int | None = None
    cao_max_months: int | None = None
    cao_gap_months: int | None = None


# A ChainContract's fields in order (start, end, CAO number, months, tussenpoos), as read.
ChainRow = tuple[date, date | None, int | None, int | None, int | None]


@dataclass(frozen=True)
class ChainStatus:
    """The structure of exchange-format.md "Chain status" (without the placement ref)."""

    regime: str
    contracts_in_chain: int
    max_contracts: int
    chain_start: date | None
    max_months: int
    permanent_by_law_from: date | None
    next_must_be_permanent: bool
    is_permanent: bool


def regime_on(day: date, table: Sequence[LabourLawRegime] = LABOUR_LAW_REGIMES) -> LabourLawRegime:
    """The regime in force on a day."""
    if table is LABOUR_LAW_REGIMES:
        return _regime_on_default(day)
    in_force = [r for r in table if r.starts <= day]
    return max(in_force, key=lambda r: r.starts)


@lru_cache(maxsize=1 << 16)
def _regime_on_default(day: date) -> LabourLawRegime:
    in_force = [r for r in LABOUR_LAW_REGIMES if r.starts <= day]
    return max(in_force, key=lambda r: r.starts)


def _periods(table: Sequence[LabourLawRegime]) -> list[tuple[LabourLawRegime, date, date]]:
    """Each regime with the first and last day it is in force."""
    if table is LABOUR_LAW_REGIMES:
        return _DEFAULT_PERIODS
    return _periods_of(table)


def _periods_of(table: Sequence[LabourLawRegime]) -> list[tuple[LabourLawRegime, date, date]]:
    ordered = sorted(table, key=lambda r: r.starts)
    return [
        (r, r.starts, (ordered[i + 1].starts - ONE_DAY) if i + 1 < len(ordered) else date.max)
        for i, r in enumerate(ordered)
    ]


_DEFAULT_PERIODS = _periods_of(LABOUR_LAW_REGIMES)
_DEFAULT_SMALLEST = (
    min(r.max_contracts for r in LABOUR_LAW_REGIMES),
    min(r.max_months for r in LABOUR_LAW_REGIMES),
)


def rules_for(
    contract: ChainContract, day: date, table: Sequence[LabourLawRegime] = LABOUR_LAW_REGIMES
) -> LabourLawRegime:
    """The limits that judge `contract` on `day`: the regime in force that day, except that a
    contract entered under a grandfathered regime (the Flexwet) keeps it; a CAO may deviate."""
    entered = regime_on(contract.start, table)
    base = entered if entered.grandfathered else regime_on(day, table)
    if (
        contract.cao_max_contracts is None
        and contract.cao_max_months is None
        and contract.cao_gap_months is None
    ):
        return base
    return replace(
        base,
        max_contracts=contract.cao_max_contracts or base.max_contracts,
        max_months=contract.cao_max_months or base.max_months,
        gap_months=contract.cao_gap_months
        if contract.cao_gap_months is not None
        else base.gap_months,
    )


def resets(
    previous: ChainContract,
    following: ChainContract,
    table: Sequence[LabourLawRegime] = LABOUR_LAW_REGIMES,
) -> bool:
    """Whether the interruption before `following` is longer than the tussenpoos (the law in
    force when `following` starts, with its CAO override)."""
    if previous.end is None:
        return False
    interruption_starts = previous.end + ONE_DAY
    gap = rules_for(following, following.start, table).gap_months
    return following.start > add_months(interruption_starts, gap)


def split_chains(
    contracts: Sequence[ChainContract], table: Sequence[LabourLawRegime] = LABOUR_LAW_REGIMES
) -> list[list[ChainContract]]:
    chains: list[list[ChainContract]] = []
    for contract in sorted(contracts, key=lambda c: c.start):
        if chains and not resets(chains[-1][-1], contract, table):
            chains[-1].append(contract)
        else:
            chains.append([contract])
    return chains


def permanent_by_law_from(
    chain: Sequence[ChainContract], table: Sequence[LabourLawRegime] = LABOUR_LAW_REGIMES
) -> date:
    """The first day on which the chain, continued without an interruption longer than the
    tussenpoos, is permanent by law: the start of a contract that was already past a limit, the
    day the chain's length passes the maximum, or the day after the last allowed contract."""
    chain_start = chain[0].start
    last = chain[-1]
    candidates: list[date] = []
    # By number: the contract after the last allowed one is permanent from its start.
    for number, contract in enumerate(chain, start=1):
        if number > rules_for(contract, contract.start, table).max_contracts:
            candidates.append(contract.start)
    # A continuation of the chain after the last contract, judged with its CAO overrides.
    segments: list[tuple[ChainContract, date, date]] = [
        (c, c.start, c.end if c.end is not None else date.max) for c in chain
    ]
    if last.end is not None:
        continuation = replace(last, start=last.end + ONE_DAY, end=None)
        segments.append((continuation, continuation.start, date.max))
        if len(chain) >= rules_for(continuation, continuation.start, table).max_contracts:
            candidates.append(continuation.start)
    # By length: the first day covered by the chain on which it is longer than the maximum that
    # the regime of that day allows (docs/signals.md: the regime in force on a day decides).
    for contract, seg_start, seg_end in segments:
        entered = regime_on(contract.start, table)
        periods = (
            [(entered, date.min, date.max)]
            if entered.grandfathered
            else [p for p in _periods(table) if not p[0].grandfathered]
        )
        for _regime, period_start, period_end in periods:
            limits = rules_for(contract, max(period_start, seg_start), table)
            threshold = add_months(chain_start, limits.max_months)
            day = max(seg_start, period_start, threshold)
            if day <= min(seg_end, period_end):
                candidates.append(day)
                break
    return min(candidates)


def permanent_by_law_during(
    others: Sequence[ChainContract],
    contract: ChainContract,
    table: Sequence[LabourLawRegime] = LABOUR_LAW_REGIMES,
) -> date | None:
    """docs/signals.md: the first day on which the temporary `contract`, with the worker's other
    temporary contracts at this employer (`others`), is permanent by law: its start when it
    starts on or after the chain's `permanent_by_law_from`, else the day it passes it during its
    run. None when it stays within the limits. Later contracts do not count."""
    earlier = [c for c in others if c.start < contract.start]
    chain = split_chains([*earlier, contract], table)[-1]
    if contract.end is not None and within_every_limit(chain, contract.end, table):
        return None  # the quick answer: permanent_by_law_from(chain) is after the end
    permanent_from = permanent_by_law_from(chain, table)
    if contract.end is not None and permanent_from > contract.end:
        return None
    return max(permanent_from, contract.start)


def chain_status(
    contracts: Sequence[ChainContract],
    on: date,
    *,
    permanent_contract_covers: bool = False,
    table: Sequence[LabourLawRegime] = LABOUR_LAW_REGIMES,
) -> ChainStatus:
    """The chain on date `on`, from the temporary contracts of one worker at one employer that
    started on or before `on`. `permanent_contract_covers`: a `permanent` contract covers `on`."""
    started = [c for c in contracts if c.start <= on]
    chains = split_chains(started, table)
    chain = chains[-1] if chains else []
    if chain and chain[-1].end is not None:
        # Past the tussenpoos after the last contract, a new contract starts a new chain.
        ghost = ChainContract(start=on, end=None)
        if resets(chain[-1], ghost, table):
            chain = []
    if not chain:
        regime = regime_on(on, table)
        return ChainStatus(
            regime=regime.code,
            contracts_in_chain=0,
            max_contracts=regime.max_contracts,
            chain_start=None,
            max_months=regime.max_months,
            permanent_by_law_from=None,
            next_must_be_permanent=False,
            is_permanent=permanent_contract_covers,
        )
    last = chain[-1]
    limits = rules_for(last, on, table)
    permanent_from = permanent_by_law_from(chain, table)
    covered = any(c.start <= on and (c.end is None or on <= c.end) for c in chain)
    return ChainStatus(
        regime=limits.code,
        contracts_in_chain=len(chain),
        max_contracts=limits.max_contracts,
        chain_start=chain[0].start,
        max_months=limits.max_months,
        permanent_by_law_from=permanent_from,
        next_must_be_permanent=last.end is not None and permanent_from <= last.end + ONE_DAY,
        is_permanent=permanent_contract_covers or (covered and permanent_from <= on),
    )


def is_last_allowed(
    chain_before: Sequence[ChainContract],
    contract: ChainContract,
    table: Sequence[LabourLawRegime] = LABOUR_LAW_REGIMES,
) -> bool:
    """Whether the contract that follows `contract` must be permanent (the overgangsmoment):
    `chain_before` are the chain's contracts up to and including `contract`."""
    if contract.end is None:
        return False
    following = contract.end + ONE_DAY
    if within_every_limit(chain_before, following, table):
        return False
    return permanent_by_law_from(chain_before, table) <= following


def within_every_limit(
    chain: Sequence[ChainContract], day: date, table: Sequence[LabourLawRegime] = LABOUR_LAW_REGIMES
) -> bool:
    """A quick sufficient answer that `permanent_by_law_from(chain) > day`: the chain has fewer
    contracts than the smallest maximum number that any regime or CAO of the chain allows, and
    `day` comes before the chain's start plus the shortest maximum length. Each day that
    `permanent_by_law_from` weighs is then later: a contract past the number, the continuation
    once the number is reached, or a day on or after the start plus a maximum length. Most
    contracts a report asks about are early in their chain (a property test holds this equal
    to the full answer)."""
    fewest, shortest = _smallest_limits(table)
    for contract in chain:
        if contract.cao_max_contracts:
            fewest = min(fewest, contract.cao_max_contracts)
        if contract.cao_max_months:
            shortest = min(shortest, contract.cao_max_months)
    return len(chain) < fewest and add_months(chain[0].start, shortest) > day


def _smallest_limits(table: Sequence[LabourLawRegime]) -> tuple[int, int]:
    if table is LABOUR_LAW_REGIMES:
        return _DEFAULT_SMALLEST
    return min(r.max_contracts for r in table), min(r.max_months for r in table)


def last_allowed_ends(
    contracts: Sequence[ChainContract], table: Sequence[LabourLawRegime] = LABOUR_LAW_REGIMES
) -> set[date]:
    """End dates of the contracts after which the next contract must be permanent."""
    ends: set[date] = set()
    for chain in split_chains(contracts, table):
        for index, contract in enumerate(chain):
            if contract.end is not None and is_last_allowed(chain[: index + 1], contract, table):
                ends.add(contract.end)
    return ends


class LastAllowedEnds(Container[date]):
    """`last_allowed_ends(contracts)` as a set that works out a date only when asked whether it
    holds it. A report asks of a few contracts per placement (an ending's last contract, the
    contracts that ended in its period), not of all 680,000 contracts of the country: working
    them all out was a third of a national report's time. The contracts may be given as rows
    of `ChainContract`'s fields (`ChainRow`): they become contracts when first asked about,
    as most placements never are (half a million contracts made for nothing, nationally)."""

    def __init__(
        self,
        contracts: Sequence[ChainContract | ChainRow],
        table: Sequence[LabourLawRegime] = LABOUR_LAW_REGIMES,
    ) -> None:
        self._given = contracts
        self._table = table
        self._contracts: list[ChainContract] | None = None
        self._chains: list[list[ChainContract]] | None = None
        self._known: dict[date, bool] = {}

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, date):
            return False
        known = self._known.get(day)
        if known is None:
            known = self._known[day] = self._work_out(day)
        return known

    def _work_out(self, day: date) -> bool:
        if self._contracts is None:
            self._contracts = [
                c if isinstance(c, ChainContract) else ChainContract(*c) for c in self._given
            ]
        if not any(c.end == day for c in self._contracts):
            return False  # no contract ends that day: nothing to split
        if self._chains is None:
            self._chains = split_chains(self._contracts, self._table)
        return any(
            contract.end == day and is_last_allowed(chain[: index + 1], contract, self._table)
            for chain in self._chains
            for index, contract in enumerate(chain)
        )
