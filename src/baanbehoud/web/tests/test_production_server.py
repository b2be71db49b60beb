"""Issue 14 §2: `baanbehoud serve` runs the production settings on gunicorn with two worker
processes; the health endpoint answers; every response carries a request id; logs are JSON."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from django.urls import reverse

from baanbehoud.web.requests import RequestIdFilter

from .servers import answer, free_port, own_database


@pytest.mark.django_db
def test_the_health_endpoint_says_ok_and_names_no_person(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "migraties": "ok",
        "wachtrij": "ingebouwd",  # no broker in the tests: jobs run in-process
    }
    assert response["X-Request-ID"]


@pytest.mark.django_db
def test_the_health_endpoint_fails_when_the_queue_is_unreachable(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    from baanbehoud.config.celery import app

    previous = app.conf.broker_url
    app.conf.broker_url = f"redis://127.0.0.1:{free_port()}/0"  # nobody listens there
    try:
        response = client.get(reverse("health"))
    finally:
        app.conf.broker_url = previous
    assert response.status_code == 503
    assert response.json()["wachtrij"] == "onbereikbaar"


@pytest.mark.django_db
def test_a_request_id_from_the_proxy_is_kept(client):
    response = client.get(reverse("health"), HTTP_X_REQUEST_ID="abc-123")
    assert response["X-Request-ID"] == "abc-123"
    odd = client.get(reverse("health"), HTTP_X_REQUEST_ID="<script>")
    assert odd["X-Request-ID"] != "<script>" and len(odd["X-Request-ID"]) == 32


def test_log_lines_are_json_with_the_request_id():
    from pythonjsonlogger.json import JsonFormatter

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(
        JsonFormatter("%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s")
    )
    logger = logging.getLogger("baanbehoud.test-json")
    logger.setLevel(logging.INFO)  # whatever another test (a Celery worker) did to the root level
    logger.addHandler(handler)
    logger.warning("iets")
    logger.removeHandler(handler)
    line = json.loads(stream.getvalue())
    assert line["message"] == "iets" and line["request_id"] == "-"


class BehindTheProxy:
    """A browser behind the TLS proxy: says https (X-Forwarded-Proto, as nginx does) and keeps
    the secure cookies itself (urllib's jar would not send them over plain HTTP)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, str]:
        import http.client
        import urllib.parse

        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {
            "X-Forwarded-Proto": "https",
            "Origin": f"https://127.0.0.1:{self.port}",
            "Referer": f"https://127.0.0.1:{self.port}/inloggen/",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        text = response.read().decode()
        connection.close()
        return response.status, text

    def log_in(self, username: str, password: str) -> None:
        import re

        _status, page = self.request("GET", "/inloggen/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token is not None
        status, _page = self.request(
            "POST",
            "/inloggen/",
            {"csrfmiddlewaretoken": token.group(1), "username": username, "password": password},
        )
        assert status == 302, "the login was not accepted"


@pytest.mark.slow
def test_serve_runs_production_settings_with_two_workers(tmp_path: Path):
    """Issue 14, done-when: `baanbehoud serve` with production settings and two processes serves
    the demo region from the suite's database (PostgreSQL in CI's second run), with the task
    queue reachable (Redis), static files and an access log."""
    port = free_port()
    with own_database("serve", tmp_path) as database_url:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "baanbehoud.config.settings.production",
            "DATABASE_URL": database_url,
            "SECRET_KEY": "test-only-production-key-" + "x" * 40,
            "PSEUDONYM_KEY": "test-only-pseudonym-key",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "STATIC_ROOT": str(tmp_path / "static"),
            "REDIS_URL": os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15"),
            "MFA_REQUIRED": "0",  # the password step is enough to see the region here
        }
        cli = [sys.executable, "-m", "baanbehoud.cli"]
        for command in (["demo", "--no-serve"], ["collectstatic", "--no-input"]):
            subprocess.run([*cli, *command], env=env, check=True, capture_output=True)
        output, connections = _serve_and_look(cli, env, port, database_url)
    assert output.count("Booting worker") >= 2, output[-2000:]
    if connections is not None:
        # Each worker keeps its connection to PostgreSQL between requests (a new one for each
        # request cost more than a simple page does): after ten requests they are still open.
        assert 1 <= connections <= 2, connections
    assert "GET /gezondheid/" in output  # the access log


def _serve_and_look(
    cli: list[str], env: dict[str, str], port: int, database_url: str
) -> tuple[str, int | None]:
    """The server's output, and on PostgreSQL the connections its workers hold when done."""
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [*cli, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        assert json.loads(answer(f"{base}/gezondheid/")) == {
            "status": "ok", "database": "ok", "migraties": "ok", "wachtrij": "ok"
        }  # fmt: skip
        css = urllib.request.urlopen(f"{base}/static/baanbehoud/site.css", timeout=10)
        assert css.status == 200  # whitenoise serves the static files
        # The demo region, read by one worker process and then the other (no state in either).
        browser = BehindTheProxy(port)
        browser.log_in("klantmanager", "Baanbehoud-demo-2026")
        for _ in range(4):
            status, worklist = browser.request("GET", "/signalen/")
            assert status == 200 and 'data-code="' in worklist
        connections = _connections(database_url)
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode()
    return output, connections


def _connections(database_url: str) -> int | None:
    """The other connections to this PostgreSQL database (None on SQLite)."""
    if not database_url.startswith(("postgres://", "postgresql://")):
        return None
    import psycopg

    with psycopg.connect(database_url) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchone()
    return int(row[0]) if row else 0
