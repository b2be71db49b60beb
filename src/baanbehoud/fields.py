"""Model fields shared by the apps."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from .dates import MSG_IMPLAUSIBLE_DATE, is_plausible


def validate_plausible_date(value: date) -> None:
    if not is_plausible(value):
        raise ValidationError(MSG_IMPLAUSIBLE_DATE, code="implausible_date")


class PlausibleDateField(models.DateField):
    """A date between 1900 and 2199, so the domain's calendar arithmetic is always defined."""

    default_validators = [validate_plausible_date]

    def deconstruct(self) -> Any:
        name, _path, args, kwargs = super().deconstruct()
        return name, "baanbehoud.fields.PlausibleDateField", args, kwargs
