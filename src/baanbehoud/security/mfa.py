"""The second login step: a time-based code (TOTP, RFC 6238) from an authenticator app, with
django-otp. Required for the professional roles and for everyone who can open the admin;
workers and supervisors log in with a password only (docs/security.md explains why)."""

from __future__ import annotations

import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from baanbehoud.organisations.models import Actor, Role, User

SECOND_FACTOR_ROLES = frozenset(
    {
        Role.KLANTMANAGER,
        Role.ACCOUNTMANAGER,
        Role.ARBEIDSDESKUNDIGE,
        Role.JOBCOACH,
        Role.BELEIDSMEDEWERKER,
        Role.BEHEERDER,
    }
)


def needs_second_factor(user: Actor) -> bool:
    if not settings.MFA_REQUIRED or not isinstance(user, User) or not user.is_authenticated:
        return False
    return bool(user.is_staff or user.is_superuser or user.role in SECOND_FACTOR_ROLES)


def is_verified(request: HttpRequest) -> bool:
    verified = getattr(request.user, "is_verified", None)
    return bool(verified and verified())


def has_confirmed_device(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def unconfirmed_device(user: User) -> TOTPDevice:
    """The device being set up: made once, so reloading the page shows the same code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=False)
    return device


def secret_for_typing(device: TOTPDevice) -> str:
    """The key as an app asks for it when it cannot scan: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_data_uri(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()
