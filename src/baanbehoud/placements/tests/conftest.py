"""What the placement tests share: a klantmanager, logged in, of an organisation of their own."""

import pytest

from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import UserFactory


@pytest.fixture
def klantmanager(client):
    user = UserFactory.create(role=Role.KLANTMANAGER)
    client.force_login(user)
    return user
