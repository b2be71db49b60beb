"""Import of the exchange format `baanbehoud-exchange/1` (docs/exchange-format.md).

All or nothing: the whole document is validated first and every problem is reported with its
JSON path; only a document without problems is written, in one transaction. Records are matched
on `ref` (persons also on BSN), so importing the same document twice changes nothing.
Contract periods are merged by start date and never deleted: a partial document (or a
spreadsheet with only the current contract) cannot erase history.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from baanbehoud.audit.models import Action
from baanbehoud.audit.services import log_processing
from baanbehoud.batches import PART, in_parts
from baanbehoud.dates import (
    MSG_IMPLAUSIBLE_DATE,
    ending_date_problem,
    happened_problem,
    is_plausible,
)
from baanbehoud.employers.models import MSG_KVK, Employer
from baanbehoud.guidance import domain as guidance_domain
from baanbehoud.guidance.models import (
    Concern,
    ContactMoment,
    Evaluation,
    JobcoachHours,
    JobcoachReport,
    JobcoachTrajectory,
    Provision,
)
from baanbehoud.organisations.models import (
    Municipality,
    Organisation,
    OrganisationKind,
    Region,
    Role,
    User,
)
from baanbehoud.organisations.scoping import (
    MSG_OUTSIDE_REGION,
    organisations_for,
    regions_for,
    related_choices,
    unbounded,
)
from baanbehoud.persons import domain as persons_domain
from baanbehoud.persons.models import Education, Person, Regime
from baanbehoud.persons.validators import MSG_BSN_DIGITS, bsn_problem
from baanbehoud.placements import domain as placement_domain
from baanbehoud.placements.chain import ChainContract, permanent_by_law_during
from baanbehoud.placements.models import (
    ContractKindChoices,
    ContractPeriod,
    Ending,
    EndingReason,
    HoursStep,
    Placement,
    Route,
)
from baanbehoud.progress import SILENT, Progress, tracked
from baanbehoud.signals import intervals
from baanbehoud.untrusted import json_problems

FORMAT = "baanbehoud-exchange/1"
# Whole-list lookups go to the database in parts: a national document names 260,000 persons,
# more than a database takes in one IN (...) list (SQLite: 32,766 variables).
IN_CHUNK = PART


def chunks(values: Iterable[str]) -> Iterator[list[str]]:
    return in_parts(values, IN_CHUNK)


LISTS = (
    "organisations", "consultants", "employers", "persons", "placements", "contacts",
    "evaluations", "jobcoaching", "hours_buildup", "concerns", "provisions",
)  # fmt: skip

# Codes with the Dutch label the user knows them by (the model choices: one wording).
ORGANISATION_KINDS = {k.value: str(k.label) for k in OrganisationKind}
REGIMES = {r.value: str(r.label) for r in Regime}
EDUCATION = {e.value: str(e.label) for e in Education}
ROUTES = {r.value: str(r.label) for r in Route}
CONTRACT_KINDS = {k.value: str(k.label) for k in ContractKindChoices}
INITIATIVES = {i.value: str(i.label) for i in Ending.Initiative}
NEXT = {n.value: str(n.label) for n in Ending.Next}
WITH = ["worker", "employer", "jobcoach"]
RAISED_BY = {r.value: str(r.label) for r in Concern.RaisedBy}
CONCERN_KINDS = {k.value: str(k.label) for k in Concern.Kind}
CHANNELS = {c.value: str(c.label) for c in ContactMoment.Channel}
EVALUATION_KINDS = {k.value: str(k.label) for k in Evaluation.Kind}
PROVISION_STATUS = {s.value: str(s.label) for s in Provision.Status}
HOURS_DECISIONS = {d.value: str(d.label) for d in HoursStep.Decision}
CONSULTANT_ROLES = {
    r.value: str(r.label)
    for r in (Role.KLANTMANAGER, Role.ACCOUNTMANAGER, Role.ARBEIDSDESKUNDIGE, Role.JOBCOACH)
}
# What an import counts: every list, and the contracts of the placements apart.
COUNTED = [
    *LISTS[: LISTS.index("placements") + 1],
    "contracts",
    *LISTS[LISTS.index("placements") + 1 :],
]
MONTH = re.compile(r"^\d{4}-\d{2}$")


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass
class ImportResult:
    problems: list[Problem] = field(default_factory=list)
    # Allowed, but deserves a second look (domain.md §4, §6.1): reported, never refused.
    warnings: list[Problem] = field(default_factory=list)
    journal: dict[str, Any] = field(default_factory=dict)  # what was written (undo)
    counts: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "dry_run": self.dry_run,
            "problems": [{"path": p.path, "message": p.message} for p in self.problems],
            "warnings": [{"path": w.path, "message": w.message} for w in self.warnings],
            "counts": {
                name: {k: self.counts[name][k] for k in ("created", "updated", "unchanged")}
                for name in COUNTED
                if name in self.counts
            },
        }


class ImportRejected(Exception):
    def __init__(self, result: ImportResult) -> None:
        super().__init__(f"{len(result.problems)} problems")
        self.result = result


class _Check:
    """Reads values from the document, recording a problem (with its path) for each bad one."""

    def __init__(self) -> None:
        self.today = timezone.localdate()
        self.problems: list[Problem] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def obj(self, value: Any, path: str) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.add(path, "moet een object zijn ({...}).")
            return None
        return value

    def text(
        self,
        record: Mapping[str, Any],
        key: str,
        path: str,
        *,
        required: bool = True,
        max_length: int = 200,
    ) -> str:
        value = record.get(key)
        if value is None or value == "":
            if required:
                self.add(f"{path}.{key}", "ontbreekt; dit veld is verplicht.")
            return ""
        if not isinstance(value, str):
            self.add(f"{path}.{key}", "moet tekst zijn.")
            return ""
        if len(value) > max_length:
            self.add(f"{path}.{key}", f"is te lang (hoogstens {max_length} tekens).")
        return value

    def date(
        self,
        record: Mapping[str, Any],
        key: str,
        path: str,
        *,
        required: bool = True,
        happened: bool = False,
    ) -> date | None:
        """`happened`: the day something took place, which cannot lie after today."""
        value = record.get(key)
        if value is None or value == "":
            if required:
                self.add(f"{path}.{key}", "ontbreekt; vul een datum in als JJJJ-MM-DD.")
            return None
        try:
            if not isinstance(value, str) or len(value) != 10:
                raise ValueError
            parsed = date.fromisoformat(value)
        except ValueError:
            self.add(f"{path}.{key}", f"'{value}' is geen geldige datum; gebruik JJJJ-MM-DD.")
            return None
        if not is_plausible(parsed):
            self.add(f"{path}.{key}", MSG_IMPLAUSIBLE_DATE)
            return None
        problem = happened_problem(parsed, self.today) if happened else None
        if problem:
            self.add(f"{path}.{key}", problem)
        return parsed

    def code(
        self,
        record: Mapping[str, Any],
        key: str,
        path: str,
        allowed: Mapping[str, str],
        *,
        required: bool = True,
        default: str | None = None,
    ) -> str:
        """A code of the list; a wrong one is answered with every code and its Dutch label:
        "kies uit: via het WSP (wsp), zelf gevonden (self), …"."""
        choices = ", ".join(f"{label} ({code})" for code, label in allowed.items())
        value = record.get(key)
        if value is None or value == "":
            if required:
                self.add(f"{path}.{key}", f"ontbreekt; kies uit: {choices}.")
            return default or ""
        if value not in allowed:
            self.add(f"{path}.{key}", f"onbekende code '{value}'; kies uit: {choices}.")
            return default or ""
        return str(value)

    def number(
        self,
        record: Mapping[str, Any],
        key: str,
        path: str,
        *,
        required: bool = True,
        minimum: Decimal = Decimal(0),
        maximum: Decimal = Decimal(168),
    ) -> Decimal | None:
        value = record.get(key)
        if value is None:
            if required:
                self.add(f"{path}.{key}", "ontbreekt; vul een getal in.")
            return None
        try:
            if isinstance(value, bool):
                raise InvalidOperation
            number = Decimal(str(value))
        except (InvalidOperation, ValueError):
            self.add(f"{path}.{key}", f"'{value}' is geen getal.")
            return None
        if not number.is_finite() or number < minimum or number > maximum:
            self.add(f"{path}.{key}", f"moet tussen {minimum} en {maximum} liggen.")
            return None
        return number.quantize(Decimal("0.1"))

    def integer(self, record: Mapping[str, Any], key: str, path: str) -> int | None:
        value = record.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 1000:
            self.add(f"{path}.{key}", "moet een heel getal groter dan 0 zijn, of null.")
            return None
        return value

    def items(self, record: Mapping[str, Any], key: str, path: str) -> list[Any]:
        value = record.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.add(f"{path}.{key}", "moet een lijst zijn ([...]).")
            return []
        return value


# Parsed records ---------------------------------------------------------------------------


@dataclass
class OrgIn:
    ref: str
    name: str
    kind: str
    municipalities: list[str]


@dataclass
class ConsultantIn:
    ref: str
    name: str
    email: str
    organisation: str
    role: str
    phone: str


@dataclass
class EmployerIn:
    ref: str
    name: str
    kvk: str
    sector: str
    municipality: str
    contact_person: str | None


@dataclass
class PersonIn:
    ref: str
    bsn: str
    name: str
    birth_date: date | None
    municipality: str
    regime: str
    education: str
    contact_person: str | None
    registered_on: date | None


@dataclass
class ContractIn:
    kind: str
    start: date
    end: date | None
    hours: Decimal
    probation_end: date | None
    cao_max_contracts: int | None
    cao_max_months: int | None
    cao_gap_months: int | None
    extension_reason: str


@dataclass
class EndingIn:
    date: date
    initiative: str
    reasons: list[str]
    notes: str
    learning_points: str
    next: str


@dataclass
class PlacementIn:
    ref: str
    person: str
    employer: str
    function: str
    route: str
    contracts: list[ContractIn]
    ending: EndingIn | None


@dataclass
class Parsed:
    organisations: list[OrgIn] = field(default_factory=list)
    consultants: list[ConsultantIn] = field(default_factory=list)
    employers: list[EmployerIn] = field(default_factory=list)
    persons: list[PersonIn] = field(default_factory=list)
    placements: list[PlacementIn] = field(default_factory=list)
    contacts: list[dict[str, Any]] = field(default_factory=list)
    evaluations: list[dict[str, Any]] = field(default_factory=list)
    jobcoaching: list[dict[str, Any]] = field(default_factory=list)
    hours_buildup: list[dict[str, Any]] = field(default_factory=list)
    concerns: list[dict[str, Any]] = field(default_factory=list)
    provisions: list[dict[str, Any]] = field(default_factory=list)


class _Validator:
    def __init__(self, document: Any, user: User | None = None) -> None:
        self.doc = document
        self.c = _Check()
        self.p = Parsed()
        self.warnings: list[Problem] = []
        # A functional administrator imports into their own region only (issue 12 §1): every
        # existing record the document names or would change must lie in it.
        self.user = user

    def _in_scope(self, model: type[Model]) -> Any:
        scoped = related_choices(model, self.user)
        return scoped if scoped is not None else model._default_manager.all()

    def _refuse_outside(
        self, name: str, model: type[Model], values: list[tuple[int, str]], key: str = "ref"
    ) -> None:
        """A record of the document that exists, but outside the writer's region, is refused
        with the same words whatever it is; the import stops as a whole."""
        if unbounded(self.user):
            return
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
            for value in self._in_scope(model)
            .filter(**{f"{key}__in": part})
            .values_list(key, flat=True)
        }
        for i, value in values:
            if value in found - inside:
                self.c.add(f"{name}[{i}].{key}", MSG_OUTSIDE_REGION)

    def run(self) -> tuple[Parsed, list[Problem]]:
        doc = self.c.obj(self.doc, "$")
        if doc is None:
            return self.p, self.c.problems
        unstorable = list(json_problems(doc))
        if unstorable:
            # The database can neither store nor compare them: stop before any lookup.
            self.c.problems = [
                Problem(path.removeprefix("$.") if path != "$" else "$", message)
                for path, message in unstorable
            ]
            return self.p, self.c.problems
        if doc.get("format") != FORMAT:
            self.c.add("format", f"moet '{FORMAT}' zijn.")
        unknown = sorted(set(doc) - {"format", *LISTS})
        for key in unknown:
            self.c.add(key, "onbekende lijst; laat deze weg.")
        lists = {name: self.c.items(doc, name, "$") for name in LISTS}
        # `$.name` paths read better without the `$.` prefix.
        self.c.problems = [Problem(p.path.removeprefix("$."), p.message) for p in self.c.problems]
        self._organisations(lists["organisations"])
        self._consultants(lists["consultants"])
        self._employers(lists["employers"])
        self._persons(lists["persons"])
        self._placements(lists["placements"])
        self._guidance(lists)
        return self.p, self.c.problems

    def _unique_refs(self, name: str, records: list[tuple[int, str]]) -> None:
        seen: dict[str, int] = {}
        for index, ref in records:
            if not ref:
                continue
            if ref in seen:
                self.c.add(
                    f"{name}[{index}].ref",
                    f"'{ref}' komt twee keer voor (ook in {name}[{seen[ref]}]).",
                )
            else:
                seen[ref] = index

    def _organisations(self, items: list[Any]) -> None:
        for i, raw in enumerate(items):
            path = f"organisations[{i}]"
            record = self.c.obj(raw, path)
            if record is None:
                continue
            names = self.c.items(record, "municipalities", path)
            for j, name in enumerate(names):
                if not isinstance(name, str) or not name:
                    self.c.add(f"{path}.municipalities[{j}]", "moet de naam van een gemeente zijn.")
            self.p.organisations.append(
                OrgIn(
                    ref=self.c.text(record, "ref", path, max_length=64),
                    name=self.c.text(record, "name", path),
                    kind=self.c.code(record, "kind", path, ORGANISATION_KINDS),
                    municipalities=[n for n in names if isinstance(n, str) and n],
                )
            )
        self._unique_refs("organisations", [(i, o.ref) for i, o in enumerate(self.p.organisations)])
        self._refuse_outside(
            "organisations", Organisation, [(i, o.ref) for i, o in enumerate(self.p.organisations)]
        )
        if not unbounded(self.user):
            outside = set(
                Municipality.objects.filter(
                    name__in={m for o in self.p.organisations for m in o.municipalities}
                )
                .exclude(pk__in=self._in_scope(Municipality).values("pk"))
                .values_list("name", flat=True)
            )
            for i, o in enumerate(self.p.organisations):
                for j, name in enumerate(o.municipalities):
                    if name in outside:
                        self.c.add(f"organisations[{i}].municipalities[{j}]", MSG_OUTSIDE_REGION)
        self.org_refs = {o.ref for o in self.p.organisations} | set(
            self._in_scope(Organisation).values_list("ref", flat=True)
        )
        self.municipalities = {m for o in self.p.organisations for m in o.municipalities} | set(
            self._in_scope(Municipality).values_list("name", flat=True)
        )

    def _consultants(self, items: list[Any]) -> None:
        for i, raw in enumerate(items):
            path = f"consultants[{i}]"
            record = self.c.obj(raw, path)
            if record is None:
                continue
            consultant = ConsultantIn(
                ref=self.c.text(record, "ref", path, max_length=64),
                name=self.c.text(record, "name", path),
                email=self.c.text(record, "email", path, required=False, max_length=254),
                organisation=self.c.text(record, "organisation", path, max_length=64),
                role=self.c.code(
                    record,
                    "role",
                    path,
                    CONSULTANT_ROLES,
                    required=False,
                    default=Role.KLANTMANAGER,
                ),
                phone=self.c.text(record, "phone", path, required=False, max_length=32),
            )
            if consultant.email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", consultant.email):
                self.c.add(f"{path}.email", f"'{consultant.email}' is geen geldig e-mailadres.")
            if consultant.organisation and consultant.organisation not in self.org_refs:
                self.c.add(
                    f"{path}.organisation", f"organisatie '{consultant.organisation}' bestaat niet."
                )
            self.p.consultants.append(consultant)
        self._unique_refs("consultants", [(i, c.ref) for i, c in enumerate(self.p.consultants)])
        self._refuse_outside(
            "consultants", User, [(i, c.ref) for i, c in enumerate(self.p.consultants)]
        )
        self.consultant_refs = {c.ref for c in self.p.consultants} | set(
            ref
            for ref in self._in_scope(User).exclude(ref=None).values_list("ref", flat=True)
            if ref
        )

    def _consultant_ref(self, record: Mapping[str, Any], key: str, path: str) -> str | None:
        value = record.get(key)
        if value is None or value == "":
            return None
        if not isinstance(value, str) or value not in self.consultant_refs:
            self.c.add(
                f"{path}.{key}",
                f"contactpersoon '{value}' bestaat niet (of de naam past bij meer mensen); gebruik "
                "de referentie uit de lijst met contactpersonen.",
            )
            return None
        return value

    def _employers(self, items: list[Any]) -> None:
        kvks: dict[str, int] = {}
        for i, raw in enumerate(items):
            path = f"employers[{i}]"
            record = self.c.obj(raw, path)
            if record is None:
                continue
            kvk = self.c.text(record, "kvk", path, max_length=8)
            if kvk and not re.fullmatch(r"\d{8}", kvk):
                self.c.add(f"{path}.kvk", MSG_KVK)
            elif kvk in kvks:
                self.c.add(
                    f"{path}.kvk",
                    f"KvK-nummer {kvk} komt twee keer voor (ook in employers[{kvks[kvk]}]).",
                )
            kvks.setdefault(kvk, i)
            municipality = self.c.text(record, "municipality", path, required=False, max_length=100)
            if municipality and municipality not in self.municipalities:
                self.c.add(f"{path}.municipality", f"gemeente '{municipality}' is onbekend.")
            self.p.employers.append(
                EmployerIn(
                    ref=self.c.text(record, "ref", path, max_length=64),
                    name=self.c.text(record, "name", path),
                    kvk=kvk,
                    sector=self.c.text(record, "sector", path, required=False, max_length=50)
                    or "anders",
                    municipality=municipality,
                    contact_person=self._consultant_ref(record, "contact_person", path),
                )
            )
        self._unique_refs("employers", [(i, e.ref) for i, e in enumerate(self.p.employers)])
        self._refuse_outside(
            "employers", Employer, [(i, e.ref) for i, e in enumerate(self.p.employers)]
        )
        self._refuse_outside(
            "employers", Employer, [(i, e.kvk) for i, e in enumerate(self.p.employers)], key="kvk"
        )
        self.employer_refs = {e.ref for e in self.p.employers} | set(
            self._in_scope(Employer).values_list("ref", flat=True)
        )
        self.kvk_by_employer = dict(self._in_scope(Employer).values_list("ref", "kvk")) | {
            e.ref: e.kvk for e in self.p.employers
        }

    def _persons(self, items: list[Any]) -> None:
        bsns: dict[str, int] = {}
        for i, raw in enumerate(items):
            path = f"persons[{i}]"
            record = self.c.obj(raw, path)
            if record is None:
                continue
            bsn = record.get("bsn")
            if bsn is None or bsn == "":
                self.c.add(f"{path}.bsn", "ontbreekt; dit veld is verplicht.")
                bsn = ""
            elif (problem := bsn_problem(bsn)) is not None:
                # The same check and words as the forms and the API (persons/validators.py).
                self.c.add(f"{path}.bsn", problem)
                if problem == MSG_BSN_DIGITS:
                    bsn = ""
            elif bsn in bsns:
                self.c.add(
                    f"{path}.bsn", f"dit BSN komt twee keer voor (ook in persons[{bsns[bsn]}])."
                )
            bsns.setdefault(bsn, i)
            municipality = self.c.text(record, "municipality", path, max_length=100)
            if municipality and municipality not in self.municipalities:
                self.c.add(f"{path}.municipality", f"gemeente '{municipality}' is onbekend.")
            self.p.persons.append(
                PersonIn(
                    ref=self.c.text(record, "ref", path, max_length=64),
                    bsn=bsn,
                    name=self.c.text(record, "name", path),
                    birth_date=self.c.date(record, "birth_date", path, happened=True),
                    municipality=municipality,
                    regime=self.c.code(record, "regime", path, REGIMES),
                    education=self.c.code(
                        record, "education", path, EDUCATION, required=False, default="unknown"
                    ),
                    contact_person=self._consultant_ref(record, "contact_person", path),
                    registered_on=self.c.date(
                        record, "registered_on", path, required=False, happened=True
                    ),
                )
            )
        self._unique_refs("persons", [(i, p.ref) for i, p in enumerate(self.p.persons)])
        self._refuse_outside("persons", Person, [(i, p.ref) for i, p in enumerate(self.p.persons)])
        self._refuse_outside(
            "persons", Person, [(i, p.bsn) for i, p in enumerate(self.p.persons)], key="bsn"
        )
        self.person_refs = {p.ref for p in self.p.persons} | set(
            self._in_scope(Person).values_list("ref", flat=True)
        )
        # A person in the document may be an existing one found by BSN under another ref.
        by_bsn = {
            bsn: ref
            for part in chunks([p.bsn for p in self.p.persons])
            for bsn, ref in self._in_scope(Person).filter(bsn__in=part).values_list("bsn", "ref")
        }
        in_document = {p.ref for p in self.p.persons}
        for i, person in enumerate(self.p.persons):
            other = by_bsn.get(person.bsn)
            if other and other != person.ref and other in in_document:
                self.c.add(f"persons[{i}].bsn", f"dit BSN hoort al bij persoon '{other}'.")

    def _placements(self, items: list[Any]) -> None:
        existing = defaultdict(list)
        refs = [r.get("ref") for r in items if isinstance(r, dict)]
        for part in chunks([r for r in refs if isinstance(r, str)]):
            for contract in ContractPeriod.objects.filter(placement__ref__in=part).select_related(
                "placement"
            ):
                existing[contract.placement.ref].append(contract.as_period())
        reasons = {r.code: r.requires_note for r in EndingReason.objects.filter(active=True)}
        for i, raw in enumerate(items):
            path = f"placements[{i}]"
            record = self.c.obj(raw, path)
            if record is None:
                continue
            person = self.c.text(record, "person", path, max_length=64)
            if person and person not in self.person_refs:
                self.c.add(f"{path}.person", f"persoon '{person}' bestaat niet.")
            employer = self.c.text(record, "employer", path, max_length=64)
            if employer and employer not in self.employer_refs:
                self.c.add(f"{path}.employer", f"werkgever '{employer}' bestaat niet.")
            ref = self.c.text(record, "ref", path, max_length=64)
            contracts = self._contracts(
                self.c.items(record, "contracts", path), path, existing.get(ref, [])
            )
            self.p.placements.append(
                PlacementIn(
                    ref=ref,
                    person=person,
                    employer=employer,
                    function=self.c.text(record, "function", path),
                    route=self.c.code(record, "route", path, ROUTES),
                    contracts=contracts,
                    ending=self._ending(record.get("ending"), f"{path}.ending", reasons, contracts),
                )
            )
        self._unique_refs("placements", [(i, p.ref) for i, p in enumerate(self.p.placements)])
        self._refuse_outside(
            "placements", Placement, [(i, p.ref) for i, p in enumerate(self.p.placements)]
        )
        self.placements = {p.ref: p for p in self.p.placements}
        self.placement_refs = set(self.placements) | set(
            self._in_scope(Placement).values_list("ref", flat=True)
        )

    def _contracts(
        self, items: list[Any], path: str, stored: list[placement_domain.Period]
    ) -> list[ContractIn]:
        result: list[ContractIn] = []
        paths: list[str] = []
        for j, raw in enumerate(items):
            cpath = f"{path}.contracts[{j}]"
            record = self.c.obj(raw, cpath)
            if record is None:
                continue
            kind = self.c.code(record, "kind", cpath, CONTRACT_KINDS)
            start = self.c.date(record, "start", cpath)
            end = self.c.date(record, "end", cpath, required=False)
            hours = self.c.number(record, "hours_per_week", cpath)
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
                    probation_end=self.c.date(record, "probation_end", cpath, required=False),
                    cao_max_contracts=self.c.integer(record, "cao_max_contracts", cpath),
                    cao_max_months=self.c.integer(record, "cao_max_months", cpath),
                    cao_gap_months=self.c.integer(record, "cao_gap_months", cpath),
                    extension_reason=self.c.text(
                        record, "extension_reason", cpath, required=False, max_length=2000
                    ),
                )
            )
            paths.append(cpath)
        # The stored contracts of this placement count too, except those the document restates.
        starts = {c.start for c in result}
        kept = [p for p in stored if p.start not in starts]
        added = [
            placement_domain.Period(placement_domain.ContractKind(c.kind), c.start, c.end, c.hours)
            for c in result
        ]
        periods = added + kept
        for problem in placement_domain.problems_of_added(added, kept):
            self.c.add(f"{paths[problem.index]}.{problem.field}", problem.message)
        for warning in placement_domain.contract_warnings(periods):
            if warning.index < len(result):
                self.warnings.append(
                    Problem(f"{paths[warning.index]}.{warning.field}", warning.message)
                )
        # domain.md §6.1: a temporary contract that is permanent by law is recorded, with a word.
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

    def _ending(
        self, raw: Any, path: str, reasons: Mapping[str, bool], contracts: list[ContractIn]
    ) -> EndingIn | None:
        if raw is None:
            return None
        record = self.c.obj(raw, path)
        if record is None:
            return None
        when = self.c.date(record, "date", path)
        too_far = ending_date_problem(when, self.c.today)
        if too_far:
            self.c.add(f"{path}.date", too_far)
        codes = self.c.items(record, "reasons", path)
        for k, code in enumerate(codes):
            if code not in reasons:
                self.c.add(f"{path}.reasons[{k}]", f"onbekende reden '{code}'.")
        notes = self.c.text(record, "notes", path, required=False, max_length=5000)
        if any(reasons.get(code) for code in codes if isinstance(code, str)) and not notes.strip():
            self.c.add(f"{path}.notes", placement_domain.MSG_REASON_NOTE)
        if when and contracts and when < min(c.start for c in contracts):
            self.c.add(
                f"{path}.date", "De datum van het einde ligt vóór het begin van de plaatsing."
            )
        return EndingIn(
            date=when or date.min,
            initiative=self.c.code(record, "initiative", path, INITIATIVES),
            reasons=[c for c in codes if isinstance(c, str) and c in reasons],
            notes=notes,
            learning_points=self.c.text(
                record, "learning_points", path, required=False, max_length=5000
            ),
            next=self.c.code(record, "next", path, NEXT, required=False, default="unknown"),
        )

    def _placement_ref(self, record: Mapping[str, Any], path: str) -> str:
        ref = self.c.text(record, "placement", path, max_length=64)
        if ref and ref not in self.placement_refs:
            self.c.add(f"{path}.placement", f"plaatsing '{ref}' bestaat niet.")
        return ref

    def _guidance(self, lists: Mapping[str, list[Any]]) -> None:
        self._records("contacts", lists["contacts"], self._contact)
        self._records("evaluations", lists["evaluations"], self._evaluation)
        self._records("jobcoaching", lists["jobcoaching"], self._jobcoaching)
        self._unique_refs("jobcoaching", [(i, j["ref"]) for i, j in enumerate(self.p.jobcoaching)])
        self._refuse_outside(
            "jobcoaching",
            JobcoachTrajectory,
            [(i, j["ref"]) for i, j in enumerate(self.p.jobcoaching)],
        )
        self._records("hours_buildup", lists["hours_buildup"], self._hours_step)
        self._records("concerns", lists["concerns"], self._concern)
        self._records("provisions", lists["provisions"], self._provision)

    def _records(
        self, name: str, items: list[Any], parse: Callable[[dict[str, Any], str], dict[str, Any]]
    ) -> None:
        target: list[dict[str, Any]] = getattr(self.p, name)
        for i, raw in enumerate(items):
            record = self.c.obj(raw, f"{name}[{i}]")
            if record is not None:
                target.append(parse(record, f"{name}[{i}]"))

    def _contact(self, r: dict[str, Any], path: str) -> dict[str, Any]:
        with_ = self.c.items(r, "with", path)
        for k, who in enumerate(with_):
            if who not in WITH:
                self.c.add(
                    f"{path}.with[{k}]", f"onbekende code '{who}'; kies uit: {', '.join(WITH)}."
                )
        if not with_:
            self.c.add(
                f"{path}.with", "kies met wie het contact was: worker, employer of jobcoach."
            )
        when = self.c.date(r, "date", path, happened=True)
        follow_up = self.c.date(r, "follow_up", path, required=False)
        if when and follow_up and follow_up < when:
            self.c.add(
                f"{path}.follow_up", "Het volgende contact ligt vóór de datum van dit contact."
            )
        return {
            "placement": self._placement_ref(r, path),
            "date": when,
            "with": set(with_),
            "by": self._consultant_ref(r, "by", path),
            "summary": self.c.text(r, "summary", path, required=False, max_length=5000),
            "channel": self.c.code(r, "channel", path, CHANNELS, required=False, default="visit"),
            "follow_up": follow_up,
        }

    def _evaluation(self, r: dict[str, Any], path: str) -> dict[str, Any]:
        return {
            "placement": self._placement_ref(r, path),
            "date": self.c.date(r, "date", path, happened=True),
            "kind": self.c.code(
                r, "kind", path, EVALUATION_KINDS, required=False, default="evaluation"
            ),
        }

    def _jobcoaching(self, r: dict[str, Any], path: str) -> dict[str, Any]:
        placement = self._placement_ref(r, path)
        start = self.c.date(r, "start", path)
        end = self.c.date(r, "end", path, required=False)
        exception = self.c.text(r, "exception_reason", path, required=False, max_length=5000)
        organisation = self.c.text(r, "organisation", path)
        hours: list[tuple[date, Decimal]] = []
        for k, raw in enumerate(self.c.items(r, "hours", path)):
            hpath = f"{path}.hours[{k}]"
            entry = self.c.obj(raw, hpath)
            if entry is None:
                continue
            month = entry.get("month")
            amount = self.c.number(entry, "hours", hpath, maximum=Decimal(744))
            if (
                not isinstance(month, str)
                or not MONTH.match(month)
                or not 1 <= int(month[5:]) <= 12
                or not 1900 <= int(month[:4]) <= 2199
            ):
                self.c.add(f"{hpath}.month", f"'{month}' is geen maand; gebruik JJJJ-MM.")
            elif amount is not None:
                hours.append((date(int(month[:4]), int(month[5:]), 1), amount))
        reports = []
        for k, raw in enumerate(self.c.items(r, "reports", path)):
            entry = self.c.obj(raw, f"{path}.reports[{k}]")
            if entry is not None:
                reports.append(self.c.date(entry, "date", f"{path}.reports[{k}]", happened=True))
        if start and end and end < start:
            self.c.add(f"{path}.end", placement_domain.MSG_END_BEFORE_START)
        elif start:
            problem = guidance_domain.jobcoaching_duration_problem(
                start, end, has_exception=bool(exception.strip())
            )
            if problem:
                self.c.add(f"{path}.end", problem)
        entries: list[guidance_domain.HoursEntry] = []
        for month, amount in hours:
            new = guidance_domain.HoursEntry(month, amount)
            problem = guidance_domain.jobcoaching_budget_problem(
                entries, new, has_exception=bool(exception.strip())
            )
            entries.append(new)
            if problem:
                self.c.add(f"{path}.hours", problem)
                break
        if start and placement in self.placements:
            contracts = self.placements[placement].contracts
            covered = [
                c.hours
                for c in contracts
                if c.kind in placement_domain.EMPLOYMENT_KINDS
                and (end is None or c.start <= end)
                and (c.end is None or start <= c.end)
            ]
            problem = guidance_domain.jobcoaching_hours_problem(covered)
            if problem:
                self.c.add(f"{path}.placement", problem)
        return {
            "ref": self.c.text(r, "ref", path, max_length=64),
            "placement": placement,
            "organisation": organisation,
            "start": start,
            "end": end,
            "hours": hours,
            "reports": [d for d in reports if d],
            "exception_reason": exception,
            "coach": self._consultant_ref(r, "coach", path),
        }

    def _hours_step(self, r: dict[str, Any], path: str) -> dict[str, Any]:
        start = self.c.date(r, "from", path)
        review = self.c.date(r, "review", path, required=False)
        if start and review and review < start:
            self.c.add(f"{path}.review", "De evaluatiedatum ligt vóór de begindatum van deze stap.")
        decided = self.c.date(r, "decided", path, required=False, happened=True)
        return {
            "placement": self._placement_ref(r, path),
            "from": start,
            "hours": self.c.number(r, "hours_per_week", path),
            "review": review,
            "decided": decided,
            "decision": self.c.code(
                r,
                "decision",
                path,
                HOURS_DECISIONS,
                required=False,
                default="keep" if decided else "",
            ),
            "reason": self.c.text(r, "reason", path, required=False, max_length=5000),
        }

    def _concern(self, r: dict[str, Any], path: str) -> dict[str, Any]:
        when = self.c.date(r, "date", path, happened=True)
        handled = self.c.date(r, "handled", path, required=False, happened=True)
        if when and handled and handled < when:
            self.c.add(f"{path}.handled", "Opgepakt vóór de datum van de melding kan niet.")
        return {
            "placement": self._placement_ref(r, path),
            "date": when,
            "raised_by": self.c.code(r, "raised_by", path, RAISED_BY),
            "kind": self.c.code(r, "kind", path, CONCERN_KINDS),
            "text": self.c.text(r, "text", path, required=False, max_length=5000),
            "handled": handled,
            "handling_note": self.c.text(r, "handling_note", path, required=False, max_length=5000),
        }

    def _provision(self, r: dict[str, Any], path: str) -> dict[str, Any]:
        requested = self.c.date(r, "requested", path, happened=True)
        granted = self.c.date(r, "granted", path, required=False, happened=True)
        if requested and granted and granted < requested:
            self.c.add(f"{path}.granted", "Toegekend vóór de aanvraag kan niet.")
        return {
            "placement": self._placement_ref(r, path),
            "kind": self.c.text(r, "kind", path, max_length=100),
            "requested": requested,
            "granted": granted,
            "status": self.c.code(
                r,
                "status",
                path,
                PROVISION_STATUS,
                required=False,
                default="granted" if granted else "requested",
            ),
        }


def validate(document: Any, user: User | None = None) -> tuple[Parsed, list[Problem]]:
    return _Validator(document, user).run()


def validate_with_warnings(
    document: Any, user: User | None = None
) -> tuple[Parsed, list[Problem], list[Problem]]:
    validator = _Validator(document, user)
    parsed, problems = validator.run()
    return parsed, problems, validator.warnings


# Writing ----------------------------------------------------------------------------------


class Journal:
    """What one import wrote, so it can be undone (issue 21 §3): records created, and for
    records changed their fields' values before. JSON, for ImportUndo."""

    def __init__(self) -> None:
        self.created: list[list[Any]] = []  # [model label, pk]
        self.updated: list[list[Any]] = []  # [model label, pk, {attname: old value as text}]
        self.reasons: list[list[Any]] = []  # [ending pk, [old codes]]

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
        return {"created": self.created, "updated": self.updated, "reasons": self.reasons}


