"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium) against a server with
the demo region. A missing browser is a failure in CI, a skip elsewhere.

The server is the real application (`baanbehoud runserver`) on its own database (a SQLite file,
or a PostgreSQL database when the suite runs on PostgreSQL) with the demo loaded once per
session: the journeys need the demo data, and pytest's test database is emptied after every test
that a live server can see.
"""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from baanbehoud.web.tests.servers import answer, free_port, own_database

# Debian's Chromium by default; CHROMIUM_PATH for a browser elsewhere (macOS, another distro).
# Skipping without one (outside CI) is decided in the root conftest.py, which every test process
# and the one that prints the summary load.
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "Baanbehoud-demo-2026"


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    workdir = tmp_path_factory.mktemp("browser")
    with own_database("browser", workdir) as database_url:
        yield from _serve_demo(workdir, database_url)


def _serve_demo(workdir: Path, database_url: str) -> Iterator[dict[str, Any]]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SITE_URL": url,
        "DJANGO_SETTINGS_MODULE": "baanbehoud.config.settings.dev",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        # As in production: professionals pass the TOTP step (the demo itself leaves it off).
        "MFA_REQUIRED": "1",
        # And the real error pages, not Django's debug pages (runserver --insecure serves the
        # static files without DEBUG).
        "DEBUG": "0",
    }
    env["EMAIL_FILE_PATH"] = str(workdir / "mail")
    cli = [sys.executable, "-m", "baanbehoud.cli"]
    demo = subprocess.run(
        [*cli, "demo", "--no-serve"], env=env, check=True, capture_output=True, text=True
    )
    # "  klantmanager   Klantmanager …  activeringscode ABCD-EFGH": the first enrolment's code
    activation_codes = dict(
        re.findall(r"^  (\S+) .* activeringscode (\S+)$", demo.stdout, re.MULTILINE)
    )
    shell = subprocess.run(
        [*cli, "shell", "-c", IDS_SCRIPT], env=env, check=True, capture_output=True, text=True
    )
    ids = json.loads(shell.stdout.strip().splitlines()[-1])
    server = subprocess.Popen(
        [*cli, "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        answer(f"{url}/inloggen/")
    except RuntimeError:
        server.kill()
        raise
    yield {
        "url": url,
        "ids": ids,
        "env": env,
        "cli": cli,
        "mail": workdir / "mail",
        "activation_codes": activation_codes,
    }
    server.terminate()
    server.wait(timeout=10)


IDS_SCRIPT = """
import base64
import json
import re
from baanbehoud.organisations.models import User
from baanbehoud.placements.models import Placement
from baanbehoud.guidance.models import JobcoachTrajectory, Evaluation, SickReport, Concern
from baanbehoud.employers.models import Employer, Vacancy
from baanbehoud.matching.selectors import candidate_persons
from baanbehoud.matching.models import Proposal
from baanbehoud.persons.models import Person
from django.utils import timezone
km = User.objects.get(username="klantmanager")
am = User.objects.get(username="accountmanager")
vacancy = Vacancy.objects.filter(
    status="open", employer__in=Employer.objects.visible_to(am)
).order_by("pk").first()
mine = Placement.objects.filter(person__contact_person=km, ending__isnull=True).order_by("pk")
placement = mine.filter(contracts__kind="temporary").first()
coach = User.objects.get(username="jobcoach")
trajectory = JobcoachTrajectory.objects.filter(coach=coach).order_by("-start").first()
evaluation = Evaluation.objects.filter(placement__person__contact_person=km).order_by("-date").first()
ended = Placement.objects.filter(
    person__contact_person=km, ending__isnull=False, ending__aftercare_closed__isnull=True
).exclude(ending__next="new_job").order_by("-ending__date").first()
from baanbehoud.persons.models import LoadAssessment
assessed = LoadAssessment.objects.order_by("person_id").first().person_id
assessed_placement = Placement.objects.manageable_by(km).filter(
    person_id=assessed, ending__isnull=True
).order_by("pk").first()
self_found = Placement.objects.manageable_by(km).filter(
    route="self", ending__isnull=True, jobcoaching__isnull=True
).order_by("pk").first()
print(json.dumps({
    "self_found": self_found.pk,
    "assessed_person": assessed,
    "assessed_placement": assessed_placement.pk,
    "placement": placement.pk, "person": placement.person_id, "employer": placement.employer_id,
    "trajectory": trajectory.pk if trajectory else None, "evaluation": evaluation.pk,
    "employer_any": Employer.objects.order_by("pk").first().pk,
    "user": km.pk,
    "ended": ended.pk,
    "vacancy": vacancy.pk,
    "candidate": candidate_persons(am, timezone.localdate()).order_by("pk").first().pk,
    # candidates the accountmanager may propose whom the klantmanager may see as well
    "km_candidates": sorted(set(
        candidate_persons(am, timezone.localdate()).values_list("pk", flat=True)
    ) & set(Person.objects.visible_to(km).values_list("pk", flat=True))),
    "proposal_waiting": Proposal.objects.filter(status="proposed").order_by("pk").first().pk,
    "proposal_yes": Proposal.objects.manageable_by(km).filter(
        status__in=["interested", "meeting"]
    ).order_by("pk").first().pk,
    "werkgever_employer": User.objects.get(username="werkgever").employer_id,
    "temporary_contract": placement.contracts.filter(kind="temporary").order_by("start").first().pk,
    "contract": placement.contracts.order_by("start").first().pk,
    "employer_placement": Placement.objects.visible_to(
        User.objects.get(username="werkgever")
    ).order_by("pk").first().pk,
    "worker_placement": Placement.objects.visible_to(
        User.objects.get(username="werknemer")
    ).order_by("pk").first().pk,
    "wage_placement": Placement.objects.filter(
        person__contact_person=km, wage_values__disputed=True
    ).order_by("pk").first().pk,
    "private_concern": Concern.objects.filter(
        placement__person__contact_person=km, kind="private"
    ).order_by("pk").first().pk,
    "sick_report": SickReport.objects.filter(
        placement__person__contact_person=km, recovered_on__isnull=True
    ).order_by("first_day").first().pk,
}))
"""


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (.ci/run does).")  # CI only
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


# Per demo login: the authenticator key it set up, and the cookies of its verified session.
_SECRETS: dict[str, str] = {}
_SESSIONS: dict[str, list[Any]] = {}


_LAST_STEP: dict[str, int] = {}


def totp_code(username: str) -> str:
    """What the authenticator app shows for this user's key: now, or the next 30-second step
    when this step's code was used already (the server accepts one step ahead, once)."""
    from django_otp.oath import TOTP

    secret = _SECRETS[username]
    totp = TOTP(base64.b32decode(secret + "=" * (-len(secret) % 8)))
    step = max(totp.t(), _LAST_STEP.get(username, -1) + 1)
    while step > totp.t() + 1:
        time.sleep(1)
        totp = TOTP(totp.key)
    _LAST_STEP[username] = step
    totp.time = step * totp.step
    return f"{totp.token():06d}"


