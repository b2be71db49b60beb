"""AVG rights (docs/security.md): the access export (art. 15), erasure by anonymisation (art. 17)
and the retention period.

What is kept after anonymisation, and why: placements, contract periods, hours, endings with their
reason codes, evaluation scores and jobcoach hours stay, without anything that points to the
person, because the banenafspraak figures and the jobcoach invoices (fiscal retention, 7 years)
need them. The processing log is kept whole: it is the accountability the AVG itself requires,
and it holds only a keyed hash of the BSN.
"""

from __future__ import annotations

import json
import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import models, transaction
from django.db.models import Exists, Max, OuterRef, Prefetch

from baanbehoud.audit.models import Action, ProcessingLogEntry
from baanbehoud.audit.services import log_processing
from baanbehoud.exchange.models import ImportBatch
from baanbehoud.guidance.models import (
    Concern,
    ContactMoment,
    Evaluation,
    EvaluationResponse,
    JobcoachHours,
    JobcoachReport,
    JobcoachTrajectory,
    Provision,
)
from baanbehoud.organisations.models import User
from baanbehoud.persons.models import CandidateProfile, Handover, Person
from baanbehoud.placements.models import ContractPeriod, Ending, HoursStep, Placement
from baanbehoud.progress import SILENT, Progress, tracked

ANONYMOUS_NAME = "Geanonimiseerd"
ACTIVITY_REQUEST = "AVG-verzoek van de betrokkene"
ACTIVITY_RETENTION = "Bewaartermijn verstreken"


def _value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    return value


