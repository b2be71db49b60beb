"""Kaplan-Meier survival of placements with lifelines (docs/reports.md)."""

from __future__ import annotations

from dataclasses import dataclass

from .domain import SurvivalInput

DAYS_PER_MONTH = 365.25 / 12


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


def kaplan_meier(data: SurvivalInput, label: str) -> Curve:
    months = [d / DAYS_PER_MONTH for d in data.durations]
    if not months:
        return Curve(label, 0, 0, [], None, None, None, None)
    # Imported here: lifelines (with pandas and scipy) takes seconds to load, and only this report
    # needs it, not every process that starts Django (the tests, the commands, the worker).
    from lifelines import KaplanMeierFitter

    kmf = KaplanMeierFitter(alpha=0.05)
    kmf.fit(months, event_observed=data.events, label=label)
    survival = kmf.survival_function_[label]
    points = [(float(t), float(s)) for t, s in survival.items()]
    median = float(kmf.median_survival_time_)
    at_12 = lower = upper = None
    if max(months) >= 12:
        at_12 = float(kmf.survival_function_at_times(12.0).iloc[0])
        ci = kmf.confidence_interval_survival_function_
        row = ci[ci.index <= 12.0].iloc[-1]
        lower, upper = float(row.iloc[0]), float(row.iloc[1])
    return Curve(
        label=label,
        n=len(months),
        events=sum(data.events),
        points=points,
        median_months=None if median == float("inf") else median,
        at_12=at_12,
        at_12_lower=lower,
        at_12_upper=upper,
    )
