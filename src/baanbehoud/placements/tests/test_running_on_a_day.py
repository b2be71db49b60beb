"""`Placement.objects.current(on)`: running on a day — no ending recorded before it and a
contract that has not ended (or is still to start). The employer's view of its own workers and
the match's "no running job" rest on it."""

from __future__ import annotations

from datetime import date

import pytest

from baanbehoud.placements.models import Ending, Placement

from .factories import ContractFactory, PlacementFactory

pytestmark = pytest.mark.django_db
ON = date(2026, 6, 15)


@pytest.mark.parametrize(
    ("contract", "ending", "running"),
    [
        ((date(2026, 1, 1), None), None, True),  # open-ended, no ending
        ((date(2026, 1, 1), date(2026, 12, 31)), None, True),
        ((date(2026, 1, 1), ON), None, True),  # the contract's last day
        ((date(2026, 1, 1), date(2026, 6, 14)), None, False),  # ended the day before
        ((date(2026, 7, 1), date(2026, 12, 31)), None, True),  # still to start
        ((date(2026, 1, 1), None), ON, True),  # the ending's own day
        ((date(2026, 1, 1), None), date(2026, 6, 30), True),  # an ending still to come
        ((date(2026, 1, 1), None), date(2026, 6, 14), False),  # ended the day before
    ],
)
def test_running_on_a_day(contract, ending, running):
    placement = PlacementFactory.create()
    ContractFactory.create(placement=placement, start=contract[0], end=contract[1])
    if ending is not None:
        Ending.objects.create(placement=placement, date=ending, initiative="employer")
    assert Placement.objects.current(ON).filter(pk=placement.pk).exists() is running


def test_a_placement_without_a_contract_does_not_run():
    placement = PlacementFactory.create()
    assert not Placement.objects.current(ON).filter(pk=placement.pk).exists()
