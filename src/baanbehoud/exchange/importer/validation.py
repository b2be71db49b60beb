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
from .streaming import StreamedDocument


class Validator(PartiesChecks, PlacementChecks, GuidanceChecks):
    """`consume`: the caller hands the document over — each list is emptied once read, so a
    national document's JSON (930 MB as Python objects) and its typed records are not both held
    whole."""

    def run(self) -> tuple[Parsed, list[Problem]]:
        doc = self.read.obj(self.doc, "$")
        if doc is None:
            return self.parsed, self.read.problems
        unstorable = (  # a streamed document was checked while it was read
            doc.unstorable if isinstance(doc, StreamedDocument) else list(json_problems(doc))
        )
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
        steps = (
            ("organisations", self._organisations), ("consultants", self._consultants),
            ("employers", self._employers), ("vacancies", self._vacancies),
            ("persons", self._persons), ("placements", self._placements),
        )  # fmt: skip
        for name, step in steps:
            step(lists[name])
            if self.consume:  # read into typed records: the list's JSON is needed no more
                lists[name].clear()
        self._guidance(lists)
        return self.parsed, self.read.problems


def validate(document: Any, user: User | None = None) -> tuple[Parsed, list[Problem]]:
    return Validator(document, user).run()


def validate_with_warnings(
    document: Any, user: User | None = None, *, consume: bool = False
) -> tuple[Parsed, list[Problem], list[Problem]]:
    validator = Validator(document, user)
    validator.consume = consume
    parsed, problems = validator.run()
    return parsed, problems, validator.warnings
