"""Issue 20 §4: which contracts and hours-build-up steps are held to the latest load-capacity
assessment (placements.domain.above_capacity_notes), one rule for the page, the API and the
import. Pure: records in, warnings out."""

from datetime import date
from decimal import Decimal

import pytest

from baanbehoud.placements.domain import above_capacity_notes

D = date.fromisoformat
TODAY = D("2026-11-30")


def notes(contracts=(), steps=(), capacity="24", assessed="2026-06-01"):
    return above_capacity_notes(
        [(k, D(s), D(e) if e else None, Decimal(h)) for k, s, e, h in contracts],
        [(k, D(f), Decimal(h)) for k, f, h in steps],
        Decimal(capacity),
        D(assessed) if assessed else None,
        TODAY,
    )


@pytest.mark.parametrize(
    ("contract", "warned"),
    [
        (("c", "2025-01-01", "2026-05-31", "32"), False),  # ended before the assessment
        (("c", "2025-01-01", "2026-06-01", "32"), True),  # runs on the day of the assessment
        (("c", "2026-01-01", None, "32"), True),  # permanent
        (("c", "2026-09-01", "2027-08-31", "24"), False),  # at the capacity: fine
        (("c", "2026-09-01", "2027-08-31", "24.5"), True),
    ],
)
def test_contracts_in_force_on_or_after_the_assessment(contract, warned):
    assert ("c" in notes(contracts=[contract])) == warned


def test_the_step_in_force_at_the_assessment_and_every_later_one():
    steps = [
        ("old", "2026-01-01", "32"),  # replaced before the assessment
        ("in force", "2026-03-01", "28"),  # the hours on the day of the assessment
        ("later", "2026-09-01", "30"),
        ("fine", "2026-12-01", "20"),
    ]
    assert set(notes(steps=steps)) == {"in force", "later"}


def test_two_steps_on_one_day_the_last_recorded_is_in_force():
    steps = [("first", "2026-03-01", "32"), ("second", "2026-03-01", "20")]
    assert notes(steps=steps) == {}


def test_a_capacity_from_before_the_history_counts_from_today():
    contracts = [("ended", "2025-01-01", "2026-11-29", "32"), ("runs", "2025-01-01", None, "32")]
    found = notes(contracts=contracts, assessed=None)
    assert set(found) == {"runs"}
    assert found["runs"] == (
        "32 uur per week is meer dan de belastbaarheid van 24 uur per week. Overleg met de "
        "arbeidsdeskundige voordat de uren omhoog gaan."
    )
