"""The shared part of the validation (validation.py puts the parts together)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Model

from baanbehoud.organisations.models import User
from baanbehoud.organisations.scoping import MSG_OUTSIDE_REGION, related_choices, unbounded

from .reading import Problem, Reader, chunks
from .records import ContractIn, Parsed


class ValidatorBase:
    """What every part of the validation shares: the reader, the records read so far, the
    writer's region, and the refs each list makes known to the lists after it."""

    org_refs: set[str]
    municipalities: set[str]
    consultant_refs: set[str]
    employer_refs: set[str]
    kvk_by_employer: dict[str, str]
    person_refs: set[str]
    contracts_of: dict[str, list[ContractIn]]  # of the placements jobcoaching names
    placement_refs: set[str]
    consume = False  # the caller hands the document over (validation.Validator)

    def __init__(self, document: Any, user: User | None = None) -> None:
        self.doc = document
        self.read = Reader()
        self.parsed = Parsed()
        self.warnings: list[Problem] = []
        self._combinations: dict[frozenset[str], frozenset[str]] = {}  # shared sets of codes
        # A functional administrator imports into their own region only (issue 12 §1): every
        # existing record the document names or would change must lie in it.
        self.user = user

    def in_scope(self, model: type[Model]) -> Any:
        scoped = related_choices(model, self.user)
        return scoped if scoped is not None else model._default_manager.all()

    def refuse_outside(
        self, name: str, model: type[Model], records: Iterable[Any], key: str = "ref"
    ) -> None:
        """A record of the document that exists, but outside the writer's region, is refused
        with the same words whatever it is; the import stops as a whole. `records`: the list's
        typed records (read twice), each `key` a field of both it and `model`."""
        if unbounded(self.user):
            return
        values = [(i, getattr(record, key)) for i, record in enumerate(records)]
        wanted = {value for _i, value in values if value}
        if not wanted:
            return
        found = {
            value
            for part in chunks(wanted)
            for value in model._default_manager.filter(**{f"{key}__in": part}).values_list(
                key, flat=True
            )
        }
        inside = {
            value
            for part in chunks(found)
            for value in self.in_scope(model)
            .filter(**{f"{key}__in": part})
            .values_list(key, flat=True)
        }
        for i, value in values:
            if value in found - inside:
                self.read.add(f"{name}[{i}].{key}", MSG_OUTSIDE_REGION)

    def unique_refs(self, name: str, records: Iterable[Any]) -> None:
        """Each record's `ref` once in its list (read a record at a time: a national list's
        refs are not also made into a list of pairs)."""
        seen: dict[str, int] = {}
        for index, record in enumerate(records):
            ref = record.ref
            if not ref:
                continue
            if ref in seen:
                self.read.add(
                    f"{name}[{index}].ref",
                    f"'{ref}' komt twee keer voor (ook in {name}[{seen[ref]}]).",
                )
            else:
                seen[ref] = index

    def consultant_ref(self, record: Mapping[str, Any], key: str, path: str) -> str | None:
        value = record.get(key)
        if value is None or value == "":
            return None
        if not isinstance(value, str) or value not in self.consultant_refs:
            self.read.add(
                f"{path}.{key}",
                f"contactpersoon '{value}' bestaat niet (of de naam past bij meer mensen); gebruik "
                "de referentie uit de lijst met contactpersonen.",
            )
            return None
        return sys.intern(value)

    def placement_ref(self, record: Mapping[str, Any], path: str) -> str:
        ref = self.read.text(record, "placement", path, max_length=64)
        if ref and ref not in self.placement_refs:
            self.read.add(f"{path}.placement", f"plaatsing '{ref}' bestaat niet.")
        return ref