def login(
    page: Page,
    server: dict[str, Any],
    username: str,
    password: str = PASSWORD,
    on_second_step: Callable[[Page], None] | None = None,
) -> None:
    """Log in as a person would: password, then (professionals) the code from the app, setting
    the app up the first time. A login already made in this test session is reused, as a
    browser keeps its session: a code may be used only once, so a second login within the same
    30 seconds would otherwise have to wait."""
    if username in _SESSIONS and on_second_step is None:
        page.context.add_cookies(_SESSIONS[username])
        page.goto(f"{server['url']}/")
        if "/inloggen/" not in page.url:
            return
    page.goto(f"{server['url']}/inloggen/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("button[type=submit]")
    page.wait_for_load_state()
    if "/inloggen/tweestapsverificatie/" in page.url:
        if on_second_step is not None:
            on_second_step(page)
        page.fill("#id_code", server["activation_codes"][username])
        with page.expect_navigation():
            page.click("form.form button[type=submit]")
        _SECRETS[username] = page.locator("code.secret").inner_text().replace(" ", "")
    elif "/inloggen/tweede-stap/" not in page.url:
        _SESSIONS[username] = page.context.cookies()
        return
    if on_second_step is not None:
        on_second_step(page)
    page.fill("#id_code", totp_code(username))
    with page.expect_navigation():
        page.click("form.form button[type=submit]")
    page.wait_for_load_state()
    assert "/inloggen/" not in page.url, f"{username}: the code was not accepted ({page.url})"
    _SESSIONS[username] = page.context.cookies()
