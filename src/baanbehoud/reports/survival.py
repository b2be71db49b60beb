"""Kaplan-Meier survival of placements (docs/reports.md): the product-limit estimate with the
95 % interval of Greenwood's exponential formula ("log-log"), as lifelines' KaplanMeierFitter
gives them — a property test holds the two equal on random data.

Worked out here rather than by lifelines at run time (docs/architecture.md, "Survival curves"):
loading lifelines with pandas and scipy took 1.1 s in every process that made the report, half
of one organisation's report, and its data frames another second nationally, for what is a
count per day and a running product."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from statistics import NormalDist

from .domain import SurvivalInput

DAYS_PER_MONTH = 365.25 / 12
Z = NormalDist().inv_cdf(0.975)  # a two-sided 95 % interval


@dataclass(frozen=True)
class Curve:
    label: str
    n: int
    events: int
    points: list[tuple[float, float]]  # (months, survival)
    median_months: float | None
    at_12: float | None
    at_12_lower: float | None
    at_12_upper: float | None


def interval(survival: float, greenwood: float) -> tuple[float, float]:
    """The 95 % interval around S(t) with Greenwood's sum Σ d / (n (n - d)) up to t, on the
    log(-log S) scale; where S is 1 the interval is the point itself."""
    if survival >= 1.0:
        return 1.0, 1.0
    if survival <= 0.0:
        return 0.0, 0.0
    log_s = math.log(survival)
    spread = Z * math.sqrt(greenwood) / log_s
    return (
        math.exp(-math.exp(math.log(-log_s) - spread)),
        math.exp(-math.exp(math.log(-log_s) + spread)),
    )


def kaplan_meier(data: SurvivalInput, label: str) -> Curve:
    if not data.durations:
        return Curve(label, 0, 0, [], None, None, None, None)
    leaving: Counter[int] = Counter(data.durations)  # days → placements that end or are censored
    ended: Counter[int] = Counter(
        days for days, event in zip(data.durations, data.events, strict=True) if event
    )
    at_risk = len(data.durations)
    survival, greenwood = 1.0, 0.0
    points: list[tuple[float, float]] = []
    bounds: list[tuple[float, float]] = []
    if 0 not in leaving:  # the curve starts at 1 on day 0
        points.append((0.0, 1.0))
        bounds.append((1.0, 1.0))
    median = None
    for days in sorted(leaving):
        deaths = ended[days]
        if deaths:
            survival *= (at_risk - deaths) / at_risk
            if deaths < at_risk:  # everyone left ended: the sum takes no term (S is 0 anyway)
                greenwood += deaths / (at_risk * (at_risk - deaths))
        months = days / DAYS_PER_MONTH
        points.append((months, survival))
        bounds.append(interval(survival, greenwood))
        if median is None and survival <= 0.5:
            median = months
        at_risk -= leaving[days]
    at_12 = lower = upper = None
    if points[-1][0] >= 12:
        index = max(i for i, (months, _s) in enumerate(points) if months <= 12.0)
        at_12 = points[index][1]
        lower, upper = bounds[index]
    return Curve(
        label=label,
        n=len(data.durations),
        events=sum(ended.values()),
        points=points,
        median_months=median,
        at_12=at_12,
        at_12_lower=lower,
        at_12_upper=upper,
    )
