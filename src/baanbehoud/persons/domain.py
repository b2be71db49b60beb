"""Rules about persons, as pure functions (no Django import)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
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


# A voortraject before a placement (issue 20 §5, recommendation 1: "werkfit").
PRETRAJECTORY_RUNNING = "running"
MSG_PRE_END_BEFORE = "Het einde ligt na het begin."
MSG_PRE_END_MISSING = "Vul in wanneer het voortraject stopte."


def pretrajectory_problems(start: date | None, end: date | None, outcome: str) -> dict[str, str]:
    """What is wrong in a voortraject, per field: one rule for the page and the import."""
    problems: dict[str, str] = {}
    if start is not None and end is not None and end < start:
        problems["end"] = MSG_PRE_END_BEFORE
    elif outcome and outcome != PRETRAJECTORY_RUNNING and end is None:
        problems["end"] = MSG_PRE_END_MISSING
    return problems


# The region's werkfit checklist (issue 20 §5, recommendation 1): each point judged per
# candidate, "yes" or "not yet"; a point not judged is unknown.
WERKFIT_YES, WERKFIT_NOT_YET = "yes", "not_yet"


def werkfit_count(answers: Mapping[int, str], points: Iterable[int]) -> tuple[int, int] | None:
    """(points met, points of the checklist) over the region's points in use, from the answers
    per point; None when none of them was judged — then nobody knows, and the match says so."""
    points = list(points)
    judged = [answers[p] for p in points if p in answers]
    if not judged:
        return None
    return sum(1 for a in judged if a == WERKFIT_YES), len(points)


# The no-risk polis (issue 20 §2; report §2.2.1 and its footnote 8; art. 29b Ziektewet): when a
# worker from the target group is sick, UWV pays the Ziektewet benefit, so the employer's cost of
# continued pay is covered. Employers do not know it and overestimate the risk of a permanent
# contract. Per regime a rule: "while_registered" (as long as the person is in the
# doelgroepregister: no end date the product knows), "years:N" (N years from the first day of
# work of the employment) or "none". A region sets its table (BAANBEHOUD_NO_RISK_RULES).
WHILE_REGISTERED = "while_registered"
NO_RISK_NONE = "none"
REGIMES = (WAJONG, "participatiewet", "other")
DEFAULT_NO_RISK_RULES = {WAJONG: WHILE_REGISTERED, "participatiewet": WHILE_REGISTERED,
                         "other": "years:5"}  # fmt: skip


@dataclass(frozen=True)
class NoRisk:
    applies: bool
    until: date | None = None  # the last day it covers; None: no end the product knows
    years: int | None = None  # "years:N" before the work started: N years from its first day


def no_risk_rules(configured: Mapping[str, str] | None) -> dict[str, str]:
    """The defaults with what a region set; an unknown regime or rule is an error at start."""
    rules = {**DEFAULT_NO_RISK_RULES, **(configured or {})}
    for regime, rule in rules.items():
        if regime not in REGIMES:
            raise ValueError(f"No-riskpolis: onbekende regeling '{regime}'.")
        if rule not in (WHILE_REGISTERED, NO_RISK_NONE) and not re.fullmatch(
            r"years:[1-9]\d?", rule
        ):
            raise ValueError(
                f"No-riskpolis: regel '{rule}' voor '{regime}' is onbekend; gebruik "
                f"'{WHILE_REGISTERED}', '{NO_RISK_NONE}' of 'years:N'."
            )
    return rules


def anniversary(day: date, years: int) -> date:
    """The same day `years` later; 29 February in a common year is 1 March (the day after 28
    February, as the law counts a year from a leap day)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def no_risk(regime: str, work_start: date | None, on: date, rules: Mapping[str, str]) -> NoRisk:
    """Whether the no-risk polis covers the person on `on` in the employment that started on
    `work_start` (None: no work yet), and until when."""
    rule = rules.get(regime, NO_RISK_NONE)
    if rule == WHILE_REGISTERED:
        return NoRisk(True)
    if rule.startswith("years:"):
        years = int(rule.removeprefix("years:"))
        if work_start is None:
            return NoRisk(True, None, years)
        # Up to and including the day before the N-th anniversary of the first day.
        until = anniversary(work_start, years) - timedelta(days=1)
        return NoRisk(on <= until, until, years)
    return NoRisk(False)


def no_risk_text(cover: NoRisk, name: str) -> str:
    """In plain words, for the employer on the contract decision (B1)."""
    if not cover.applies:
        return (
            f"Voor {name} geldt de no-riskpolis niet (meer). Bij ziekte betaalt u het loon door, "
            "zoals bij andere werknemers."
        )
    how_long = (
        f"tot en met {format_date_nl(cover.until)}"
        if cover.until is not None
        else f"{cover.years} jaar vanaf de eerste werkdag"
        if cover.years is not None
        else f"zolang {name} in het doelgroepregister staat"
    )
    return (
        f"Wordt {name} ziek? Dan betaalt UWV de Ziektewet-uitkering (de no-riskpolis). U betaalt "
        "het loon door en krijgt het geld terug van UWV. Dat geldt ook bij een vast contract, "
        f"{how_long}."
    )
