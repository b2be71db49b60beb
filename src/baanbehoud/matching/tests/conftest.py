"""The region, accountmanager and task package the match's tests share."""

from __future__ import annotations

from decimal import Decimal

import pytest

from baanbehoud.employers.models import Vacancy
from baanbehoud.employers.tests.factories import EmployerFactory
from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import MunicipalityFactory, UserFactory


@pytest.fixture
def place():
    """Houten, with Bunnik 5 km away and Rhenen 28 km away, in one region."""
    houten = MunicipalityFactory.create(
        name="Houten", latitude=Decimal("52.02833"), longitude=Decimal("5.16806")
    )
    near = MunicipalityFactory.create(
        name="Bunnik", region=houten.region, organisation=houten.organisation,
        latitude=Decimal("52.06667"), longitude=Decimal("5.19861"),
    )  # fmt: skip
    far = MunicipalityFactory.create(
        name="Rhenen", region=houten.region, organisation=houten.organisation,
        latitude=Decimal("51.95917"), longitude=Decimal("5.56806"),
    )  # fmt: skip
    return houten, near, far


@pytest.fixture
def accountmanager(client, place):
    user = UserFactory.create(role=Role.ACCOUNTMANAGER, organisation=place[0].organisation)
    client.force_login(user)
    return user


@pytest.fixture
def vacancy(place, accountmanager):
    houten = place[0]
    employer = EmployerFactory.create(municipality=houten, sector="zorg")
    return Vacancy.objects.create(
        employer=employer, title="Gastvrouw", hours_min=16, hours_max=24, municipality=houten,
        work_pressure="low", stimuli="medium", team_or_alone="team", supervision=True,
        account_manager=accountmanager,
    )  # fmt: skip
