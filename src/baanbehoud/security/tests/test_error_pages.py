"""Error pages are plain Dutch and leak nothing of the request or the code."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from baanbehoud.organisations.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_server_error_shows_the_generic_page_and_nothing_else(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("geheim-detail uit de code")

    monkeypatch.setattr("baanbehoud.persons.views.list_page", broken)
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory.create())
    response = client.get(reverse("person-list"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Er ging iets mis" in html and '<html lang="nl">' in html
    for leak in ("geheim-detail", "Traceback", "RuntimeError", "list_page", "/personen/"):
        assert leak not in html
    assert "no-store" in response["Cache-Control"]


def test_not_found_and_no_access_pages_are_generic(client):
    client.force_login(UserFactory.create())
    missing = client.get("/personen/987654/")
    assert missing.status_code == 404
    html = missing.content.decode()
    assert "Pagina niet gevonden" in html and "DoesNotExist" not in html and "987654" not in html
    client.force_login(UserFactory.create(role="werknemer", organisation=None))
    forbidden = client.get(reverse("reports"))
    assert forbidden.status_code == 403
    assert "Geen toegang" in forbidden.content.decode()
