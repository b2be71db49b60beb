"""The chain rule (docs/signals.md): every row of the regime table, the 2020 transition, tussenpoos
resets, CAO overrides and the 4th-contract rule. Pure: no database."""

from dataclasses import astuple, replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from baanbehoud.dates import add_months
from baanbehoud.placements.chain import (
    LABOUR_LAW_REGIMES,
    ChainContract,
    LastAllowedEnds,
    chain_status,
    is_last_allowed,
    last_allowed_ends,
    permanent_by_law_during,
    permanent_by_law_from,
    regime_on,
    split_chains,
    within_every_limit,
)

D = date.fromisoformat


def contracts(*spans, **cao):
    return [ChainContract(D(start), D(end) if end else None, **cao) for start, end in spans]


def status(spans, on, **kwargs):
    return chain_status(contracts(*spans), D(on), **kwargs)


def test_regime_table_rows():
    assert [
        (r.code, r.starts, r.max_contracts, r.max_months, r.gap_months) for r in LABOUR_LAW_REGIMES
    ] == [
        ("flexwet", date.min, 3, 36, 3),
        ("wwz", date(2015, 7, 1), 3, 24, 6),
        ("wab", date(2020, 1, 1), 3, 36, 6),
    ]
    assert regime_on(D("2015-06-30")).code == "flexwet"
    assert regime_on(D("2015-07-01")).code == "wwz"
    assert regime_on(D("2019-12-31")).code == "wwz"
    assert regime_on(D("2020-01-01")).code == "wab"


def test_exchange_format_example():
    s = status([("2025-03-06", "2025-09-30"), ("2025-10-01", "2026-09-30")], "2026-01-01")
    assert (s.regime, s.contracts_in_chain, s.max_contracts, s.chain_start, s.max_months) == (
        "wab",
        2,
        3,
        D("2025-03-06"),
        36,
    )
    assert s.permanent_by_law_from == D("2028-03-06")
    assert not s.next_must_be_permanent and not s.is_permanent


@pytest.mark.parametrize(
    ("spans", "on", "expected"),
    [
        # Wab: 36 months. Two contracts of 18 months reach exactly 36: the next is permanent.
        (
            [("2020-01-01", "2021-06-30"), ("2021-07-01", "2022-12-31")],
            "2022-06-01",
            {
                "regime": "wab",
                "max_months": 36,
                "permanent_by_law_from": D("2023-01-01"),
                "next_must_be_permanent": True,
                "is_permanent": False,
            },
        ),
        # Wab: one day short of 36 months: the next contract is not yet permanent by length.
        (
            [("2020-01-01", "2021-06-30"), ("2021-07-01", "2022-12-30")],
            "2022-06-01",
            {"permanent_by_law_from": D("2023-01-01"), "next_must_be_permanent": False},
        ),
        # WWZ: 24 months.
        (
            [("2016-01-01", "2016-12-31"), ("2017-01-01", "2017-12-31")],
            "2017-06-01",
            {
                "regime": "wwz",
                "max_months": 24,
                "permanent_by_law_from": D("2018-01-01"),
                "next_must_be_permanent": True,
            },
        ),
        # WWZ: the contract that passes 24 months is permanent while it runs.
        (
            [
                ("2016-01-01", "2016-12-31"),
                ("2017-01-01", "2017-12-31"),
                ("2018-01-01", "2018-06-30"),
            ],
            "2018-02-01",
            {"contracts_in_chain": 3, "is_permanent": True},
        ),
        # Flexwet: 36 months, contracts entered before 1 July 2015.
        (
            [("2012-01-01", "2013-12-31"), ("2014-01-01", "2014-12-31")],
            "2014-06-01",
            {
                "regime": "flexwet",
                "max_months": 36,
                "permanent_by_law_from": D("2015-01-01"),
                "next_must_be_permanent": True,
            },
        ),
        # A Flexwet contract keeps the Flexwet for its whole run: not past 36 months in 2016,
        # though the WWZ's 24 months would have been passed on 1 January 2016.
        (
            [
                ("2014-01-01", "2014-12-31"),
                ("2015-01-01", "2015-05-31"),
                ("2015-06-01", "2016-05-31"),
            ],
            "2016-02-01",
            {
                "regime": "flexwet",
                "is_permanent": False,
                "next_must_be_permanent": True,
                "permanent_by_law_from": D("2016-06-01"),
            },
        ),
    ],
)
def test_each_regime_row(spans, on, expected):
    s = status(spans, on)
    assert {key: getattr(s, key) for key in expected} == expected


