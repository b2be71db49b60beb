"""Rules about persons, as pure functions (no Django import)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TypeVar

from baanbehoud.dates import format_date_nl, format_number_nl

Owner = TypeVar("Owner")

WAJONG = "wajong"


def responsible(regime: str, municipality_owner: Owner | None, uwv: Owner | None) -> Owner | None:
    """docs/rules.md §1: UWV keeps the people who entered the Wajong (before 2015); municipalities
    (Participatiewet) are responsible for everyone else, through the executing organisation of
    the municipality the person lives in. One rule for the forms, the API, the import and the
    demo."""
    if regime == WAJONG and uwv is not None:
        return uwv
    return municipality_owner


# Load capacity over time (issue 20 §4; report §3.2.3: it fluctuates or declines). The expected
# course an arbeidsdeskundige records with each assessment.
STABLE, FLUCTUATING, PROGRESSIVE = "stable", "fluctuating", "progressive"
MSG_REVIEW_BEFORE = "De volgende beoordeling ligt na de datum van deze beoordeling."
MSG_DAY_ABOVE_WEEK = "Uren per dag kunnen niet meer zijn dan uren per week."


def assessment_problems(
    assessed_on: date | None,
    hours_per_week: Decimal | None,
    hours_per_day: Decimal | None,
    next_review: date | None,
) -> dict[str, str]:
    """What is wrong in one load-capacity assessment, per field: one rule for the page, the
    import and the admin."""
    problems: dict[str, str] = {}
    if assessed_on is not None and next_review is not None and next_review <= assessed_on:
        problems["next_review"] = MSG_REVIEW_BEFORE
    if hours_per_day is not None and hours_per_week is not None and hours_per_day > hours_per_week:
        problems["hours_per_day"] = MSG_DAY_ABOVE_WEEK
    return problems


def above_capacity(
    hours: Decimal | None, capacity: Decimal | None, assessed_on: date | None
) -> str | None:
    """A contract or a step of the hours build-up with more hours a week than the latest
    assessment of the load capacity allows: allowed (the arbeidsdeskundige may not have seen the
    person lately), but said out loud — a 40-hour step for a 24-hour capacity passed silently."""
    if hours is None or capacity is None or hours <= capacity:
        return None
    when = f" (vastgesteld op {format_date_nl(assessed_on)})" if assessed_on is not None else ""
    return (
        f"{format_number_nl(hours)} uur per week is meer dan de belastbaarheid van "
        f"{format_number_nl(capacity)} uur per week{when}. Overleg met de arbeidsdeskundige "
        "voordat de uren omhoog gaan."
    )
