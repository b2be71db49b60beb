"""Choices shared by the records of persons and of employers: a workplace's demands and what a
person can handle are scored against each other in a match (baanbehoud.matching)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    """Sectors of the employers in Bijlage 1 and 2 of the report. Suggestions: the exchange
    format allows any sector text, so the field is not limited to these."""

    SUPERMARKET = "supermarkt", _("Supermarkt en detailhandel")
    GOVERNMENT = "overheid", _("Overheid")
    EDUCATION = "onderwijs", _("Onderwijs")
    CARE = "zorg", _("Zorg en welzijn")
    HOSPITALITY = "horeca", _("Horeca")
    CLEANING = "schoonmaak", _("Schoonmaak")
    FOOD = "voeding", _("Voedingsindustrie")
    LOGISTICS = "logistiek", _("Logistiek en groothandel")
    GREEN = "groen", _("Groen en recreatie")
    TECHNICAL = "techniek", _("Techniek en industrie")
    SERVICES = "dienstverlening", _("Zakelijke dienstverlening")
    OTHER = "anders", _("Anders")


class Level(models.TextChoices):
    """How heavy a workplace is on one point, and how much a person can handle of it."""

    LOW = "low", _("Laag")
    MEDIUM = "medium", _("Gemiddeld")
    HIGH = "high", _("Hoog")


class TeamOrAlone(models.TextChoices):
    TEAM = "team", _("In een team")
    ALONE = "alone", _("Alleen")
    BOTH = "both", _("Allebei")


SECTOR_LABELS = {str(value): str(label) for value, label in Sector.choices}
