"""SICK_REPORTED and POORTWACHTER_CHECK (docs/signals.md §6, issue 20 §1; report §3
"Instrumenten": who acts when a worker from the target group is sick). A sick report reaches the
contact person at once and stays until they have been in touch; the Poortwachter milestones come
one by one, in the week the employer must have done them, until the contact person has checked.
Recovery closes both. Pure: records in, signals out."""

from datetime import date, timedelta

import pytest

from baanbehoud.guidance.domain import (
    long_absence_from,
    long_absent_if_sick_since,
    poortwachter_dates,
    sick_report_problems,
    week_ends,
    week_starts,
)
from baanbehoud.placements.domain import ContractKind
from baanbehoud.signals.domain import Code, Contract, PlacementFacts, Sickness, open_signals

D = date.fromisoformat
JOB = Contract(1, ContractKind.PERMANENT, D("2025-01-01"), None)
SICK = D("2026-03-02")  # a Monday


def facts(*sickness, contacts=(), contracts=(JOB,), ending=None):
    return PlacementFacts(
        id=1, route="wsp", contracts=contracts, chain=contracts, ending=ending,
        contacts=tuple(contacts), sickness=tuple(sickness),
    )  # fmt: skip


def sick(f, on, code=Code.SICK_REPORTED):
    return [s for s in open_signals(f, D(on)) if s.code == code]


# The Poortwachter (Wet verbetering poortwachter): the first day of sickness starts week 1.
@pytest.mark.parametrize(
    ("first_day", "key", "check_from", "deadline"),
    [
        ("2026-03-02", "problem_analysis", "2026-04-06", "2026-04-12"),  # week 6
        ("2026-03-02", "action_plan", "2026-04-20", "2026-04-26"),  # week 8
        ("2026-03-02", "uwv_report", "2026-12-14", "2026-12-20"),  # week 42
        ("2026-03-02", "first_year", "2027-02-22", "2027-02-28"),  # week 52
        # A first day late in a month and across a leap day.
        ("2027-12-29", "problem_analysis", "2028-02-02", "2028-02-08"),
        ("2027-12-29", "action_plan", "2028-02-16", "2028-02-22"),
        ("2027-12-29", "uwv_report", "2028-10-11", "2028-10-17"),
        ("2027-12-29", "first_year", "2028-12-20", "2028-12-26"),
    ],
)
def test_the_poortwachter_milestones(first_day, key, check_from, deadline):
    (found,) = [m for m in poortwachter_dates(D(first_day)) if m.milestone.key == key]
    assert (found.check_from, found.deadline) == (D(check_from), D(deadline))
    # The week is seven days: its last day is six days after its first.
    assert found.deadline - found.check_from == timedelta(days=6)


def test_week_one_starts_on_the_first_day_of_sickness():
    assert week_starts(SICK, 1) == SICK
    assert week_ends(SICK, 1) == SICK + timedelta(days=6)
    assert long_absence_from(SICK) == D("2026-04-06")  # the week of the problem analysis


@pytest.mark.parametrize("offset", range(-3, 4))
def test_the_query_of_a_long_absence_says_what_the_rule_says(offset):
    today = D("2026-04-06")
    first_day = long_absent_if_sick_since(today) + timedelta(days=offset)
    assert (long_absence_from(first_day) <= today) == (
        first_day <= long_absent_if_sick_since(today)
    )


def test_reported_raised_on_the_first_day_not_before():
    f = facts(Sickness(5, SICK))
    assert sick(f, "2026-03-01") == []
    (signal,) = sick(f, "2026-03-02")
    assert signal.due == SICK
    assert signal.subject == "sick:5"
    assert signal.priority == "high"
    assert "ziek sinds 02-03-2026" in signal.message


def test_reported_later_is_overdue_at_once():
    """The employer reports three weeks on: the signal is due on the first day of sickness."""
    (signal,) = sick(facts(Sickness(5, SICK)), "2026-03-23")
    assert signal.due == SICK


def test_reported_resolved_by_a_contact_from_the_first_day():
    assert sick(facts(Sickness(5, SICK), contacts=[D("2026-03-01")]), "2026-03-04") != []
    f = facts(Sickness(5, SICK), contacts=[D("2026-03-03")])
    assert sick(f, "2026-03-02") != []  # before the contact
    assert sick(f, "2026-03-03") == []


