"""An uploaded import waiting for confirmation. It holds BSNs, so it lives only between the
preview and the confirmation: deleted on confirm or cancel, and after a day at the latest."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportBatch(models.Model):
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    filename = models.CharField(_("bestand"), max_length=255)
    document = models.JSONField()
    # The uploaded file itself, until the background check has read it (then `document`).
    upload = models.BinaryField(null=True, blank=True)

    class Meta:
        verbose_name = _("import in afwachting")
        verbose_name_plural = _("imports in afwachting")

    def __str__(self) -> str:
        return f"{self.filename} ({self.uploaded_at:%Y-%m-%d %H:%M})"


def purge_stale_batches() -> int:
    """Checked uploads that were never confirmed, after a day (they hold BSNs)."""
    from datetime import timedelta

    from django.utils import timezone

    deleted, _per_model = ImportBatch.objects.filter(
        uploaded_at__lt=timezone.now() - timedelta(days=1)
    ).delete()
    return deleted


class ImportUndo(models.Model):
    """What an import wrote, so that the administrator who did it can undo it for a short while
    (issue 21 §3): all or nothing, like the import itself, and logged."""

    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    done_at = models.DateTimeField(auto_now_add=True)
    filename = models.CharField(_("bestand"), max_length=255)
    journal = models.JSONField()
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("import (ongedaan te maken)")
        verbose_name_plural = _("imports (ongedaan te maken)")

    def __str__(self) -> str:
        return f"{self.filename} ({self.done_at:%Y-%m-%d %H:%M})"
