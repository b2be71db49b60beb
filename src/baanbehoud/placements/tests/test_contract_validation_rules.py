"""Hard errors on contract periods (docs/rules.md §4, exchange-format import rules): the bad input,
the exact field, the Dutch message a user reads."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from baanbehoud.placements import domain
from baanbehoud.placements.models import ContractPeriod

from .factories import ContractFactory, PlacementFactory

pytestmark = pytest.mark.django_db


def errors_of(contract: ContractPeriod) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as info:
        contract.full_clean()
    return info.value.message_dict


def new_contract(
    placement, kind="temporary", start=date(2025, 3, 6), end=date(2025, 9, 30), hours=16
):
    return ContractPeriod(
        placement=placement, kind=kind, start=start, end=end, hours_per_week=Decimal(hours)
    )


def test_end_before_start_is_refused_on_the_end_field():
    contract = new_contract(PlacementFactory.create(), start=date(2025, 3, 6), end=date(2025, 3, 5))
    assert errors_of(contract) == {"end": ["De einddatum ligt vóór de begindatum."]}


def test_end_on_the_start_day_is_accepted():
    new_contract(
        PlacementFactory.create(), start=date(2025, 3, 6), end=date(2025, 3, 6)
    ).full_clean()


def test_overlapping_contracts_in_one_placement_are_refused_with_the_other_contracts_dates():
    first = ContractFactory.create(start=date(2025, 3, 6), end=date(2025, 9, 30))
    second = new_contract(first.placement, start=date(2025, 9, 1), end=date(2026, 8, 31))
    assert errors_of(second) == {
        "start": [
            "Dit contract overlapt met het contract van 6 maart 2025 tot en met 30 september 2025. "
            "Contracten in één plaatsing mogen niet overlappen."
        ]
    }
    assert ContractPeriod.objects.count() == 1


def test_contract_starting_the_day_after_the_previous_one_ends_is_accepted():
    first = ContractFactory.create(start=date(2025, 3, 6), end=date(2025, 9, 30))
    new_contract(first.placement, start=date(2025, 10, 1), end=date(2026, 9, 30)).full_clean()


def test_same_dates_in_another_placement_do_not_overlap():
    ContractFactory.create(start=date(2025, 3, 6), end=date(2025, 9, 30))
    new_contract(
        PlacementFactory.create(), start=date(2025, 3, 6), end=date(2025, 9, 30)
    ).full_clean()


def test_no_contract_can_follow_a_permanent_contract():
    permanent = ContractFactory.create(kind="permanent", start=date(2025, 3, 6), end=None)
    later = new_contract(permanent.placement, start=date(2027, 1, 1), end=date(2027, 6, 30))
    assert errors_of(later) == {"start": ["Na een vast contract kan geen ander contract volgen."]}


def test_proefplaatsing_longer_than_six_months_is_refused():
    trial = new_contract(
        PlacementFactory.create(),
        kind="proefplaatsing",
        start=date(2025, 1, 6),
        end=date(2025, 7, 6),
    )
    assert errors_of(trial) == {"end": ["Een proefplaatsing duurt nooit langer dan zes maanden."]}


def test_proefplaatsing_of_exactly_six_months_is_accepted():
    new_contract(
        PlacementFactory.create(),
        kind="proefplaatsing",
        start=date(2025, 1, 6),
        end=date(2025, 7, 5),
    ).full_clean()


def test_negative_hours_are_refused():
    contract = new_contract(PlacementFactory.create(), hours=-1)
    assert "hours_per_week" in errors_of(contract)


@pytest.mark.parametrize(
    ("periods", "expected"),
    [
        # end before start
        ([("temporary", "2025-03-06", "2025-03-01")], [(0, "end", domain.MSG_END_BEFORE_START)]),
        # an overlap is reported once, on the later period, whatever the input order
        (
            [("temporary", "2025-09-01", "2026-08-31"), ("temporary", "2025-03-06", "2025-09-30")],
            [(0, "start", None)],
        ),
        # after permanent: reported as such, not also as an overlap
        (
            [("permanent", "2025-03-06", None), ("temporary", "2026-01-01", "2026-06-30")],
            [(1, "start", domain.MSG_AFTER_PERMANENT)],
        ),
        ([("proefplaatsing", "2025-01-06", "2025-07-06")], [(0, "end", domain.MSG_PROEF_TOO_LONG)]),
        (
            [
                ("proefplaatsing", "2025-01-06", "2025-03-05"),
                ("temporary", "2025-03-06", "2025-09-30"),
                ("permanent", "2025-10-01", None),
            ],
            [],
        ),
    ],
)
def test_contract_problems_table(periods, expected):
    series = [
        domain.ContractSpan(
            domain.ContractKind(kind),
            date.fromisoformat(start),
            date.fromisoformat(end) if end else None,
        )
        for kind, start, end in periods
    ]
    problems = domain.contract_problems(series)
    assert [(p.index, p.field) for p in problems] == [(i, f) for i, f, _m in expected]
    for problem, (_i, _f, message) in zip(problems, expected, strict=True):
        if message is not None:
            assert problem.message == message