def test_recovery_closes_everything():
    f = facts(Sickness(5, SICK, recovered_on=D("2026-04-08")))
    assert sick(f, "2026-04-07") != []
    assert sick(f, "2026-04-07", Code.POORTWACHTER_CHECK) != []
    assert sick(f, "2026-04-08") == []
    assert sick(f, "2026-04-08", Code.POORTWACHTER_CHECK) == []


@pytest.mark.parametrize(
    ("on", "milestone"),
    [
        ("2026-04-05", None),  # week 5: nothing yet
        ("2026-04-06", "problem_analysis"),
        ("2026-04-19", "problem_analysis"),  # not checked: stays until the next one
        ("2026-04-20", "action_plan"),  # the next replaces it
        ("2026-12-13", "action_plan"),
        ("2026-12-14", "uwv_report"),
        ("2027-02-22", "first_year"),
        ("2030-01-01", "first_year"),  # the last stays until a contact or recovery
    ],
)
def test_one_milestone_at_a_time(on, milestone):
    found = sick(facts(Sickness(5, SICK)), on, Code.POORTWACHTER_CHECK)
    if milestone is None:
        assert found == []
        return
    (signal,) = found
    (expected,) = [m for m in poortwachter_dates(SICK) if m.milestone.key == milestone]
    assert signal.due == expected.check_from
    assert signal.subject == f"sick:5:{milestone}"
    assert f"uiterlijk {expected.deadline:%d-%m-%Y}" in signal.message


def test_a_contact_in_the_milestones_week_resolves_it_not_the_next():
    f = facts(Sickness(5, SICK), contacts=[D("2026-03-03"), D("2026-04-08")])
    assert sick(f, "2026-04-07", Code.POORTWACHTER_CHECK) != []
    assert sick(f, "2026-04-08", Code.POORTWACHTER_CHECK) == []
    # A contact before the week (the first one) does not count for it.
    (signal,) = sick(f, "2026-04-20", Code.POORTWACHTER_CHECK)
    assert signal.subject == "sick:5:action_plan"


def test_only_while_the_job_runs():
    ended = Contract(1, ContractKind.TEMPORARY, D("2025-01-01"), D("2026-03-31"))
    f = facts(Sickness(5, SICK), contracts=(ended,))
    assert sick(f, "2026-03-31") != []
    assert sick(f, "2026-04-01") == []
    assert sick(f, "2026-04-06", Code.POORTWACHTER_CHECK) == []
    f = facts(Sickness(5, SICK), ending=D("2026-03-20"))
    assert sick(f, "2026-03-20") == []


def test_each_report_its_own():
    f = facts(Sickness(5, D("2026-01-05"), D("2026-01-20")), Sickness(6, SICK))
    assert [s.subject for s in sick(f, "2026-01-10")] == ["sick:5"]
    assert [s.subject for s in sick(f, "2026-03-02")] == ["sick:6"]


# What is wrong in a sick report: one rule for the page, the API and the import.
@pytest.mark.parametrize(
    ("first_day", "expected_return", "recovered_on", "others", "problems"),
    [
        ("2026-03-02", None, None, [], set()),
        ("2026-03-02", "2026-03-02", None, [], {"expected_return"}),
        ("2026-03-02", "2026-03-03", None, [], set()),
        ("2026-03-02", None, "2026-03-02", [], {"recovered_on"}),
        ("2026-03-02", None, "2026-03-03", [], set()),
        # One open at a time.
        ("2026-03-02", None, None, [("2026-02-01", None)], {"first_day"}),
        # After an earlier one, from its day of recovery on.
        ("2026-03-02", None, None, [("2026-02-01", "2026-03-02")], set()),
        ("2026-03-02", None, None, [("2026-02-01", "2026-03-03")], {"first_day"}),
        # An earlier one recorded later (history): it must end before the later one starts.
        ("2026-01-05", None, "2026-02-01", [("2026-02-01", None)], set()),
        ("2026-01-05", None, "2026-02-02", [("2026-02-01", None)], {"first_day"}),
        ("2026-01-05", None, None, [("2026-02-01", "2026-02-10")], {"first_day"}),
    ],
)
def test_sick_report_problems(first_day, expected_return, recovered_on, others, problems):
    found = sick_report_problems(
        D(first_day),
        D(expected_return) if expected_return else None,
        D(recovered_on) if recovered_on else None,
        [(D(a), D(b) if b else None) for a, b in others],
    )
    assert set(found) == problems
