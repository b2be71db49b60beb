"""A user's saved views (issue 18 §3): a filtered list under a name, found in the navigation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The lists a view can be saved of: their URL names (core/lists.py and the worklist).
SAVEABLE_LISTS = (
    "worklist",
    "person-list",
    "employer-list",
    "placement-list",
    "vacancy-list",
    "without-contact",
    "jobcoach-home",
)
MAX_VIEWS = 12


class SavedView(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="saved_views",
    )
    name = models.CharField(_("naam"), max_length=60)
    path = models.CharField(_("pagina"), max_length=200)
    query = models.CharField(_("filters"), max_length=1000, blank=True)
    created = models.DateTimeField(_("bewaard op"), auto_now_add=True)

    class Meta:
        verbose_name = _("bewaarde weergave")
        verbose_name_plural = _("bewaarde weergaven")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="saved_view_name_once_per_user")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def url(self) -> str:
        return f"{self.path}?{self.query}" if self.query else self.path
