"""Building a report for a user: population, filters, suppression by role."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from baanbehoud.batches import many_objects
from baanbehoud.organisations.models import User
from baanbehoud.placements.models import EndingReason

from . import domain, execution, quarterly, reasons, sustainability
from .models import ReportSettings
from .selectors import (
    CONCERNS,
    CONTACT_DUE,
    EVALUATIONS,
    INTENTIONS,
    REASONS,
    WAGE_VALUES,
    aggregate_only,
    proposal_answers,
    records,
    report_population,
)
from .table import Report

KINDS = ("kwartaal", "duurzaamheid", "redenen", "uitvoering")
# The optional facts (selectors.ALL_FACTS) each report counts; a test holds each report read
# with only these equal to the report read with all.
FACTS = {
    "kwartaal": frozenset(),
    "duurzaamheid": frozenset(),
    "redenen": frozenset({REASONS, INTENTIONS}),
    "uitvoering": frozenset({EVALUATIONS, CONCERNS, WAGE_VALUES, CONTACT_DUE}),
}
FILTERS = {
    "organisatie": "organisation",
    "gemeente": "municipality",
    "regeling": "regime",
    "route": "route",
    "sector": "sector",
}


@dataclass(frozen=True)
class ReportPeriod:
    start: date
    end: date
    report_date: date


def filter_options(found: Sequence[domain.PlacementRecord]) -> dict[str, list[tuple[str, str]]]:
    options: dict[str, list[tuple[str, str]]] = {}
    for name, attribute in FILTERS.items():
        values = sorted({getattr(r, attribute) for r in found if getattr(r, attribute)})
        labels = (
            sustainability.ROUTE_LABELS
            if name == "route"
            else sustainability.REGIME_LABELS
            if name == "regeling"
            else {}
        )
        options[name] = [(v, labels.get(v, v)) for v in values]
    return options


def apply_filters(
    found: Sequence[domain.PlacementRecord], chosen: Mapping[str, Any]
) -> list[domain.PlacementRecord]:
    result = list(found)
    for name, attribute in FILTERS.items():
        if chosen.get(name):
            result = [r for r in result if getattr(r, attribute) == chosen[name]]
    return result


@many_objects()
def build(
    kind: str,
    found: Sequence[domain.PlacementRecord],
    period: ReportPeriod,
    *,
    suppressed: bool,
    user_may_see_persons: bool,
    split: str = "route",
    contact_names: dict[int, str] | None = None,
    minimum: int | None = None,
) -> Report:
    if suppressed and minimum is None:
        minimum = ReportSettings.current().minimum_group_size
    minimum = minimum if suppressed else None
    if kind == "kwartaal":
        return quarterly.quarterly_report(
            found, period.start, period.end, period.report_date, minimum
        )
    if kind == "duurzaamheid":
        return sustainability.sustainability_report(
            found, period.start, period.end, period.report_date, minimum, split
        )
    if kind == "redenen":
        labels = dict(EndingReason.objects.order_by("order").values_list("code", "label"))
        return reasons.reasons_report(
            found,
            period.start,
            period.end,
            minimum,
            labels,
            show_learning_points=user_may_see_persons,
            answers=proposal_answers({r.organisation for r in found}),
        )
    if kind == "uitvoering":
        return execution.execution_report(
            found,
            period.start,
            period.end,
            period.report_date,
            minimum,
            contact_names if user_may_see_persons else None,
        )
    raise ValueError(kind)


def effective_period(user: User, period: ReportPeriod) -> ReportPeriod:
    """Aggregate-only roles report over whole quarters (docs/reports.md, "Small groups")."""
    if not aggregate_only(user):
        return period
    start, end = domain.whole_quarters(period.start, period.end)
    return ReportPeriod(start, end, period.report_date)


def report_for_user(
    user: User,
    kind: str,
    period: ReportPeriod,
    chosen: Mapping[str, Any],
    everything: list[domain.PlacementRecord] | None = None,
) -> tuple[Report, list[domain.PlacementRecord]]:
    """`everything`: the user's records on the period's report date, when already read —
    with at least the facts this report counts (`FACTS[kind]`): a fact not read counts as none."""
    period = effective_period(user, period)
    if everything is None:
        everything = records(report_population(user), period.report_date, FACTS[kind])
    found = apply_filters(everything, chosen)
    restricted = aggregate_only(user)
    names = dict(
        User.objects.filter(
            pk__in={r.contact_person_id for r in found if r.contact_person_id}
        ).values_list("pk", "full_name")
    )
    report = build(
        kind,
        found,
        period,
        suppressed=restricted,
        user_may_see_persons=not restricted,
        split=chosen.get("uitsplitsen") or "route",
        contact_names=names,
    )
    return report, everything


FILTER_LABELS = {
    "organisatie": "Uitvoeringsorganisatie",
    "gemeente": "Gemeente",
    "regeling": "Regeling",
    "route": "Route",
    "sector": "Sector",
}


def describe(report: Report, period: ReportPeriod, chosen: Mapping[str, Any]) -> Report:
    """Say on the report what it counts, so a download read on its own is not misread."""
    from baanbehoud.dates import format_date_nl

    filters = [
        f"{FILTER_LABELS[name]}: {chosen[name]}" for name in FILTER_LABELS if chosen.get(name)
    ]
    report.about = [
        ("Rapport", report.title),
        ("Periode", f"{format_date_nl(period.start)} tot en met {format_date_nl(period.end)}"),
        ("Peildatum", format_date_nl(period.report_date)),
        ("Filters", "; ".join(filters) if filters else "geen (alles wat u mag zien)"),
    ]
    return report
