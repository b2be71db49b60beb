"""Peak memory and time of importing a ~10 MB exchange document (issue: at most ~10x its size).

    uv run python benchmarks/import_memory.py [--megabytes 10]

Builds the document from the demo history, repeated with new refs and valid BSNs until it is
large enough, imports it into a fresh SQLite database, and prints the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path


def build_document(megabytes: float) -> bytes:
    from stdnum.nl import bsn as stdnum_bsn

    from baanbehoud.demo.services import demo_load
    from baanbehoud.exchange.exporter import export_document

    demo_load(seed=2020)
    base = export_document()
    document = {k: (v if not isinstance(v, list) else []) for k, v in base.items()}
    document["organisations"] = base["organisations"]
    document["consultants"] = base["consultants"]
    serial = 100_000_000
    copy = 0
    while True:
        copy += 1
        suffix = f"-x{copy}"
        bsn_map = {}
        for person in base["persons"]:
            while True:
                serial += 1
                candidate = f"{serial:09d}"
                if stdnum_bsn.is_valid(candidate):
                    break
            bsn_map[person["ref"]] = candidate
        for name in ("employers", "persons", "placements", "jobcoaching"):
            for record in base[name]:
                clone = json.loads(json.dumps(record))
                clone["ref"] += suffix
                if name == "employers":
                    clone["kvk"] = (
                        f"{(int(clone['kvk']) + copy * 7919) % 90_000_000 + 10_000_000:08d}"
                    )
                if name == "persons":
                    clone["bsn"] = bsn_map[record["ref"]]
                if name == "placements":
                    clone["person"] += suffix
                    clone["employer"] += suffix
                if name == "jobcoaching":
                    clone["placement"] += suffix
                document[name].append(clone)
        for name in ("contacts", "evaluations", "hours_buildup", "concerns", "provisions"):
            for record in base[name]:
                clone = dict(record, placement=record["placement"] + suffix)
                document[name].append(clone)
        text = json.dumps(document).encode()
        if len(text) >= megabytes * 1_000_000:
            return text


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--megabytes", type=float, default=10)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp())
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'source.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baanbehoud.config.settings.dev")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    text = build_document(args.megabytes)
    (workdir / "doc.json").write_bytes(text)
    # Import into a second, empty database.
    settings.DATABASES["default"]["NAME"] = str(workdir / "target.sqlite3")
    from django.db import connections

    connections.close_all()
    call_command("migrate", verbosity=0)
    from baanbehoud.exchange.importer import import_document

    size = len(text)
    del text
    tracemalloc.start()
    started = time.perf_counter()
    with (workdir / "doc.json").open("rb") as handle:
        document = json.load(handle)
    result = import_document(document)
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    persons = sum(result.counts["persons"].values())
    placements = sum(result.counts["placements"].values())
    print(
        f"document: {size / 1e6:.1f} MB, {persons} persons, {placements} placements; ok={result.ok}"
    )
    print(
        f"import: {elapsed:.1f} s, peak Python memory {peak / 1e6:.1f} MB = {peak / size:.1f}x the document"
    )


if __name__ == "__main__":
    main()
