import pytest
from django.urls import reverse

from baanbehoud.organisations.tests.factories import UserFactory
from baanbehoud.security.tests.helpers import log_in_with_code

pytestmark = pytest.mark.django_db


def test_login_page_is_dutch_with_a_skip_link(client):
    response = client.get(reverse("login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl">' in html
    assert 'href="#inhoud"' in html
    assert "Inloggen" in html


def test_wrong_password_shows_the_error_summary_and_a_fout_title(client):
    UserFactory.create(username="km")
    response = client.post(reverse("login"), {"username": "km", "password": "fout"})
    html = response.content.decode()
    assert "<title>Fout: Inloggen" in html
    assert 'class="error-summary"' in html


def test_a_klantmanager_lands_on_the_start_page_after_login(client):
    user = UserFactory.create(username="km", password="Een-lang-wachtwoord-123")
    response = log_in_with_code(client, user, "Een-lang-wachtwoord-123")
    assert response.redirect_chain[-1][0] == reverse("home")
    html = response.content.decode()
    assert "<h1>Start</h1>" in html and reverse("worklist") in html


def test_a_policy_officer_lands_on_the_reports(client):
    user = UserFactory.create(
        username="bm", role="beleidsmedewerker", password="Een-lang-wachtwoord-123"
    )
    response = log_in_with_code(client, user, "Een-lang-wachtwoord-123")
    assert response.redirect_chain[-1][0] == reverse("reports")
    assert "<h1>Rapportages</h1>" in response.content.decode()
