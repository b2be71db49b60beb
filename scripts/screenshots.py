"""Screenshots for the README, from the demo data, in Debian's Chromium.

    uv run python scripts/screenshots.py

Loads the demo into a temporary SQLite file, starts the application, logs in as the demo users
and writes PNG files to docs/img/.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "img"
PASSWORD = "Baanbehoud-demo-2026"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SETUP = """
import json
from datetime import date
from baanbehoud.organisations.models import User
from baanbehoud.placements.models import Placement
from baanbehoud.guidance.models import Evaluation, EvaluationResponse
from baanbehoud.guidance.domain import EVALUATION_ITEMS
km = User.objects.get(username="klantmanager")
p = (Placement.objects.filter(person__contact_person=km, ending__isnull=True, contracts__kind="temporary")
     .distinct().order_by("-pk").first())
e = Evaluation.objects.create(placement=p, date=date.today(), kind="iop")
worker = {c: 4 for c, _t in EVALUATION_ITEMS} | {"pace": 4, "energy": 2}
supervisor = {c: 3 for c, _t in EVALUATION_ITEMS} | {"pace": 2, "energy": 4}
EvaluationResponse.objects.create(evaluation=e, respondent="worker", answers=worker)
EvaluationResponse.objects.create(evaluation=e, respondent="supervisor", answers=supervisor)
from baanbehoud.matching.models import Proposal
waiting = Proposal.objects.filter(status="proposed").select_related("vacancy").first()
print(json.dumps({"person": p.person_id, "evaluation": e.pk, "vacancy": waiting.vacancy_id}))
"""


def main() -> None:
    work = Path(tempfile.mkdtemp())
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{work / 'demo.sqlite3'}",
        "SITE_URL": url,
        "DJANGO_SETTINGS_MODULE": "baanbehoud.config.settings.dev",
    }
    cli = [sys.executable, "-m", "baanbehoud.cli"]
    subprocess.run([*cli, "demo", "--no-serve"], env=env, check=True, capture_output=True)
    ids = json.loads(
        subprocess.run(
            [*cli, "shell", "-c", SETUP], env=env, check=True, capture_output=True, text=True
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    server = subprocess.Popen(
        [*cli, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{url}/inloggen/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            shots = [
                ("klantmanager", "/", "start.png"),
                ("klantmanager", "/signalen/", "worklist.png"),
                (
                    "klantmanager",
                    f"/personen/{ids['person']}/plaatsing/nieuw/",
                    "placement-new.png",
                ),
                ("arbeidsdeskundige", "/belastbaarheid/", "assessments.png"),
                (
                    "klantmanager",
                    "/personen/?contactpersoon=ik&werk=lopend&sorteer=gemeente",
                    "person-list.png",
                ),
                ("klantmanager", f"/personen/{ids['person']}/", "person.png"),
                ("klantmanager", f"/evaluaties/{ids['evaluation']}/", "iop-comparison.png"),
                ("accountmanager", f"/vacatures/{ids['vacancy']}/kandidaten/", "match.png"),
                ("werkgever", "/mijn-voorstellen/", "proposals.png"),
                # After the klantmanager's visits, so "who looked at this file?" has answers.
                ("beheerder", f"/avg/personen/{ids['person']}/", "avg.png"),
                (
                    "beleidsmedewerker",
                    f"/rapportages/duurzaamheid/?van={date.today().year - 4}-01-01",
                    "sustainability.png",
                ),
            ]
            for user, path, name in shots:
                page = browser.new_page(viewport={"width": 1200, "height": 900}, locale="nl-NL")
                login(page, url, user)
                page.goto(url + path)
                # The person page: the whole page, so the timeline and chain status are in it.
                page.screenshot(
                    path=str(OUT / name), full_page=name in ("person.png", "placement-new.png")
                )
                page.close()
                print(f"wrote docs/img/{name}")
            browser.close()
    finally:
        server.terminate()


def login(page: Page, url: str, username: str) -> None:
    page.goto(f"{url}/inloggen/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")


if __name__ == "__main__":
    main()
