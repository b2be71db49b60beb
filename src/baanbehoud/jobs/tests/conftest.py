"""A real task queue for the tests that need one: Redis as the broker and the shared cache, and a
Celery worker (in a thread of the test process, so that it uses the test database).

Redis runs on this machine and in CI (127.0.0.1:6379; TEST_REDIS_URL for another). On a developer's
machine without it these tests are skipped with one line that says so; in CI (CI=true) a missing
Redis fails them."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import pytest

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
# A queue of this test process's own: parallel test processes (and CI runs) never take each
# other's jobs. One per process: Celery keeps its queue declarations once made.
QUEUE = f"test-{uuid.uuid4().hex}"


def _redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def task_queue(settings: Any) -> Iterator[Any]:
    """Jobs go over Redis to a worker; progress goes through the Redis cache, as in production."""
    if not _redis_answers():
        where = urlparse(REDIS_URL).netloc
        message = (
            f"Redis is not reachable at {where}: start redis-server, or set TEST_REDIS_URL, "
            "to run the task-queue tests."
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    from celery.contrib.testing.worker import start_worker
    from django.db import connection
    from django.db.backends.signals import connection_created

    from baanbehoud.config.celery import app

    def read_without_table_locks(sender: Any, connection: Any, **kwargs: Any) -> None:
        if connection.vendor == "sqlite":
            connection.cursor().execute("PRAGMA read_uncommitted = 1")

    # SQLite's test database is one in-memory database that the test and the worker's thread
    # share (shared cache). There a reader locks a table against a writer at once instead of
    # letting it wait, as a database file or PostgreSQL would; so here readers take no such locks.
    connection_created.connect(read_without_table_locks, dispatch_uid="task-queue-tests")
    connection.ensure_connection()
    read_without_table_locks(None, connection)

    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    saved = {k: app.conf[k] for k in ("broker_url", "task_always_eager", "task_default_queue")}
    app.conf.update(broker_url=REDIS_URL, task_always_eager=False, task_default_queue=QUEUE)
    try:
        with start_worker(app, pool="threads", concurrency=1, perform_ping_check=False):
            yield app
    finally:
        app.conf.update(saved)
        connection_created.disconnect(dispatch_uid="task-queue-tests")
