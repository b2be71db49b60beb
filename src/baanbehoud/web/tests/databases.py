"""A database of its own for a server that a test starts in another process (the browser tests'
demo server, `baanbehoud serve`): of the kind the suite runs on — a SQLite file, or, when the
suite runs on PostgreSQL (DATABASE_URL), a fresh database on that server, dropped afterwards."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


@contextmanager
def own_database(tag: str, workdir: Path) -> Iterator[str]:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{workdir / f'{tag}.sqlite3'}"
        return
    import psycopg

    parts = urlsplit(url)
    base = parts.path.lstrip("/") or "baanbehoud"
    name = f"{base}_{tag}_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
