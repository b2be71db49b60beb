"""Model fields shared by the apps."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from .dates import MSG_IMPLAUSIBLE_DATE, happened_problem, is_plausible


def validate_plausible_date(value: date) -> None:
    if not is_plausible(value):
        raise ValidationError(MSG_IMPLAUSIBLE_DATE, code="implausible_date")


class PlausibleDateField(models.DateField):
    """A date between 1900 and 2199, so the domain's calendar arithmetic is always defined."""

    default_validators = [validate_plausible_date]

    def deconstruct(self) -> Any:
        name, _path, args, kwargs = super().deconstruct()
        return name, "baanbehoud.fields.PlausibleDateField", args, kwargs


def check_happened(record: models.Model, *fields: str) -> None:
    """Things that happened cannot lie in the future (dates.happened_problem): for a model's
    clean(), so pages, services, the API and the admin refuse them alike."""
    today = timezone.localdate()
    errors = {
        name: problem
        for name in fields
        if (problem := happened_problem(getattr(record, name), today)) is not None
    }
    if errors:
        raise ValidationError(errors)
