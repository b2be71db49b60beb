"""Strong login (issue 7 §3): the second step, lockout, password rules, session expiry."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from baanbehoud.config.settings import base
from baanbehoud.organisations.models import Role
from baanbehoud.organisations.tests.factories import UserFactory
from baanbehoud.persons.tests.factories import PersonFactory

from .helpers import code_for, log_in_with_code
from .test_authorisation_matrix import check_headers

pytestmark = pytest.mark.django_db
PASSWORD = "Een-lang-wachtwoord-123"


def _password_login(client, username, password=PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def _landing(client, username, password=PASSWORD):
    """Where the user ends up after the password step."""
    response = client.post(
        reverse("login"), {"username": username, "password": password}, follow=True
    )
    return response.redirect_chain[-1][0] if response.redirect_chain else ""


def test_a_klantmanager_sees_no_personal_data_before_the_code(client):
    user = UserFactory.create(username="km", password=PASSWORD)
    person = PersonFactory.create(organisation=user.organisation)
    assert _landing(client, "km").startswith(reverse("mfa-setup"))

    page = client.get(reverse("person-detail", args=[person.pk]))
    assert page.status_code == 302 and page["Location"].startswith(reverse("mfa-setup"))
    api = client.get(f"/api/v1/persons/{person.ref}")
    assert api.status_code == 403
    for response in (page, api):  # the refusals carry the security headers too
        check_headers(response, response.get("Location", "api"))
    assert person.name not in api.content.decode()
    setup = client.get(reverse("mfa-setup"))
    html = setup.content.decode()
    # The password alone does not show the QR code: first the activation code (issue 12 §9).
    assert "Activeringscode" in html and "data:image/svg+xml;base64," not in html
    assert person.name not in html
    assert "<nav" not in html  # no menu to pages that would only bounce back

    done = log_in_with_code(client, user, PASSWORD)
    assert done.status_code == 200
    assert client.get(reverse("person-detail", args=[person.pk])).status_code == 200
    assert client.get(f"/api/v1/persons/{person.ref}").status_code == 200


def test_the_next_login_asks_the_code_and_refuses_a_wrong_one(client):
    user = UserFactory.create(username="km", password=PASSWORD)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    assert _landing(client, "km").startswith(reverse("mfa-verify"))
    good = code_for(device)
    wrong = "000000" if good != "000000" else "111111"
    refused = client.post(reverse("mfa-verify"), {"code": wrong})
    html = refused.content.decode()
    assert refused.status_code == 400
    assert "Deze code klopt niet" in html and "<title>Fout: " in html
    assert client.get(reverse("worklist")).status_code == 302
    # django-otp makes the next try wait after a wrong code (1 s, then doubling).
    before = client.session.session_key
    with time_machine.travel(timezone.now() + timedelta(seconds=2)):
        accepted = client.post(reverse("mfa-verify"), {"code": good})
    assert accepted.status_code == 302
    assert client.session.session_key != before  # a new session id after the second step
    assert client.get(reverse("worklist")).status_code == 200


def test_a_code_only_works_once(client):
    user = UserFactory.create(username="km", password=PASSWORD)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    code = code_for(device)
    _password_login(client, "km")
    assert client.post(reverse("mfa-verify"), {"code": code}).status_code == 302
    client.post(reverse("logout"))
    _password_login(client, "km")
    assert client.post(reverse("mfa-verify"), {"code": code}).status_code == 400


@pytest.mark.parametrize(
    "role", [r for r in Role if r not in (Role.WERKNEMER, Role.WERKGEVER)], ids=str
)
def test_every_professional_role_needs_the_second_step(client, role):
    UserFactory.create(username="u", role=role, password=PASSWORD)
    assert _landing(client, "u").startswith(reverse("mfa-setup"))


def test_the_admin_needs_the_second_step_even_without_a_role(client):
    UserFactory.create(
        username="admin", role="", is_staff=True, is_superuser=True, password=PASSWORD
    )
    _password_login(client, "admin")
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and reverse("mfa-setup") in response["Location"]


@pytest.mark.parametrize("role", [Role.WERKNEMER, Role.WERKGEVER], ids=str)
def test_workers_and_supervisors_log_in_with_a_password(client, role):
    UserFactory.create(username="u", role=role, password=PASSWORD)
    landing = _landing(client, "u")
    assert landing and not landing.startswith("/inloggen/")


@override_settings(AXES_FAILURE_LIMIT=3)
def test_lockout_after_the_configured_failures_even_with_the_right_password(client):
    UserFactory.create(username="km", password=PASSWORD)
    for _ in range(2):
        assert _password_login(client, "km", "verkeerd-wachtwoord").status_code == 200
    locked = _password_login(client, "km", "verkeerd-wachtwoord")
    assert locked.status_code == 429
    assert "Inloggen tijdelijk geblokkeerd" in locked.content.decode()
    again = _password_login(client, "km", PASSWORD)
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session
    # Failed logins are logged, without the password.
    assert AccessFailureLog.objects.filter(username="km").count() >= 3
    assert AccessAttempt.objects.get(username="km").failures_since_start >= 3
    assert "verkeerd-wachtwoord" not in str(AccessAttempt.objects.values())


@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_lockout_ends_after_the_cooloff(client):
    UserFactory.create(username="km", password=PASSWORD)
    for _ in range(3):
        _password_login(client, "km", "verkeerd-wachtwoord")
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        response = _password_login(client, "km")
    assert response.status_code == 302


def test_login_gives_a_new_session(client):
    UserFactory.create(username="ww", role=Role.WERKNEMER, password=PASSWORD)
    client.get(reverse("login"))
    client.session.save()
    before = client.session.session_key
    _password_login(client, "ww")
    assert client.session.session_key != before


def test_thirty_minutes_idle_logs_out(client):
    user = UserFactory.create()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(user)
        assert client.get(reverse("worklist")).status_code == 200
    with time_machine.travel(start + timedelta(minutes=29), tick=False):
        assert client.get(reverse("worklist")).status_code == 200
    with time_machine.travel(start + timedelta(minutes=29 + 31), tick=False):
        response = client.get(reverse("worklist"))
    assert response.status_code == 302
    assert (
        response["Location"].startswith(reverse("login")) and "verlopen=1" in response["Location"]
    )
    assert client.get(reverse("worklist")).status_code == 302  # and it stays logged out


def test_twelve_hours_is_the_limit_even_when_active(client):
    user = UserFactory.create()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(user)
    minutes = 0
    while minutes < 12 * 60 - 20:
        minutes += 20
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert client.get(reverse("worklist")).status_code == 200
    # A few minutes past the limit too (Django's own expiry must not end it silently first).
    with time_machine.travel(start + timedelta(hours=12, minutes=5), tick=False):
        response = client.get(reverse("worklist"))
        assert response.status_code == 302 and "verlopen=1" in response["Location"]
        login_page = client.get(response["Location"]).content.decode()
    assert "al 12 uur was ingelogd" in login_page


def test_an_expired_api_session_gets_401_json(client):
    user = UserFactory.create()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(user)
    with time_machine.travel(start + timedelta(hours=1), tick=False):
        response = client.get("/api/v1/persons")
    assert response.status_code == 401
    assert response.json()["errors"][0]["message"].startswith("Uw sessie is verlopen")
    check_headers(response, "expired session")


def test_a_disabled_account_is_logged_out_everywhere(client):
    user = UserFactory.create()
    token = Token.objects.create(user=user)
    client.force_login(user)
    assert client.get(reverse("worklist")).status_code == 200
    user.is_active = False
    user.save()
    assert client.get(reverse("worklist")).status_code == 302
    api = client.get("/api/v1/persons", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.status_code in (401, 403)


@pytest.mark.parametrize(
    ("password", "accepted"),
    [
        ("kort-maar-1", False),  # 11 characters
        ("twaalf-tekens", True),
        ("w" * 30 + "-lang-" + "x" * 28, True),  # 64 characters
        ("Zin met spaties die lang genoeg is " * 3, True),  # over 64, under 128
        ("a" * 129, False),
        ("password1234", False),  # a common password
        ("ilovemyfamily", False),  # a common password
    ],
)
def test_password_rules_follow_asvs(password, accepted):
    try:
        validate_password(password)
    except ValidationError:
        assert not accepted
    else:
        assert accepted


def test_passwords_are_hashed_with_argon2():
    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        assert make_password("Een-lang-wachtwoord-123").startswith("argon2$argon2id$")


def test_production_settings_pass_check_deploy(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "baanbehoud.config.settings.production",
        "SECRET_KEY": "x7" * 30 + "-production-like-secret-key",
        "PSEUDONYM_KEY": "a-separate-production-pseudonym-key",
        "ALLOWED_HOSTS": "baanbehoud.example.nl",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "REDIS_URL": "redis://127.0.0.1:6379/0",  # not connected to by the check
        "SITE_URL": "https://baanbehoud.example.nl",
    }
    command = [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"]
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    # Without a task queue several processes would not share jobs and their progress; without
    # SITE_URL the links in e-mails point at the developer's own machine.
    del env["REDIS_URL"], env["SITE_URL"]
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    for check in ("baanbehoud.W001", "baanbehoud.W002", "baanbehoud.W003"):
        assert check in result.stderr


# -- issue 12 §9


@override_settings(AXES_FAILURE_LIMIT=3)
def test_changing_the_user_agent_does_not_escape_the_lockout(client):
    """Many user names from one address: locked by the address, whatever User-Agent is sent."""
    for n in range(3):
        client.post(
            reverse("login"),
            {"username": f"iemand{n}", "password": "verkeerd"},
            HTTP_USER_AGENT=f"Browser/{n}",
        )
    UserFactory.create(username="km", password=PASSWORD)
    locked = client.post(
        reverse("login"), {"username": "km", "password": PASSWORD}, HTTP_USER_AGENT="Nieuw/1.0"
    )
    assert locked.status_code == 429


def test_the_first_app_link_needs_the_activation_code(client):
    from baanbehoud.security.enrolment import issue_code

    user = UserFactory.create(username="km", password=PASSWORD)
    assert _landing(client, "km").startswith(reverse("mfa-setup"))
    wrong = client.post(reverse("mfa-setup"), {"code": "AAAA-BBBB"})
    assert wrong.status_code == 400 and "klopt niet of is verlopen" in wrong.content.decode()
    assert "data:image/svg+xml;base64," not in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=user).exists()  # no key was made
    code = issue_code(user=user)
    assert client.post(reverse("mfa-setup"), {"code": code.lower()}).status_code == 302
    qr_page = client.get(reverse("mfa-setup")).content.decode()
    assert "data:image/svg+xml;base64," in qr_page
    # The code worked once: a second session with the same password needs a new one.
    other = type(client)()
    other.post(reverse("login"), {"username": "km", "password": PASSWORD})
    again = other.post(reverse("mfa-setup"), {"code": code})
    assert again.status_code == 400


def test_an_activation_code_is_burnt_after_five_wrong_tries(client):
    from baanbehoud.security.enrolment import issue_code

    user = UserFactory.create(username="km", password=PASSWORD)
    code = issue_code(user=user)
    _password_login(client, "km")
    for _ in range(5):
        client.post(reverse("mfa-setup"), {"code": "ZZZZ-ZZZZ"})
    assert client.post(reverse("mfa-setup"), {"code": code}).status_code == 400


def test_the_api_says_401_without_credentials_and_404_in_its_own_format(client):
    response = client.get("/api/v1/persons")
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Token")
    assert response.json()["errors"][0]["path"] == ""
    user = UserFactory.create(role=Role.KLANTMANAGER)
    client.force_login(user)
    for missing in (
        "/api/v1/persons/bestaat-niet",
        "/api/v1/placements/x/chain",
        "/api/v1/nergens",
    ):
        response = client.get(missing)
        assert response.status_code == 404, missing
        assert response.json() == {"errors": [{"path": "", "message": "Niet gevonden."}]}, missing


@pytest.mark.parametrize("hours_later", [13, 20, 24 * 3])
def test_a_browser_left_open_overnight_is_told_why(client, hours_later):
    user = UserFactory.create()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(user)
        client.get(reverse("worklist"))
    with time_machine.travel(start + timedelta(hours=hours_later), tick=False):
        response = client.get(reverse("worklist"))
        assert response.status_code == 302 and "verlopen=1" in response["Location"]


def test_the_schema_and_swagger_ui_need_a_login(client):
    assert client.get(reverse("api:api-schema")).status_code == 401
    assert client.get(reverse("api:api-docs")).status_code == 401
    client.force_login(UserFactory.create(role=Role.KLANTMANAGER))
    assert client.get(reverse("api:api-schema"), {"format": "json"}).status_code == 200
