"""AVG rights (docs/security.md): the access export (art. 15), erasure by anonymisation (art. 17)
and the retention period.

What is kept after anonymisation, and why: placements, contract periods, hours, endings with their
reason codes, evaluation scores and jobcoach hours stay, without anything that points to the
person, because the banenafspraak figures and the jobcoach invoices (fiscal retention, 7 years)
need them. The processing log is kept whole: it is the accountability the AVG itself requires,
and it holds only a keyed hash of the BSN.

Each app that holds personal data says what it holds in its own `privacy.py` (found when the
project starts, as Django finds `admin.py`): what goes in the access export, what is erased and
what a nightly sweep removes. This module knows none of those apps.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

from dateutil.relativedelta import relativedelta
from django.db import models, transaction
from django.utils.module_loading import autodiscover_modules

from baanbehoud.audit.models import Action, ProcessingLogEntry
from baanbehoud.audit.services import log_processing
from baanbehoud.organisations.models import User
from baanbehoud.progress import SILENT, Progress, tracked

if TYPE_CHECKING:
    from baanbehoud.persons.models import Person

ANONYMOUS_NAME = "Geanonimiseerd"
ACTIVITY_REQUEST = "AVG-verzoek van de betrokkene"
ACTIVITY_RETENTION = "Bewaartermijn verstreken"


@dataclass
class AccessExport:
    """The access export being made: `data` in the order the sections are added, and each
    placement's item by its id, so an app above placements adds its records to the placement."""

    data: dict[str, Any]
    placement_items: dict[int, dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class Erasure:
    """One person to anonymise; `bsn` as it was before anything was erased."""

    person: Person
    bsn: str | None
    today: date


@dataclass(frozen=True)
class Swept:
    """What a nightly sweep removed: `key` for the job's result, `what` in words for its
    summary."""

    key: str
    count: int
    what: str


class PersonalData(Protocol):
    """What one app holds about a person."""

    def export(self, person: Person, export: AccessExport) -> None: ...

    def anonymise(self, erasure: Erasure) -> None: ...


_holders: list[PersonalData] = []
_sweeps: list[Callable[[], Swept]] = []
_retention_rule: list[Callable[[date], models.QuerySet[Any]]] = []


def register(holder: PersonalData) -> PersonalData:
    """Called by an app's `privacy.py`; holders export in the order the apps are installed."""
    _holders.append(holder)
    return holder


def register_sweep(sweep: Callable[[], Swept]) -> Callable[[], Swept]:
    """Something the retention job removes each night (kept only briefly because it holds BSNs)."""
    _sweeps.append(sweep)
    return sweep


def register_retention_rule(rule: Callable[[date], models.QuerySet[Any]]) -> None:
    """`rule(cutoff)`: the persons whose retention period ended on or before `cutoff`."""
    _retention_rule[:] = [rule]


def autodiscover() -> None:
    autodiscover_modules("privacy")


def value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    return value


def record(obj: models.Model, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every stored field of a record, labelled as the application labels it: a new field is
    in the export without anyone remembering to add it."""
    fields: dict[str, Any] = {}
    for column in obj._meta.concrete_fields:
        if column.name in skip or column.name in ("id", "password"):
            continue
        stored = getattr(obj, column.name)
        if column.choices and stored is not None and not isinstance(stored, models.Model):
            stored = getattr(obj, f"get_{column.name}_display")()
        fields[str(column.verbose_name)] = value(stored)
    for many in obj._meta.many_to_many:
        fields[str(many.verbose_name)] = [str(v) for v in getattr(obj, many.name).all()]
    return fields


def scrub(queryset: models.QuerySet[Any], fields: tuple[str, ...]) -> None:
    queryset.update(**dict.fromkeys(fields, ""))


def new_ref() -> str:
    return uuid.uuid4().hex[:16]


def new_refs(model: Any, records: list[Any]) -> None:
    """References from the source systems would lead back to the person there."""
    for item in records:
        item.ref = f"anoniem-{new_ref()}"
    model.objects.bulk_update(records, ["ref"])


def access_export(person: Person) -> dict[str, Any]:
    """Everything the system holds about one person, including who processed their data."""
    export = AccessExport(data={"soort": "AVG-inzage (artikel 15)"})
    for holder in _holders:
        holder.export(person, export)
    data = export.data
    account = User.objects.filter(person=person).first()
    if account is not None:
        data["account"] = {
            "gebruikersnaam": account.username,
            "e-mail": account.email,
            "actief": account.is_active,
            "laatst ingelogd": value(account.last_login),
        }
    data["verwerkingen"] = [
        {
            "tijdstip (UTC)": entry.timestamp.isoformat(),
            "gebruiker": entry.user_label,
            "organisatie": entry.organisation_label,
            "handeling": entry.get_action_display(),
            "verwerkingsactiviteit": entry.activity,
            "soort gegeven": entry.object_type,
        }
        for entry in ProcessingLogEntry.objects.filter(person_id=person.pk).order_by("timestamp")
    ]
    return data


def access_export_json(person: Person) -> str:
    return json.dumps(access_export(person), ensure_ascii=False, indent=2, default=str)


@transaction.atomic
def anonymise(*, person: Person, user: User | None, activity: str, today: date) -> None:
    """Erase what identifies the person and keep what the law and the statistics need. The
    apps above persons erase first; the person's own record last."""
    if person.anonymised_on is not None:
        return
    log_processing(
        user=user,
        persons=[person],
        action=Action.DELETE,
        activity=activity,
        object_type="persoon (anonimiseren)",
    )
    erasure = Erasure(person=person, bsn=person.bsn, today=today)
    for account in User.objects.filter(person=person):
        account.person = None
        account.is_active = False
        account.username = f"geanonimiseerd-{uuid.uuid4().hex[:12]}"
        account.full_name = account.first_name = account.last_name = account.email = ""
        account.phone = ""
        account.set_unusable_password()
        account.save()
    for holder in reversed(_holders):
        holder.anonymise(erasure)


def retention_cutoff(today: date, years: int) -> date:
    return today - relativedelta(years=years)


def retention_due(today: date, years: int) -> models.QuerySet[Any]:
    """Persons whose retention period has passed (the rule of the app that knows when a
    person's last job ended)."""
    (rule,) = _retention_rule
    return rule(retention_cutoff(today, years))


def sweep() -> list[Swept]:
    """Remove what is kept only briefly (the retention job)."""
    return [each() for each in _sweeps]


def readable(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The access export as nested sections for the printable page: each section a title and
    records, each record its fields and sub-sections."""

    def section(title: str, value: Any) -> dict[str, Any]:
        items = value if isinstance(value, list) else [value]
        return {"title": title[:1].upper() + title[1:], "records": [record(i) for i in items]}

    def record(item: Any) -> dict[str, Any]:
        if not isinstance(item, dict):
            return {"fields": [("", item)], "children": []}
        fields = [(k, _shown(v)) for k, v in item.items() if not isinstance(v, list | dict)]
        fields += [(k, ", ".join(map(str, v)) or "—") for k, v in item.items()
                   if isinstance(v, list) and all(not isinstance(x, dict) for x in v)]  # fmt: skip
        children = [
            section(k, v)
            for k, v in item.items()
            if isinstance(v, dict) or (isinstance(v, list) and any(isinstance(x, dict) for x in v))
        ]
        return {"fields": fields, "children": children}

    return [section(k, v) for k, v in data.items() if k != "soort"]


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if value is True:
        return "ja"
    if value is False:
        return "nee"
    return str(value)


def apply_retention(today: date, years: int, progress: Progress = SILENT) -> list[Person]:
    """Anonymise every person whose retention period has passed (the command and the nightly
    job); returns who was anonymised."""
    due = list(retention_due(today, years))
    for person in tracked(due, progress, "Personen anonimiseren"):
        anonymise(person=person, user=None, activity=ACTIVITY_RETENTION, today=today)
    return due
