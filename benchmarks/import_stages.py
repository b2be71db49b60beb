"""Where an import's time goes: wall and CPU seconds of each stage of `import_document` (the
stages a job's page shows), and the process's peak memory after each, as a Markdown table.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/empty uv run python benchmarks/import_stages.py national.json

Imports into the database of the settings (migrated first); run it on an empty one. The
"database" column is the wall time the process did not spend on its own CPU: mostly waiting for
the database server.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import sys
import time
from pathlib import Path


class Timer:
    """A `Progress` that notes when each stage starts."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, float, float, int]] = []
        self.peaks: list[float] = []  # the process's peak memory when each stage ended (MB)
        self.stage("Document lezen", 0)

    def stage(self, label: str, total: int) -> None:
        if self.rows:
            self.peaks.append(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        self.rows.append((label, time.perf_counter(), time.process_time(), total))

    def advance(self, n: int = 1) -> None:
        pass

    def table(self) -> str:
        rows = [*self.rows, ("(einde)", time.perf_counter(), time.process_time(), 0)]
        peaks = [*self.peaks, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]
        lines = [
            "| stage | items | wall (s) | CPU (s) | database (s) | peak memory so far (MB) |",
            "|---|---|---|---|---|---|",
        ]
        pairs = itertools.pairwise(rows)
        for ((label, wall, cpu, total), (_next, wall2, cpu2, _t)), peak in zip(
            pairs, peaks, strict=True
        ):
            lines.append(
                f"| {label} | {total:,} | {wall2 - wall:.1f} | {cpu2 - cpu:.1f} "
                f"| {max(0.0, (wall2 - wall) - (cpu2 - cpu)):.1f} | {peak:,.0f} |"
            )
        lines.append(
            f"| total | | {rows[-1][1] - rows[0][1]:.1f} | {rows[-1][2] - rows[0][2]:.1f} | | |"
        )
        return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("document", type=Path)
    parser.add_argument("--queries", type=int, default=0, help="print the N slowest statements")
    parser.add_argument(
        "--whole", action="store_true", help="parse the whole document first (before round 35)"
    )
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baanbehoud.config.settings.dev")
    # As on a server: with DEBUG on, Django keeps its last 9,000 statements (44 MB more at the
    # national import's peak). `DEBUG=1` measures the dev preset as it is.
    os.environ.setdefault("DEBUG", "0")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from baanbehoud.exchange.importer import import_document
    from baanbehoud.exchange.importer.streaming import read_document_file

    call_command("migrate", verbosity=0)
    timer = Timer()
    if args.whole:
        with args.document.open("rb") as handle:
            document = json.load(handle)
    else:  # as `baanbehoud import` reads it
        document = read_document_file(args.document)
    statements: dict[str, list[float]] = {}

    def timed(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            key = f"{timer.rows[-1][0]}: {' '.join(sql.split())[:140]}"
            entry = statements.setdefault(key, [0, 0.0])
            entry[0] += 1
            entry[1] += time.perf_counter() - start

    if args.queries:
        with connection.execute_wrapper(timed):
            result = import_document(document, progress=timer, hand_over=True)
    else:
        result = import_document(document, progress=timer, hand_over=True)
    if result.problems:
        sys.exit(f"{len(result.problems)} problems, first: {result.problems[0]}")
    print(timer.table())
    records = sum(sum(c.values()) for c in result.counts.values())
    wall = time.perf_counter() - timer.rows[0][1]
    print(f"\n{records:,} records, {records / wall:,.0f} records/s (wall, reading included)")
    for key, (count, seconds) in sorted(statements.items(), key=lambda kv: -kv[1][1])[
        : args.queries
    ]:
        print(f"{seconds:8.2f} s {count:6d}x  {key}")
    print(f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


if __name__ == "__main__":
    main()