class TestThe2020Transition:
    def test_a_chain_past_24_months_in_2019_is_permanent_and_stays_so(self):
        spans = [
            ("2017-06-01", "2018-05-31"),
            ("2018-06-01", "2019-05-31"),
            ("2019-06-01", "2020-05-31"),
        ]
        assert status(spans, "2019-08-01").permanent_by_law_from == D("2019-06-01")
        assert status(spans, "2019-08-01").is_permanent
        assert status(spans, "2020-03-01").is_permanent

    def test_a_chain_under_24_months_on_1_january_2020_runs_to_36(self):
        spans = [("2018-03-01", "2019-02-28"), ("2019-03-01", "2020-02-29")]
        s = status(spans, "2020-01-15")
        assert (s.regime, s.max_months, s.permanent_by_law_from) == ("wab", 36, D("2021-03-01"))
        assert not s.is_permanent and not s.next_must_be_permanent
        # On a day in 2019 the WWZ was in force, but the chain was not yet past 24 months then.
        assert status(spans, "2019-06-01").permanent_by_law_from == D("2021-03-01")

    def test_third_contract_after_the_transition_is_the_last_allowed(self):
        spans = [
            ("2018-03-01", "2019-02-28"),
            ("2019-03-01", "2020-02-29"),
            ("2020-03-01", "2021-02-28"),
        ]
        s = status(spans, "2020-06-01")
        assert s.next_must_be_permanent and not s.is_permanent


class TestTussenpoos:
    def test_six_months_exactly_keeps_the_chain(self):
        s = status([("2021-01-01", "2021-12-31"), ("2022-07-01", "2022-12-31")], "2022-08-01")
        assert s.contracts_in_chain == 2 and s.chain_start == D("2021-01-01")

    def test_more_than_six_months_resets_the_chain(self):
        s = status([("2021-01-01", "2021-12-31"), ("2022-07-02", "2022-12-31")], "2022-08-01")
        assert s.contracts_in_chain == 1 and s.chain_start == D("2022-07-02")

    def test_flexwet_tussenpoos_is_three_months(self):
        assert (
            status(
                [("2012-01-01", "2012-12-31"), ("2013-04-01", "2013-12-31")], "2013-05-01"
            ).contracts_in_chain
            == 2
        )
        assert (
            status(
                [("2012-01-01", "2012-12-31"), ("2013-04-02", "2013-12-31")], "2013-05-01"
            ).contracts_in_chain
            == 1
        )

    def test_after_the_tussenpoos_a_next_contract_starts_a_new_chain(self):
        s = status([("2021-01-01", "2021-12-31")], "2022-07-02")
        assert s.contracts_in_chain == 0 and s.permanent_by_law_from is None
        assert not s.next_must_be_permanent