_journal: ContextVar[Journal | None] = ContextVar("import_journal", default=None)


def _save(
    model: type[Model], lookup: Mapping[str, Any], values: Mapping[str, Any]
) -> tuple[Any, str]:
    """Create or update one record; returns it with "created", "updated" or "unchanged"."""
    journal = _journal.get()
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        created = model._default_manager.create(**lookup, **values)
        if journal is not None:
            journal.create(created)
        return created, "created"
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    if not changed:
        return obj, "unchanged"
    if journal is not None:
        journal.update(obj, changed)
    for key in changed:
        setattr(obj, key, values[key])
    obj.save(update_fields=changed)
    return obj, "updated"


def _key_value(model: type[Model], name: str, value: Any) -> tuple[str, Any]:
    """A lookup's field as the column it is stored in: a related record by its id."""
    field = model._meta.get_field(name)
    if field.is_relation:
        return field.attname, (value.pk if value is not None else None)  # type: ignore[union-attr]
    return name, value


def _save_all(
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
    journal = _journal.get()
    names = list(items[0][0])
    columns = [_key_value(model, n, None)[0] for n in names]

    def key(lookup: Mapping[str, Any]) -> tuple[Any, ...]:
        return tuple(_key_value(model, n, lookup[n])[1] for n in names)

    keys = [key(lookup) for lookup, _values in items]
    found: dict[tuple[Any, ...], Any] = {}
    first = columns[0]
    for part in in_parts({k[0] for k in keys if k[0] is not None}, IN_CHUNK):
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
        changed = [f for f, v in values.items() if getattr(obj, f) != v]
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
        model._default_manager.bulk_create(list(new.values()))
        if journal is not None:
            for obj in new.values():
                journal.create(obj)
    by_fields: dict[frozenset[str], list[Any]] = defaultdict(list)
    for ident, obj in existing_changed.items():
        by_fields[frozenset(changed_fields[ident])].append(obj)
    for fields, objs in by_fields.items():
        model._default_manager.bulk_update(objs, sorted(fields))
    return result


def _upsert(
    result: ImportResult,
    name: str,
    model: type[Model],
    lookup: Mapping[str, Any],
    values: Mapping[str, Any],
) -> Any:
    obj, status = _save(model, lookup, values)
    result.counts[name][status] += 1
    return obj


class _Writer:
    def __init__(
        self,
        parsed: Parsed,
        result: ImportResult,
        user: User | None = None,
        progress: Progress = SILENT,
    ) -> None:
        self.p = parsed
        self.r = result
        self.user = user
        self.progress = progress

    def run(self) -> list[Person]:
        # New organisations and municipalities go into the importer's region.
        region = (
            regions_for(self.user).first()
            if not unbounded(self.user)
            else Region.objects.order_by("pk").first()
        ) or Region.objects.create(name="Arbeidsmarktregio")
        orgs = {o.ref: o for o in organisations_for(self.user)}
        for o in tracked(self.p.organisations, self.progress, "Organisaties"):
            orgs[o.ref] = _upsert(
                self.r,
                "organisations",
                Organisation,
                {"ref": o.ref},
                {
                    "name": o.name,
                    "kind": o.kind,
                    "region": orgs[o.ref].region if o.ref in orgs else region,
                },
            )
            for name in o.municipalities:
                _save(
                    Municipality,
                    {"name": name},
                    {"organisation": orgs[o.ref], "region": orgs[o.ref].region or region},
                )
        users: dict[str, User] = {u.ref: u for u in User.objects.exclude(ref=None) if u.ref}
        usernames = self._usernames([c.ref for c in self.p.consultants if c.ref not in users])
        self.progress.stage("Contactpersonen", len(self.p.consultants))
        items = []
        for c in self.p.consultants:
            values = {
                "full_name": c.name,
                "email": c.email,
                "organisation": orgs[c.organisation],
                "phone": c.phone,
            }
            if c.ref not in users:
                values |= {
                    "username": usernames[c.ref],
                    "role": c.role,
                    "password": make_password(None),
                }
            items.append(({"ref": c.ref}, values))
        saved_users = _save_all(User, items, self.progress)
        for c, (user, status) in zip(self.p.consultants, saved_users, strict=True):
            users[c.ref] = user
            self.r.counts["consultants"][status] += 1
        municipalities = {
            m.name: m for m in Municipality.objects.select_related("organisation", "region")
        }
        self.progress.stage("Werkgevers", len(self.p.employers))
        employers = {}
        saved_employers = _save_all(
            Employer,
            [
                (
                    {"ref": e.ref},
                    {
                        "name": e.name,
                        "kvk": e.kvk,
                        "sector": e.sector,
                        "municipality": municipalities.get(e.municipality),
                        "account_manager": users.get(e.contact_person)
                        if e.contact_person
                        else None,
                    },
                )
                for e in self.p.employers
            ],
            self.progress,
        )
        for e, (employer, status) in zip(self.p.employers, saved_employers, strict=True):
            employers[e.ref] = employer
            self.r.counts["employers"][status] += 1
            if status != "unchanged":  # a KvK or account manager reaches placements elsewhere
                intervals.mark_employers([employer.pk])
        uwv_by_region = {
            o.region_id: o for o in Organisation.objects.filter(kind=OrganisationKind.UWV)
        }
        self.progress.stage("Personen", len(self.p.persons))
        known: set[str] = set()
        for part in chunks({p.ref for p in self.p.persons}):
            known.update(Person.objects.filter(ref__in=part).values_list("ref", flat=True))
        by_lookup: dict[str, list[tuple[PersonIn, dict[str, Any], dict[str, Any]]]] = {
            "ref": [],
            "bsn": [],
        }
        for p in self.p.persons:
            municipality = municipalities[p.municipality]
            organisation = persons_domain.responsible(
                p.regime, municipality.organisation, uwv_by_region.get(municipality.region_id)
            )
            lookup: dict[str, Any] = {"ref": p.ref} if p.ref in known else {"bsn": p.bsn}
            values = {
                "ref": p.ref,
                "bsn": p.bsn,
                "name": p.name,
                "birth_date": p.birth_date,
                "municipality": municipality,
                "organisation": organisation,
                "regime": p.regime,
                "education": p.education,
                "contact_person": users.get(p.contact_person) if p.contact_person else None,
            }
            if p.registered_on:
                values["registered_on"] = p.registered_on
            by_lookup[next(iter(lookup))].append(
                (p, lookup, {k: v for k, v in values.items() if k not in lookup})
            )
        persons = {}
        for group in by_lookup.values():
            items = [(lookup, values) for _p, lookup, values in group]
            saved = _save_all(Person, items, self.progress)
            for (p, _lookup, _values), (person, status) in zip(group, saved, strict=True):
                persons[p.ref] = person
                self.r.counts["persons"][status] += 1
        touched = dict(persons)
        self.progress.stage("Plaatsingen", len(self.p.placements))
        for part in chunks({pl.person for pl in self.p.placements} - set(persons)):
            persons.update({p.ref: p for p in Person.objects.filter(ref__in=part)})
        for part in chunks({pl.employer for pl in self.p.placements} - set(employers)):
            employers.update({e.ref: e for e in Employer.objects.filter(ref__in=part)})
        saved_placements = _save_all(
            Placement,
            [
                (
                    {"ref": pl.ref},
                    {
                        "person": persons[pl.person],
                        "employer": employers[pl.employer],
                        "function": pl.function,
                        "route": pl.route,
                    },
                )
                for pl in self.p.placements
            ],
            self.progress,
        )
        placements = {
            pl.ref: placement
            for pl, (placement, _status) in zip(self.p.placements, saved_placements, strict=True)
        }
        changed = self._contracts(placements) | self._endings(placements)
        for pl, (_placement, status) in zip(self.p.placements, saved_placements, strict=True):
            if status == "unchanged" and pl.ref in changed:
                status = "updated"
            self.r.counts["placements"][status] += 1
            touched[pl.person] = persons[pl.person]
        self._guidance(placements, users, orgs, touched)
        # Records written in bulk send no model signals: their persons' signals are stale.
        intervals.mark_persons(p.pk for p in touched.values())
        return list(touched.values())

    @staticmethod
    def _usernames(refs: list[str]) -> dict[str, str]:
        """A free login name for each new consultant: the ref, or the ref with -2, -3, …"""
        bases = {ref: re.sub(r"[^\w.@+-]", "-", ref.lower())[:140] or "consultant" for ref in refs}
        taken: set[str] = set()
        for part in chunks(set(bases.values())):
            taken.update(User.objects.filter(username__in=part).values_list("username", flat=True))
        names = {}
        for ref, base in bases.items():
            name, n = base, 1
            while name in taken or (n > 1 and User.objects.filter(username=name).exists()):
                n += 1
                name = f"{base}-{n}"
            taken.add(name)
            names[ref] = name
        return names

    def _contracts(self, placements: dict[str, Placement]) -> set[str]:
        """Merge by start date; returns the refs of the placements whose contracts changed."""
        owners = [pl.ref for pl in self.p.placements for _c in pl.contracts]
        saved = _save_all(
            ContractPeriod,
            [
                (
                    {"placement": placements[pl.ref], "start": c.start},
                    {
                        "kind": c.kind,
                        "end": c.end,
                        "hours_per_week": c.hours,
                        "probation_end": c.probation_end,
                        "cao_max_contracts": c.cao_max_contracts,
                        "cao_max_months": c.cao_max_months,
                        "cao_gap_months": c.cao_gap_months,
                        "extension_reason": c.extension_reason,
                    },
                )
                for pl in self.p.placements
                for c in pl.contracts
            ],
        )
        changed = set()
        for ref, (_contract, status) in zip(owners, saved, strict=True):
            self.r.counts["contracts"][status] += 1  # counted apart from their placements
            if status != "unchanged":
                changed.add(ref)
        return changed

    def _endings(self, placements: dict[str, Placement]) -> set[str]:
        """The endings and their reasons; returns the refs of the placements whose changed."""
        with_ending = [(pl.ref, pl.ending) for pl in self.p.placements if pl.ending is not None]
        saved = _save_all(
            Ending,
            [
                (
                    {"placement": placements[ref]},
                    {
                        "date": ending.date,
                        "initiative": ending.initiative,
                        "notes": ending.notes,
                        "learning_points": ending.learning_points,
                        "next": ending.next,
                    },
                )
                for ref, ending in with_ending
            ],
        )
        through = Ending.reasons.through
        before: dict[int, set[str]] = defaultdict(set)
        for part in in_parts({obj.pk for obj, _status in saved}, IN_CHUNK):
            for ending_id, code in through.objects.filter(ending_id__in=part).values_list(
                "ending_id", "endingreason__code"
            ):
                before[ending_id].add(code)
        reason_ids = dict(EndingReason.objects.values_list("code", "pk"))
        journal = _journal.get()
        changed = set()
        renewed: dict[int, set[str]] = {}
        for (ref, ending), (obj, status) in zip(with_ending, saved, strict=True):
            wanted = set(ending.reasons)
            if wanted != before[obj.pk]:
                if journal is not None and status != "created":
                    journal.reasons.append([obj.pk, sorted(before[obj.pk])])
                renewed[obj.pk] = wanted
                changed.add(ref)
            elif status != "unchanged":
                changed.add(ref)
        for part in in_parts(renewed, IN_CHUNK):
            through.objects.filter(ending_id__in=part).delete()
        through.objects.bulk_create(
            [
                through(ending_id=pk, endingreason_id=reason_ids[code])
                for pk, codes in renewed.items()
                for code in sorted(codes)
                if code in reason_ids
            ]
        )
        return changed

    def _guidance(
        self,
        placements: dict[str, Placement],
        users: dict[str, User],
        orgs: dict[str, Organisation],
        touched: dict[str, Person],
    ) -> None:
        lists = (
            self.p.contacts, self.p.evaluations, self.p.jobcoaching, self.p.hours_buildup,
            self.p.concerns, self.p.provisions,
        )  # fmt: skip
        elsewhere = {r["placement"] for records in lists for r in records} - set(placements)
        for part in chunks(elsewhere):
            for found in Placement.objects.select_related("person").filter(ref__in=part):
                placements[found.ref] = found
        for records in lists:
            for r in records:
                person = placements[r["placement"]].person
                touched[person.ref] = person

        def save(name: str, model: type[Model], items: list[Any], label: str) -> list[Any]:
            self.progress.stage(label, len(items))
            saved = _save_all(model, items, self.progress)
            for _obj, status in saved:
                self.r.counts[name][status] += 1
            return [obj for obj, _status in saved]

        save(
            "contacts",
            ContactMoment,
            [
                (
                    {
                        "placement": placements[c["placement"]],
                        "date": c["date"],
                        "by": users.get(c["by"]) if c["by"] else None,
                        "summary": c["summary"],
                    },
                    {
                        "with_worker": "worker" in c["with"],
                        "with_employer": "employer" in c["with"],
                        "with_jobcoach": "jobcoach" in c["with"],
                        "channel": c["channel"],
                        "follow_up": c["follow_up"],
                    },
                )
                for c in self.p.contacts
            ],
            "Contactmomenten",
        )
        save(
            "evaluations",
            Evaluation,
            [
                (
                    {
                        "placement": placements[e["placement"]],
                        "date": e["date"],
                        "kind": e["kind"],
                    },
                    {},
                )
                for e in self.p.evaluations
            ],
            "Evaluaties",
        )
        coaching_orgs: dict[str, Organisation] = {}
        for j in self.p.jobcoaching:
            name = j["organisation"]
            if name in coaching_orgs:
                continue
            organisation = orgs.get(name) or organisations_for(self.user).filter(name=name).first()
            if organisation is None:
                organisation, _status = _save(
                    Organisation,
                    {"ref": self._org_ref(name)},
                    {
                        "name": name,
                        "kind": OrganisationKind.JOBCOACH,
                        "region": regions_for(self.user).first()
                        if not unbounded(self.user)
                        else None,
                    },
                )
            coaching_orgs[name] = organisation
        trajectories = save(
            "jobcoaching",
            JobcoachTrajectory,
            [
                (
                    {"ref": j["ref"]},
                    {
                        "placement": placements[j["placement"]],
                        "organisation": coaching_orgs[j["organisation"]],
                        "start": j["start"],
                        "end": j["end"],
                        "exception_reason": j["exception_reason"],
                        "coach": users.get(j["coach"]) if j["coach"] else None,
                    },
                )
                for j in self.p.jobcoaching
            ],
            "Jobcoachtrajecten",
        )
        pairs = list(zip(self.p.jobcoaching, trajectories, strict=True))
        _save_all(
            JobcoachHours,
            [
                ({"trajectory": trajectory, "month": month}, {"hours": hours})
                for j, trajectory in pairs
                for month, hours in j["hours"]
            ],
        )
        _save_all(
            JobcoachReport,
            [
                ({"trajectory": trajectory, "date": day}, {})
                for j, trajectory in pairs
                for day in j["reports"]
            ],
        )
        save(
            "hours_buildup",
            HoursStep,
            [
                (
                    {"placement": placements[h["placement"]], "from_date": h["from"]},
                    {
                        "hours_per_week": h["hours"],
                        "review_date": h["review"],
                        "decided_on": h["decided"],
                        "decision": h["decision"],
                        "reason": h["reason"],
                    },
                )
                for h in self.p.hours_buildup
            ],
            "Urenopbouw",
        )
        save(
            "concerns",
            Concern,
            [
                (
                    {
                        "placement": placements[c["placement"]],
                        "date": c["date"],
                        "raised_by": c["raised_by"],
                        "kind": c["kind"],
                    },
                    {
                        "text": c["text"],
                        "handled": c["handled"],
                        "handling_note": c["handling_note"],
                    },
                )
                for c in self.p.concerns
            ],
            "Zorgsignalen",
        )
        save(
            "provisions",
            Provision,
            [
                (
                    {
                        "placement": placements[v["placement"]],
                        "kind": v["kind"],
                        "requested": v["requested"],
                    },
                    {"granted": v["granted"], "status": v["status"]},
                )
                for v in self.p.provisions
            ],
            "Voorzieningen",
        )

    @staticmethod
    def _org_ref(name: str) -> str:
        base = "jc-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:50]
        ref, n = base, 1
        while Organisation.objects.filter(ref=ref).exists():
            n += 1
            ref = f"{base}-{n}"
        return ref


def import_document(
    document: Any,
    *,
    user: User | None = None,
    dry_run: bool = False,
    progress: Progress = SILENT,
) -> ImportResult:
    """Validate everything, then write everything in one transaction, or nothing.
    With `dry_run` the writes are made and rolled back, so the counts are real. `progress` hears
    each list as a stage and each record as a step (a job's page, a terminal's bar)."""
    progress.stage("Gegevens controleren", 0)
    parsed, problems, warnings = validate_with_warnings(document, user)
    result = ImportResult(problems=problems, warnings=warnings, dry_run=dry_run)
    if problems:
        return result
    journal = Journal()
    token = _journal.set(journal)
    try:
        with transaction.atomic():
            with intervals.marks_collected():  # one write of the stale marks, not one per record
                persons = _Writer(parsed, result, user, progress).run()
            if not dry_run:  # the signals of what was imported, in the same transaction
                intervals.refresh(progress=progress)
            result.journal = journal.as_json()
            log_processing(
                user=user,
                persons=persons,
                action=Action.CREATE if not dry_run else Action.READ,
                activity="Import uitwisselformaat",
                object_type="persoon (import)",
            )
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        result.journal = {}
    finally:
        _journal.reset(token)
    return result


class _DryRunRollback(Exception):
    pass
