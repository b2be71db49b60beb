"""Rules of employers' records, as pure functions: one truth for the page, the API and the
import."""

from __future__ import annotations

from decimal import Decimal

MSG_HOURS_RANGE = "Het maximum aantal uren is lager dan het minimum."


def hours_range_problem(low: Decimal | None, high: Decimal | None) -> str | None:
    """A task package's hours are a range (report §4.3.4: e.g. 12 to 24 a week)."""
    if low is not None and high is not None and high < low:
        return MSG_HOURS_RANGE
    return None
