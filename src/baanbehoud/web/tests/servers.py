"""For tests that start the application in a process of its own (the browser tests' demo server,
the app server with a task queue, `baanbehoud serve`): a free port, a database of the suite's
kind, and waiting until the server answers."""

from __future__ import annotations

import os
import socket
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def answer(url: str, seconds: float = 20) -> bytes:
    """The body of `url` once the server that is starting answers it; RuntimeError if it does
    not within `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return bytes(response.read())
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not answer within {seconds:.0f} s") from None
            time.sleep(0.2)


@contextmanager
def own_database(tag: str, workdir: Path) -> Iterator[str]:
    """A SQLite file, or, when the suite runs on PostgreSQL (DATABASE_URL), a fresh database on
    that server, dropped afterwards."""
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
