"""Issue 15's page target, measured: the worklist, the team worklist, a person page, the person
list (issue 18), the search and the match (issue 19), each asked by 20 clients at once against
the production server (`baanbehoud serve`, gunicorn, production settings), on a database made by
scale.py or the demo.

    uv run python benchmarks/pages.py --database postgres://postgres@127.0.0.1:5432/baanbehoud_bench_26000

It logs in as the klantmanager with the largest caseload (a session with a confirmed second
factor, made directly in the database: the benchmark measures pages, not the login), warms each
page once, then sends `--requests` requests per page from `--clients` threads and prints per page
the median, the 95th percentile, the slowest and the errors as a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent


def environment(database: str, static_root: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database,
        "DJANGO_SETTINGS_MODULE": "baanbehoud.config.settings.production",
        "SECRET_KEY": os.environ.get("SECRET_KEY", secrets.token_urlsafe(40)),
        "PSEUDONYM_KEY": os.environ.get("PSEUDONYM_KEY", secrets.token_urlsafe(40)),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(static_root),
    }


SESSION = """
import django
django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db.models import Count
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from baanbehoud.employers.models import Employer, Vacancy
from baanbehoud.organisations.models import Role, User
from baanbehoud.persons.models import Person

user = (
    User.objects.filter(role=Role.KLANTMANAGER, is_active=True)
    .annotate(n=Count("contact_for_persons")).order_by("-n", "pk").first()
)
device, _ = TOTPDevice.objects.get_or_create(user=user, name="benchmark", defaults={"confirmed": True})
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session["otp_device_id"] = device.persistent_id
session.create()
person = Person.objects.filter(contact_person=user).order_by("pk").first()
print(session.session_key)
print(reverse("worklist"))
print(reverse("person-detail", args=[person.pk]))
print(reverse("person-list"))
print(person.name.split()[-1])
print(user.n)
vacancy = Vacancy.objects.filter(
    status="open", employer__in=Employer.objects.visible_to(user)
).order_by("pk").first()
print(reverse("vacancy-candidates", args=[vacancy.pk]))
print(reverse("person-vacancies", args=[person.pk]))
"""


def fetch(url: str, cookie: str) -> tuple[float, int]:
    request = urllib.request.Request(
        url, headers={"Cookie": f"sessionid={cookie}", "X-Forwarded-Proto": "https"}
    )
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError:
        status = 0
    return time.perf_counter() - started, status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=200, help="per page")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn processes")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--only", default="", help="the pages whose label holds this text")
    args = parser.parse_args()
    static_root = Path(tempfile.mkdtemp(prefix="baanbehoud-static-"))
    env = environment(args.database, static_root)
    cli = [sys.executable, "-m", "baanbehoud.cli"]
    # A database made by an older version gets this version's tables first.
    subprocess.run([*cli, "migrate", "--no-input", "-v0"], env=env, check=True)
    subprocess.run([*cli, "collectstatic", "--no-input", "-v0"], env=env, check=True)
    lines = subprocess.run(
        [sys.executable, "-c", SESSION], env=env, check=True, capture_output=True, text=True
    ).stdout.split()
    cookie, worklist, person, search, name, caseload, candidates, work = lines
    base = f"http://127.0.0.1:{args.port}"
    pages = {
        # The floor: a page with the layout only (menu, counts in the navigation, no list).
        "the accessibility statement (layout only)": f"{base}/toegankelijkheid/",
        "worklist (mine)": f"{base}{worklist}",
        "worklist (team)": f"{base}{worklist}?weergave=team",
        "person page": f"{base}{person}",
        "person list (the organisation's, first page)": f"{base}/personen/",
        "person list, filtered (mine, at work, by municipality)": (
            f"{base}/personen/?contactpersoon=ik&werk=lopend&sorteer=gemeente"
        ),
        "search": f"{base}{search}?q={urllib.request.quote(name)}",
        # The match (issue 19): every candidate of the region scored, the best 25 shown.
        "candidates for a task package": f"{base}{candidates}",
        "work for a person (open task packages)": f"{base}{work}",
    }
    server = subprocess.Popen(
        [*cli, "serve", "--bind", f"127.0.0.1:{args.port}", "--workers", str(args.workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/gezondheid/", timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        print(f"caseload of the klantmanager: {caseload} persons; {args.clients} clients, "
              f"{args.requests} requests per page, {args.workers} gunicorn workers")  # fmt: skip
        print("| page | median (ms) | p95 (ms) | slowest (ms) | errors |")
        print("|---|---|---|---|---|")
        for label, url in pages.items():
            if args.only not in label:
                continue
            for _ in range(args.workers):
                fetch(url, cookie)  # every worker warm
            with ThreadPoolExecutor(args.clients) as pool:
                results = list(pool.map(fetch, [url] * args.requests, [cookie] * args.requests))
            times = sorted(t * 1000 for t, _s in results)
            errors = sum(1 for _t, status in results if status != 200)
            p95 = times[int(len(times) * 0.95) - 1]
            print(f"| {label} | {statistics.median(times):.0f} | {p95:.0f} | {times[-1]:.0f} | "
                  f"{errors} |")  # fmt: skip
    finally:
        server.terminate()
        server.wait(30)


if __name__ == "__main__":
    main()
