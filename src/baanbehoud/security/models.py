"""Activation codes for the first TOTP enrolment (issue 12 §9).

A password alone must not be enough to link an authenticator app to a professional's account:
whoever knows the password could otherwise link their own phone first. The functional
administrator (or the operator's command) hands out a one-time activation code through another
channel; the set-up page asks it before it shows the QR code.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EnrolmentCode(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="enrolment_codes",
    )
    code_hash = models.CharField(_("code (gehasht)"), max_length=64)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemaakt door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    expires_at = models.DateTimeField(_("geldig tot"))
    used_at = models.DateTimeField(_("gebruikt op"), null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(_("mislukte pogingen"), default=0)

    class Meta:
        verbose_name = _("activeringscode tweestapsverificatie")
        verbose_name_plural = _("activeringscodes tweestapsverificatie")

    def __str__(self) -> str:
        return f"{self.user} ({self.issued_at:%Y-%m-%d})"
