"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium) against a server with
the demo region. A missing browser is a failure, not a skip.

The server is the real application (`baanbehoud runserver`) on its own SQLite file with the demo
loaded once per session: the journeys need the demo data, and pytest's test database is emptied
after every test that a live server can see.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "Baanbehoud-demo-2026"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    workdir = tmp_path_factory.mktemp("browser")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'demo.sqlite3'}",
        "SITE_URL": url,
        "DJANGO_SETTINGS_MODULE": "baanbehoud.config.settings.dev",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
    }
    env["EMAIL_FILE_PATH"] = str(workdir / "mail")
    cli = [sys.executable, "-m", "baanbehoud.cli"]
    subprocess.run([*cli, "demo", "--no-serve"], env=env, check=True, capture_output=True)
    shell = subprocess.run(
        [*cli, "shell", "-c", IDS_SCRIPT], env=env, check=True, capture_output=True, text=True
    )
    ids = json.loads(shell.stdout.strip().splitlines()[-1])
    server = subprocess.Popen(
        [*cli, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{url}/inloggen/", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.kill()
        raise RuntimeError("the demo server did not start")
    yield {"url": url, "ids": ids, "env": env, "cli": cli, "mail": workdir / "mail"}
    server.terminate()
    server.wait(timeout=10)


IDS_SCRIPT = """
import json
from baanbehoud.organisations.models import User
from baanbehoud.placements.models import Placement
from baanbehoud.guidance.models import JobcoachTrajectory, Evaluation
from baanbehoud.employers.models import Employer
km = User.objects.get(username="klantmanager")
mine = Placement.objects.filter(person__contact_person=km, ending__isnull=True).order_by("pk")
placement = mine.filter(contracts__kind="temporary").first()
coach = User.objects.get(username="jobcoach")
trajectory = JobcoachTrajectory.objects.filter(coach=coach).order_by("-start").first()
evaluation = Evaluation.objects.filter(placement__person__contact_person=km).order_by("-date").first()
print(json.dumps({
    "placement": placement.pk, "person": placement.person_id, "employer": placement.employer_id,
    "trajectory": trajectory.pk if trajectory else None, "evaluation": evaluation.pk,
    "employer_any": Employer.objects.order_by("pk").first().pk,
    "user": km.pk,
}))
"""


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (.ci/run does).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def login(page: Page, server: dict[str, Any], username: str, password: str = PASSWORD) -> None:
    page.goto(f"{server['url']}/inloggen/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
