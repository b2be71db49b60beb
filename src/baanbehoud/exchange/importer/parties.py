"""Validation of the parties: organisations, consultants, employers (with their vacancies) and
persons."""

from __future__ import annotations

import re
from typing import Any

from baanbehoud.employers import domain as employers_domain
from baanbehoud.employers.models import MSG_KVK, Employer, Vacancy
from baanbehoud.organisations.models import Municipality, Organisation, Role, User
from baanbehoud.organisations.scoping import MSG_OUTSIDE_REGION, unbounded
from baanbehoud.persons.models import Person
from baanbehoud.persons.validators import MSG_BSN_DIGITS, bsn_problem
from baanbehoud.work_kinds import TASK_LABELS

from .base import ValidatorBase
from .reading import (
    BENEFIT_SCHEMES,
    CONSULTANT_ROLES,
    EDUCATION,
    LEVELS,
    ORGANISATION_KINDS,
    TEAM_OR_ALONE,
    VACANCY_STATUS,
    chunks,
)
from .records import ConsultantIn, EmployerIn, OrgIn, PersonIn, VacancyIn


class PartiesChecks(ValidatorBase):
    def _organisations(self, items: list[Any]) -> None:
        for _i, path, record in self.read.objects(items, "organisations"):
            names = self.read.items(record, "municipalities", path)
            for j, name in enumerate(names):
                if not isinstance(name, str) or not name:
                    self.read.add(
                        f"{path}.municipalities[{j}]", "moet de naam van een gemeente zijn."
                    )
            self.parsed.organisations.append(
                OrgIn(
                    ref=self.read.text(record, "ref", path, max_length=64),
                    name=self.read.text(record, "name", path),
                    kind=self.read.code(record, "kind", path, ORGANISATION_KINDS),
                    municipalities=[n for n in names if isinstance(n, str) and n],
                )
            )
        self.unique_refs("organisations", self.parsed.organisations)
        self.refuse_outside(
            "organisations",
            Organisation,
            self.parsed.organisations,
        )
        if not unbounded(self.user):
            outside = set(
                Municipality.objects.filter(
                    name__in={m for o in self.parsed.organisations for m in o.municipalities}
                )
                .exclude(pk__in=self.in_scope(Municipality).values("pk"))
                .values_list("name", flat=True)
            )
            for i, o in enumerate(self.parsed.organisations):
                for j, name in enumerate(o.municipalities):
                    if name in outside:
                        self.read.add(f"organisations[{i}].municipalities[{j}]", MSG_OUTSIDE_REGION)
        self.org_refs = {o.ref for o in self.parsed.organisations} | set(
            self.in_scope(Organisation).values_list("ref", flat=True)
        )
        self.municipalities = {
            m for o in self.parsed.organisations for m in o.municipalities
        } | set(self.in_scope(Municipality).values_list("name", flat=True))

    def _consultants(self, items: list[Any]) -> None:
        for _i, path, record in self.read.objects(items, "consultants"):
            consultant = ConsultantIn(
                ref=self.read.text(record, "ref", path, max_length=64),
                name=self.read.text(record, "name", path),
                email=self.read.text(record, "email", path, required=False, max_length=254),
                organisation=self.read.text(record, "organisation", path, max_length=64),
                role=self.read.code(
                    record,
                    "role",
                    path,
                    CONSULTANT_ROLES,
                    required=False,
                    default=Role.KLANTMANAGER,
                ),
                phone=self.read.text(record, "phone", path, required=False, max_length=32),
            )
            if consultant.email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", consultant.email):
                self.read.add(f"{path}.email", f"'{consultant.email}' is geen geldig e-mailadres.")
            if consultant.organisation and consultant.organisation not in self.org_refs:
                self.read.add(
                    f"{path}.organisation", f"organisatie '{consultant.organisation}' bestaat niet."
                )
            self.parsed.consultants.append(consultant)
        self.unique_refs("consultants", self.parsed.consultants)
        self.refuse_outside("consultants", User, self.parsed.consultants)
        self.consultant_refs = {c.ref for c in self.parsed.consultants} | set(
            ref
            for ref in self.in_scope(User).exclude(ref=None).values_list("ref", flat=True)
            if ref
        )

    def _employers(self, items: list[Any]) -> None:
        kvks: dict[str, int] = {}
        for i, path, record in self.read.objects(items, "employers"):
            kvk = self.read.text(record, "kvk", path, max_length=8)
            if kvk and not re.fullmatch(r"\d{8}", kvk):
                self.read.add(f"{path}.kvk", MSG_KVK)
            elif kvk in kvks:
                self.read.add(
                    f"{path}.kvk",
                    f"KvK-nummer {kvk} komt twee keer voor (ook in employers[{kvks[kvk]}]).",
                )
            kvks.setdefault(kvk, i)
            municipality = self.read.text(
                record, "municipality", path, required=False, max_length=100, shared=True
            )
            if municipality and municipality not in self.municipalities:
                self.read.add(f"{path}.municipality", f"gemeente '{municipality}' is onbekend.")
            self.parsed.employers.append(
                EmployerIn(
                    ref=self.read.text(record, "ref", path, max_length=64),
                    name=self.read.text(record, "name", path),
                    kvk=kvk,
                    sector=self.read.text(record, "sector", path, required=False, max_length=50)
                    or "anders",
                    municipality=municipality,
                    contact_person=self.consultant_ref(record, "contact_person", path),
                )
            )
        self.unique_refs("employers", self.parsed.employers)
        self.refuse_outside("employers", Employer, self.parsed.employers)
        self.refuse_outside(
            "employers",
            Employer,
            self.parsed.employers,
            key="kvk",
        )
        self.employer_refs = {e.ref for e in self.parsed.employers} | set(
            self.in_scope(Employer).values_list("ref", flat=True)
        )
        self.kvk_by_employer = dict(self.in_scope(Employer).values_list("ref", "kvk")) | {
            e.ref: e.kvk for e in self.parsed.employers
        }

    def _vacancies(self, items: list[Any]) -> None:
        """Task packages (issue 19 §1): the hours a range, the rule the page's (one truth)."""
        for _i, path, record in self.read.objects(items, "vacancies"):
            employer = self.read.text(record, "employer", path, max_length=64)
            if employer and employer not in self.employer_refs:
                self.read.add(f"{path}.employer", f"werkgever '{employer}' bestaat niet.")
            municipality = self.read.text(
                record, "municipality", path, required=False, max_length=100, shared=True
            )
            if municipality and municipality not in self.municipalities:
                self.read.add(f"{path}.municipality", f"gemeente '{municipality}' is onbekend.")
            low = self.read.number(record, "hours_min", path)
            high = self.read.number(record, "hours_max", path)
            if (problem := employers_domain.hours_range_problem(low, high)) is not None:
                self.read.add(f"{path}.hours_max", problem)

            def level(key: str, record: Any = record, path: str = path) -> str:
                return self.read.code(record, key, path, LEVELS, required=False, default="")

            def flag(key: str, default: bool, record: Any = record, path: str = path) -> bool:
                return bool(self.read.boolean(record, key, path, default=default))

            self.parsed.vacancies.append(
                VacancyIn(
                    ref=self.read.text(record, "ref", path, max_length=64),
                    employer=employer,
                    title=self.read.text(record, "title", path),
                    tasks=self.read.text(record, "tasks", path, required=False, max_length=5000),
                    task_kinds=self._task_kinds(record, path),
                    hours_min=low,
                    hours_max=high,
                    days=self.read.text(record, "days", path, required=False),
                    municipality=municipality,
                    start=self.read.date(record, "start", path, required=False),
                    work_pressure=level("work_pressure"),
                    stimuli=level("stimuli"),
                    physical_demand=level("physical_demand"),
                    social_demand=level("social_demand"),
                    team_or_alone=self.read.code(
                        record, "team_or_alone", path, TEAM_OR_ALONE, required=False, default=""
                    ),
                    supervision=flag("supervision", False),
                    buddy=flag("buddy", False),
                    jobcoaching_possible=flag("jobcoaching_possible", True),
                    guidance_offered=self.read.text(
                        record, "guidance_offered", path, required=False, max_length=5000
                    ),
                    reorganisation_planned=flag("reorganisation_planned", False),
                    intends_permanent=self.read.boolean(
                        record, "intends_permanent", path, default=None
                    ),
                    status=self.read.code(
                        record, "status", path, VACANCY_STATUS, required=False, default="open"
                    ),
                    account_manager=self.consultant_ref(record, "account_manager", path),
                )
            )
        self.unique_refs("vacancies", self.parsed.vacancies)
        self.refuse_outside("vacancies", Vacancy, self.parsed.vacancies)

    def _task_kinds(self, record: dict[str, Any], path: str) -> list[str]:
        """The kinds of work of a task package, each a code of the list, each once."""
        kinds = self.read.items(record, "task_kinds", path)
        for k, kind in enumerate(kinds):
            if not isinstance(kind, str) or kind not in TASK_LABELS:
                self.read.add(
                    f"{path}.task_kinds[{k}]",
                    f"onbekende code '{kind}'; kies uit: "
                    + ", ".join(f"{label} ({code})" for code, label in TASK_LABELS.items())
                    + ".",
                )
        return list(dict.fromkeys(k for k in kinds if isinstance(k, str) and k in TASK_LABELS))

    def _persons(self, items: list[Any]) -> None:
        bsns: dict[str, int] = {}
        for i, path, record in self.read.objects(items, "persons"):
            bsn = record.get("bsn")
            if bsn is None or bsn == "":
                self.read.add(f"{path}.bsn", "ontbreekt; dit veld is verplicht.")
                bsn = ""
            elif (problem := bsn_problem(bsn)) is not None:
                # The same check and words as the forms and the API (persons/validators.py).
                self.read.add(f"{path}.bsn", problem)
                if problem == MSG_BSN_DIGITS:
                    bsn = ""
            elif bsn in bsns:
                self.read.add(
                    f"{path}.bsn", f"dit BSN komt twee keer voor (ook in persons[{bsns[bsn]}])."
                )
            bsns.setdefault(bsn, i)
            municipality = self.read.text(record, "municipality", path, max_length=100, shared=True)
            if municipality and municipality not in self.municipalities:
                self.read.add(f"{path}.municipality", f"gemeente '{municipality}' is onbekend.")
            self.parsed.persons.append(
                PersonIn(
                    ref=self.read.text(record, "ref", path, max_length=64),
                    bsn=bsn,
                    name=self.read.text(record, "name", path),
                    birth_date=self.read.date(record, "birth_date", path, happened=True),
                    municipality=municipality,
                    regime=self.read.code(record, "regime", path, BENEFIT_SCHEMES),
                    education=self.read.code(
                        record, "education", path, EDUCATION, required=False, default="unknown"
                    ),
                    contact_person=self.consultant_ref(record, "contact_person", path),
                    registered_on=self.read.date(
                        record, "registered_on", path, required=False, happened=True
                    ),
                )
            )
        self.unique_refs("persons", self.parsed.persons)
        self.refuse_outside("persons", Person, self.parsed.persons)
        self.refuse_outside("persons", Person, self.parsed.persons, key="bsn")
        # A person in the document may be an existing one found by BSN under another ref.
        by_bsn = {
            bsn: ref
            for part in chunks([p.bsn for p in self.parsed.persons])
            for bsn, ref in self.in_scope(Person).filter(bsn__in=part).values_list("bsn", "ref")
        }
        in_document = {p.ref for p in self.parsed.persons}
        for i, person in enumerate(self.parsed.persons):
            other = by_bsn.get(person.bsn)
            if other and other != person.ref and other in in_document:
                self.read.add(f"persons[{i}].bsn", f"dit BSN hoort al bij persoon '{other}'.")
        # The refs the later lists may name: the document's (that set, not a copy: 260,000
        # nationally) and the stored ones.
        self.person_refs = in_document
        self.person_refs.update(self.in_scope(Person).values_list("ref", flat=True))
