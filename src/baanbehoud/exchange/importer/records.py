"""The records of a document as the validation hands them to the writer: one typed record per
item of each list, every value already checked."""

from __future__ import annotations

import datetime
import operator
import pickle
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import islice
from typing import Any, Generic, NamedTuple, TypeVar

from .reading import COUNTED, Problem

T = TypeVar("T")
SPOOL_PART = 10_000  # records packed together


class Spool(Generic[T]):
    """One list of a document's typed records, held packed (issue 15, import memory): once
    `SPOOL_PART` records are read they are pickled and compressed together (a national
    document's 1.8 million typed records took 420 MB as objects, far more than its text), and
    each reading unpacks one part at a time. The packed bytes never leave the process: they are
    the records this import made, read back by the same import. A record is not changed once it
    is added (a change to one already packed would be lost)."""

    def __init__(self, records: Iterator[T] | list[T] | None = None, part: int = 0) -> None:
        self._part = part or SPOOL_PART
        self._packed: list[bytes] = []
        self._open: list[T] = []
        for record in records or ():
            self.append(record)

    def append(self, record: T) -> None:
        self._open.append(record)
        if len(self._open) >= self._part:
            self._packed.append(zlib.compress(pickle.dumps(self._open, pickle.HIGHEST_PROTOCOL), 1))
            self._open = []

    def parts(self) -> Iterator[list[T]]:
        """The records a part at a time, in order."""
        for packed in list(self._packed):
            yield pickle.loads(zlib.decompress(packed))  # this import's own records, never stored
        if self._open:
            yield list(self._open)

    def __iter__(self) -> Iterator[T]:
        for part in self.parts():
            yield from part

    def __len__(self) -> int:
        return len(self._packed) * self._part + len(self._open)

    def __bool__(self) -> bool:
        return bool(self._packed or self._open)

    def __getitem__(self, index: int) -> T:
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        index %= len(self)
        return next(islice(self, index, None))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Spool | list):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Spool({len(self)} records)"

    def clear(self) -> None:
        """Read no more: the records are let go."""
        self._packed, self._open = [], []


def packable(cls: type[T]) -> type[T]:
    """A typed record pickled as its class and its fields' values: half the time of the
    dataclass's own way (which reads the fields' list for each record), for millions of them."""
    values = operator.attrgetter(*cls.__slots__)  # type: ignore[attr-defined]

    def __reduce__(self: Any) -> tuple[Any, tuple[Any, ...]]:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return cls


@packable
@dataclass(slots=True)  # a national document has millions: no __dict__ each
class OrgIn:
    ref: str
    name: str
    kind: str
    municipalities: list[str]


@packable
@dataclass(slots=True)
class ConsultantIn:
    ref: str
    name: str
    email: str
    organisation: str
    role: str
    phone: str


@packable
@dataclass(slots=True)
class EmployerIn:
    ref: str
    name: str
    kvk: str
    sector: str
    municipality: str
    contact_person: str | None


@packable
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


@packable
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


@packable
@dataclass(slots=True)
class IntentionIn:
    date: datetime.date
    intention: str
    reasons: list[str]
    notes: str


@packable
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


@packable
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


@packable
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


@packable
@dataclass(slots=True)
class ContactIn:
    placement: str
    date: date | None
    with_whom: frozenset[str]
    by: str | None
    summary: str
    channel: str
    follow_up: datetime.date | None  # (`date` is a field name in this class)


@packable
@dataclass(slots=True)
class EvaluationIn:
    placement: str
    date: date | None
    kind: str


@packable
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


@packable
@dataclass(slots=True)
class HoursStepIn:
    placement: str
    start: date | None
    hours: Decimal | None
    review: date | None
    decided: date | None
    decision: str
    reason: str


@packable
@dataclass(slots=True)
class ReferralIn:
    referred_on: date | None
    team: str
    note: str
    feedback_on: date | None
    feedback: str


@packable
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


@packable
@dataclass(slots=True)
class ProvisionIn:
    placement: str
    kind: str
    requested: date | None
    granted: date | None
    status: str


@packable
@dataclass(slots=True)
class PretrajectoryIn:
    person: str
    provider: str
    start: date | None
    end: date | None
    goals: str
    outcome: str
    outcome_note: str


@packable
@dataclass(slots=True)
class WerkfitCheckIn:
    person: str
    point: str
    point_text: str  # a new point of the importer's region gets this text
    answer: str
    checked_on: date | None
    note: str


@packable
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


@packable
@dataclass(slots=True)
class SickReportIn:
    placement: str
    first_day: date | None
    expected_return: date | None
    works_partly: bool
    recovered_on: date | None
    reported_by: str
    note: str


@packable
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
    organisations: Spool[OrgIn] = field(default_factory=Spool)
    consultants: Spool[ConsultantIn] = field(default_factory=Spool)
    employers: Spool[EmployerIn] = field(default_factory=Spool)
    vacancies: Spool[VacancyIn] = field(default_factory=Spool)
    persons: Spool[PersonIn] = field(default_factory=Spool)
    placements: Spool[PlacementIn] = field(default_factory=Spool)
    contacts: Spool[ContactIn] = field(default_factory=Spool)
    evaluations: Spool[EvaluationIn] = field(default_factory=Spool)
    jobcoaching: Spool[JobcoachingIn] = field(default_factory=Spool)
    hours_buildup: Spool[HoursStepIn] = field(default_factory=Spool)
    concerns: Spool[ConcernIn] = field(default_factory=Spool)
    provisions: Spool[ProvisionIn] = field(default_factory=Spool)
    load_assessments: Spool[LoadAssessmentIn] = field(default_factory=Spool)
    sick_reports: Spool[SickReportIn] = field(default_factory=Spool)
    wage_values: Spool[WageValueIn] = field(default_factory=Spool)
    pretrajectories: Spool[PretrajectoryIn] = field(default_factory=Spool)
    werkfit_checks: Spool[WerkfitCheckIn] = field(default_factory=Spool)


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
