"""Undoing an import just done (issue 21 §3): the same administrator, within 30 minutes, all or
nothing. Records the import created are removed and records it changed get their values back.
Refused when anything else has been written on top of them since (a contact moment on an
imported placement, say): then nothing is undone."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.db.models.deletion import Collector, ProtectedError
from django.utils import timezone

from baanbehoud.audit.models import Action
from baanbehoud.audit.services import log_processing
from baanbehoud.organisations.models import User
from baanbehoud.persons.models import Person

from .models import ImportUndo

UNDO_MINUTES = 30
MSG_TOO_LATE = "Ongedaan maken kan tot 30 minuten na de import, en één keer."
MSG_CHANGED_SINCE = (
    "Er is na de import al iets bij deze gegevens vastgelegd; ongedaan maken kan niet meer. "
    "Er is niets veranderd."
)


def undo_available(undo: ImportUndo, user: User, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        undo.done_by_id == user.pk
        and undo.undone_at is None
        and now <= undo.done_at + timedelta(minutes=UNDO_MINUTES)
    )


def _persons_of(records: list[Any]) -> set[int]:
    ids = set()
    for record in records:
        if isinstance(record, Person):
            ids.add(record.pk)
        for path in ("person_id", "placement__person_id", "contract__placement__person_id"):
            target: Any = record
            for part in path.split("__"):
                target = getattr(target, part, None) if target is not None else None
            if isinstance(target, int):
                ids.add(target)
    return ids


@transaction.atomic
def import_undo(*, user: User, undo: ImportUndo) -> None:
    undo = ImportUndo.objects.select_for_update().get(pk=undo.pk)
    if not undo_available(undo, user):
        raise ValidationError(MSG_TOO_LATE)
    journal = undo.journal
    created = [
        apps.get_model(label)._default_manager.filter(pk=pk).first()
        for label, pk in journal.get("created", [])
    ]
    created = [record for record in created if record is not None]
    wanted = {(r._meta.label, r.pk) for r in created}
    touched = _persons_of(created)
    for label, pk, before in reversed(journal.get("updated", [])):
        model = apps.get_model(label)
        record = model._default_manager.filter(pk=pk).first()
        if record is None:
            raise ValidationError(MSG_CHANGED_SINCE)
        for attname, text in before.items():
            field = next(f for f in model._meta.concrete_fields if f.attname == attname)
            setattr(record, attname, None if text is None else field.to_python(text))
        record.save(update_fields=list(before))
        touched |= _persons_of([record])
    ending_model = apps.get_model("placements", "Ending")
    reason_model = apps.get_model("placements", "EndingReason")
    for ending_pk, codes in journal.get("reasons", []):
        ending = ending_model.objects.get(pk=ending_pk)
        ending.reasons.set(reason_model.objects.filter(code__in=codes))
    intention_model = apps.get_model("placements", "EmployerIntention")
    for intention_pk, codes in journal.get("intention_reasons", []):
        intention = intention_model.objects.get(pk=intention_pk)
        intention.reasons.set(reason_model.objects.filter(code__in=codes))
    log_processing(
        user=user,
        persons=Person.objects.filter(pk__in=touched),
        action=Action.DELETE,
        activity="Import ongedaan gemaakt",
        object_type=f"import {undo.filename}",
    )
    # Newest first, so a record's own children (made by the same import) are gone before it.
    for record in reversed(created):
        collector = Collector(using=router.db_for_write(type(record)))
        try:
            collector.collect([record])
        except ProtectedError as exc:
            raise ValidationError(MSG_CHANGED_SINCE) from exc
        # (Rows of a many-to-many link table, such as an ending's reasons, go with their record.)
        found = [
            (model._meta.label, instance.pk)
            for model, instances in collector.data.items()
            if not model._meta.auto_created and not getattr(model, "DERIVED", False)
            for instance in instances
        ] + [  # related rows Django deletes in one query, without loading them
            (rows.model._meta.label, pk)
            for rows in collector.fast_deletes
            if not rows.model._meta.auto_created and not getattr(rows.model, "DERIVED", False)
            for pk in rows.values_list("pk", flat=True)
        ]
        if any(key not in wanted for key in found):
            raise ValidationError(MSG_CHANGED_SINCE)
        collector.delete()
    undo.undone_at = timezone.now()
    undo.save(update_fields=["undone_at"])
