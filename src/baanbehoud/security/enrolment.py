"""Issuing and accepting the one-time activation code for the first TOTP enrolment.

- `issue_code`: a new code for an account; earlier unused codes and any app linked before stop
  working (a lost phone is handled the same way). The plain code is returned once, to be handed
  over by another channel (phone, in person); only a keyed hash is stored.
- `accept_code`: the set-up page's check. A code works once, for 7 days, and is burnt after 5
  wrong tries.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from baanbehoud.organisations.models import User

from .models import EnrolmentCode

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to read out on the phone
LENGTH = 8
VALID_DAYS = 7
MAX_FAILED_ATTEMPTS = 5


def _hash(code: str) -> str:
    normal = "".join(code.split()).replace("-", "").upper()
    return hmac.new(settings.SECRET_KEY.encode(), normal.encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def issue_code(*, user: User, issued_by: User | None = None) -> str:
    """A new activation code for `user`; unlinks the app they had."""
    EnrolmentCode.objects.filter(user=user, used_at__isnull=True).delete()
    TOTPDevice.objects.filter(user=user).delete()
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    EnrolmentCode.objects.create(
        user=user,
        code_hash=_hash(raw),
        issued_by=issued_by if getattr(issued_by, "is_authenticated", False) else None,
        expires_at=timezone.now() + timedelta(days=VALID_DAYS),
    )
    return f"{raw[:4]}-{raw[4:]}"


@transaction.atomic
def accept_code(*, user: User, code: str) -> bool:
    """True once for a right, unused, unexpired code; a wrong try counts against every open
    code of the account."""
    open_codes = EnrolmentCode.objects.select_for_update().filter(
        user=user, used_at__isnull=True, expires_at__gt=timezone.now()
    )
    wanted = _hash(code)
    for candidate in open_codes:
        if hmac.compare_digest(candidate.code_hash, wanted):
            candidate.used_at = timezone.now()
            candidate.save(update_fields=["used_at"])
            return True
    for candidate in open_codes:
        candidate.failed_attempts += 1
        if candidate.failed_attempts >= MAX_FAILED_ATTEMPTS:
            candidate.delete()
        else:
            candidate.save(update_fields=["failed_attempts"])
    return False
