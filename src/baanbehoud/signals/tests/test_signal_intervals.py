"""Signals as intervals (issue 15): for every day, the signals whose interval holds that day are
exactly the signals the rules give for that day. Pure: random histories, no database."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from baanbehoud.dates import add_months
from baanbehoud.placements.domain import ContractKind
from baanbehoud.signals.domain import (
    Concern,
    Contract,
    HoursStep,
    Jobcoaching,
    LoadAssessment,
    PlacementFacts,
    Provision,
    Sickness,
    SignalConfig,
    WageValue,
    open_signals,
    signal_intervals,
)

ONE_DAY = timedelta(days=1)
FIRST_DAY = date(2023, 1, 1)


def days_after(base: date) -> st.SearchStrategy[date]:
    return st.integers(min_value=0, max_value=700).map(lambda n: base + timedelta(days=n))


@st.composite
def placement_facts(draw: st.DrawFn) -> PlacementFacts:
    """One placement with a proefplaatsing or not, one to four temporary contracts with gaps
    (so chains and the notice rule come into play), sometimes a permanent contract or an
    ending, and the records of guidance around them, dated anywhere in the same years."""
    start = draw(st.dates(min_value=FIRST_DAY, max_value=date(2025, 6, 30)))
    contracts: list[Contract] = []
    next_id = 1
    if draw(st.booleans()):
        end = start + timedelta(days=draw(st.integers(min_value=14, max_value=90)))
        contracts.append(Contract(next_id, ContractKind.PROEFPLAATSING, start, end))
        next_id += 1
        start = end + ONE_DAY
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        months = draw(st.integers(min_value=1, max_value=14))
        end = add_months(start, months) - ONE_DAY
        contracts.append(Contract(next_id, ContractKind.TEMPORARY, start, end))
        next_id += 1
        start = end + ONE_DAY + timedelta(days=draw(st.sampled_from([0, 0, 20, 200])))
    if draw(st.integers(min_value=0, max_value=3)) == 0 or not contracts:
        contracts.append(Contract(next_id, ContractKind.PERMANENT, start, None))
    first = contracts[0].start
    last_end = max((c.end for c in contracts if c.end is not None), default=first)
    how = draw(st.sampled_from([None, None, None, "after", "any"]))
    ending: date | None = None
    if how == "after":
        ending = last_end + ONE_DAY
    elif how == "any":
        ending = draw(days_after(first))
    contacts = tuple(draw(st.lists(days_after(first), max_size=4)))
    evaluations = tuple(draw(st.lists(days_after(first), max_size=3)))
    hours_steps = tuple(
        HoursStep(i + 1, review, draw(st.none() | days_after(review)))
        for i, review in enumerate(draw(st.lists(days_after(first), max_size=2)))
    )
    concerns = tuple(
        Concern(i + 1, raised, draw(st.none() | days_after(raised)), "worker", "health")
        for i, raised in enumerate(draw(st.lists(days_after(first), max_size=2)))
    )
    provisions = tuple(
        Provision(
            i + 1, "werkplek", asked, draw(st.none() | days_after(asked)), draw(st.booleans())
        )
        for i, asked in enumerate(draw(st.lists(days_after(first), max_size=2)))
    )
    jobcoaching = []
    for i in range(draw(st.sampled_from([0, 1, 1]))):
        jc_start = draw(days_after(first))
        offsets = draw(st.lists(st.integers(min_value=0, max_value=14), max_size=8, unique=True))
        jobcoaching.append(
            Jobcoaching(
                i + 1,
                jc_start,
                draw(st.none() | days_after(jc_start)),
                hours=tuple(
                    (add_months(jc_start.replace(day=1), m), Decimal(draw(st.integers(5, 30))))
                    for m in offsets
                ),
                reports=tuple(draw(st.lists(days_after(jc_start), max_size=3))),
                has_exception=draw(st.integers(min_value=0, max_value=3)) == 0,
            )
        )
    temporaries = tuple(c for c in contracts if c.kind == ContractKind.TEMPORARY)
    return PlacementFacts(
        id=1,
        route=draw(st.sampled_from(["wsp", "self"])),
        contracts=tuple(contracts),
        chain=temporaries,
        ending=ending,
        person_has_contact=draw(st.booleans()),
        employer_has_contact=draw(st.booleans()),
        contacts=contacts,
        evaluations=evaluations,
        hours_steps=hours_steps,
        concerns=concerns,
        provisions=provisions,
        jobcoaching=tuple(jobcoaching),
        config=SignalConfig(
            contract_end_lead_months=draw(st.integers(1, 3)),
            aftercare_contact_days=draw(st.sampled_from([7, 14])),
            aftercare_cadence_months=draw(st.integers(1, 2)),
            aftercare_max_months=draw(st.sampled_from([3, 12])),
        ),
        # AFTERCARE_DUE: what came after the ending, its closing decision, other work.
        ending_next=draw(st.sampled_from(["benefit", "sick", "unknown", "new_job"])),
        aftercare_closed=draw(st.none() | days_after(ending)) if ending is not None else None,
        other_work=tuple(
            draw(st.lists(st.tuples(days_after(first), st.none() | days_after(first)), max_size=1))
        ),
        # LOAD_REVIEW_DUE: the person's latest assessment, with or without a review date.
        load=draw(st.none() | load_assessments(first)),
        # SICK_REPORTED and POORTWACHTER_CHECK: sick reports one after another, some recovered.
        sickness=sick_reports(draw, first),
        # WAGE_VALUE_DUE: the placement's latest loonwaarde measurement.
        wage_value=draw(st.none() | wage_values(first)),
    )


def wage_values(first: date) -> st.SearchStrategy[WageValue]:
    return days_after(first).flatmap(
        lambda day: st.builds(
            WageValue,
            id=st.just(1),
            measured_on=st.just(day),
            outcome=st.integers(0, 100),
            next_measurement=st.none() | days_after(day + ONE_DAY),
        )
    )


def sick_reports(draw, first: date) -> tuple[Sickness, ...]:
    reports, start = [], draw(days_after(first))
    for i in range(draw(st.sampled_from([0, 1, 1, 2]))):
        days = draw(st.none() | st.integers(1, 400))
        recovered = start + timedelta(days=days) if days is not None else None
        reports.append(Sickness(i + 1, start, recovered))
        if recovered is None:
            break
        start = recovered + timedelta(days=draw(st.integers(1, 60)))
    return tuple(reports)


def load_assessments(first: date) -> st.SearchStrategy[LoadAssessment]:
    return days_after(first).flatmap(
        lambda day: st.builds(
            LoadAssessment,
            id=st.just(1),
            assessed_on=st.just(day),
            course=st.sampled_from(["stable", "fluctuating", "progressive"]),
            next_review=st.none() | days_after(day + ONE_DAY),
        )
    )


def from_intervals(intervals, day):
    return sorted(
        (i.signal for i in intervals if i.open_on(day)), key=lambda s: (s.due, s.code.value)
    )


def compare(facts: PlacementFacts, days) -> None:
    intervals = signal_intervals(facts)
    for day in days:
        expected = open_signals(facts, day)
        found = from_intervals(intervals, day)
        assert [(s.code, s.subject, s.due, s.message) for s in found] == [
            (s.code, s.subject, s.due, s.message) for s in expected
        ], day


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(placement_facts())
def test_intervals_give_the_signals_of_every_day(facts):
    """Every day from before the first record until well after the last one."""
    every_day = (FIRST_DAY - ONE_DAY + timedelta(days=n) for n in range(6 * 366))
    compare(facts, [*every_day, date(2040, 1, 1)])


def test_a_day_far_ahead_still_has_the_signals_that_never_close():
    facts = PlacementFacts(
        id=1,
        route="wsp",
        contracts=(Contract(1, ContractKind.PERMANENT, date(2024, 1, 1), None),),
        person_has_contact=False,
    )
    compare(facts, [date(2024, 1, 1), date(2030, 1, 1), date(2099, 12, 31)])
    codes = {i.signal.code.value for i in signal_intervals(facts) if i.closes is None}
    assert codes == {"NO_CONTACT_PERSON", "CONTACT_DUE"}


def test_the_notice_text_changes_the_day_after_the_notice_date():
    """A contract of a year: 'must say by 30-11' until that day, 'has passed' from the next."""
    contract = Contract(1, ContractKind.TEMPORARY, date(2024, 1, 1), date(2024, 12, 31))
    facts = PlacementFacts(id=1, route="wsp", contracts=(contract,), chain=(contract,))
    ends = [i for i in signal_intervals(facts) if i.signal.code.value == "CONTRACT_END"]
    assert [(i.opens, i.closes) for i in ends] == [
        (date(2024, 10, 31), date(2024, 12, 1)),
        (date(2024, 12, 1), date(2025, 1, 1)),
    ]
    assert "aanzegdatum (30-11-2024) is voorbij" in ends[1].signal.message
    compare(facts, [date(2024, 1, 1) + timedelta(days=n) for n in range(800)])


def test_the_jobcoach_budget_signal_stops_at_new_year():
    facts = PlacementFacts(
        id=1,
        route="wsp",
        contracts=(Contract(1, ContractKind.PERMANENT, date(2024, 1, 1), None),),
        jobcoaching=(
            Jobcoaching(
                1,
                date(2024, 1, 1),
                None,
                hours=((date(2024, 3, 1), Decimal(30)), (date(2024, 4, 1), Decimal(30))),
            ),
        ),
    )
    budget = [i for i in signal_intervals(facts) if i.signal.subject == "jobcoaching:1:hours"]
    assert [(i.opens, i.closes) for i in budget] == [(date(2024, 4, 1), date(2025, 1, 1))]
    compare(facts, [date(2024, 1, 1) + timedelta(days=n) for n in range(800)])
