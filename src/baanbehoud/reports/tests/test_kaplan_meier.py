"""Kaplan-Meier: our durations and censoring give lifelines' own estimate (the curve, its
median and the 12-month estimate with its interval, on any data); on data from a known constant
hazard the 12-month estimate's confidence interval holds the true value."""

import math
import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from lifelines import KaplanMeierFitter

from baanbehoud.placements.domain import ContractKind, ContractSpan
from baanbehoud.reports.domain import PlacementRecord, SurvivalInput, survival_input
from baanbehoud.reports.survival import DAYS_PER_MONTH, kaplan_meier

REPORT_DATE = date(2026, 6, 30)


def placement(id: int, start: date, end: date | None, registered: bool) -> PlacementRecord:
    """A job from `start`; ended on `end` (registered or as the last contract), or still running."""
    contract_end = end if end is not None else None
    return PlacementRecord(
        id=id,
        person_id=id,
        employer_kvk="1",
        ending_date=end if registered else None,
        periods=(
            ContractSpan(
                ContractKind.PERMANENT if end is None or registered else ContractKind.TEMPORARY,
                start,
                None if registered else contract_end,
                Decimal(16),
            ),
        ),
    )


def test_matches_lifelines_on_a_set_with_known_censoring():
    rng = random.Random(7)
    records, expected_durations, expected_events = [], [], []
    for i in range(60):
        start = REPORT_DATE - timedelta(days=rng.randrange(100, 1500))
        if rng.random() < 0.5:
            end = start + timedelta(days=rng.randrange(10, (REPORT_DATE - start).days))
            records.append(placement(i, start, end, registered=rng.random() < 0.5))
            expected_durations.append((end - start).days)
            expected_events.append(True)
        else:
            records.append(placement(i, start, None, registered=False))
            expected_durations.append((REPORT_DATE - start).days)
            expected_events.append(False)
    data = survival_input(records, REPORT_DATE)
    assert data.durations == expected_durations and data.events == expected_events
    curve = kaplan_meier(data, "Alle")
    reference = KaplanMeierFitter().fit(
        [d / DAYS_PER_MONTH for d in expected_durations], expected_events
    )
    expected = reference.survival_function_.iloc[:, 0]
    assert [t for t, _s in curve.points] == pytest.approx([float(t) for t in expected.index])
    assert [s for _t, s in curve.points] == pytest.approx([float(s) for s in expected.to_numpy()])
    assert curve.at_12 == pytest.approx(float(reference.survival_function_at_times(12.0).iloc[0]))
    assert (curve.n, curve.events) == (60, sum(expected_events))


def test_product_limit_by_hand():
    # Durations in months 1 (event), 2 (censored), 3 (event), 4 (event): S(1)=3/4, S(3)=3/4*1/2, S(4)=0.
    start = date(2020, 1, 1)
    days = [round(m * DAYS_PER_MONTH) for m in (1, 2, 3, 4)]
    records = [
        placement(i, start, start + timedelta(days=d), registered=True) for i, d in enumerate(days)
    ]
    records[1] = placement(1, REPORT_DATE - timedelta(days=days[1]), None, registered=False)
    curve = kaplan_meier(survival_input(records, REPORT_DATE), "hand")
    survival = [s for _t, s in curve.points]
    assert survival == pytest.approx([1.0, 0.75, 0.75, 0.375, 0.0])


def test_constant_hazard_twelve_month_estimate_covers_the_truth():
    hazard_per_month = 0.03  # true S(12) = exp(-0.36)
    rng = random.Random(2020)
    records = []
    for i in range(800):
        start = REPORT_DATE - timedelta(days=rng.randrange(30, 5 * 365))
        lifetime = rng.expovariate(hazard_per_month) * DAYS_PER_MONTH
        end = start + timedelta(days=int(lifetime))
        records.append(placement(i, start, end if end <= REPORT_DATE else None, registered=True))
    curve = kaplan_meier(survival_input(records, REPORT_DATE), "constant")
    truth = math.exp(-12 * hazard_per_month)
    assert curve.at_12_lower is not None and curve.at_12_upper is not None
    assert curve.at_12_lower <= truth <= curve.at_12_upper
    assert curve.at_12 is not None and abs(curve.at_12 - truth) < 0.05


def lifelines_curve(durations: list[int], events: list[bool]) -> dict[str, Any]:
    months = [d / DAYS_PER_MONTH for d in durations]
    fitter = KaplanMeierFitter(alpha=0.05).fit(months, event_observed=events)
    survival = fitter.survival_function_.iloc[:, 0]
    expected: dict[str, Any] = {
        "points": [(float(t), float(s)) for t, s in survival.items()],
        "median": float(fitter.median_survival_time_),
        "at_12": None,
    }
    if max(months) >= 12:
        ci = fitter.confidence_interval_survival_function_
        row = ci[ci.index <= 12.0].iloc[-1]
        expected["at_12"] = float(fitter.survival_function_at_times(12.0).iloc[0])
        expected["bounds"] = (float(row.iloc[0]), float(row.iloc[1]))
    return expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=800), st.booleans()),
        min_size=1,
        max_size=60,
    )
)
def test_equals_lifelines_on_any_data(data):
    """Ties, censoring on an event's day, everyone ending, a job of 0 days, nobody ending: the
    curve, its median and the 12-month estimate with its interval are lifelines' own."""
    durations = [days for days, _ended in data]
    events = [ended for _days, ended in data]
    curve = kaplan_meier(SurvivalInput(durations, events), "x")
    expected = lifelines_curve(durations, events)
    assert [t for t, _s in curve.points] == pytest.approx([t for t, _s in expected["points"]])
    assert [s for _t, s in curve.points] == pytest.approx(
        [s for _t, s in expected["points"]], abs=1e-12
    )
    # Where S is exactly one half, lifelines' answer depends on its rounding (exp of a sum of
    # logs, 0.5000000000000001 gives no median); the day it halves is tested by hand below.
    assume(all(abs(s - 0.5) > 1e-9 for _t, s in expected["points"]))
    median = expected["median"]
    assert curve.median_months == (None if median == math.inf else pytest.approx(median))
    if expected["at_12"] is None:
        assert (curve.at_12, curve.at_12_lower, curve.at_12_upper) == (None, None, None)
    else:
        assert curve.at_12 == pytest.approx(expected["at_12"], abs=1e-12)
        lower, upper = expected["bounds"]
        assert (curve.at_12_lower, curve.at_12_upper) == (
            pytest.approx(lower, abs=1e-9),
            pytest.approx(upper, abs=1e-9),
        )
    assert (curve.n, curve.events) == (len(data), sum(events))


def test_the_median_is_the_first_time_half_have_ended():
    # Four jobs: ended after 1 and 2 months, still running after 3 and 4: S(2) = 1/2.
    days = [round(m * DAYS_PER_MONTH) for m in (1, 2, 3, 4)]
    curve = kaplan_meier(SurvivalInput(days, [True, True, False, False]), "half")
    assert curve.median_months == pytest.approx(days[1] / DAYS_PER_MONTH)
    assert kaplan_meier(SurvivalInput(days, [True, False, False, False]), "x").median_months is None
