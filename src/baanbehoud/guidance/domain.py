"""Pure rules for guidance records (docs/rules.md §3, §6 "hard errors"). No Django import."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from baanbehoud.dates import add_months, format_date_nl
from baanbehoud.dates import format_number_nl as num

# Regional agreement Midden-Utrecht (report §2.3.1). Defaults; an organisation may record an
# exception with a reason.
JOBCOACH_MIN_HOURS_PER_WEEK = Decimal(12)
JOBCOACH_HOURS_PER_YEAR = Decimal(52)
JOBCOACH_MAX_YEARS = 2
SELF_FOUND = "self"  # placements.models.Route.SELF: a job the person found themselves


@dataclass(frozen=True)
class HoursEntry:
    month: date  # the first day of the month
    hours: Decimal


def msg_min_hours(hours: Decimal) -> str:
    return (
        f"Jobcoaching kan alleen bij werk van minstens {num(JOBCOACH_MIN_HOURS_PER_WEEK)} uur per "
        f"week. Dit contract is {num(hours)} uur per week."
    )


def jobcoaching_hours_problem(contract_hours: Iterable[Decimal]) -> str | None:
    """The employment during a jobcoaching trajectory must be at least 12 hours a week."""
    below = [h for h in contract_hours if h < JOBCOACH_MIN_HOURS_PER_WEEK]
    return msg_min_hours(min(below)) if below else None


def jobcoaching_duration_problem(
    start: date, end: date | None, *, has_exception: bool, max_years: int = JOBCOACH_MAX_YEARS
) -> str | None:
    """At most two years of jobcoaching, unless an exception with a reason is recorded."""
    if end is None or has_exception:
        return None
    if end >= add_months(start, 12 * max_years):
        return (
            f"Jobcoaching duurt maximaal {max_years} jaar (tot {format_date_nl(add_months(start, 12 * max_years))}). "
            "Leg een uitzondering met reden vast als het langer moet."
        )
    return None


def year_total(entries: Iterable[HoursEntry], year: int) -> Decimal:
    return sum((e.hours for e in entries if e.month.year == year), Decimal(0))


def jobcoaching_budget_problem(
    entries: Iterable[HoursEntry],
    new: HoursEntry,
    *,
    has_exception: bool,
    budget: Decimal = JOBCOACH_HOURS_PER_YEAR,
) -> str | None:
    """At most 52 jobcoach hours per calendar year, unless an exception is recorded.

    `entries` are the other months of the trajectory (the month being written excluded)."""
    if has_exception:
        return None
    total = year_total(entries, new.month.year) + new.hours
    if total > budget:
        return (
            f"Met deze uren komt de jobcoaching in {new.month.year} op {num(total)} uur. Het maximum "
            f"is {num(budget)} uur per jaar. Leg een uitzondering met reden vast als het meer moet."
        )
    return None


# The evaluation / IOP form (report §2.1.4): worker and supervisor answer the same closed
# questions on a 4-point scale, separately. The codes are stable; the wording is B1.
EVALUATION_SCALE = (1, 2, 3, 4)
EVALUATION_ITEMS: tuple[tuple[str, str], ...] = (
    ("tasks", "Het werk (de taken) past bij de werknemer."),
    ("pace", "Het tempo van het werk is goed."),
    ("quality", "De kwaliteit van het werk is goed."),
    ("cooperation", "Samenwerken met collega's gaat goed."),
    ("instructions", "Uitleg en opdrachten begrijpen en opvolgen gaat goed."),
    ("independence", "Zelfstandig werken gaat goed."),
    ("punctuality", "Op tijd komen en afspraken nakomen gaat goed."),
    ("energy", "Het werk kost niet te veel energie."),
    ("wellbeing", "De werknemer voelt zich prettig op het werk."),
    ("guidance", "De begeleiding op het werk is goed."),
    ("hours", "Het aantal uren per week is goed."),
    ("change", "Er hoeft niets te veranderen aan het werk."),
)

# The same questions as each respondent reads them (issue 17 §4): the worker about themselves,
# the supervisor about the worker, by first name, throughout.
WORKER_WORDING: dict[str, str] = {
    "tasks": "Het werk (de taken) past bij mij.",
    "pace": "Ik werk in een goed tempo.",
    "quality": "Ik lever goed werk.",
    "cooperation": "Samenwerken met collega's gaat goed.",
    "instructions": "Ik begrijp uitleg en opdrachten, en doe wat er gevraagd wordt.",
    "independence": "Ik kan zelfstandig werken.",
    "punctuality": "Ik kom op tijd en houd mij aan afspraken.",
    "energy": "Het werk kost mij niet te veel energie.",
    "wellbeing": "Ik voel mij prettig op het werk.",
    "guidance": "Ik krijg goede begeleiding op het werk.",
    "hours": "Het aantal uren per week is goed voor mij.",
    "change": "Er hoeft niets te veranderen aan mijn werk.",
}
SUPERVISOR_WORDING: dict[str, str] = {
    "tasks": "Het werk (de taken) past bij {name}.",
    "pace": "{name} werkt in een goed tempo.",
    "quality": "{name} levert goed werk.",
    "cooperation": "Samenwerken met collega's gaat goed voor {name}.",
    "instructions": "{name} begrijpt uitleg en opdrachten, en doet wat er gevraagd wordt.",
    "independence": "{name} kan zelfstandig werken.",
    "punctuality": "{name} komt op tijd en houdt zich aan afspraken.",
    "energy": "Het werk kost {name} niet te veel energie.",
    "wellbeing": "{name} voelt zich prettig op het werk.",
    "guidance": "{name} krijgt goede begeleiding op het werk.",
    "hours": "Het aantal uren per week is goed voor {name}.",
    "change": "Er hoeft niets te veranderen aan het werk van {name}.",
}


def evaluation_items_for(respondent: str, name: str) -> list[tuple[str, str]]:
    """The questions in the respondent's own perspective: "worker" or "supervisor"."""
    if respondent == "worker":
        return [(code, WORKER_WORDING[code]) for code, _text in EVALUATION_ITEMS]
    return [(code, SUPERVISOR_WORDING[code].format(name=name)) for code, _t in EVALUATION_ITEMS]


