from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportSettings(models.Model):
    """Region-wide report configuration (one row)."""

    minimum_group_size = models.PositiveSmallIntegerField(
        _("kleinste groep die een beleidsmedewerker mag zien"),
        default=5,
        validators=[MinValueValidator(2)],
        help_text=_(
            "Aantallen kleiner dan dit worden getoond als '< 5', zodat niemand herkenbaar is."
        ),
    )

    class Meta:
        verbose_name = _("instellingen rapportages")
        verbose_name_plural = _("instellingen rapportages")

    def __str__(self) -> str:
        return "Instellingen rapportages"

    @classmethod
    def current(cls) -> ReportSettings:
        return cls.objects.order_by("pk").first() or cls()
