"""A piece of long work (issue 14 §3): an import, an export, a report over many years, the weekly
digest, retention, the nightly signal run. It runs on the task queue (or in-process when there is
none); its row says who started it, how it went and, for an export or a report, holds the file
until it is downloaded or a day has passed. How far it is lives in the cache (jobs/progress.py),
not here: a running import holds its transaction open, and a row written inside it would not be
seen until the end."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    RUNNING = "running", _("Bezig")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Mislukt")


class Job(models.Model):
    # A random id: the address of a job page tells nothing and cannot be guessed.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("soort"), max_length=40)
    title = models.CharField(_("omschrijving"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    params = models.JSONField(default=dict)
    # Empty for scheduled work (the weekly digest, retention, the nightly signal run).
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    started_at = models.DateTimeField(_("begonnen"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar"), null=True, blank=True)
    summary = models.TextField(_("uitkomst"), blank=True)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(_("fout"), blank=True)
    # The file an export or report made; it may hold BSNs, so it is removed after a day.
    output = models.BinaryField(null=True, blank=True)
    output_name = models.CharField(max_length=200, blank=True)
    output_type = models.CharField(max_length=120, blank=True)

    class Meta:
        verbose_name = _("achtergrondtaak")
        verbose_name_plural = _("achtergrondtaken")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["started_by", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
