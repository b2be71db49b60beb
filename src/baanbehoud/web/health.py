"""GET /gezondheid/: for a load balancer. 200 when the database answers and every migration is
applied and the task queue's broker answers (or jobs run in-process); otherwise 503 with what is
wrong. Says nothing about persons, needs no login."""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return "onbereikbaar"
    return "ok"


def _migrations() -> str:
    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        return "onbekend"
    return "ok" if not plan else f"{len(plan)} niet uitgevoerd"


def _queue() -> str:
    """The task queue's broker; "ingebouwd" when jobs run in-process (no broker configured)."""
    from baanbehoud.jobs.services import in_process

    if in_process():
        return "ingebouwd"
    from celery import current_app as app  # ours: config/celery.py makes it when Django starts

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception:  # kombu raises per transport; any failure means unreachable
        return "onbereikbaar"
    return "ok"


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    checks = {"database": _database(), "migraties": _migrations(), "wachtrij": _queue()}
    healthy = all(value in ("ok", "ingebouwd") for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "fout", **checks}, status=200 if healthy else 503
    )
