"""LOAD_REVIEW_DUE (docs/signals.md §6, issue 20 §4; report §3.2.3: the load capacity fluctuates
or declines): the load capacity is assessed again on the review date the arbeidsdeskundige set
or, for a course that declines, three months (per organisation) after the assessment — while
the person works here, until a newer assessment. Pure: records in, signals out."""

from datetime import date, timedelta

import pytest

from baanbehoud.placements.domain import ContractKind
from baanbehoud.signals.domain import (
    Code,
    Contract,
    LoadAssessment,
    PlacementFacts,
    SignalConfig,
    load_review_due,
    open_signals,
)

D = date.fromisoformat
JOB = Contract(1, ContractKind.TEMPORARY, D("2026-01-01"), D("2027-12-31"))


def facts(load, *, contracts=(JOB,), ending=None, config=None):
    return PlacementFacts(
        id=1, route="wsp", contracts=contracts, chain=contracts, ending=ending, load=load,
        config=config or SignalConfig(),
    )  # fmt: skip


def review(f, on):
    found = [s for s in open_signals(f, D(on)) if s.code == Code.LOAD_REVIEW_DUE]
    assert len(found) <= 1
    return found[0] if found else None


@pytest.mark.parametrize(
    ("course", "next_review", "due"),
    [
        # The review date the arbeidsdeskundige set decides, whatever the course.
        ("stable", "2026-09-01", "2026-09-01"),
        ("fluctuating", "2026-07-15", "2026-07-15"),
        ("progressive", "2026-05-01", "2026-05-01"),
        # Without one: a declining course three calendar months after the assessment ...
        ("progressive", None, "2026-06-10"),
        # ... and a stable or fluctuating one not at all.
        ("stable", None, None),
        ("fluctuating", None, None),
    ],
)
def test_the_due_date(course, next_review, due):
    load = LoadAssessment(7, D("2026-03-10"), course, D(next_review) if next_review else None)
    assert load_review_due(load, SignalConfig()) == (D(due) if due else None)
    f = facts(load)
    if due is None:
        assert review(f, "2027-12-31") is None
        return
    assert review(f, (D(due) - timedelta(days=1)).isoformat()) is None
    signal = review(f, due)
    assert signal is not None and signal.due == D(due) and signal.subject == "load:7"
    assert "beoordeeld op 10-03-2026" in signal.message


def test_calendar_months_at_the_end_of_a_month():
    load = LoadAssessment(1, D("2026-11-30"), "progressive")
    assert load_review_due(load, SignalConfig()) == D("2027-02-28")


def test_the_organisation_sets_the_months_for_a_declining_course():
    load = LoadAssessment(1, D("2026-03-10"), "progressive")
    config = SignalConfig(load_review_progressive_months=1)
    assert review(facts(load, config=config), "2026-04-10").due == D("2026-04-10")
    assert review(facts(load, config=config), "2026-04-09") is None


def test_the_message_says_why():
    declining = review(facts(LoadAssessment(1, D("2026-03-10"), "progressive")), "2026-06-10")
    assert "de belastbaarheid gaat achteruit" in declining.message
    agreed = LoadAssessment(1, D("2026-03-10"), "stable", D("2026-04-01"))
    assert "dat is afgesproken" in review(facts(agreed), "2026-04-01").message


def test_it_stays_open_until_a_newer_assessment():
    old = LoadAssessment(1, D("2026-03-10"), "progressive")
    assert review(facts(old), "2026-10-01") is not None  # months later: still open
    # A newer assessment replaces the latest: stable, no review date — nothing to do.
    assert review(facts(LoadAssessment(2, D("2026-07-01"), "stable")), "2026-10-01") is None
    # A newer one that declines again: due three months after *it*.
    again = facts(LoadAssessment(3, D("2026-07-01"), "progressive"))
    assert review(again, "2026-09-30") is None
    assert review(again, "2026-10-01").subject == "load:3"


def test_only_while_the_person_works_here():
    load = LoadAssessment(1, D("2026-03-10"), "stable", D("2026-04-01"))
    later = Contract(1, ContractKind.TEMPORARY, D("2026-06-01"), D("2026-12-31"))
    f = facts(load, contracts=(later,))
    assert review(f, "2026-05-31") is None  # not started yet
    assert review(f, "2026-06-01").due == D("2026-04-01")
    assert review(f, "2027-01-01") is None  # the contract ran out
    stopped = facts(load, ending=D("2026-05-15"))
    assert review(stopped, "2026-05-14") is not None
    assert review(stopped, "2026-05-15") is None  # an ended placement: no review here


def test_no_assessment_no_signal():
    assert review(facts(None), "2027-01-01") is None
