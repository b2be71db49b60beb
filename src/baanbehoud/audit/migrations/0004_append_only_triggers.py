"""Database triggers that keep the processing log append-only (see audit/append_only.py)."""

from django.db import migrations

from baanbehoud.audit.append_only import (
    POSTGRESQL_CREATE,
    POSTGRESQL_DROP,
    SQLITE_CREATE,
    SQLITE_DROP,
)


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_processinglog_longer_object_type")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP}),
        )
    ]
