"""The records of a document as the validation hands them to the writer: one typed record per
item of each list, every value already checked."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from .reading import COUNTED, Problem


@dataclass(slots=True)  # a national document has millions: no __dict__ each
class OrgIn:
    ref: str
    name: str
    kind: str
    municipalities: list[str]


@dataclass(slots=True)
class ConsultantIn:
    ref: str
    name: str
    email: str
    organisation: str
    role: str
    phone: str


@dataclass(slots=True)
class EmployerIn:
    ref: str
    name: str
    kvk: str
    sector: str
    municipality: str
    contact_person: str | None


@dataclass(slots=True)
class VacancyIn:
    ref: str
    employer: str
    title: str
    tasks: str
    task_kinds: list[str]
    hours_min: Decimal | None
    hours_max: Decimal | None
    days: str
    municipality: str
    start: date | None
    work_pressure: str
    stimuli: str
    physical_demand: str
    social_demand: str
    team_or_alone: str
    supervision: bool
    buddy: bool
    jobcoaching_possible: bool
    guidance_offered: str
    reorganisation_planned: bool
    intends_permanent: bool | None
    status: str
    account_manager: str | None


@dataclass(slots=True)
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


@dataclass(slots=True)
class IntentionIn:
    date: datetime.date
    intention: str
    reasons: list[str]
    notes: str


@dataclass(slots=True)
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
    intentions: tuple[IntentionIn, ...] = ()


@dataclass(slots=True)
class EndingIn:
    date: date
    initiative: str
    reasons: list[str]
    notes: str
    learning_points: str
    next: str
    aftercare_closed: datetime.date | None = None
    aftercare_closed_reason: str = ""


@dataclass(slots=True)
class PlacementIn:
    ref: str
    person: str
    employer: str
    function: str
    route: str
    contracts: list[ContractIn]
    ending: EndingIn | None
    # Issue 20 §7: the day the offer was discussed — only when the document gives it (a
    # document from another system that leaves it out keeps the day recorded here).
    offer_given: bool = False
    offer_discussed_on: date | None = None


class PlacementKey(NamedTuple):
    """A written placement as the lists after it need it: its id and its person's."""

    pk: int
    person_id: int


@dataclass(slots=True)
class ContactIn:
    placement: str
    date: date | None
    with_whom: frozenset[str]
    by: str | None
    summary: str
    channel: str
    follow_up: datetime.date | None  # (`date` is a field name in this class)


@dataclass(slots=True)
class EvaluationIn:
    placement: str
    date: date | None
    kind: str


@dataclass(slots=True)
class JobcoachingIn:
    ref: str
    placement: str
    organisation: str
    start: date | None
    end: date | None
    hours: list[tuple[date, Decimal]]
    reports: list[date]
    exception_reason: str
    coach: str | None


@dataclass(slots=True)
class HoursStepIn:
    placement: str
    start: date | None
    hours: Decimal | None
    review: date | None
    decided: date | None
    decision: str
    reason: str


@dataclass(slots=True)
class ReferralIn:
    referred_on: date | None
    team: str
    note: str
    feedback_on: date | None
    feedback: str


@dataclass(slots=True)
class ConcernIn:
    placement: str
    date: date | None
    raised_by: str
    kind: str
    text: str
    handled: datetime.date | None  # (`date` is a field name in this class)
    handling_note: str
    referral: ReferralIn | None = None


@dataclass(slots=True)
class ProvisionIn:
    placement: str
    kind: str
    requested: date | None
    granted: date | None
    status: str


@dataclass(slots=True)
class PretrajectoryIn:
    person: str
    provider: str
    start: date | None
    end: date | None
    goals: str
    outcome: str
    outcome_note: str


@dataclass(slots=True)
class WerkfitCheckIn:
    person: str
    point: str
    point_text: str  # a new point of the importer's region gets this text
    answer: str
    checked_on: date | None
    note: str


@dataclass(slots=True)
class WageValueIn:
    placement: str
    date: date | None
    method: str
    measurer: str
    measured_by: str
    outcome: int | None
    hours_per_week: Decimal | None
    disputed: bool
    dispute_note: str
    next_measurement: datetime.date | None  # (`date` above is the field's name)


@dataclass(slots=True)
class SickReportIn:
    placement: str
    first_day: date | None
    expected_return: date | None
    works_partly: bool
    recovered_on: date | None
    reported_by: str
    note: str


@dataclass(slots=True)
class LoadAssessmentIn:
    person: str
    date: date | None
    hours_per_week: Decimal | None
    hours_per_day: Decimal | None
    work_pressure: str
    stimuli: str
    physical: str
    course: str
    next_review: datetime.date | None  # (`date` above is the field's name)
    notes: str
    by: str | None


@dataclass
class Parsed:
    organisations: list[OrgIn] = field(default_factory=list)
    consultants: list[ConsultantIn] = field(default_factory=list)
    employers: list[EmployerIn] = field(default_factory=list)
    vacancies: list[VacancyIn] = field(default_factory=list)
    persons: list[PersonIn] = field(default_factory=list)
    placements: list[PlacementIn] = field(default_factory=list)
    contacts: list[ContactIn] = field(default_factory=list)
    evaluations: list[EvaluationIn] = field(default_factory=list)
    jobcoaching: list[JobcoachingIn] = field(default_factory=list)
    hours_buildup: list[HoursStepIn] = field(default_factory=list)
    concerns: list[ConcernIn] = field(default_factory=list)
    provisions: list[ProvisionIn] = field(default_factory=list)
    load_assessments: list[LoadAssessmentIn] = field(default_factory=list)
    sick_reports: list[SickReportIn] = field(default_factory=list)
    wage_values: list[WageValueIn] = field(default_factory=list)
    pretrajectories: list[PretrajectoryIn] = field(default_factory=list)
    werkfit_checks: list[WerkfitCheckIn] = field(default_factory=list)


@dataclass
class ImportResult:
    problems: list[Problem] = field(default_factory=list)
    # Allowed, but deserves a second look (docs/rules.md §4, §6.1): reported, never refused.
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