def _record(obj: models.Model, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every stored field of a record, labelled as the application labels it: a new field is
    in the export without anyone remembering to add it."""
    record: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in skip or field.name in ("id", "password"):
            continue
        value = getattr(obj, field.name)
        if field.choices and value is not None and not isinstance(value, models.Model):
            value = getattr(obj, f"get_{field.name}_display")()
        record[str(field.verbose_name)] = _value(value)
    for field in obj._meta.many_to_many:
        record[str(field.verbose_name)] = [str(v) for v in getattr(obj, field.name).all()]
    return record


def access_export(person: Person) -> dict[str, Any]:
    """Everything the system holds about one person, including who processed their data."""
    placements = (
        Placement.objects.filter(person=person)
        .select_related("employer", "ending")
        .prefetch_related(
            Prefetch("contracts", queryset=ContractPeriod.objects.order_by("start")),
            Prefetch("hours_steps", queryset=HoursStep.objects.order_by("pk")),
            "ending__reasons",
            Prefetch("contacts", queryset=ContactMoment.objects.order_by("pk")),
            Prefetch(
                "evaluations",
                queryset=Evaluation.objects.order_by("pk").prefetch_related(
                    Prefetch("responses", queryset=EvaluationResponse.objects.order_by("pk"))
                ),
            ),
            Prefetch(
                "jobcoaching",
                queryset=JobcoachTrajectory.objects.order_by("pk").prefetch_related(
                    Prefetch("hours", queryset=JobcoachHours.objects.order_by("pk")),
                    Prefetch("reports", queryset=JobcoachReport.objects.order_by("pk")),
                ),
            ),
            Prefetch("concerns", queryset=Concern.objects.order_by("pk")),
            Prefetch("provisions", queryset=Provision.objects.order_by("pk")),
        )
        .order_by("pk")
    )
    data: dict[str, Any] = {
        "soort": "AVG-inzage (artikel 15)",
        "persoon": _record(person),
        "kandidaatprofiel": [
            _record(p, ("person",)) for p in CandidateProfile.objects.filter(person=person)
        ],
        "overdrachten": [
            _record(h, ("person",)) for h in Handover.objects.filter(person=person).order_by("pk")
        ],
        "plaatsingen": [],
    }
    for placement in placements:  # everything prefetched: a fixed number of queries
        ending = getattr(placement, "ending", None)
        item = _record(placement, ("person",))
        item["contracten"] = [_record(c, ("placement",)) for c in placement.contracts.all()]
        item["urenopbouw"] = [_record(h, ("placement",)) for h in placement.hours_steps.all()]
        item["einde"] = [_record(ending, ("placement",))] if ending is not None else []
        item["contactmomenten"] = [_record(c, ("placement",)) for c in placement.contacts.all()]
        item["evaluaties"] = [
            {
                **_record(e, ("placement",)),
                "antwoorden": [_record(r, ("evaluation",)) for r in e.responses.all()],
            }
            for e in placement.evaluations.all()
        ]
        item["jobcoaching"] = [
            {
                **_record(t, ("placement",)),
                "uren": [_record(h, ("trajectory",)) for h in t.hours.all()],
                "rapportages": [_record(r, ("trajectory",)) for r in t.reports.all()],
            }
            for t in placement.jobcoaching.all()
        ]
        item["zorgsignalen"] = [_record(c, ("placement",)) for c in placement.concerns.all()]
        item["voorzieningen"] = [_record(p, ("placement",)) for p in placement.provisions.all()]
        data["plaatsingen"].append(item)
    account = User.objects.filter(person=person).first()
    if account is not None:
        data["account"] = {
            "gebruikersnaam": account.username,
            "e-mail": account.email,
            "actief": account.is_active,
            "laatst ingelogd": _value(account.last_login),
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


def _scrub(queryset: models.QuerySet[Any], fields: tuple[str, ...]) -> None:
    queryset.update(**dict.fromkeys(fields, ""))


@transaction.atomic
def anonymise(*, person: Person, user: User | None, activity: str, today: date) -> None:
    """Erase what identifies the person and keep what the law and the statistics need."""
    if person.anonymised_on is not None:
        return
    log_processing(
        user=user,
        persons=[person],
        action=Action.DELETE,
        activity=activity,
        object_type="persoon (anonimiseren)",
    )
    bsn = person.bsn
    placements = Placement.objects.filter(person=person)
    CandidateProfile.objects.filter(person=person).delete()
    _scrub(Handover.objects.filter(person=person), ("note",))
    _scrub(ContractPeriod.objects.filter(placement__in=placements), ("extension_reason",))
    _scrub(HoursStep.objects.filter(placement__in=placements), ("reason",))
    _scrub(
        Ending.objects.filter(placement__in=placements),
        ("notes", "no_permanent_reason", "learning_points"),
    )
    _scrub(ContactMoment.objects.filter(placement__in=placements), ("summary",))
    _scrub(Evaluation.objects.filter(placement__in=placements), ("agreements",))
    _scrub(EvaluationResponse.objects.filter(evaluation__placement__in=placements), ("remarks",))
    _scrub(JobcoachTrajectory.objects.filter(placement__in=placements), ("exception_reason",))
    _scrub(
        JobcoachReport.objects.filter(trajectory__placement__in=placements),
        ("how_it_goes", "what_changed", "advice"),
    )
    _scrub(Concern.objects.filter(placement__in=placements), ("text", "handling_note"))
    _scrub(Provision.objects.filter(placement__in=placements), ("description",))
    for account in User.objects.filter(person=person):
        account.person = None
        account.is_active = False
        account.username = f"geanonimiseerd-{uuid.uuid4().hex[:12]}"
        account.full_name = account.first_name = account.last_name = account.email = ""
        account.phone = ""
        account.set_unusable_password()
        account.save()
    if bsn:
        for batch in ImportBatch.objects.all():
            if bsn in json.dumps(batch.document):
                batch.delete()
    # References from the source systems would lead back to the person there.
    _new_refs(Placement, list(placements))
    _new_refs(JobcoachTrajectory, list(JobcoachTrajectory.objects.filter(placement__in=placements)))
    person.name = ANONYMOUS_NAME
    person.ref = f"anoniem-{uuid.uuid4().hex[:16]}"
    person.bsn = None
    person.birth_date = date(person.birth_date.year, 7, 1)
    person.needs = person.email = person.phone = ""
    person.contact_person = None
    person.jobcoach = None
    person.anonymised_on = today
    person.save()


def _new_refs(model: Any, records: list[Any]) -> None:
    for record in records:
        record.ref = f"anoniem-{uuid.uuid4().hex[:16]}"
    model.objects.bulk_update(records, ["ref"])


def retention_cutoff(today: date, years: int) -> date:
    return today - relativedelta(years=years)


def retention_due(today: date, years: int) -> models.QuerySet[Person]:
    """Persons whose last placement ended `years` or more ago, with nothing running now."""
    running = Placement.objects.filter(person=OuterRef("pk"), ending__isnull=True)
    return (
        Person.objects.filter(anonymised_on__isnull=True, placements__isnull=False)
        .annotate(running=Exists(running), last_end=Max("placements__ending__date"))
        .filter(running=False, last_end__lte=retention_cutoff(today, years))
        .order_by("pk")
    )


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
