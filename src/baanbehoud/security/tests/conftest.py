from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from .world import World, build_world


@pytest.fixture(scope="module")
def shared_world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[World]:
    """One world for a whole module of read-mostly tests (the matrix has hundreds): built once
    in an outer transaction that is rolled back at the end. Each test still runs in its own
    savepoint (pytest-django's `db`), so what a test writes is gone before the next one."""
    with django_db_blocker.unblock(), transaction.atomic():
        world = build_world()
        yield world
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def shared_clients(shared_world: World, django_db_blocker: Any) -> dict[str, Any]:
    """A logged-in test client per role (and an anonymous one) for the shared world."""
    from .test_authorisation_matrix import clients

    with django_db_blocker.unblock():
        return clients(shared_world)
