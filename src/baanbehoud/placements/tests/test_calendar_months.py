"""Calendar months (docs/signals.md, §6): the date arithmetic under every lead time and chain
length is the same as dateutil's relativedelta, on every day the rules can meet."""

from datetime import date

from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from baanbehoud.dates import EARLIEST, LATEST, add_months


@given(st.dates(min_value=EARLIEST, max_value=LATEST), st.integers(min_value=-600, max_value=600))
def test_add_months_is_relativedelta(day, months):
    assert add_months(day, months) == day + relativedelta(months=months)


def test_month_ends():
    assert add_months(date(2026, 9, 30), -2) == date(2026, 7, 30)
    assert add_months(date(2026, 3, 31), 1) == date(2026, 4, 30)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2025, 12, 15), 1) == date(2026, 1, 15)
    assert add_months(date(2026, 1, 15), -1) == date(2025, 12, 15)
