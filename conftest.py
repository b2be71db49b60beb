"""Shared fixtures. Factories live in each app's tests/factories.py."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client


@pytest.fixture(autouse=True)
def force_login_passes_the_second_step(monkeypatch: pytest.MonkeyPatch) -> None:
    """`client.force_login(user)` in a test means "this user is logged in", which for a
    professional includes the TOTP step: give them a confirmed device and mark the session
    verified, exactly as django-otp's own login does. The middleware itself stays on; the tests
    in security/tests/ log in through the real pages and show the step is enforced."""
    original = Client.force_login

    def force_login(self: Client, user: Any, backend: str | None = None) -> None:
        from baanbehoud.security.tests.helpers import mark_verified

        original(self, user, backend)
        mark_verified(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True, scope="session")
def flush_may_empty_the_processing_log() -> Any:
    """Transactional tests (the browser tests' live server) empty every table afterwards; the
    processing log's append-only triggers allow that only inside `log_maintenance()`."""
    from django.db.backends.base.operations import BaseDatabaseOperations

    from baanbehoud.audit.append_only import log_maintenance

    original = BaseDatabaseOperations.execute_sql_flush

    def execute_sql_flush(self: BaseDatabaseOperations, sql_list: Any) -> None:
        with log_maintenance(self.connection.alias):
            original(self, sql_list)

    BaseDatabaseOperations.execute_sql_flush = execute_sql_flush  # type: ignore[method-assign]
    yield
    BaseDatabaseOperations.execute_sql_flush = original  # type: ignore[method-assign]
