"""The processing log is append-only in the database itself, not only in the ORM.

Database triggers (migration 0004) refuse every UPDATE and DELETE of a log entry, whoever sends
it: the ORM's `bulk_create(update_conflicts=True)`, `QuerySet.update`, `_raw_delete`, or raw SQL.
PostgreSQL also refuses TRUNCATE. One change is let through: a deleted account's link becomes
empty (`on_delete=SET_NULL`, the entry keeps the name in `user_label`) and nothing else changes.

Anonymisation and retention never touch the log: its entries hold no name and no plain BSN.
The one way around the triggers is `log_maintenance()`, for a database administrator's documented
procedure (docs/security.md) and the test database's flush; it is not used by the application.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import connections

MESSAGE = "Het verwerkingenlog is alleen aan te vullen: wijzigen en verwijderen kan niet."
SETTING = "baanbehoud.log_maintenance"  # a PostgreSQL custom setting
SQLITE_FUNCTION = "baanbehoud_log_maintenance"

_maintenance: ContextVar[bool] = ContextVar("log_maintenance", default=False)

# Every column but user_id must stay the same for the one allowed UPDATE.
_KEPT_COLUMNS = (
    "id", "timestamp", "user_label", "organisation_label", "action", "activity", "object_type",
    "object_id", "person_id", "bsn_hash", "result",
)  # fmt: skip
_TABLE = "audit_processinglogentry"

SQLITE_CREATE = [
    f"""CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON {_TABLE}
    WHEN NOT {SQLITE_FUNCTION}() AND NOT (NEW.user_id IS NULL AND
        {" AND ".join(f"NEW.{c} IS OLD.{c}" for c in _KEPT_COLUMNS)})
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON {_TABLE}
    WHEN NOT {SQLITE_FUNCTION}()
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
]
SQLITE_DROP = ["DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"]

POSTGRESQL_CREATE = [
    f"""CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
    BEGIN
        IF coalesce(current_setting('{SETTING}', true), '') = 'on' THEN
            RETURN coalesce(NEW, OLD);
        END IF;
        IF TG_OP = 'UPDATE' AND NEW.user_id IS NULL
           AND (to_jsonb(NEW) - 'user_id') = (to_jsonb(OLD) - 'user_id') THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
    END $$ LANGUAGE plpgsql""",
    f"""CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON {_TABLE}
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()""",
    f"""CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON {_TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()""",
]
POSTGRESQL_DROP = [
    f"DROP TRIGGER audit_log_no_truncate ON {_TABLE}",
    f"DROP TRIGGER audit_log_no_change ON {_TABLE}",
    "DROP FUNCTION audit_log_append_only()",
]


def register_sqlite_function(sender: Any, connection: Any, **kwargs: Any) -> None:
    """Each SQLite connection gets the function the triggers ask. A connection without it (the
    sqlite3 shell) cannot change the log at all: the trigger fails with 'no such function'."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            SQLITE_FUNCTION, 0, lambda: int(_maintenance.get()), deterministic=False
        )


@contextmanager
def log_maintenance(using: str = "default") -> Iterator[None]:
    """Let changes to the log through, in this thread, for the duration of the block."""
    connection = connections[using]
    token = _maintenance.set(True)
    try:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, 'on', false)", [SETTING])
        yield
    finally:
        _maintenance.reset(token)
        if connection.vendor == "postgresql" and connection.connection is not None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, '', false)", [SETTING])
