"""Validation of a whole document: every list in order, each part in its own module; every
problem with its JSON path, nothing written."""

from __future__ import annotations

from typing import Any

from baanbehoud.organisations.models import User
from baanbehoud.untrusted import json_problems

from .guidance_checks import GuidanceChecks
from .parties import PartiesChecks
from .placement_checks import PlacementChecks
from .reading import FORMAT, LISTS, Problem
from .records import Parsed


class Validator(PartiesChecks, PlacementChecks, GuidanceChecks):
    def run(self) -> tuple[Parsed, list[Problem]]:
        doc = self.read.obj(self.doc, "$")
        if doc is None:
            return self.parsed, self.read.problems
        unstorable = list(json_problems(doc))
        if unstorable:
            # The database can neither store nor compare them: stop before any lookup.
            self.read.problems = [
                Problem(path.removeprefix("$.") if path != "$" else "$", message)
                for path, message in unstorable
            ]
            return self.parsed, self.read.problems
        if doc.get("format") != FORMAT:
            self.read.add("format", f"moet '{FORMAT}' zijn.")
        unknown = sorted(set(doc) - {"format", *LISTS})
        for key in unknown:
            self.read.add(key, "onbekende lijst; laat deze weg.")
        lists = {name: self.read.items(doc, name, "$") for name in LISTS}
        # `$.name` paths read better without the `$.` prefix.
        self.read.problems = [
            Problem(p.path.removeprefix("$."), p.message) for p in self.read.problems
        ]
        self._organisations(lists["organisations"])
        self._consultants(lists["consultants"])
        self._employers(lists["employers"])
        self._vacancies(lists["vacancies"])
        self._persons(lists["persons"])
        self._placements(lists["placements"])
        self._guidance(lists)
        return self.parsed, self.read.problems


def validate(document: Any, user: User | None = None) -> tuple[Parsed, list[Problem]]:
    return Validator(document, user).run()


def validate_with_warnings(
    document: Any, user: User | None = None
) -> tuple[Parsed, list[Problem], list[Problem]]:
    validator = Validator(document, user)
    parsed, problems = validator.run()
    return parsed, problems, validator.warnings
