"""Inserting many new records at once: `insert_many` is `bulk_create` for the import, with
PostgreSQL's COPY where the database has it; `insert_rows` takes rows of values instead of
model objects (the signal intervals: nothing reads them back as objects).

Why: a national import inserts 1.6 million records and as many signal intervals. Through
`bulk_create` Django turns every value into SQL (`prepare_value`, `get_db_prep_save`) and psycopg
quotes it into the statement's text — under the profiler 22 s of a 26,000-person import of 78 s,
more than the database spent storing the rows. COPY sends the rows as data: psycopg writes each
row in C and the server parses no statement.

The records come out as `bulk_create` leaves them: primary keys set (taken from the table's
sequence first, in one query), saved to the database, no model signals sent. On other databases
(SQLite) it is `bulk_create`.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from django.db import connections, models
from django.db.models import Model

M = TypeVar("M", bound=Model)

# Field types whose value goes to the database as the attribute holds it (psycopg adapts
# str, int, bool, date, datetime, Decimal and None; a TextChoices member is a str). Any other
# field (JSON, a custom field, a subclass) goes through its own get_db_prep_save.
AS_HELD: frozenset[type[models.Field[Any, Any]]] = frozenset(
    {
        models.AutoField,
        models.BigAutoField,
        models.BigIntegerField,
        models.BooleanField,
        models.CharField,
        models.DateField,
        models.DateTimeField,
        models.DecimalField,
        models.EmailField,
        models.ForeignKey,
        models.IntegerField,
        models.OneToOneField,
        models.PositiveIntegerField,
        models.PositiveSmallIntegerField,
        models.SlugField,
        models.SmallIntegerField,
        models.TextField,
    }
)


def insert_many(model: type[M], objs: Sequence[M]) -> None:
    """Insert new records (without a primary key) as `bulk_create(objs)` would."""
    if not objs:
        return
    manager = model._default_manager
    connection = connections[manager.db]
    if connection.vendor != "postgresql" or any(obj.pk is not None for obj in objs):
        manager.bulk_create(objs)
        return
    opts = model._meta
    pk = opts.pk
    assert pk is not None
    fields = [f for f in opts.concrete_fields if f is not pk]
    values = [_value_of(field, connection) for field in fields]
    for obj in objs:  # a related record saved after it was assigned: its id, as bulk_create does
        obj._prepare_related_fields_for_save(operation_name="bulk_create")  # type: ignore[attr-defined]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [opts.db_table, pk.column, len(objs)],
        )
        ids = [row[0] for row in cursor.fetchall()]
    _copy(
        connection,
        model,
        [pk, *fields],
        (
            [pk_value, *(value(obj) for value in values)]
            for pk_value, obj in zip(ids, objs, strict=True)
        ),
    )
    for pk_value, obj in zip(ids, objs, strict=True):
        obj.pk = pk_value
        obj._state.adding = False
        obj._state.db = manager.db


def insert_rows(model: type[Model], names: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Insert new records given as rows of values of the fields `names` (attribute names: a
    related record by its id), without making a model object of each where the database takes
    the rows as data: the signal refresh writes a million and a half intervals nationally. The
    primary keys come from the table's sequence; nothing is returned."""
    if not rows:
        return
    manager = model._default_manager
    connection = connections[manager.db]
    if connection.vendor != "postgresql":
        manager.bulk_create([model(**dict(zip(names, row, strict=True))) for row in rows])
        return
    fields: list[Any] = [model._meta.get_field(name) for name in names]
    # A field not taken as held (JSON) goes as its get_db_prep_save makes it.
    special = [(i, f) for i, f in enumerate(fields) if type(f) not in AS_HELD]

    def prepared(row: Sequence[Any]) -> Sequence[Any]:
        if not special:
            return row
        values = list(row)
        for i, field in special:
            values[i] = field.get_db_prep_save(values[i], connection)
        return values

    _copy(connection, model, fields, map(prepared, rows))


# A table that has taken this many rows in the current transaction, more than twice the rows
# the planner last counted, is analysed (see `_keep_planner_informed`).
ANALYZE_FROM = 10_000


def _copy(connection: Any, model: type[Model], fields: Sequence[Any], rows: Iterable[Any]) -> None:
    """The rows into the model's table, one COPY statement."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(str(field.column)) for field in fields)
    sql = f"COPY {table} ({columns}) FROM STDIN"
    with connection.cursor() as cursor:
        with cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
        _keep_planner_informed(cursor, table)


def _keep_planner_informed(cursor: Any, table: str) -> None:
    """ANALYZE a table that grew far beyond what the planner knows of it, inside the transaction
    that is filling it. Autovacuum cannot count rows that are not yet committed, and without
    counts PostgreSQL takes `placement_id IN (2,000 ids)` for most of the table and reads all
    of it, for every part: the national import into a new database spent 100 of its 450 s
    waiting on such full scans (docs/performance.md, round 34). ANALYZE sees the transaction's
    own rows and may run inside it; growing by doubling, a table is analysed a few times at
    most (each reads a sample of 30,000 rows). Its row count stays behind if the transaction
    rolls back (a dry run) — too many rows only make the planner prefer the indexes. ANALYZE
    holds its lock to the end of the transaction: a second large import that wants to analyse
    the same table waits for the first (writes and reads do not wait). Imports write their
    lists in one order, so the second waits its turn; were they ever to cross, PostgreSQL
    ends one of them with a deadlock error and that import is rolled back whole. One question
    per COPY (a query-count test counts it)."""
    cursor.execute(
        "SELECT pg_stat_get_xact_tuples_inserted(c.oid), c.reltuples FROM pg_class c"
        " WHERE c.oid = %s::regclass",
        [table],
    )
    inserted, counted = cursor.fetchone()
    if inserted >= ANALYZE_FROM and inserted > 2 * max(counted, 0):
        cursor.execute(f"ANALYZE {table}")


def _value_of(field: models.Field[Any, Any], connection: Any) -> Callable[[Model], Any]:
    """How one field's value is read for the database, as `bulk_create` prepares it."""
    if type(field) in AS_HELD and not (
        getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ):
        return operator.attrgetter(field.attname)
    return lambda obj: field.get_db_prep_save(field.pre_save(obj, True), connection)