SCALE_LABELS = {1: "Nee, helemaal niet", 2: "Een beetje", 3: "Grotendeels", 4: "Ja, helemaal"}
MEANINGFUL_DIFFERENCE = 2


@dataclass(frozen=True)
class ComparedItem:
    code: str
    text: str
    worker: int | None
    supervisor: int | None

    @property
    def difference(self) -> int | None:
        if self.worker is None or self.supervisor is None:
            return None
        return self.worker - self.supervisor

    @property
    def differs(self) -> bool:
        """Report §2.1.4: where the two judgements differ, someone under- or overestimates."""
        return self.difference is not None and abs(self.difference) >= MEANINGFUL_DIFFERENCE

    @property
    def remark(self) -> str:
        if not self.differs or self.difference is None:
            return ""
        if self.difference > 0:
            return "Werknemer schat dit hoger in dan leidinggevende."
        return "Werknemer schat dit lager in dan leidinggevende."


def compare(worker: dict[str, int] | None, supervisor: dict[str, int] | None) -> list[ComparedItem]:
    worker = worker or {}
    supervisor = supervisor or {}
    return [
        ComparedItem(code, text, worker.get(code), supervisor.get(code))
        for code, text in EVALUATION_ITEMS
    ]


def evaluation_moments(first_employment: date) -> list[date]:
    """Summary §5: evaluate at 6 weeks, 3 months and 6 months after the first employment contract."""
    return [
        first_employment + timedelta(weeks=6),
        add_months(first_employment, 3),
        add_months(first_employment, 6),
    ]


EVALUATION_TOLERANCE_DAYS = 14


