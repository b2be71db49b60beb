"""Model fields shared by the apps."""

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import EmptyResultSet, ValidationError
from django.db import models
from django.utils import timezone

from .dates import MSG_IMPLAUSIBLE_DATE, happened_problem, is_plausible
from .work_kinds import task_kinds_problem


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


@models.Field.register_lookup
class AnyOf(models.Lookup):
    """`placement_id__any=ids`: the value is one of a list of ids. On PostgreSQL one array
    parameter (`= ANY(%s)`) instead of `IN (%s, %s, …)`: with parts of 5,000 ids, making and
    splitting the long IN lists took a third of a national report's time. Elsewhere `IN`.
    The values are used as given (ids read from the database), not converted one by one; on
    PostgreSQL they go as one text `{1,2,…}` (psycopg's list adapter looks at every element)."""

    lookup_name = "any"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> Any:  # (sql, params)
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = list(self.rhs)
        if connection.vendor == "postgresql":
            array = "{" + ",".join(str(int(value)) for value in values) + "}"
            return f"{lhs} = ANY(%s::bigint[])", [*lhs_params, array]
        if not values:
            raise EmptyResultSet
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", [*lhs_params, *values]


# A foreign key has lookups of its own (an id or an object); ids are what this one takes.
models.ForeignObject.register_lookup(AnyOf)


def validate_task_kinds(value: object) -> None:
    """The model rule of a list of kinds of work (baanbehoud.work_kinds)."""
    if (problem := task_kinds_problem(value)) is not None:
        raise ValidationError(problem, code="task_kinds")


def recorded_by(label: Any) -> Any:
    """Who recorded (or judged, measured) a record: a user, kept as empty when the account goes,
    so the record stays. One definition for the records that say who wrote them."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
