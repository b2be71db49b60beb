"""Dates as Dutch users read them, and calendar arithmetic. Pure Python (no Django)."""

from calendar import monthrange
from datetime import date
from decimal import Decimal
from functools import lru_cache

MONTHS_NL = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def format_date_nl(value: date | None) -> str:
    """`30 september 2026`: the way docs/pages.md says dates are shown."""
    if value is None:
        return ""
    return f"{value.day} {MONTHS_NL[value.month - 1]} {value.year}"


@lru_cache(maxsize=1 << 16)
def add_months(value: date, months: int) -> date:
    """Calendar months: 30 September - 2 months is 30 July; 31 March + 1 month is 30 April.
    (What dateutil's relativedelta(months=n) does, without its generality: the rules call this
    millions of times when the signals of the whole register are worked out — mostly with the
    same few dates of a placement, hence the cache.)"""
    year, month = divmod(value.year * 12 + value.month - 1 + months, 12)
    day = value.day
    if day > 28:
        day = min(day, monthrange(year, month + 1)[1])
    return date(year, month + 1, day)


def format_number_nl(value: Decimal | int | float) -> str:
    """`60`, `12,5`: Dutch decimal comma, no trailing zeros."""
    number = Decimal(str(value)).normalize()
    text = f"{number:f}"
    return text.replace(".", ",")


# Dates the domain rules can reason about: calendar arithmetic (chain lengths, lead times) on
# these never leaves Python's date range. Every entry point (forms, API, import) checks them.
EARLIEST = date(1900, 1, 1)
LATEST = date(2199, 12, 31)
MSG_IMPLAUSIBLE_DATE = "Vul een datum in tussen 1900 en 2199."


def is_plausible(value: date | None) -> bool:
    return value is None or EARLIEST <= value <= LATEST


# Things that happened cannot lie in the future (issue 13 §4). One rule for every door: the model
# clean (pages, API, services, admin) and the import call these with the day of the write.
MSG_IN_FUTURE = "Deze datum ligt in de toekomst. Vul de datum in waarop het gebeurde."
# An ending may be recorded ahead of time, but not further than a notice period can reach
# (art. 7:672 BW: at most 4 months for the employer; with a month's margin).
ENDING_AHEAD_MONTHS = 5
MSG_ENDING_TOO_FAR = (
    "Deze datum ligt te ver in de toekomst: een einde leg je hoogstens 5 maanden vooruit vast "
    "(de langste opzegtermijn)."
)


def happened_problem(value: date | None, today: date) -> str | None:
    """A contact, report, evaluation, request, decision, birth or registration: not after today."""
    return MSG_IN_FUTURE if value is not None and value > today else None


def ending_date_problem(value: date | None, today: date) -> str | None:
    if value is not None and value > add_months(today, ENDING_AHEAD_MONTHS):
        return MSG_ENDING_TOO_FAR
    return None
