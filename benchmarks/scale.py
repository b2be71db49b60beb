"""Issue 15's table, measured: import, signals, one organisation, a report and the export at a
given number of persons, with wall time, CPU time and peak memory of each step.

    uv run python benchmarks/scale.py --persons 2600 26000            # SQLite (a fresh file)
    uv run python benchmarks/scale.py --persons 26000 --postgres postgres://postgres@127.0.0.1:5432
    uv run python benchmarks/scale.py --persons 260000 --database postgres://…/baanbehoud_bench_260000

(`--database`: the steps after the import, on a database imported before.)

Each step is the real command (`baanbehoud import`, `signals`, `report`, `export`) in a process of
its own, on a fresh database per size, with the document from benchmarks/national.py. Prints a
Markdown table (docs/performance.md keeps the figures, with the machine they ran on).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

HERE = Path(__file__).resolve().parent
ON = "2026-11-16"
EARLIER = "2025-11-16"
ONE = ["--organisation", "Uitvoeringsorganisatie 000"]  # national.py's first organisation

# Runs one command and reports its own child's figures: a process per step, so that the peak
# memory is that step's and not the largest so far.
MEASURE = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"ok": done.returncode == 0, "wall": time.perf_counter() - started,
                  "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
                  "error": done.stderr[-400:] if done.returncode else ""}))
"""


def measure(command: list[str], env: dict[str, str]) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], env=env, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def fresh_database(postgres: str | None, persons: int, workdir: Path) -> str:
    if postgres is None:
        return f"sqlite:///{workdir / f'bench-{persons}.sqlite3'}"
    import psycopg

    name = f"baanbehoud_bench_{persons}"
    parts = urlsplit(postgres)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def run(
    persons: int, postgres: str | None, workdir: Path, database: str | None = None
) -> list[tuple[str, dict[str, object]]]:
    document = workdir / f"national-{persons}.json"
    if database is None and not document.exists():
        started = time.perf_counter()
        with document.open("w", encoding="utf-8") as out:
            subprocess.run(
                [sys.executable, str(HERE / "national.py"), "--persons", str(persons)],
                stdout=out,
                check=True,
            )
        print(f"  document: {document.stat().st_size / 1e6:.0f} MB in "
              f"{time.perf_counter() - started:.0f} s", file=sys.stderr)  # fmt: skip
    env = {
        **os.environ,
        "DATABASE_URL": database or fresh_database(postgres, persons, workdir),
        "DJANGO_SETTINGS_MODULE": "baanbehoud.config.settings.dev",
        # As on a server: DEBUG off (on, Django keeps its last 9,000 statements in memory).
        "DEBUG": os.environ.get("DEBUG", "0"),
    }
    # As on a server: Python keeps the compiled code (some machines here forbid it, and then
    # every step would spend a second compiling the code again). `migrate` compiles it once.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cli = [sys.executable, "-m", "baanbehoud.cli"]
    subprocess.run([*cli, "migrate", "-v0"], env=env, check=True)
    steps = [
        ("import", [*cli, "import", str(document)]),
        ("signals --on (all)", [*cli, "signals", "--on", ON, "--format", "json"]),
        (
            "signals --on a year earlier (all)",
            [*cli, "signals", "--on", EARLIER, "--format", "json"],
        ),
        ("signals, one organisation", [*cli, "signals", "--on", ON, "--organisation", "G000"]),
        ("report (quarterly, all)", [*cli, "report", "quarterly", "--on", ON]),
        ("report (sustainability, all)", [*cli, "report", "sustainability", "--on", ON]),
        ("report (reasons, all)", [*cli, "report", "reasons", "--on", ON]),
        ("report (execution, all)", [*cli, "report", "execution", "--on", ON]),
        ("report (quarterly, one organisation)", [*cli, "report", "quarterly", "--on", ON, *ONE]),
        (
            "report (sustainability, one organisation)",
            [*cli, "report", "sustainability", "--on", ON, *ONE],
        ),
        ("export (all)", [*cli, "export", str(workdir / f"export-{persons}.json")]),
        ("nightly check of the stored signals", [*cli, "signals", "--check"]),
    ]
    if database is not None:
        steps = steps[1:]  # imported before
    results = []
    for label, command in steps:
        figures = measure(command, env)
        print(f"  {label}: {figures}", file=sys.stderr)
        results.append((label, figures))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, nargs="+", default=[2600])
    parser.add_argument("--postgres", help="server URL; a database per size is made on it")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--database", help="a database imported before: the steps after the import")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="baanbehoud-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    url = args.postgres or args.database or "sqlite"
    database = "PostgreSQL" if url.startswith(("postgres", "postgresql")) else "SQLite"
    print(f"| persons | step | wall (s) | CPU (s) | peak memory (MB) |  ({database})")
    print("|---|---|---|---|---|")
    for persons in args.persons:
        print(f"{persons} persons ({database}):", file=sys.stderr)
        for label, figures in run(persons, args.postgres, workdir, args.database):
            if not figures["ok"]:
                print(f"| {persons:,} | {label} | failed: {figures['error']!r} | | |")
                continue
            print(
                f"| {persons:,} | {label} | {figures['wall']:.1f} | {figures['cpu']:.1f} | "
                f"{figures['peak_mb']:.0f} |"
            )


if __name__ == "__main__":
    main()
