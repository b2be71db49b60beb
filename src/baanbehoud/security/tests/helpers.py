"""Logging in through the real pages, second step included."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """What the authenticator app would show now (or `steps_ahead` periods of 30 s later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def log_in_with_code(client: Client, user: Any, password: str) -> Any:
    """Password, then (setting up the app the first time) the code; returns the last response,
    redirects followed."""
    response = client.post(
        reverse("login"), {"username": user.username, "password": password}, follow=True
    )
    path = response.redirect_chain[-1][0] if response.redirect_chain else ""
    if not path.startswith((reverse("mfa-setup"), reverse("mfa-verify"))):
        return response
    if path.startswith(reverse("mfa-setup")):
        # The first time: the activation code the functional administrator hands over.
        from baanbehoud.security.enrolment import issue_code

        client.post(path, {"code": issue_code(user=user)})
        client.get(path)  # the page with the QR code makes the key
    device = TOTPDevice.objects.filter(user=user).order_by("-confirmed", "pk").first()
    assert device is not None
    return client.post(path, {"code": code_for(device)}, follow=True)


# The password the organisations' UserFactory gives everyone.
PASSWORD_FOR_TESTS = "Een-lang-wachtwoord-123"


def mark_verified(client: Client, user: Any) -> None:
    """After `force_login`: a professional has passed the second step too (a confirmed device,
    and the session marked the way django-otp's own login marks it)."""
    from django_otp import DEVICE_ID_SESSION_KEY

    from baanbehoud.security.mfa import needs_second_factor

    if needs_second_factor(user):
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="test", defaults={"confirmed": True}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
