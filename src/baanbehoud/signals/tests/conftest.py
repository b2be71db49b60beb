"""The example document of exchange-format.md as records, shared by the signal tests."""

from datetime import date
from decimal import Decimal

import pytest

from baanbehoud.employers.tests.factories import EmployerFactory
from baanbehoud.organisations.tests.factories import MunicipalityFactory, UserFactory
from baanbehoud.persons.tests.factories import PersonFactory
from baanbehoud.placements.models import ContractPeriod
from baanbehoud.placements.tests.factories import PlacementFactory


@pytest.fixture
def example():
    """The example document of exchange-format.md, as records."""
    municipality = MunicipalityFactory.create(name="Woerden")
    consultant = UserFactory.create(
        ref="c1", username="c1", full_name="A. de Vries", organisation=municipality.organisation
    )
    employer = EmployerFactory.create(
        ref="e1", name="Bakkerij Voorbeeld", kvk="12345678", account_manager=consultant
    )
    person = PersonFactory.create(
        ref="p1",
        bsn="111222333",
        name="J. Jansen",
        municipality=municipality,
        contact_person=consultant,
    )
    placement = PlacementFactory.create(
        ref="pl1", person=person, employer=employer, function="Inpakker"
    )
    for kind, start, end, hours in [
        ("proefplaatsing", "2025-01-06", "2025-03-05", 12),
        ("temporary", "2025-03-06", "2025-09-30", 16),
        ("temporary", "2025-10-01", "2026-09-30", 20),
    ]:
        ContractPeriod.objects.create(
            placement=placement,
            kind=kind,
            start=date.fromisoformat(start),
            end=date.fromisoformat(end),
            hours_per_week=Decimal(hours),
        )
    placement.contacts.create(
        date=date(2026, 7, 15), with_worker=True, with_employer=True, by=consultant
    )
    for day in ("2025-04-17", "2025-06-06", "2025-09-06"):
        placement.evaluations.create(date=date.fromisoformat(day))
    return placement
