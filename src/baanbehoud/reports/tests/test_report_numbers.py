"""Every number of every report on small hand-built data, against a hand calculation. Pure."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from baanbehoud.dates import add_months
from baanbehoud.placements.domain import (
    EMPLOYMENT_KINDS,
    ContractKind,
    ContractSpan,
    Moment,
    working_on,
)
from baanbehoud.reports import domain
from baanbehoud.reports.domain import PlacementRecord

D = date.fromisoformat
REPORT_DATE = D("2026-06-30")


def period(kind, start, end):
    return ContractSpan(ContractKind(kind), D(start), D(end) if end else None, Decimal(16))


def record(id, *periods, person=None, kvk="11111111", **kwargs):
    return PlacementRecord(
        id=id, person_id=person or id, employer_kvk=kvk, periods=tuple(periods), **kwargs
    )


# 1: proefplaatsing Q1 2025 converted, job from Q1 2025, still running.
A = record(
    1,
    period("proefplaatsing", "2025-01-06", "2025-03-05"),
    period("temporary", "2025-03-06", "2026-03-05"),
    period("permanent", "2026-03-06", None),
)
# 2: proefplaatsing in Q1 2025, not converted (no contract).
B = record(2, period("proefplaatsing", "2025-02-01", "2025-03-31"))
# 3: job from Q2 2025, registered ending in Q4 2025.
C = record(
    3,
    period("temporary", "2025-04-01", "2026-03-31"),
    ending_date=D("2025-11-15"),
    reasons=("WORK_PRESSURE", "HEALTH"),
    learning_points="Minder uren.",
)
# 4: job from Q2 2025; last contract ended 2025-09-30, nothing follows, no ending: an unregistered loss in Q3.
E = record(4, period("temporary", "2025-04-01", "2025-09-30"))
# 5: proefplaatsing started Q2 2026, still running on the report date.
F = record(5, period("proefplaatsing", "2026-06-01", "2026-07-31"))
# 6: job at the chain-rule moment: last allowed contract ends 2026-03-31, permanent follows within 31 days.
G = record(
    6,
    period("temporary", "2023-04-01", "2024-03-31"),
    period("temporary", "2024-04-01", "2025-03-31"),
    period("temporary", "2025-04-01", "2026-03-31"),
    period("permanent", "2026-04-15", None),
    last_allowed_ends=frozenset({D("2026-03-31")}),
)
# 7: chain-rule moment, no permanent contract: ended with NO_PERMANENT_CONTRACT in Q1 2026.
H = record(
    7,
    period("temporary", "2025-01-01", "2025-06-30"),
    period("temporary", "2025-07-01", "2025-12-31"),
    period("temporary", "2026-01-01", "2026-02-28"),
    ending_date=D("2026-02-28"),
    reasons=("NO_PERMANENT_CONTRACT",),
    last_allowed_ends=frozenset({D("2026-02-28")}),
)
ALL = [A, B, C, E, F, G, H]


def test_quarterly_inflow_outflow_net_and_trials():
    rows = {
        r.quarter: r for r in domain.quarterly(ALL, D("2025-01-01"), D("2026-06-30"), REPORT_DATE)
    }
    assert list(rows) == ["2025-K1", "2025-K2", "2025-K3", "2025-K4", "2026-K1", "2026-K2"]
    # New jobs: A (2025-03-06) and H (2025-01-01) in K1; C and E (2025-04-01) in K2. G started 2023.
    assert [rows[q].new_jobs for q in rows] == [2, 2, 0, 0, 0, 0]
    # Lost: E unregistered in K3 (2025-09-30); C registered in K4 (2025-11-15); H in 2026-K1.
    assert [rows[q].jobs_lost for q in rows] == [0, 0, 1, 1, 1, 0]
    assert [rows[q].lost_unregistered for q in rows] == [0, 0, 1, 0, 0, 0]
    assert [rows[q].net for q in rows] == [2, 2, -1, -1, -1, 0]
    # Trials: A and B started in K1 (A converted, B not); F started 2026-K2 and still runs.
    assert (
        rows["2025-K1"].trials_started,
        rows["2025-K1"].trials_converted,
        rows["2025-K1"].trials_not_converted,
    ) == (2, 1, 1)
    assert (rows["2026-K2"].trials_started, rows["2026-K2"].trials_running) == (1, 1)


def test_uwv_measure_any_and_same_employer():
    # On 2025-06-01 A, C, E, G, H work (5 persons). A year later (2026-06-01): A (permanent), G (permanent).
    # C ended, E ended, H ended. Person 9 moves: from employer X to employer Y.
    mover_then = record(
        8, period("temporary", "2025-01-01", "2025-12-31"), person=9, kvk="22222222"
    )
    mover_now = record(9, period("temporary", "2026-01-01", "2026-12-31"), person=9, kvk="33333333")
    [measure] = domain.uwv_measures([*ALL, mover_then, mover_now], [D("2025-06-01")])
    assert (measure.persons, measure.still_at_work, measure.same_employer, measure.not_at_work) == (
        6,
        3,
        2,
        3,
    )


def test_conversion_rates():
    trials = domain.trial_conversion(ALL, D("2025-01-01"), D("2026-06-30"), REPORT_DATE)
    assert (trials.total, trials.converted) == (2, 1)  # A converted, B not; F has not ended
    permanent = domain.permanent_conversion(ALL, D("2026-01-01"), D("2026-06-30"))
    assert (permanent.total, permanent.converted) == (2, 1)  # G converted within 31 days, H did not


def test_reasons_by_moment():
    table = domain.reasons_by_moment(ALL, D("2025-01-01"), D("2026-06-30"))
    assert table.endings == 2  # C and H; E is unregistered and has no reasons
    assert table.counts == {
        ("WORK_PRESSURE", Moment.LATER_TEMPORARY): 1,
        ("HEALTH", Moment.LATER_TEMPORARY): 1,
        ("NO_PERMANENT_CONTRACT", Moment.TEMPORARY_TO_PERMANENT): 1,
    }
    assert table.learning_points == [(Moment.LATER_TEMPORARY, "Minder uren.")]


def test_execution_caseload_contacts_evaluations_concerns():
    first = record(
        10,
        period("temporary", "2026-01-05", "2026-12-31"),
        contact_person_id=100,
        evaluations=(D("2026-02-16"), D("2026-05-01")),
        concerns=(
            (D("2026-03-02"), D("2026-03-03")),
            (D("2026-04-01"), D("2026-04-10")),
            (D("2026-06-01"), None),
        ),
        contact_due=D("2026-08-01"),
    )
    second = record(
        11,
        period("temporary", "2026-01-05", "2026-12-31"),
        contact_person_id=100,
        contact_due=D("2026-06-01"),
    )
    third = record(
        12,
        period("permanent", "2025-01-01", None),
        contact_person_id=None,
        employer_has_contact=False,
        kvk="44444444",
    )
    e = domain.execution([first, second, third], D("2026-01-01"), D("2026-06-30"), REPORT_DATE)
    assert e.running == 3
    assert e.caseload == {100: 2}
    assert (e.persons_without_contact, e.employers_without_contact) == (1, 1)
    # first: moments 2026-02-16 (done that day: on time), 2026-04-05 (done 2026-05-01: late), 2026-07-05 (not due).
    # second: 2026-02-16 and 2026-04-05 missed. third: moments in 2025, outside the period.
    assert (e.evaluations_on_time, e.evaluations_late, e.evaluations_missed) == (1, 1, 2)
    assert (e.concerns_on_time, e.concerns_late, e.concerns_open) == (1, 1, 1)
    # Contact kept: first (due 2026-08-01) and third (no open CONTACT_DUE); second overdue.
    assert e.contact_kept == 2


def test_survival_input_events_and_censoring():
    data = domain.survival_input(ALL, REPORT_DATE)
    # A: censored 2025-03-06..2026-06-30 (481 days); C: event 228 days; E: event 182 days;
    # G: censored from 2023-04-01 (1186 days); H: event 423 days. B and F are never a job.
    assert sorted(zip(data.durations, data.events, strict=True)) == [
        (182, True),
        (228, True),
        (423, True),
        (481, False),
        (1186, False),
    ]


kinds = st.sampled_from([k.value for k in ContractKind])
days = st.dates(min_value=date(2023, 1, 1), max_value=date(2027, 12, 31))
spans = st.lists(
    st.tuples(kinds, days, st.one_of(st.none(), st.integers(min_value=-10, max_value=800))),
    max_size=4,
)


def as_periods(drawn):
    return tuple(
        ContractSpan(ContractKind(kind), start, None if n is None else start + timedelta(days=n))
        for kind, start, n in drawn
    )


@given(drawn=spans, ending=st.one_of(st.none(), days), day=days)
def test_working_on_is_an_employment_contract_that_covers_the_day_before_the_ending(
    drawn, ending, day
):
    periods = as_periods(drawn)
    expected = (ending is None or day <= ending) and any(
        p.kind in EMPLOYMENT_KINDS and p.covers(day) for p in periods
    )
    assert working_on(periods, ending, day) == expected


@given(
    placements=st.lists(
        st.tuples(st.integers(min_value=1, max_value=4), st.sampled_from(["1", "2"]), spans,
                  st.one_of(st.none(), days)),
        max_size=8,
    ),
    references=st.lists(days, min_size=1, max_size=4),  # in any order, a date twice
)  # fmt: skip
def test_the_uwv_measures_count_as_working_does(placements, references):
    records = [
        domain.PlacementRecord(
            id=n, person_id=person, employer_kvk=kvk, periods=as_periods(drawn), ending_date=end
        )
        for n, (person, kvk, drawn, end) in enumerate(placements)
    ]
    measures = domain.uwv_measures(records, references)
    for reference, measure in zip(references, measures, strict=True):
        later = add_months(reference, 12)
        persons = still = same = 0
        for person in {r.person_id for r in records}:
            mine = [r for r in records if r.person_id == person]
            then = [r for r in mine if r.working(reference)]
            now = [r for r in mine if r.working(later)]
            persons += bool(then)
            still += bool(then and now)
            same += bool(then and {r.employer_kvk for r in then} & {r.employer_kvk for r in now})
        assert measure.reference == reference
        assert (measure.persons, measure.still_at_work, measure.same_employer) == (
            persons,
            still,
            same,
        )


# -- back at work after a job loss (issue 19 §4): 3, 6 and 12 months -------------------------


def _lost(id, person, ended):
    return record(id, period("temporary", "2024-01-01", ended), person=person, ending_date=D(ended))


def test_back_at_work_within_3_6_and_12_months_by_hand():
    losses = [
        _lost(101, 1, "2025-01-31"),  # new job from 2025-03-15: back within 3
        record(102, period("temporary", "2025-03-15", None), person=1),
        _lost(103, 2, "2025-02-28"),  # new job from 2025-07-01 (4 months): back within 6
        record(104, period("proefplaatsing", "2025-07-01", "2025-08-31"), person=2),
        _lost(105, 3, "2025-03-31"),  # a second job that goes on: back at once
        record(106, period("permanent", "2023-01-01", None), person=3),
        _lost(107, 4, "2025-04-30"),  # never back
        _lost(108, 5, "2025-05-31"),  # other work ended before this loss: not back
        record(109, period("temporary", "2024-01-01", "2025-05-31"), person=5),
        _lost(110, 6, "2025-06-30"),  # other work cut short by its own ending before: not back
        record(111, period("permanent", "2024-01-01", None), person=6, ending_date=D("2025-06-01")),
        _lost(112, 7, "2026-02-28"),  # back after 2 months; too recent for 6 and 12 months
        record(113, period("temporary", "2026-05-01", "2026-10-31"), person=7),
        _lost(114, 8, "2024-12-31"),  # ended before the period: not counted
    ]
    found = domain.back_at_work(losses, D("2025-01-01"), D("2026-03-31"), REPORT_DATE)
    # Losses in the period: 101, 103, 105, 107, 108, 110, 111 (person 6's permanent job, ended
    # 2025-06-01 while 110 still ran: back at once) and 112 — 8. By the report date
    # (2026-06-30) 3 months passed for all; 6 and 12 months for all but 112 (2025-06-30 plus 12
    # months is the report date itself).
    assert [(b.months, b.losses, b.back) for b in found] == [
        (3, 8, 4),  # 101, 105, 111, 112 (2026-05-01 <= 2026-05-28)
        (6, 7, 4),  # 101, 103, 105, 111
        (12, 7, 4),
    ]


def test_back_at_work_counts_a_horizon_only_once_it_has_passed():
    losses = [_lost(1, 1, "2026-05-31")]
    assert [
        (b.losses, b.back)
        for b in domain.back_at_work(losses, D("2026-01-01"), D("2026-06-30"), REPORT_DATE)
    ] == [(0, 0)] * 3


# -- employers' intentions before the end (issue 19 §5) --------------------------------------


def test_intentions_count_the_latest_per_contract_in_the_period_by_hand():
    records = [
        # Contract 1: first "end", then "permanent" (the last word counts).
        record(1, intentions=((1, D("2025-03-01"), "end", ("NO_FORMATION",)),
                              (1, D("2025-04-01"), "permanent", ()))),
        # Contract 2: "end" with two reasons; contract 3 of the same placement: "extend".
        record(2, intentions=((2, D("2025-05-01"), "end", ("NO_FORMATION", "WAGE_VALUE")),
                              (3, D("2025-06-01"), "extend", ()))),
        # Contract 4: "end" in the period, then "extend" after it (outside the period).
        record(3, intentions=((4, D("2025-06-15"), "end", ("WAGE_VALUE",)),
                              (4, D("2025-08-01"), "extend", ()))),
        # Contract 5: before the period.
        record(4, intentions=((5, D("2024-12-31"), "end", ("HEALTH",)),)),
    ]  # fmt: skip
    found = domain.intentions_in_period(records, D("2025-01-01"), D("2025-06-30"))
    assert dict(found.kinds) == {"permanent": 1, "end": 2, "extend": 1}
    assert found.ends == 2
    assert dict(found.end_reasons) == {"NO_FORMATION": 1, "WAGE_VALUE": 2}


def test_wage_value_measurements_in_the_period():
    """Issue 20 §3: measurements dated in the period, internal or external, disputed."""
    measured = record(
        20,
        period("permanent", "2025-01-01", None),
        wage_values=(
            (D("2025-12-31"), "internal", False),  # before the period
            (D("2026-01-01"), "internal", True),
            (D("2026-03-15"), "external", False),
            (D("2026-06-30"), "external", True),
            (D("2026-07-01"), "internal", False),  # after
        ),
    )
    other = record(
        21,
        period("permanent", "2025-01-01", None),
        wage_values=((D("2026-02-01"), "internal", False),),
    )
    counts = domain.wage_values_in_period([measured, other], D("2026-01-01"), D("2026-06-30"))
    assert counts == domain.WageValueCounts(measured=4, internal=2, external=2, disputed=2)
