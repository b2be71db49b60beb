"""Issue 17 §7: hours in a form show as 28 or 28,5, never 28.0 (what the database keeps)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from baanbehoud.placements.forms import ContractForm
from baanbehoud.placements.tests.factories import ContractFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        (Decimal("28.0"), 'value="28"'),
        (Decimal("28.5"), 'value="28.5"'),
        (Decimal("20"), 'value="20"'),
    ],
)
def test_stored_hours_show_without_trailing_zeros(stored, shown):
    contract = ContractFactory.create(hours_per_week=stored)
    field = str(ContractForm(instance=contract)["hours_per_week"])
    assert shown in field and 'type="number"' in field
