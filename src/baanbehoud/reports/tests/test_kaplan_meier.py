"""Kaplan-Meier: our durations and censoring give lifelines' own estimate; on data from a known
constant hazard the 12-month estimate's confidence interval holds the true value."""

import math
import random
from datetime import date, timedelta
from decimal import Decimal

import pytest
from lifelines import KaplanMeierFitter

from baanbehoud.placements.domain import ContractKind, ContractSpan
from baanbehoud.reports.domain import PlacementRecord, survival_input
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
