"""Issue 14 §3, done-when: an import goes on the task queue (Redis) and a real worker (a process
of its own) runs it while the administrator watches the job page in Chromium: a progress bar
while it waits and runs, the rest of the application usable meanwhile, and the page changes by
itself when the job is done. The app server and the worker share the demo database.

The worker starts only once the check of the upload is queued, so the page is seen waiting every
time (a worker that is already running may finish 400 persons between two looks). The figures of a job half-way
("1 van 3 (33%)") are checked in jobs/tests/test_worker.py, where the worker can be held."""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from baanbehoud.web.tests.servers import answer, free_port

from .conftest import login
from .test_accessibility import check_page

pytestmark = pytest.mark.browser
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
PERSONS = 400


def _bsns(count: int) -> list[str]:
    """Valid BSNs (elfproef) in a range the demo does not use."""
    found: list[str] = []
    number = 29_000_000
    while len(found) < count:
        number += 1
        digits = [int(d) for d in f"{number:08d}"]
        check = sum(d * (9 - i) for i, d in enumerate(digits)) % 11
        if check < 10:
            found.append(f"{number:08d}{check}")
    return found


def _document(path: Path) -> None:
    persons, placements = [], []
    for i, bsn in enumerate(_bsns(PERSONS)):
        persons.append(
            {"ref": f"bg-{i}", "bsn": bsn, "name": f"Achtergrond {i}", "birth_date": "1995-05-05",
             "municipality": "Woerden", "regime": "participatiewet"}
        )  # fmt: skip
        placements.append(
            {"ref": f"bg-pl-{i}", "person": f"bg-{i}", "employer": "bg-e", "function": "Inpakker",
             "route": "wsp", "contracts": [{"kind": "temporary", "start": "2026-01-05",
                                            "end": "2026-12-31", "hours_per_week": 20}]}
        )  # fmt: skip
    document = {
        "format": "baanbehoud-exchange/1",
        "employers": [{"ref": "bg-e", "name": "Achtergrond BV", "kvk": "87654321"}],
        "persons": persons,
        "placements": placements,
    }
    path.write_text(json.dumps(document), encoding="utf-8")


@pytest.fixture(scope="module")
def queue_server(demo_server: dict[str, Any], tmp_path_factory: Any) -> Iterator[dict[str, Any]]:
    """A second app server on the demo database, with a task queue and a worker process."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping()
    except redis.RedisError:
        pytest.fail(f"Redis is not reachable at {REDIS_URL}: start redis-server (CI has it).")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **demo_server["env"],
        "SITE_URL": url,
        "REDIS_URL": REDIS_URL,
        "CELERY_QUEUE": f"browser-{uuid.uuid4().hex}",
    }
    logs = tmp_path_factory.mktemp("queue")
    worker_log = (logs / "worker.log").open("w")
    workers: list[subprocess.Popen[bytes]] = []

    def start_worker() -> None:
        workers.append(
            subprocess.Popen(
                [*demo_server["cli"], "worker", "--pool", "solo", "--concurrency", "1"],
                env=env,
                stdout=worker_log,
                stderr=subprocess.STDOUT,
            )
        )

    server = subprocess.Popen(
        [*demo_server["cli"], "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        health = json.loads(answer(f"{url}/gezondheid/"))
        assert health["wachtrij"] == "ok", health
        yield {
            **demo_server,
            "url": url,
            "worker_log": logs / "worker.log",
            "start_worker": start_worker,
        }
    finally:
        for process in (server, *workers):
            process.terminate()
            process.wait(timeout=20)
        worker_log.close()


def test_an_import_on_the_worker_shows_its_progress_and_the_page_stays_usable(
    page: Page, queue_server, tmp_path
):
    login(page, queue_server, "beheerder")
    path = tmp_path / "achtergrond.json"
    _document(path)
    page.goto(f"{queue_server['url']}/import/")
    page.set_input_files("#id_file", str(path))
    page.click("form.form button[type=submit]")
    # The check is a job too; no worker yet, so it waits on the queue: a progress bar, and the
    # page asks again every second.
    page.wait_for_url("**/import/?controle=*")
    status = page.locator("#taakstatus")
    expect(status).to_contain_text("De taak staat in de wachtrij")
    expect(page.locator("progress")).to_be_visible()
    assert check_page(page, Axe(), "import page while the check waits") == []
    # The rest of the application stays usable meanwhile (another tab, same session).
    other = page.context.new_page()
    other.goto(f"{queue_server['url']}/taken/")
    expect(other.get_by_role("row", name="Controle van achtergrond.json")).to_contain_text(
        "In de wachtrij"
    )
    other.close()
    # A worker starts and takes the job; the page goes to the outcome by itself, no reload.
    queue_server["start_worker"]()
    expect(page.get_by_role("heading", name="Dit gaat er veranderen")).to_be_visible(
        timeout=120_000
    )
    assert check_page(page, Axe(), "import preview after the check") == []
    page.click("button[name=bevestigen]")
    page.wait_for_url("**/taken/*/")
    expect(page.locator("#taakstatus")).to_contain_text("Import gelukt.", timeout=120_000)
    expect(page.locator("progress")).to_have_count(0)
    row = page.get_by_role("row", name="Personen")
    expect(row).to_contain_text(str(PERSONS))
    assert "baanbehoud.jobs.run" in queue_server["worker_log"].read_text()  # the worker did it
    assert check_page(page, Axe(), "job page when done") == []
