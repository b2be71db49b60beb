"""Validation of placements, their contracts (the contract rules and the chain rule of
placements/domain.py and chain.py) and their endings."""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from typing import Any

from baanbehoud.dates import ending_date_problem
from baanbehoud.placements import domain as placement_domain
from baanbehoud.placements.chain import ChainContract, permanent_by_law_during
from baanbehoud.placements.models import ContractPeriod, EndingReason, Placement

from .base import ValidatorBase
from .reading import CONTRACT_KINDS, INITIATIVES, INTENTIONS, NEXT, ROUTES, Problem, chunks
from .records import ContractIn, EndingIn, IntentionIn, PlacementIn


class PlacementChecks(ValidatorBase):
    def _placements(self, items: list[Any]) -> None:
        existing = defaultdict(list)
        refs = [r.get("ref") for r in items if isinstance(r, dict)]
        for part in chunks([r for r in refs if isinstance(r, str)]):
            for contract in ContractPeriod.objects.filter(placement__ref__in=part).select_related(
                "placement"
            ):
                existing[contract.placement.ref].append(contract.as_period())
        reasons = {r.code: r.requires_note for r in EndingReason.objects.filter(active=True)}
        for _i, path, record in self.read.objects(items, "placements"):
            person = self.read.text(record, "person", path, max_length=64)
            if person and person not in self.person_refs:
                self.read.add(f"{path}.person", f"persoon '{person}' bestaat niet.")
            employer = self.read.text(record, "employer", path, max_length=64)
            if employer and employer not in self.employer_refs:
                self.read.add(f"{path}.employer", f"werkgever '{employer}' bestaat niet.")
            ref = self.read.text(record, "ref", path, max_length=64)
            contracts = self._contracts(
                self.read.items(record, "contracts", path), path, existing.get(ref, []), reasons
            )
            self.parsed.placements.append(
                PlacementIn(
                    ref=ref,
                    person=person,
                    employer=employer,
                    function=self.read.text(record, "function", path, shared=True),
                    route=self.read.code(record, "route", path, ROUTES),
                    contracts=contracts,
                    ending=self._ending(record.get("ending"), f"{path}.ending", reasons, contracts),
                    offer_given="offer_discussed_on" in record,
                    offer_discussed_on=self.read.date(
                        record, "offer_discussed_on", path, required=False, happened=True
                    ),
                )
            )
        self.unique_refs("placements", self.parsed.placements)
        self.refuse_outside("placements", Placement, self.parsed.placements)
        self.placement_refs = {p.ref for p in self.parsed.placements} | set(
            self.in_scope(Placement).values_list("ref", flat=True)
        )

    def _contracts(
        self,
        items: list[Any],
        path: str,
        stored: list[placement_domain.ContractSpan],
        reasons: Mapping[str, bool],
    ) -> list[ContractIn]:
        result: list[ContractIn] = []
        paths: list[str] = []
        for j, raw in enumerate(items):
            cpath = f"{path}.contracts[{j}]"
            record = self.read.obj(raw, cpath)
            if record is None:
                continue
            kind = self.read.code(record, "kind", cpath, CONTRACT_KINDS)
            start = self.read.date(record, "start", cpath)
            end = self.read.date(record, "end", cpath, required=False)
            hours = self.read.number(record, "hours_per_week", cpath)
            if start is None or hours is None or not kind:
                continue
            if end is None and record.get("end") not in (None, ""):
                continue  # an unreadable end date is its one problem, not also "no end date"
            result.append(
                ContractIn(
                    kind=kind,
                    start=start,
                    end=end,
                    hours=hours,
                    probation_end=self.read.date(record, "probation_end", cpath, required=False),
                    cao_max_contracts=self.read.integer(record, "cao_max_contracts", cpath),
                    cao_max_months=self.read.integer(record, "cao_max_months", cpath),
                    cao_gap_months=self.read.integer(record, "cao_gap_months", cpath),
                    extension_reason=self.read.text(
                        record, "extension_reason", cpath, required=False, max_length=2000
                    ),
                    intentions=self._intentions(record, cpath, kind, reasons),
                )
            )
            paths.append(cpath)
        # The stored contracts of this placement count too, except those the document restates.
        starts = {c.start for c in result}
        kept = [p for p in stored if p.start not in starts]
        added = [
            placement_domain.ContractSpan(
                placement_domain.ContractKind(c.kind), c.start, c.end, c.hours
            )
            for c in result
        ]
        periods = added + kept
        for problem in placement_domain.problems_of_added(added, kept):
            self.read.add(f"{paths[problem.index]}.{problem.field}", problem.message)
        for warning in placement_domain.contract_warnings(periods):
            if warning.index < len(result):
                self.warnings.append(
                    Problem(f"{paths[warning.index]}.{warning.field}", warning.message)
                )
        # docs/signals.md: a temporary contract that is permanent by law is recorded, with a word.
        chain = [
            ChainContract(c.start, c.end, c.cao_max_contracts, c.cao_max_months, c.cao_gap_months)
            for c in result
            if c.kind == "temporary"
        ] + [
            ChainContract(p.start, p.end)
            for p in kept
            if p.kind == placement_domain.ContractKind.TEMPORARY
        ]
        for contract, cpath in zip(result, paths, strict=True):
            if contract.kind != "temporary":
                continue
            this = ChainContract(
                contract.start, contract.end, contract.cao_max_contracts,
                contract.cao_max_months, contract.cao_gap_months,
            )  # fmt: skip
            permanent_from = permanent_by_law_during([c for c in chain if c != this], this)
            if permanent_from is not None:
                self.warnings.append(
                    Problem(
                        f"{cpath}.kind",
                        f"volgens de ketenbepaling is dit contract vanaf "
                        f"{permanent_from.isoformat()} van rechtswege vast (CHAIN_EXCEEDED).",
                    )
                )
        return result

    def _intentions(
        self, record: Mapping[str, Any], cpath: str, kind: str, reasons: Mapping[str, bool]
    ) -> tuple[IntentionIn, ...]:
        """The employer's intentions before a temporary contract ends (issue 19 §5), checked by
        the rule of the page and the API (placements.domain.intention_problem). A tuple: most
        contracts have none, and every empty tuple is the same object."""
        result: list[IntentionIn] = []
        for k, raw in enumerate(self.read.items(record, "intentions", cpath)):
            ipath = f"{cpath}.intentions[{k}]"
            item = self.read.obj(raw, ipath)
            if item is None:
                continue
            if kind != "temporary":
                self.read.add(
                    ipath, "een voornemen van de werkgever hoort bij een tijdelijk contract."
                )
                continue
            day = self.read.date(item, "date", ipath, happened=True)
            intention = self.read.code(item, "intention", ipath, INTENTIONS)
            codes = self.read.items(item, "reasons", ipath)
            for j, code in enumerate(codes):
                if code not in reasons:
                    self.read.add(f"{ipath}.reasons[{j}]", f"onbekende reden '{code}'.")
            chosen = placement_domain.intention_reasons(
                intention, [c for c in codes if isinstance(c, str) and c in reasons]
            )
            notes = self.read.text(item, "notes", ipath, required=False, max_length=5000)
            if intention:
                problem = placement_domain.intention_problem(
                    intention, chosen, notes, [c for c in chosen if reasons[c]]
                )
                if problem is not None:
                    self.read.add(f"{ipath}.{problem[0]}", problem[1])
            if day and intention:
                result.append(IntentionIn(day, intention, chosen, notes))
        return tuple(result)

    def _ending(
        self, raw: Any, path: str, reasons: Mapping[str, bool], contracts: list[ContractIn]
    ) -> EndingIn | None:
        if raw is None:
            return None
        record = self.read.obj(raw, path)
        if record is None:
            return None
        when = self.read.date(record, "date", path)
        too_far = ending_date_problem(when, self.read.today)
        if too_far:
            self.read.add(f"{path}.date", too_far)
        codes = self.read.items(record, "reasons", path)
        for k, code in enumerate(codes):
            if code not in reasons:
                self.read.add(f"{path}.reasons[{k}]", f"onbekende reden '{code}'.")
        notes = self.read.text(record, "notes", path, required=False, max_length=5000)
        if any(reasons.get(code) for code in codes if isinstance(code, str)) and not notes.strip():
            self.read.add(f"{path}.notes", placement_domain.MSG_REASON_NOTE)
        if when and contracts and when < min(c.start for c in contracts):
            self.read.add(
                f"{path}.date", "De datum van het einde ligt vóór het begin van de plaatsing."
            )
        closed = self.read.date(record, "aftercare_closed", path, required=False)
        closed_reason = self.read.text(
            record, "aftercare_closed_reason", path, required=False, max_length=5000
        )
        if when:
            problem = placement_domain.aftercare_close_problem(
                when, closed, closed_reason, self.read.today
            )
            if problem is not None:
                self.read.add(f"{path}.{problem[0]}", problem[1])
        return EndingIn(
            date=when or date.min,
            initiative=self.read.code(record, "initiative", path, INITIATIVES),
            reasons=[sys.intern(c) for c in codes if isinstance(c, str) and c in reasons],
            notes=notes,
            learning_points=self.read.text(
                record, "learning_points", path, required=False, max_length=5000
            ),
            next=self.read.code(record, "next", path, NEXT, required=False, default="unknown"),
            aftercare_closed=closed,
            aftercare_closed_reason=closed_reason,
        )
