"""Two people at once (issue 13 §7): calls started together in threads of their own, each with
its own database connection, as two requests would be."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, connections


def at_once(*calls: Callable[[], object]) -> list[str]:
    """Each call's outcome, in the order they finished: "stored", or "refused" when the rules
    said no (a ValidationError) or SQLite's in-memory test database refused the lock at once."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []

    def run(call: Callable[[], object]) -> None:
        try:
            barrier.wait()
            call()
            outcomes.append("stored")
        except ValidationError:
            outcomes.append("refused")
        except DatabaseError:
            assert connection.vendor == "sqlite"
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes
