"""AFTERCARE_DUE (docs/signals.md, issue 19 §4): after a job loss into a benefit, sickness or
the unknown somebody acts — contact within two weeks, then every month — until new work or a
recorded decision. Pure: records in, signals out."""

from datetime import date

import pytest

from baanbehoud.placements.domain import ContractKind
from baanbehoud.signals.domain import Code, Contract, PlacementFacts, SignalConfig, open_signals

D = date.fromisoformat
JOB = Contract(1, ContractKind.TEMPORARY, D("2025-10-01"), D("2026-09-30"))


def ended(next="benefit", **kwargs):
    kwargs.setdefault("contacts", (D("2026-08-01"),))
    return PlacementFacts(
        id=1, route="wsp", contracts=(JOB,), chain=(JOB,), ending=D("2026-09-30"),
        ending_next=next, **kwargs,
    )  # fmt: skip


def aftercare(facts, on):
    found = [s for s in open_signals(facts, D(on)) if s.code == Code.AFTERCARE_DUE]
    assert len(found) <= 1
    return found[0] if found else None


@pytest.mark.parametrize(
    ("next", "raised"),
    [("benefit", True), ("sick", True), ("unknown", True), ("new_job", False)],
)
def test_raised_the_day_after_the_end_unless_the_next_step_is_a_new_job(next, raised):
    facts = ended(next)
    assert aftercare(facts, "2026-09-30") is None  # the last day of the job
    signal = aftercare(facts, "2026-10-01")
    assert (signal is not None) == raised
    if raised:
        assert signal.due == D("2026-10-01")
        assert "30-09-2026" in signal.message
        assert "uiterlijk 14-10-2026 contact" in signal.message  # within two weeks of the end


def test_the_message_says_what_came_next():
    assert "daarna: uitkering, bijvoorbeeld WW" in aftercare(ended("benefit"), "2026-10-02").message
    assert "daarna: ziek" in aftercare(ended("sick"), "2026-10-02").message


@pytest.mark.parametrize(
    ("contact", "on", "due"),
    [
        # A contact after the end: the next is due a month later (calendar months).
        ("2026-10-10", "2026-11-10", "2026-11-10"),
        ("2026-10-31", "2026-11-30", "2026-11-30"),
        # The exit talk on the last day counts as the first aftercare contact.
        ("2026-09-30", "2026-10-30", "2026-10-30"),
    ],
)
def test_after_a_contact_the_next_contact_is_due_a_month_later(contact, on, due):
    facts = ended(contacts=(D("2026-08-01"), D(contact)))
    signal = aftercare(facts, on)
    assert signal.due == D(due)
    assert "het laatste contact was op" in signal.message


def test_a_contact_recorded_for_later_does_not_count_yet():
    facts = ended(contacts=(D("2026-10-20"),))
    assert aftercare(facts, "2026-10-15").due == D("2026-10-01")
    assert aftercare(facts, "2026-10-20") is None  # just had contact: next due 2026-11-20
    assert aftercare(facts, "2026-11-20").due == D("2026-11-20")


def test_a_contact_before_the_end_does_not_count():
    assert aftercare(ended(contacts=(D("2026-09-29"),)), "2026-10-05").due == D("2026-10-01")


def test_the_organisations_lead_times_apply():
    config = SignalConfig(aftercare_contact_days=7, aftercare_cadence_months=2)
    assert "uiterlijk 07-10-2026" in aftercare(ended(config=config), "2026-10-01").message
    facts = ended(config=config, contacts=(D("2026-10-05"),))
    assert aftercare(facts, "2026-12-05").due == D("2026-12-05")
    assert aftercare(facts, "2026-12-04") is None


def test_a_recorded_decision_stops_it_from_its_date():
    facts = ended(aftercare_closed=D("2026-11-15"))
    assert aftercare(facts, "2026-11-14") is not None
    assert aftercare(facts, "2026-11-15") is None
    assert aftercare(facts, "2030-01-01") is None


@pytest.mark.parametrize(
    ("work", "works"),
    [
        # Another placement, found later: whatever its date (as a next contract).
        ((D("2027-03-01"), None), True),
        ((D("2027-03-01"), D("2027-08-31")), True),
        # A second job that goes on after this one ended.
        ((D("2024-01-01"), None), True),
        ((D("2024-01-01"), D("2026-10-01")), True),
        # Work that was over by the end of this job is no work after it.
        ((D("2024-01-01"), D("2026-09-30")), False),
        ((D("2023-01-01"), D("2023-12-31")), False),
    ],
)
def test_new_work_stops_it(work, works):
    facts = ended(other_work=(work,))
    assert (aftercare(facts, "2026-10-05") is None) == works
    assert (aftercare(facts, "2027-06-01") is None) == works


def test_it_is_the_only_signal_of_an_ended_placement_besides_concerns():
    facts = ended()
    assert [s.code for s in open_signals(facts, D("2026-12-01"))] == [Code.AFTERCARE_DUE]


def test_it_stays_open_while_nobody_acts_for_at_most_a_year():
    assert aftercare(ended(), "2027-09-29").due == D("2026-10-01")
    assert aftercare(ended(), "2027-09-30") is None  # a year after the end (calendar months)
    assert aftercare(ended(config=SignalConfig(aftercare_max_months=6)), "2027-03-30") is None
    assert aftercare(ended(config=SignalConfig(aftercare_max_months=6)), "2027-03-29") is not None
