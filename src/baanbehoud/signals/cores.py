"""Working out the signal intervals of many placements on two cores (issue 15).

The rules are pure Python (`domain.signal_intervals`) and take one core; while they run the
database, and the machine's other core, wait. A national import works out 290,000 placements:
170 s of one core's time. When a refresh or the nightly check has that much to do, each part's
placements are split between this process and a helper process that only runs the rules: the
same function on the same facts, so the outcome is the same (the tests compare the two). The
helper is a fork of this process that runs the rules only: it never touches the database
connection it inherits, and ends without closing it ("spawn" would run the program's main
script again in the helper — a script without a main guard would then refresh the signals
itself and wait for this process's locks).

Not in a daemonic process (a Celery worker's prefork pool process is one: it may not start
processes): there the work stays on one core, as it does for small amounts of work, where
starting the helper would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from types import TracebackType
from typing import Any

from . import domain

# Placements to work out at least before a helper process is started.
PARALLEL_FROM = 20_000

Work = Sequence[tuple[int, domain.PlacementFacts]]
Row = tuple[Any, ...]

# The columns of a stored interval, in the order `rows` gives them.
INTERVAL_FIELDS = (
    "placement_id", "code", "subject", "due", "opens", "closes", "message", "params",
)  # fmt: skip


def rows(placement_id: int, intervals: Iterable[domain.Interval]) -> Iterator[Row]:
    for interval in intervals:
        signal = interval.signal
        yield (
            placement_id, signal.code.value, signal.subject, signal.due, interval.opens,
            interval.closes, signal.message, signal.params,
        )  # fmt: skip


def rows_of(work: Work) -> list[Row]:
    """The intervals of each placement as rows (the helper runs this: rows of plain values
    travel between processes at a quarter of the cost of the interval objects)."""
    return [row for pk, facts in work for row in rows(pk, domain.signal_intervals(facts))]


def can_share(total: int) -> bool:
    return (
        total >= PARALLEL_FROM
        and (os.cpu_count() or 1) > 1
        and not multiprocessing.current_process().daemon
    )


class Evaluator:
    """`with Evaluator(total) as evaluate: evaluate(work)`: the rows of the placements' intervals,
    on two cores when `total` is large enough (see the module's text), else in this process."""

    def __init__(self, total: int) -> None:
        self.pool: ProcessPoolExecutor | None = None
        if can_share(total):
            self.pool = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("fork")
            )

    def __enter__(self) -> Evaluator:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def __call__(self, work: Work) -> list[Row]:
        if self.pool is None or len(work) < 2:
            return rows_of(work)
        split = len(work) // 2
        theirs = self.pool.submit(rows_of, work[split:])
        mine = rows_of(work[:split])
        return mine + theirs.result()
