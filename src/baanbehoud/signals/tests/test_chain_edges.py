"""docs/signals.md, the edges of the chain and the contract signals: CHAIN_EXCEEDED raised, not
yet due, resolved, with its exact due date; contract signals only from a contract's start;
ENDING_UNREGISTERED resolved by any later contract. Then properties: on random histories the
product's `permanent_by_law_from` equals a plain per-day reading of §5/§6.1 written here, and
the signals keep their promises."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from baanbehoud.dates import add_months
from baanbehoud.placements.chain import ChainContract, permanent_by_law_from, split_chains
from baanbehoud.placements.domain import ContractKind
from baanbehoud.signals.domain import Code, Contract, PlacementFacts, open_signals

D = date.fromisoformat
TEMP, PERM, TRIAL = ContractKind.TEMPORARY, ContractKind.PERMANENT, ContractKind.PROEFPLAATSING
ONE_DAY = timedelta(days=1)


def temp(id: int, start: str, end: str) -> Contract:
    return Contract(id, TEMP, D(start), D(end))


def facts(*contracts: Contract, **kwargs) -> PlacementFacts:
    kwargs.setdefault("chain", tuple(c for c in contracts if c.kind == TEMP))
    kwargs.setdefault("contacts", ())
    return PlacementFacts(id=1, route="wsp", contracts=tuple(contracts), **kwargs)


def found(f: PlacementFacts, on: str, code: Code):
    return [s for s in open_signals(f, D(on)) if s.code == code]


# Wab: three one-year temporary contracts; the 4th temporary is permanent by law from its start.
C1 = temp(1, "2021-01-01", "2021-12-31")
C2 = temp(2, "2022-01-01", "2022-12-31")
C3 = temp(3, "2023-01-01", "2023-12-31")
C4 = temp(4, "2024-01-01", "2024-06-30")


class TestChainExceeded:
    def test_the_fourth_temporary_contract_is_permanent_by_law_from_its_start(self):
        [signal] = found(facts(C1, C2, C3, C4), "2024-01-01", Code.CHAIN_EXCEEDED)
        assert signal.due == D("2024-01-01") and signal.priority == "high"
        assert signal.subject == "contract:4"
        assert "vanaf 01-01-2024 een vast contract" in signal.message

    def test_no_contract_end_and_no_chain_transition_for_it(self):
        for day in ("2024-01-01", "2024-05-01", "2024-06-30"):
            codes = {s.code for s in open_signals(facts(C1, C2, C3, C4), D(day))}
            assert Code.CONTRACT_END not in codes and Code.CHAIN_TRANSITION not in codes, day

    def test_not_before_the_contract_starts(self):
        assert found(facts(C1, C2, C3, C4), "2023-12-31", Code.CHAIN_EXCEEDED) == []

    def test_resolved_by_the_end_date_passing_a_next_contract_or_an_ending(self):
        assert found(facts(C1, C2, C3, C4), "2024-07-01", Code.CHAIN_EXCEEDED) == []
        permanent = Contract(5, PERM, D("2024-07-01"), None)
        assert found(facts(C1, C2, C3, C4, permanent), "2024-03-01", Code.CHAIN_EXCEEDED) == []
        assert (
            found(facts(C1, C2, C3, C4, ending=D("2024-03-31")), "2024-03-01", Code.CHAIN_EXCEEDED)
            == []
        )

    def test_corrected_to_permanent_it_is_gone(self):
        corrected = Contract(4, PERM, D("2024-01-01"), None)
        assert found(facts(C1, C2, C3, corrected), "2024-03-01", Code.CHAIN_EXCEEDED) == []

    def test_a_contract_that_passes_the_length_during_its_run(self):
        """WWZ: 24 months. A 2nd contract running past month 24 is permanent by law from the day
        the chain is 24 months long; before that day the chain transition is what is open."""
        first = temp(1, "2016-01-01", "2016-12-31")
        second = temp(2, "2017-01-01", "2018-06-30")
        [signal] = found(facts(first, second), "2018-01-01", Code.CHAIN_EXCEEDED)
        assert signal.due == D("2018-01-01")
        before = found(facts(first, second), "2017-12-31", Code.CHAIN_TRANSITION)
        assert before and before[0].due == D("2017-09-30")  # 3 months before 31-12-2017
        assert found(facts(first, second), "2018-01-01", Code.CHAIN_TRANSITION) == []

    def test_a_flexwet_contract_keeps_the_flexwet_for_its_whole_run(self):
        """Entered before 1 July 2015: 36 months, not the WWZ's 24."""
        first = temp(1, "2014-01-01", "2015-05-31")
        second = temp(2, "2015-06-01", "2016-12-31")
        assert found(facts(first, second), "2016-06-01", Code.CHAIN_EXCEEDED) == []

    def test_a_chain_within_24_months_on_1_january_2020_is_judged_by_the_wab(self):
        first = temp(1, "2018-06-01", "2019-05-31")
        second = temp(2, "2019-06-01", "2020-12-31")  # reaches 24 months on 1 June 2020
        assert found(facts(first, second), "2020-07-01", Code.CHAIN_EXCEEDED) == []


class TestContractSignalsOnlyFromTheStart:
    def test_a_recorded_future_contract_raises_nothing_yet(self):
        # Signed in advance: starts in three weeks, short.
        early = temp(1, "2026-03-01", "2026-04-15")
        assert open_signals(facts(early), D("2026-02-10")) == []

    def test_a_future_proefplaatsing_raises_no_trial_end(self):
        trial = Contract(1, TRIAL, D("2026-03-01"), D("2026-03-10"))
        assert [s for s in open_signals(facts(trial), D("2026-02-25"))] == []


class TestEndingUnregistered:
    def test_resolved_by_a_later_contract_beyond_the_tussenpoos(self):
        first = temp(1, "2024-01-01", "2024-06-30")
        much_later = temp(2, "2025-06-01", "2025-12-31")  # 11 months later: a new chain
        assert found(facts(first, much_later), "2024-09-01", Code.ENDING_UNREGISTERED) == []

    def test_still_raised_without_one(self):
        first = temp(1, "2024-01-01", "2024-06-30")
        [signal] = found(facts(first), "2024-07-01", Code.ENDING_UNREGISTERED)
        assert signal.due == D("2024-07-01")


class TestContactDueOnlyWhileRunning:
    def test_no_contact_reminder_after_the_last_contract_ended(self):
        first = temp(1, "2024-01-01", "2024-06-30")
        assert found(facts(first), "2024-08-01", Code.CONTACT_DUE) == []
        assert found(facts(first), "2024-04-01", Code.CONTACT_DUE) != []


# -- the per-day reading of §5 and §6.1, written as plainly as possible


WWZ_FROM, WAB_FROM = date(2015, 7, 1), date(2020, 1, 1)


def max_months_on(day: date, contract_start: date) -> int:
    if contract_start < WWZ_FROM:
        return 36  # Flexwet, for the contract's whole run
    return 24 if day < WAB_FROM else 36


def gap_months_for(start: date) -> int:
    return 3 if start < WWZ_FROM else 6


def reference_permanent_from(chain: list[ChainContract]) -> date:
    """Walk the days: the first day a recorded contract of the chain is the 4th or later, or is
    past the length limit of its regime; else the first such day of a contract continuing the
    chain from the day after the last end."""
    first = chain[0].start
    for number, contract in enumerate(chain, start=1):
        day = contract.start
        while contract.end is None or day <= contract.end:
            if number > 3 or day >= add_months(first, max_months_on(day, contract.start)):
                return day
            day += ONE_DAY
            if contract.end is None and day > date(2100, 1, 1):
                break
    assert chain[-1].end is not None
    day = chain[-1].end + ONE_DAY
    continuation_start = day
    while True:
        if len(chain) + 1 > 3 or day >= add_months(first, max_months_on(day, continuation_start)):
            return day
        day += ONE_DAY


@st.composite
def histories(draw) -> list[ChainContract]:
    """Temporary contracts of one worker at one employer, 2012-2026, with gaps from none to a
    year (so chains break and regimes change inside them)."""
    start = draw(st.dates(min_value=date(2012, 1, 1), max_value=date(2024, 12, 31)))
    contracts = []
    for _ in range(draw(st.integers(min_value=1, max_value=5))):
        months = draw(st.integers(min_value=1, max_value=30))
        end = add_months(start, months) - ONE_DAY
        contracts.append(ChainContract(start, end))
        gap_days = draw(st.sampled_from([0, 0, 0, 10, 60, 100, 200, 400]))
        start = end + ONE_DAY + timedelta(days=gap_days)
    return contracts


@settings(max_examples=300, deadline=None)
@given(histories())
def test_permanent_by_law_from_equals_the_per_day_reading(contracts):
    for chain in split_chains(contracts):
        assert permanent_by_law_from(chain) == reference_permanent_from(chain), chain


@settings(max_examples=200, deadline=None)
@given(histories(), st.integers(min_value=0, max_value=4000))
def test_signals_keep_the_promises_of_6_1(contracts, offset):
    records = tuple(Contract(i + 1, TEMP, c.start, c.end) for i, c in enumerate(contracts))
    f = facts(*records)
    on = date(2012, 1, 1) + timedelta(days=offset)
    signals = open_signals(f, on)
    by_contract: dict[str, set[Code]] = {}
    for signal in signals:
        by_contract.setdefault(signal.subject, set()).add(signal.code)
        if signal.subject.startswith("contract:"):
            contract = records[int(signal.subject.split(":")[1]) - 1]
            # every contract signal is due on or after its contract's start
            assert signal.due >= contract.start or signal.code == Code.ENDING_UNREGISTERED
            assert on >= contract.start
    for subject, codes in by_contract.items():
        assert not ({Code.CHAIN_EXCEEDED, Code.CONTRACT_END} <= codes), subject
        assert not ({Code.CHAIN_EXCEEDED, Code.CHAIN_TRANSITION} <= codes), subject
    # CHAIN_EXCEEDED exactly for the temporary contracts covering a day at or after the chain's
    # permanent_by_law_from (per-day reading), while nothing later is recorded.
    for record in records:
        if not (record.start <= on <= record.end):  # type: ignore[operator]
            continue
        if any(r.start > record.start for r in records):
            continue
        chain = next(
            ch
            for ch in split_chains([c.as_chain() for c in records if c.start <= record.start])
            if record.as_chain() in ch
        )
        expected = on >= reference_permanent_from(chain)
        assert (Code.CHAIN_EXCEEDED in by_contract.get(f"contract:{record.id}", set())) == expected
