"""Reading the document: the lists and codes of the exchange format, and a `Reader` that takes
each value out of a record and records a problem, with its JSON path, for each bad one."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone

from baanbehoud.batches import PART, in_parts
from baanbehoud.core.choices import Level, TeamOrAlone
from baanbehoud.dates import MSG_IMPLAUSIBLE_DATE, happened_problem, is_plausible
from baanbehoud.employers.models import VacancyStatus
from baanbehoud.guidance.models import Concern, ContactMoment, Evaluation, Provision, SickReport
from baanbehoud.organisations.models import OrganisationKind, Role
from baanbehoud.persons.models import (
    BenefitScheme,
    Education,
    LoadAssessment,
    Pretrajectory,
    WerkfitCheck,
)
from baanbehoud.placements.models import (
    ContractKindChoices,
    EmployerIntention,
    Ending,
    HoursStep,
    Route,
    WageValue,
)

from .streaming import Items

FORMAT = "baanbehoud-exchange/1"
REF_LENGTH = 64  # a ref, and any text as short: shared when it repeats
# Whole-list lookups go to the database in parts: a national document names 260,000 persons,
# more than a database takes in one IN (...) list (SQLite: 32,766 variables).
IN_CHUNK = PART


def chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    return in_parts(values, IN_CHUNK)


LISTS = (
    "organisations", "consultants", "employers", "vacancies", "persons", "placements",
    "contacts", "evaluations", "jobcoaching", "hours_buildup", "concerns", "provisions",
    "load_assessments", "sick_reports", "wage_values", "pretrajectories", "werkfit_checks",
)  # fmt: skip

# Codes with the Dutch label the user knows them by (the model choices: one wording).
ORGANISATION_KINDS = {k.value: str(k.label) for k in OrganisationKind}
BENEFIT_SCHEMES = {r.value: str(r.label) for r in BenefitScheme}
EDUCATION = {e.value: str(e.label) for e in Education}
ROUTES = {r.value: str(r.label) for r in Route}
CONTRACT_KINDS = {k.value: str(k.label) for k in ContractKindChoices}
INITIATIVES = {i.value: str(i.label) for i in Ending.Initiative}
NEXT = {n.value: str(n.label) for n in Ending.Next}
INTENTIONS = {str(k.value): str(k.label) for k in EmployerIntention.Kind}
WITH = ["worker", "employer", "jobcoach"]
RAISED_BY = {r.value: str(r.label) for r in Concern.RaisedBy}
CONCERN_KINDS = {k.value: str(k.label) for k in Concern.Kind}
SICK_REPORTED_BY = {r.value: str(r.label) for r in SickReport.ReportedBy}
WAGE_METHODS = {m.value: str(m.label) for m in WageValue.Method}
MEASURERS = {m.value: str(m.label) for m in WageValue.Measurer}
PRE_OUTCOMES = {o.value: str(o.label) for o in Pretrajectory.Outcome}
WERKFIT_ANSWERS = {a.value: str(a.label) for a in WerkfitCheck.Answer}
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
    "intentions",  # the employers' intentions of the contracts
    *LISTS[LISTS.index("placements") + 1 :],
    "referrals",  # the concerns' referrals to the buurtteam
]
MONTH = re.compile(r"^\d{4}-\d{2}$")
LEVELS = {str(v): str(label) for v, label in Level.choices}
TEAM_OR_ALONE = {str(v): str(label) for v, label in TeamOrAlone.choices}
VACANCY_STATUS = {str(v): str(label) for v, label in VacancyStatus.choices}
COURSES = {str(v): str(label) for v, label in LoadAssessment.Course.choices}


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class Reader:
    """Reads values from the document, recording a problem (with its path) for each bad one."""

    def __init__(self) -> None:
        self.today = timezone.localdate()
        self.problems: list[Problem] = []
        # A national document holds millions of dates on a few thousand days, and the same refs
        # many times over (a person's in each placement, a placement's in each contact): one
        # object per day and per ref, shared by the typed records (issue 15, import memory).
        self._days: dict[str, date] = {}
        # Hours and other numbers repeat as much: one Decimal per value.
        self._numbers: dict[Decimal, Decimal] = {}

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def _present(
        self,
        record: Mapping[str, Any],
        key: str,
        path: str,
        *,
        required: bool,
        missing: str,
        blank_is_missing: bool = True,
    ) -> Any:
        """The value of `key`, or None when it is not there (a problem when it is required)."""
        value = record.get(key)
        if value is None or (blank_is_missing and value == ""):
            if required:
                self.add(f"{path}.{key}", missing)
            return None
        return value

    def objects(self, items: list[Any], name: str) -> Iterator[tuple[int, str, dict[str, Any]]]:
        """Each item of the list `name` that is an object, with its index and path."""
        for i, raw in enumerate(items):
            path = f"{name}[{i}]"
            record = self.obj(raw, path)
            if record is not None:
                yield i, path, record

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
        shared: bool = False,
    ) -> str:
        """`shared`: a text that repeats (a municipality, a function) is one object, as a ref is."""
        value = self._present(
            record, key, path, required=required, missing="ontbreekt; dit veld is verplicht."
        )
        if value is None:
            return ""
        if not isinstance(value, str):
            self.add(f"{path}.{key}", "moet tekst zijn.")
            return ""
        if len(value) > max_length:
            self.add(f"{path}.{key}", f"is te lang (hoogstens {max_length} tekens).")
        return sys.intern(value) if shared or max_length <= REF_LENGTH else value

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
        value = self._present(
            record,
            key,
            path,
            required=required,
            missing="ontbreekt; vul een datum in als JJJJ-MM-DD.",
        )
        if value is None:
            return None
        parsed = self._days.get(value) if isinstance(value, str) else None
        if parsed is None:
            try:
                if not isinstance(value, str) or len(value) != 10:
                    raise ValueError
                parsed = self._days.setdefault(value, date.fromisoformat(value))
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
        value = self._present(
            record, key, path, required=required, missing=f"ontbreekt; kies uit: {choices}."
        )
        if value is None:
            return default or ""
        if value not in allowed:
            self.add(f"{path}.{key}", f"onbekende code '{value}'; kies uit: {choices}.")
            return default or ""
        return sys.intern(str(value))  # one object per code

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
        value = self._present(
            record,
            key,
            path,
            required=required,
            missing="ontbreekt; vul een getal in.",
            blank_is_missing=False,
        )
        if value is None:
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
        number = number.quantize(Decimal("0.1"))
        return self._numbers.setdefault(number, number)

    def integer(self, record: Mapping[str, Any], key: str, path: str) -> int | None:
        value = record.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 1000:
            self.add(f"{path}.{key}", "moet een heel getal groter dan 0 zijn, of null.")
            return None
        return value

    def boolean(
        self, record: Mapping[str, Any], key: str, path: str, *, default: bool | None
    ) -> bool | None:
        """true or false; left out (or null) is `default`."""
        value = record.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.add(f"{path}.{key}", "moet true of false zijn.")
            return default
        return value

    def items(self, record: Mapping[str, Any], key: str, path: str) -> list[Any]:
        value = record.get(key)
        if value is None:
            return []
        if isinstance(value, Items):  # a list of a streamed document, read a record at a time
            return value  # type: ignore[return-value]
        if not isinstance(value, list):
            self.add(f"{path}.{key}", "moet een lijst zijn ([...]).")
            return []
        return value
