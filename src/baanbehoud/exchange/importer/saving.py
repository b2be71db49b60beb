"""Writing a list in bulk, with the same outcome per record as writing them one by one, and the
journal of what was written so an import can be undone."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from itertools import islice
from typing import Any, TypeVar

from django.db.models import Model

from baanbehoud.bulk import insert_many
from baanbehoud.progress import SILENT, Progress

from .reading import chunks


class Journal:
    """What one import wrote, so it can be undone (issue 21 §3): records created, and for
    records changed their fields' values before. JSON, for ImportUndo."""

    def __init__(self) -> None:
        self.created: list[list[Any]] = []  # [model label, pk]
        self.updated: list[list[Any]] = []  # [model label, pk, {attname: old value as text}]
        self.reasons: list[list[Any]] = []  # [ending pk, [old codes]]
        self.intention_reasons: list[list[Any]] = []  # [employer intention pk, [old codes]]

    def create(self, obj: Model) -> None:
        self.created.append([obj._meta.label, obj.pk])

    def update(self, obj: Model, fields: Iterable[str]) -> None:
        before = {}
        for name in fields:
            field = obj._meta.get_field(name)
            raw = getattr(obj, field.attname)  # type: ignore[union-attr]
            before[field.attname] = None if raw is None else field.value_to_string(obj)  # type: ignore[union-attr]
        self.updated.append([obj._meta.label, obj.pk, before])

    def as_json(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "reasons": self.reasons,
            "intention_reasons": self.intention_reasons,
        }


T = TypeVar("T")
WRITE_PART = 20_000  # records of a long list written together (their items and model objects)


def write_parts(items: Iterable[T], size: int = 0) -> Iterator[list[T]]:
    """`items` in document order, `size` (`WRITE_PART`) at a time, taken from the iterable as
    they are needed (a generator's items are made a part at a time). An item that repeats an
    earlier part's lookup finds the record that part wrote, as `save_all` finds an earlier
    item's."""
    iterator = iter(items)
    while part := list(islice(iterator, size or WRITE_PART)):
        yield part


def ids_by_ref(model: type[Model], refs: Iterable[str]) -> dict[str, int]:
    """The ids of the stored records of `model` with these refs, read in parts (a writer holds
    records it does not write by id, not as model objects)."""
    ids: dict[str, int] = {}
    for part in chunks(refs):
        ids.update(model._default_manager.filter(ref__in=part).values_list("ref", "pk"))
    return ids


current_journal: ContextVar[Journal | None] = ContextVar("import_journal", default=None)


def save_one(
    model: type[Model], lookup: Mapping[str, Any], values: Mapping[str, Any]
) -> tuple[Any, str]:
    """Create or update one record; returns it with "created", "updated" or "unchanged"."""
    journal = current_journal.get()
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        created = model._default_manager.create(**lookup, **values)
        if journal is not None:
            journal.create(created)
        return created, "created"
    changed = differing(model, obj, values)
    if not changed:
        return obj, "unchanged"
    if journal is not None:
        journal.update(obj, changed)
    for key in changed:
        setattr(obj, key, values[key])
    obj.save(update_fields=changed)
    return obj, "updated"


def key_value(model: type[Model], name: str, value: Any) -> tuple[str, Any]:
    """A lookup's field as the column it is stored in: a related record by its id (given as the
    record, or as the id under the column's name: `person_id`)."""
    field = model._meta.get_field(name)
    if field.is_relation:
        if name == field.attname:  # type: ignore[union-attr]
            return name, value
        return field.attname, (value.pk if value is not None else None)  # type: ignore[union-attr]
    return name, value


def differing(model: type[Model], obj: Any, values: Mapping[str, Any]) -> list[str]:
    """The fields whose value differs from the record's; a related record compared by its id,
    so the comparison reads nothing from the database."""
    changed = []
    for name, value in values.items():
        column, wanted = key_value(model, name, value)
        if getattr(obj, column) != wanted:
            changed.append(name)
    return changed


def save_all(
    model: type[Model],
    items: Sequence[tuple[Mapping[str, Any], Mapping[str, Any]]],
    progress: Progress = SILENT,
) -> list[tuple[Any, str]]:
    """`_save` for a whole list with the same lookup fields: the existing records in one query
    per part of the list, the new ones in one insert per batch, the changed ones in one update
    per batch. Each item gets what `_save` one after the other would give (an item that repeats
    an earlier one's lookup finds the record the earlier one made). Bulk writes send no model
    signals: the writer marks the signals of what it touched itself."""
    if not items:
        return []
    journal = current_journal.get()
    names = list(items[0][0])
    columns = [key_value(model, n, None)[0] for n in names]

    def key(lookup: Mapping[str, Any]) -> tuple[Any, ...]:
        return tuple(key_value(model, n, lookup[n])[1] for n in names)

    keys = [key(lookup) for lookup, _values in items]
    found: dict[tuple[Any, ...], Any] = {}
    first = columns[0]
    for part in chunks({k[0] for k in keys if k[0] is not None}):
        for record in model._default_manager.filter(**{f"{first}__in": part}):
            found.setdefault(tuple(getattr(record, c) for c in columns), record)
    if any(k[0] is None for k in keys):
        for record in model._default_manager.filter(**{f"{first}__isnull": True}):
            found.setdefault(tuple(getattr(record, c) for c in columns), record)
    result: list[tuple[Any, str]] = []
    new: dict[tuple[Any, ...], Any] = {}
    changed_fields: dict[int, set[str]] = {}
    existing_changed: dict[int, Any] = {}
    for k, (lookup, values) in zip(keys, items, strict=True):
        progress.advance()
        obj: Any = found.get(k)
        if obj is None:
            obj = model(**lookup, **values)
            found[k] = new[k] = obj
            result.append((obj, "created"))
            continue
        changed = differing(model, obj, values)
        if not changed:
            result.append((obj, "unchanged"))
            continue
        if k not in new:
            if journal is not None:
                journal.update(obj, changed)
            changed_fields.setdefault(id(obj), set()).update(changed)
            existing_changed[id(obj)] = obj
        for f in changed:
            setattr(obj, f, values[f])
        result.append((obj, "updated"))
    if new:
        insert_many(model, list(new.values()))
        if journal is not None:
            for obj in new.values():
                journal.create(obj)
    by_fields: dict[frozenset[str], list[Any]] = defaultdict(list)
    for ident, obj in existing_changed.items():
        by_fields[frozenset(changed_fields[ident])].append(obj)
    for fields, objs in by_fields.items():
        model._default_manager.bulk_update(objs, sorted(fields))
    return result