class TestCaoOverrides:
    def test_more_contracts_allowed(self):
        spans = [
            ("2021-01-01", "2021-03-31"),
            ("2021-04-01", "2021-06-30"),
            ("2021-07-01", "2021-09-30"),
            ("2021-10-01", "2021-12-31"),
        ]
        assert status(spans, "2021-11-01").is_permanent
        s = chain_status(contracts(*spans, cao_max_contracts=6), D("2021-11-01"))
        assert not s.is_permanent and s.max_contracts == 6

    def test_longer_chain_allowed(self):
        spans = [("2020-01-01", "2021-12-31"), ("2022-01-01", "2023-06-30")]
        assert status(spans, "2023-02-01").is_permanent
        s = chain_status(contracts(*spans, cao_max_months=48), D("2023-02-01"))
        assert not s.is_permanent and s.permanent_by_law_from == D("2024-01-01")

    def test_shorter_tussenpoos_for_seasonal_work(self):
        spans = [("2021-04-01", "2021-09-30"), ("2022-02-01", "2022-09-30")]
        assert status(spans, "2022-03-01").contracts_in_chain == 2
        assert (
            chain_status(contracts(*spans, cao_gap_months=3), D("2022-03-01")).contracts_in_chain
            == 1
        )


def test_the_fourth_contract_is_permanent_from_its_start():
    spans = [
        ("2022-01-01", "2022-03-31"),
        ("2022-04-01", "2022-06-30"),
        ("2022-07-01", "2022-09-30"),
        ("2022-10-01", "2022-12-31"),
    ]
    assert status(spans[:3], "2022-08-01").next_must_be_permanent
    assert status(spans[:3], "2022-08-01").permanent_by_law_from == D("2022-10-01")
    s = status(spans, "2022-10-01")
    assert s.contracts_in_chain == 4 and s.is_permanent
    assert s.permanent_by_law_from == D("2022-10-01")


def test_a_permanent_contract_makes_the_status_permanent():
    s = status([("2022-01-01", "2022-12-31")], "2023-02-01", permanent_contract_covers=True)
    assert s.is_permanent


# Properties ------------------------------------------------------------------------------


def series(draw_start, lengths, gaps):
    result = []
    start = draw_start
    for months, gap in zip(lengths, gaps, strict=False):
        end = add_months(start, months) - timedelta(days=1)
        result.append(ChainContract(start, end))
        start = end + timedelta(days=1 + gap)
    return result


starts = st.dates(min_value=date(2010, 1, 1), max_value=date(2032, 12, 31))
lengths = st.lists(st.integers(min_value=1, max_value=24), min_size=1, max_size=6)


@given(
    start=starts,
    months=lengths,
    extra=st.integers(min_value=1, max_value=24),
    gaps=st.lists(st.integers(min_value=0, max_value=400), min_size=6, max_size=6),
)
def test_adding_a_contract_never_moves_permanent_by_law_from_later(start, months, extra, gaps):
    before = series(start, months, gaps)
    last_end = before[-1].end
    assert last_end is not None
    added = ChainContract(
        last_end + timedelta(days=1),
        add_months(last_end + timedelta(days=1), extra) - timedelta(days=1),
    )
    on = last_end
    old = chain_status(before, on)
    new = chain_status([*before, added], on)
    if old.permanent_by_law_from is not None and new.permanent_by_law_from is not None:
        assert new.permanent_by_law_from <= old.permanent_by_law_from


@given(
    start=starts,
    months=lengths,
    gaps=st.lists(st.integers(min_value=0, max_value=400), min_size=6, max_size=6),
)
def test_a_chain_never_holds_more_than_max_contracts_without_being_permanent(start, months, gaps):
    all_contracts = series(start, months, gaps)
    for contract in all_contracts:
        s = chain_status(all_contracts, contract.start)
        if s.contracts_in_chain > s.max_contracts:
            assert s.is_permanent


@given(
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2032, 12, 31)),
    months=st.lists(st.integers(min_value=1, max_value=12), min_size=1, max_size=3),
)
def test_within_both_limits_a_chain_is_never_permanent(start, months):
    all_contracts = series(start, months, [0, 0, 0])
    last_end = all_contracts[-1].end
    assert last_end is not None
    if add_months(start, 36) <= last_end:
        return
    for contract in all_contracts:
        assert contract.end is not None
        assert not chain_status(all_contracts, contract.end).is_permanent


