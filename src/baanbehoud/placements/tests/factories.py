from datetime import date
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from baanbehoud.employers.tests.factories import EmployerFactory
from baanbehoud.persons.tests.factories import PersonFactory
from baanbehoud.placements.models import ContractPeriod, Placement, Route


class PlacementFactory(DjangoModelFactory[Placement]):
    class Meta:
        model = Placement

    ref = factory.Sequence(lambda n: f"plaatsing-{n}")  # never a hand-written "pl1"
    person = factory.SubFactory(PersonFactory)
    employer = factory.SubFactory(EmployerFactory)
    function = "Inpakker"
    route = Route.WSP


class ContractFactory(DjangoModelFactory[ContractPeriod]):
    class Meta:
        model = ContractPeriod

    placement = factory.SubFactory(PlacementFactory)
    kind = ContractPeriod.Kind.TEMPORARY
    start = date(2025, 3, 6)
    end = date(2025, 9, 30)
    hours_per_week = Decimal(16)
