"""The processing log (VNG Logging Verwerkingen): one entry per data subject per read or write.

Entries are append-only: the application cannot change or delete them. The BSN is stored only
as a keyed hash, so a functional administrator can answer "who looked at this person's file?"
without the log becoming a second copy of the register.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The processing activity (VNG Logging Verwerkingen) of everything a contact person does with a
# case.
CASE_WORK = "Casemanagement banenafspraak"


class Action(models.TextChoices):
    READ = "read", _("Inzien")
    CREATE = "create", _("Aanmaken")
    UPDATE = "update", _("Wijzigen")
    DELETE = "delete", _("Verwijderen")
    EXPORT = "export", _("Exporteren")


class ImmutableEntryError(Exception):
    pass


class ProcessingLogQuerySet(models.QuerySet["ProcessingLogEntry"]):
    """No bulk changes either: `update()` and `delete()` on the log refuse."""

    def update(self, **kwargs: Any) -> int:
        # The one change allowed: a deleted account's link becomes empty (on_delete=SET_NULL);
        # the entry keeps the user's name in `user_label`.
        if kwargs == {"user": None}:
            return super().update(**kwargs)
        raise ImmutableEntryError("Entries in the processing log cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ImmutableEntryError("Entries in the processing log cannot be deleted.")


class ProcessingLogEntry(models.Model):
    timestamp = models.DateTimeField(_("tijdstip (UTC)"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    user_label = models.CharField(_("gebruiker (naam)"), max_length=200)
    organisation_label = models.CharField(_("organisatie"), max_length=200, blank=True)
    action = models.CharField(_("handeling"), max_length=8, choices=Action.choices)
    activity = models.CharField(_("verwerkingsactiviteit"), max_length=100)
    object_type = models.CharField(_("soort gegeven"), max_length=200)
    object_id = models.CharField(_("gegeven"), max_length=64, blank=True)
    person_id = models.BigIntegerField(_("persoon (id)"), null=True, db_index=True)
    bsn_hash = models.CharField(_("BSN (gehasht)"), max_length=64, db_index=True, blank=True)
    result = models.CharField(_("resultaat"), max_length=16, default="success")

    objects = ProcessingLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("verwerking")
        verbose_name_plural = _("verwerkingenlog")
        ordering = ["-timestamp", "-pk"]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.user_label} {self.action} {self.object_type}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ImmutableEntryError("Entries in the processing log cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ImmutableEntryError("Entries in the processing log cannot be deleted.")