def evaluation_fulfilment(
    first_employment: date,
    evaluations: Iterable[date],
    on: date,
    tolerance_days: int = EVALUATION_TOLERANCE_DAYS,
) -> list[tuple[date, date | None]]:
    """docs/signals.md: each moment's due date with the evaluation that fulfils it: the first one
    dated from the due date minus the tolerance on that does not already fulfil an earlier
    moment. Only evaluations dated on or before `on` count. One rule for the worklist and the
    execution report."""
    available = sorted(d for d in evaluations if d <= on)
    result: list[tuple[date, date | None]] = []
    for due in evaluation_moments(first_employment):
        fulfilled = next((d for d in available if d >= due - timedelta(days=tolerance_days)), None)
        if fulfilled is not None:
            available.remove(fulfilled)
        result.append((due, fulfilled))
    return result


def evaluation_moments_for(contracts: list[Any]) -> list[date]:
    """The evaluation dates of a placement. `contracts` have `.kind` and `.start`."""
    starts = [c.start for c in contracts if c.kind in ("temporary", "permanent", "secondment")]
    return evaluation_moments(min(starts)) if starts else []


def needs_offer_talk(route: str, has_jobcoach: bool, discussed: bool, ended: bool) -> bool:
    """Issue 20 §7 (Summary §4): a job the person found themselves, without a jobcoach, whose
    employer has not yet heard what jobcoaching and the no-risk polis offer (once)."""
    return route == SELF_FOUND and not has_jobcoach and not discussed and not ended


def jobcoaching_offer_text() -> str:
    """What jobcoaching offers under the regional agreement (report §2.3.1), in plain words."""
    return (
        "Een jobcoach helpt de werknemer en u op de werkvloer: bij het inwerken, bij vragen en als "
        "er iets verandert. Dat kan bij werk van minstens "
        f"{num(JOBCOACH_MIN_HOURS_PER_WEEK)} uur per week, tot {num(JOBCOACH_HOURS_PER_YEAR)} uur "
        "per jaar, "
        f"{JOBCOACH_MAX_YEARS} jaar lang. Het kost u niets."
    )


# Help for private problems (issue 20 §6; report §3.2.3, "problemen in de privésfeer"): a
# concern about home or private life can be referred to the municipality's buurtteam/wijkteam.
PRIVATE = "private"
MSG_REFERRAL_NOT_PRIVATE = "Alleen een zorgsignaal over thuis of privé kan naar het buurtteam."
MSG_REFERRAL_BEFORE = "Doorverwezen vóór de melding van het zorgsignaal kan niet."
MSG_FEEDBACK_BEFORE = "De terugkoppeling komt na de doorverwijzing."
MSG_FEEDBACK_TEXT = "Schrijf op wat het buurtteam heeft teruggekoppeld."
MSG_FEEDBACK_DATE = "Vul in wanneer het buurtteam terugkoppelde."


def referral_problems(
    concern_kind: str,
    concern_date: date | None,
    referred_on: date | None,
    feedback_on: date | None,
    feedback: str,
) -> dict[str, str]:
    """What is wrong in a referral to the buurtteam, per field: one rule for the page, the
    import and the admin."""
    problems: dict[str, str] = {}
    if concern_kind != PRIVATE:
        problems["referred_on"] = MSG_REFERRAL_NOT_PRIVATE
    elif referred_on is not None and concern_date is not None and referred_on < concern_date:
        problems["referred_on"] = MSG_REFERRAL_BEFORE
    if feedback_on is not None and referred_on is not None and feedback_on < referred_on:
        problems["feedback_on"] = MSG_FEEDBACK_BEFORE
    if feedback_on is not None and not feedback.strip():
        problems["feedback"] = MSG_FEEDBACK_TEXT
    if feedback.strip() and feedback_on is None:
        problems["feedback_on"] = MSG_FEEDBACK_DATE
    return problems


