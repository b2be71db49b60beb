"""Shared fixtures. Factories live in each app's tests/factories.py."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

# Playwright's synchronous API keeps an event loop running in the test process once a browser
# test has run; Django then takes every later database test for async code and refuses. The
# application has no async code: the check protects nothing here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The browser tests drive Debian's Chromium; CHROMIUM_PATH names one elsewhere (macOS, another
# distribution). Decided here, not in the browser tests' conftest: with pytest-xdist the process
# that prints the summary collects nothing, so only this file's hooks run there.
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
MISSING = (
    f"the browser tests were skipped: no Chromium at {CHROMIUM}. Install it (apt-get install "
    "chromium) or set CHROMIUM_PATH to a Chromium or Chrome elsewhere."
)


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config,
                                  items: list[pytest.Item]) -> None:  # fmt: skip
    """The longest tests first (after pytest-django has put its kinds in order): the browser
    tests, then those marked slow, then the rest. The test processes then end together, not with one of them still
    starting a browser while the other waits.

    On a machine without Chromium (a developer's fresh checkout) the browser tests are skipped
    with one clear line; in CI a missing browser is a failure (the browser fixture)."""
    items.sort(
        key=lambda item: 0 if "browser" in item.keywords else 1 if "slow" in item.keywords else 2
    )
    if Path(CHROMIUM).exists() or _in_ci():
        return
    skip = pytest.mark.skip(reason=MISSING)
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not Path(CHROMIUM).exists() and not _in_ci():
        terminalreporter.write_line(MISSING[0].upper() + MISSING[1:])


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


@pytest.fixture
def today_stays(request: pytest.FixtureRequest) -> Any:
    """For a module that works out its dates from `TODAY = timezone.localdate()` at import: the
    clock stays on that day (ticking) during each of its tests, so a run that crosses midnight in
    Amsterdam does not compare yesterday's dates with today's. On that day the clock is not
    moved at all; after it, it goes back to 23:00 of that day. (It went to noon: after midnight
    that was twelve hours ahead of the login the test had just made, and the session had
    expired — found by a run at 00:18.)"""
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    import time_machine
    from django.conf import settings
    from django.utils import timezone

    day = request.module.TODAY
    now = timezone.localtime()
    late = datetime.combine(day, time(23), tzinfo=ZoneInfo(settings.TIME_ZONE))
    with time_machine.travel(now if now.date() == day else late, tick=True):
        yield


# A fixed "today" for the demo-based modules (a Monday): their dates do not move with the clock,
# and a run that crosses midnight gives the same answers.
DEMO_TODAY = "2026-11-16 10:00:00+01:00"


@pytest.fixture(scope="module")
def demo_module(
    request: pytest.FixtureRequest, django_db_setup: Any, django_db_blocker: Any
) -> Any:
    """The demo region, loaded once for a whole module inside a transaction that is rolled back at
    the module's end; every test still runs in its own savepoint (pytest-django's `db`), so what
    one test writes is gone before the next. The clock stands at DEMO_TODAY for the module (it
    ticks on from there). A module chooses its region with DEMO_SEED (default 2020)."""
    import time_machine
    from django.db import transaction

    from baanbehoud.demo.services import demo_load

    seed = getattr(request.module, "DEMO_SEED", 2020)
    with (
        time_machine.travel(DEMO_TODAY, tick=True),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        from django.utils import timezone

        demo_load(seed=seed, today=timezone.localdate())
        yield
        transaction.set_rollback(True)
