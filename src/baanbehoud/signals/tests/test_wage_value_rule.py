"""WAGE_VALUE_DUE (docs/signals.md §6, issue 20 §3; report §4.2.5: the loonwaarde decides the
subsidy and is disputed): the loonwaarde is measured again on the date set with the latest
measurement, or a year (per organisation) after it; the signal comes a month (per organisation)
before, while the placement runs, until a newer measurement. Pure: records in, signals out."""

from datetime import date, timedelta

import pytest

from baanbehoud.placements.domain import (
    ContractKind,
    next_wage_value,
    subsidy_share,
    subsidy_text,
    wage_value_problems,
)
from baanbehoud.signals.domain import (
    Code,
    Contract,
    PlacementFacts,
    SignalConfig,
    WageValue,
    open_signals,
    wage_value_due,
)

D = date.fromisoformat
JOB = Contract(1, ContractKind.PERMANENT, D("2025-01-01"), None)


def facts(value, *, contracts=(JOB,), ending=None, config=None):
    return PlacementFacts(
        id=1, route="wsp", contracts=contracts, chain=contracts, ending=ending,
        wage_value=value, config=config or SignalConfig(),
    )  # fmt: skip


def due_signal(f, on):
    found = [s for s in open_signals(f, D(on)) if s.code == Code.WAGE_VALUE_DUE]
    assert len(found) <= 1
    return found[0] if found else None


@pytest.mark.parametrize(
    ("measured", "again", "cadence", "lead", "due"),
    [
        ("2026-03-10", None, 12, 1, "2027-02-10"),  # a year on, a month before
        ("2026-03-10", "2026-09-10", 12, 1, "2026-08-10"),  # the date set with the measurement
        ("2026-03-31", None, 12, 1, "2027-02-28"),  # month ends: the last day
        ("2026-03-31", None, 6, 0, "2026-09-30"),  # the organisation's own cadence, no lead
        ("2028-02-29", None, 12, 2, "2028-12-28"),  # a leap day, a year on is 28 February
    ],
)
def test_the_due_date(measured, again, cadence, lead, due):
    cfg = SignalConfig(wage_value_cadence_months=cadence, wage_value_lead_months=lead)
    value = WageValue(3, D(measured), 60, D(again) if again else None)
    assert wage_value_due(value, cfg) == D(due)
    f = facts(value, config=cfg)
    assert due_signal(f, (D(due) - timedelta(days=1)).isoformat()) is None  # not yet due
    signal = due_signal(f, due)  # raised on the day
    assert signal is not None and signal.due == D(due)
    assert signal.subject == "wage_value:3"
    expected_again = next_wage_value(D(measured), D(again) if again else None, cadence)
    assert f"de volgende hoort op {expected_again:%d-%m-%Y}" in signal.message
    assert due_signal(f, "2031-01-01") is not None  # stays until a newer measurement


def test_resolved_by_a_newer_measurement():
    old = facts(WageValue(3, D("2025-03-10"), 60))
    assert due_signal(old, "2026-03-01") is not None
    new = facts(WageValue(4, D("2026-03-01"), 55))  # the facts hold the latest only
    assert due_signal(new, "2026-03-01") is None
    assert due_signal(new, "2027-02-01").subject == "wage_value:4"


def test_only_while_the_job_runs():
    ended = Contract(1, ContractKind.TEMPORARY, D("2025-01-01"), D("2026-03-31"))
    f = facts(WageValue(3, D("2025-03-10"), 60), contracts=(ended,))
    assert due_signal(f, "2026-03-31") is not None
    assert due_signal(f, "2026-04-01") is None
    assert due_signal(facts(WageValue(3, D("2025-03-10"), 60), ending=D("2026-02-20")),
                      "2026-03-01") is None  # fmt: skip


def test_no_measurement_no_signal():
    assert due_signal(facts(None), "2030-01-01") is None


@pytest.mark.parametrize(
    ("outcome", "share"), [(100, 0), (80, 20), (40, 60), (30, 70), (10, 70), (0, 70)]
)
def test_the_subsidy_is_the_difference_to_the_minimum_wage_at_most_70(outcome, share):
    assert subsidy_share(outcome) == share
    assert f"{share} procent van het wettelijk minimumloon" in subsidy_text(
        "participatiewet", outcome
    )


def test_the_subsidy_per_regime():
    assert "Loondispensatie: de werkgever betaalt 45 procent" in subsidy_text("wajong", 45)
    assert "Vraag de gemeente of UWV" in subsidy_text("other", 45)


@pytest.mark.parametrize(
    ("again", "disputed", "note", "problems"),
    [
        (None, False, "", set()),
        ("2026-03-10", False, "", {"next_measurement"}),
        ("2026-03-11", False, "", set()),
        (None, True, "", {"dispute_note"}),
        (None, True, "De werkgever vindt 60% te hoog.", set()),
    ],
)
def test_wage_value_problems(again, disputed, note, problems):
    found = wage_value_problems(D("2026-03-10"), D(again) if again else None, disputed, note)
    assert set(found) == problems