# Sickness (issue 20 §1; report §3 "Instrumenten"): the employer carries the reintegration under
# the Wet verbetering poortwachter as for any employee, while UWV pays the Ziektewet benefit under
# the no-risk polis — "it is sometimes unclear who acts", so the region agrees it
# (organisations.Region) and the contact person checks the employer's Poortwachter steps.
@dataclass(frozen=True)
class Milestone:
    key: str
    week: int  # the week of sickness it falls in; the first day of sickness starts week 1
    what: str  # what the employer must have done by the end of that week (B1)


POORTWACHTER = (
    Milestone("problem_analysis", 6, "de probleemanalyse door de bedrijfsarts"),
    Milestone("action_plan", 8, "het plan van aanpak van werkgever en werknemer"),
    Milestone("uwv_report", 42, "de ziekmelding bij UWV (42e week)"),
    Milestone("first_year", 52, "de eerstejaarsevaluatie"),
)
# Absent this long, a job is at risk (the week of the problem analysis).
LONG_ABSENCE_WEEKS = 6


def week_starts(first_day: date, week: int) -> date:
    """The first day of the given week of sickness (week 1 starts on the first day)."""
    return first_day + timedelta(weeks=week - 1)


def week_ends(first_day: date, week: int) -> date:
    """The last day of the given week of sickness: 'uiterlijk in week 6' is this day."""
    return first_day + timedelta(weeks=week, days=-1)


@dataclass(frozen=True)
class MilestoneDate:
    milestone: Milestone
    check_from: date  # the week starts: the contact person checks with the employer
    deadline: date  # the week ends


def poortwachter_dates(first_day: date) -> list[MilestoneDate]:
    """The Poortwachter milestones of one sick report, dated."""
    return [
        MilestoneDate(m, week_starts(first_day, m.week), week_ends(first_day, m.week))
        for m in POORTWACHTER
    ]


def long_absence_from(first_day: date) -> date:
    """From this day a sick report still open is a long absence (a job at risk)."""
    return week_starts(first_day, LONG_ABSENCE_WEEKS)


def long_absent_if_sick_since(today: date) -> date:
    """The latest first day of sickness that is a long absence today: long_absence_from(F) <=
    today exactly when F <= this day (for a query over many reports)."""
    return today - timedelta(weeks=LONG_ABSENCE_WEEKS - 1)


MSG_RETURN_BEFORE = "De verwachte terugkeer ligt na de eerste ziektedag."
MSG_RECOVERED_BEFORE = "De dag van herstel (weer aan het werk) ligt na de eerste ziektedag."


def msg_still_sick(since: date) -> str:
    return (
        f"Er loopt al een ziekmelding (ziek sinds {format_date_nl(since)}). Meld eerst het "
        "herstel, of pas die ziekmelding aan."
    )


def msg_overlaps(since: date, until: date) -> str:
    return (
        f"Deze ziekmelding valt samen met een andere: ziek van {format_date_nl(since)}, weer aan "
        f"het werk op {format_date_nl(until)}. Een nieuwe ziekmelding begint niet eerder."
    )


def sick_report_problems(
    first_day: date | None,
    expected_return: date | None,
    recovered_on: date | None,
    others: Iterable[tuple[date, date | None]] = (),
) -> dict[str, str]:
    """What is wrong in one sick report, per field: one rule for the page, the API, the import
    and the admin. `others`: the placement's other sick reports as (first day, recovered on)."""
    problems: dict[str, str] = {}
    if first_day is None:
        return problems
    if expected_return is not None and expected_return <= first_day:
        problems["expected_return"] = MSG_RETURN_BEFORE
    if recovered_on is not None and recovered_on <= first_day:
        problems["recovered_on"] = MSG_RECOVERED_BEFORE
    for since, until in sorted(others):
        # Sick from the first day up to the day of recovery (back at work), not including it;
        # two periods overlap when each starts before the other ends (no end: still sick).
        if (until is None or first_day < until) and (recovered_on is None or since < recovered_on):
            problems.setdefault(
                "first_day", msg_still_sick(since) if until is None else msg_overlaps(since, until)
            )
    return problems
