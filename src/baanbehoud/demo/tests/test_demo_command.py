"""Issue 17 §7: the demo's e-mail links point where the demo is served, not at a fixed port, and
the demo shows the Dutch error pages."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.core.management import call_command

from baanbehoud.demo.management.commands import demo as demo_command

pytestmark = pytest.mark.django_db


def test_links_point_at_the_address_the_demo_is_served_on(monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.delenv("DEBUG", raising=False)
    monkeypatch.setattr(settings, "DEBUG", True)
    monkeypatch.setattr(settings, "SITE_URL", "http://127.0.0.1:8000")
    served = []
    real = demo_command.call_command

    def instead(name, *args, **kwargs):
        if name == "runserver":
            served.append((args, settings.SITE_URL, settings.DEBUG))
            return None
        return real(name, *args, **kwargs)

    monkeypatch.setattr(demo_command, "call_command", instead)
    out = io.StringIO()
    call_command("demo", "--addrport", "127.0.0.1:8123", stdout=out)
    # Served at that address, with the real (Dutch) error pages instead of the debug pages.
    assert served == [(("127.0.0.1:8123",), "http://127.0.0.1:8123", False)]
    assert "Open http://127.0.0.1:8123/ in de browser." in out.getvalue()