@given(
    start=starts,
    months=lengths,
    gaps=st.lists(st.integers(min_value=0, max_value=400), min_size=6, max_size=6),
)
def test_next_must_be_permanent_means_a_contiguous_next_contract_is_permanent(start, months, gaps):
    all_contracts = series(start, months, gaps)
    last = all_contracts[-1]
    s = chain_status(all_contracts, last.start)
    assert last.end is not None
    following = ChainContract(last.end + timedelta(days=1), last.end + timedelta(days=60))
    after = chain_status([*all_contracts, following], following.start)
    if s.contracts_in_chain:
        assert after.is_permanent == s.next_must_be_permanent


@given(
    start=starts,
    months=lengths,
    gaps=st.lists(st.integers(min_value=0, max_value=400), min_size=6, max_size=6),
    cao_max=st.sampled_from([None, 2, 4, 6]),
    asked=st.lists(st.integers(min_value=-40, max_value=3000), max_size=5),
)
def test_the_lazy_last_allowed_ends_hold_the_same_dates(start, months, gaps, cao_max, asked):
    # A report asks `LastAllowedEnds` of single dates instead of working out the whole set: it
    # must answer as the set would, for a contract's end and for any other day.
    all_contracts = [
        replace(c, cao_max_contracts=cao_max) if index % 2 else c
        for index, c in enumerate(series(start, months, gaps))
    ]
    expected = last_allowed_ends(all_contracts)
    days = [c.end for c in all_contracts] + [start + timedelta(days=n) for n in asked]
    # Given as contracts, or as the rows a report reads.
    for lazy in (
        LastAllowedEnds(all_contracts),
        LastAllowedEnds(list(map(astuple, all_contracts))),
    ):
        for day in days:
            assert (day in lazy) == (day in expected)
        assert all(day in lazy for day in expected)


@settings(max_examples=400)
@given(
    start=starts,
    # Short contracts and gaps mostly within the tussenpoos: chains of every number, near and
    # past both limits.
    months=st.lists(st.integers(min_value=1, max_value=14), min_size=1, max_size=6),
    gaps=st.lists(st.integers(min_value=0, max_value=240), min_size=6, max_size=6),
    cao_contracts=st.sampled_from([None, 1, 2, 4, 6]),
    cao_months=st.sampled_from([None, 6, 12, 48]),
    shift=st.integers(min_value=-400, max_value=400),
)
def test_the_quick_answer_never_contradicts_the_full_one(
    start, months, gaps, cao_contracts, cao_months, shift
):
    # `is_last_allowed` answers "not yet" without weighing every limit when the chain is short
    # in number and in length; whenever it does, the full answer must agree.
    chain = [
        replace(c, cao_max_contracts=cao_contracts, cao_max_months=cao_months) if i == 1 else c
        for i, c in enumerate(split_chains(series(start, months, gaps))[0])
    ]
    last = chain[-1]
    assert last.end is not None
    for day in (last.end + timedelta(days=1), last.end + timedelta(days=shift)):
        if within_every_limit(chain, day):
            assert permanent_by_law_from(chain) > day
    full = permanent_by_law_from(chain) <= last.end + timedelta(days=1)
    assert is_last_allowed(chain, last) == full
    # And for the contract that passes a limit during its run (CHAIN_EXCEEDED).
    permanent_from = permanent_by_law_from(chain)
    during = None if permanent_from > last.end else max(permanent_from, last.start)
    assert permanent_by_law_during(chain[:-1], last) == during


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D("2016-01-01"), [12, 12], True),  # WWZ: two contracts of exactly 24 months in all
        (D("2016-01-01"), [12, 11], False),  # one month short
        (D("2021-01-01"), [18, 18], True),  # WAB: exactly 36 months
        (D("2021-01-01"), [18, 17], False),
        (D("2021-01-01"), [1, 1, 1], True),  # the third contract, however short
    ],
)
def test_last_allowed_on_the_day_a_limit_is_reached(start, months, expected):
    chain = series(start, months, [0] * len(months))
    assert is_last_allowed(chain, chain[-1]) is expected
