"""The moment of an ending (docs/rules.md §7), derived from the contracts, never typed."""

from datetime import date
from decimal import Decimal

import pytest

from baanbehoud.placements.domain import ContractKind, ContractSpan, Moment, ending_moment

D = date.fromisoformat
TRIAL = ContractSpan(ContractKind.PROEFPLAATSING, D("2025-01-06"), D("2025-03-05"), Decimal(12))
FIRST = ContractSpan(ContractKind.TEMPORARY, D("2025-03-06"), D("2025-09-30"), Decimal(16))
SECOND = ContractSpan(ContractKind.TEMPORARY, D("2025-10-01"), D("2026-09-30"), Decimal(16))
THIRD = ContractSpan(ContractKind.TEMPORARY, D("2026-10-01"), D("2027-09-30"), Decimal(16))
PERMANENT = ContractSpan(ContractKind.PERMANENT, D("2026-10-01"), None, Decimal(16))


@pytest.mark.parametrize(
    ("periods", "ending", "kwargs", "moment"),
    [
        ([TRIAL], "2025-02-10", {}, Moment.DURING_TRIAL),
        ([TRIAL], "2025-03-05", {}, Moment.TRIAL_TO_CONTRACT),  # the last day: not converted
        (
            [TRIAL, FIRST],
            "2025-03-05",
            {},
            Moment.TRIAL_TO_CONTRACT,
        ),  # ended before the contract began
        ([TRIAL, FIRST], "2025-06-01", {}, Moment.FIRST_HALF_YEAR),
        ([TRIAL, FIRST], "2025-09-05", {}, Moment.FIRST_HALF_YEAR),  # 6 months after 6 March
        ([TRIAL, FIRST, SECOND], "2025-11-15", {}, Moment.LATER_TEMPORARY),
        (
            [FIRST, SECOND],
            "2026-09-30",
            {"last_allowed_ends": [D("2026-09-30")]},
            Moment.TEMPORARY_TO_PERMANENT,
        ),
        (
            [FIRST, SECOND],
            "2026-08-30",
            {"last_allowed_ends": [D("2026-09-30")]},
            Moment.TEMPORARY_TO_PERMANENT,
        ),
        (
            [FIRST, SECOND],
            "2026-08-29",
            {"last_allowed_ends": [D("2026-09-30")]},
            Moment.LATER_TEMPORARY,
        ),
        ([FIRST, SECOND], "2026-09-30", {}, Moment.LATER_TEMPORARY),
        (
            [FIRST, SECOND],
            "2026-02-01",
            {"reason_codes": ["NO_PERMANENT_CONTRACT"]},
            Moment.TEMPORARY_TO_PERMANENT,
        ),
        ([FIRST, SECOND, PERMANENT], "2027-05-01", {}, Moment.AFTER_PERMANENT),
        (
            [FIRST, SECOND, THIRD],
            "2027-09-30",
            {"last_allowed_ends": [D("2027-09-30")]},
            Moment.TEMPORARY_TO_PERMANENT,
        ),
    ],
)
def test_ending_moment(periods, ending, kwargs, moment):
    assert ending_moment(periods, D(ending), **kwargs) == moment
