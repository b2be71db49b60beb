"""The set-based evaluation of the worklist: load every record the rules need for a set of
placements in a fixed number of queries (whatever the number of placements), turn them into
pure `PlacementFacts`, and run the rules of `domain.py`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import Any, cast

from django.db.models import Count, Q, QuerySet

from baanbehoud.employers.models import Employer
from baanbehoud.organisations.models import User
from baanbehoud.persons.models import Person
from baanbehoud.placements.models import Placement

from . import domain
from .facts import facts_for
from .intervals import refresh
from .models import SignalInterval


@dataclass(frozen=True)
class SignalRow:
    """A signal with the records it names."""

    signal: domain.Signal
    placement: Placement

    @property
    def owner(self) -> User | None:
        return self.placement.person.contact_person

    @property
    def placement_ref(self) -> str:
        return self.placement.ref

    @property
    def owner_id(self) -> int | None:
        return self.placement.person.contact_person_id

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.signal.code.value, self.signal.placement_id, self.signal.subject)

    def as_exchange(self) -> dict[str, object]:
        """The "Signals output" structure of exchange-format.md."""
        owner = self.owner
        return exchange_item(
            self.signal.code.value,
            self.signal.due,
            self.placement.person.ref,
            self.placement.ref,
            self.placement.employer.ref,
            (owner.ref or str(owner.pk)) if owner is not None else None,
            self.signal.message,
        )


def exchange_item(
    code: str,
    due: date,
    person: str,
    placement: str,
    employer: str,
    owner: str | None,
    message: str,
) -> dict[str, object]:
    """One signal in the "Signals output" structure of exchange-format.md."""
    return {
        "code": code,
        "due": due.isoformat(),
        "priority": "high" if code in domain.HIGH_PRIORITY else "normal",
        "person": person,
        "placement": placement,
        "employer": employer,
        "owner": owner,
        "message": message,
    }


@dataclass(frozen=True)
class NamedPerson:
    """What the processing log needs of a person whose signals were read."""

    pk: int
    bsn: str | None


@dataclass(frozen=True)
class SignalOutput:
    items: list[dict[str, object]]
    persons: list[NamedPerson]


def signal_output(placements: QuerySet[Placement] | None, on: date) -> SignalOutput:
    """The open signals on `on` in the exchange format, straight from the stored intervals as
    plain rows (the CLI and the API, which may ask for a whole country's signals)."""
    intervals = _open(placements, on, on)
    items = []
    persons: dict[int, NamedPerson] = {}
    for code, due, message, placement, employer, person_id, person, bsn, owner_id, owner in (
        intervals.values_list(
            "code", "due", "message", "placement__ref", "placement__employer__ref",
            "placement__person_id", "placement__person__ref", "placement__person__bsn",
            "placement__person__contact_person_id", "placement__person__contact_person__ref",
        )
    ):  # fmt: skip
        owner_key = (owner or str(owner_id)) if owner_id is not None else None
        items.append(exchange_item(code, due, person, placement, employer, owner_key, message))
        persons.setdefault(person_id, NamedPerson(person_id, bsn))
    items.sort(key=lambda i: (i["due"], i["code"], i["placement"]))
    return SignalOutput(items, list(persons.values()))


def evaluated_signal_rows(placements: QuerySet[Placement], on: date) -> list[SignalRow]:
    """The open signals on `on` by a fresh evaluation of the records (what the stored
    intervals must equal; the reports and the drift check use it)."""
    rows = [
        SignalRow(signal, placement)
        for placement, facts in facts_for(placements)
        for signal in domain.open_signals(facts, on)
    ]
    return _sorted(rows)


def open_between(first: date, last: date, path: str = "") -> Q:
    """A stored interval (at `path`) open on some day from `first` to `last` (the one "open on
    D" test)."""
    return Q(**{f"{path}opens__lte": last}) & (
        Q(**{f"{path}closes__isnull": True}) | Q(**{f"{path}closes__gt": first})
    )


def persons_with_open(code: domain.Code, on: date) -> QuerySet[SignalInterval, Any]:
    """The ids (`placement__person_id`) of the persons with a signal `code` open on `on`, after
    the stale placements are worked out — for a list of persons by what is open."""
    return _open(None, on, on).filter(code=code).values("placement__person_id")


def _open(
    placements: QuerySet[Placement] | None, first: date, last: date
) -> QuerySet[SignalInterval]:
    """The stored intervals of these placements (None: all) open on some day from `first` to
    `last`, after the stale placements are worked out."""
    refresh()
    intervals = SignalInterval.objects.filter(open_between(first, last))
    if placements is not None:
        intervals = intervals.filter(placement__in=placements.values("pk"))
    return intervals


def _sorted(rows: list[SignalRow]) -> list[SignalRow]:
    return sorted(rows, key=lambda r: (r.signal.due, r.signal.code.value, r.placement_ref))


def _stored(placements: QuerySet[Placement] | None, first: date, last: date) -> list[_Stored]:
    """The stored intervals open on some day from `first` to `last`, with the placement, its
    person, contact person and employer: one query (after working out stale placements).

    Read as plain rows. The contact persons (a team's 2,400 signals share 20) are made at once;
    each placement with its person and employer only when a row's `placement` is first used —
    a list shows 100 rows of a team's 2,400, and making the objects of all of them was 44 of the
    team list's 106 ms. Each object is made once per placement, person and employer; the
    columns not read are deferred, as with `.only()`: reading one of them is a query of its
    own. `placements` holds each placement once, as `visible_to` and conditions on their own
    fields give (a condition through a list of records needs `.distinct()`, as the jobcoach's
    `visible_to` has)."""
    rows: Iterable[tuple[Any, ...]]
    if placements is None:
        rows = _open(None, first, last).values_list(*STORED_COLUMNS)
    else:
        # Read from the placements, not as intervals of a subquery of them: the placements'
        # conditions (who may see them, whose, where) stay on the query's own placement and
        # person. PostgreSQL planned the subquery's extra placement and person in as much time
        # as it took to read a klantmanager's signals, and read a team's 2,400 a third slower.
        refresh()
        rows = (
            placements.order_by()
            .filter(open_between(first, last, INTERVALS))
            .values_list(*FROM_PLACEMENTS)
        )
    made: dict[tuple[Any, int], Any] = {}

    def one(columns: _Columns, row: tuple[Any, ...]) -> Any:
        model, at, size, fields, order = columns
        key = (model, row[at])
        found = made.get(key)
        if found is None and row[at] is not None:  # (only a contact person can be missing)
            values = row[at : at + size]
            found = made[key] = model.from_db(DATABASE, fields, [values[i] for i in order])
        return found

    def placement_of(row: tuple[Any, ...]) -> Placement:
        found = made.get((Placement, row[PLACEMENT_AT]))
        if found is None:
            found = one(PLACEMENT_COLUMNS, row)
            person = one(PERSON_COLUMNS, row)
            person.contact_person = one(CONTACT_COLUMNS, row)
            found.person = person
            found.employer = one(EMPLOYER_COLUMNS, row)
        return cast(Placement, found)

    result = []
    for row in rows:
        code, subject, due, opens, closes, message = row[: len(SIGNAL_FIELDS)]
        signal = domain.Signal(domain.Code(code), due, row[PLACEMENT_AT], subject, message)
        result.append(_Stored(signal, row, placement_of, opens, closes, one(CONTACT_COLUMNS, row)))
    return result


DATABASE = "default"
# What a list of signals shows and logs; anything else read of a row is a query of its own.
# Not the signal's `params` (stored for the record, shown nowhere): decoding their JSON was a
# tenth of the team list's time; a stored row's `signal.params` is empty.
SIGNAL_FIELDS = ("code", "subject", "due", "opens", "closes", "message")
# The objects made from each row: model, path from the placement, fields read (the id first).
STORED_OBJECTS: tuple[tuple[Any, str, tuple[str, ...]], ...] = (
    (Placement, "", ("id", "ref", "function", "route", "person_id", "employer_id")),
    (Person, "person__",
     ("id", "ref", "name", "bsn", "organisation_id", "municipality_id", "contact_person_id")),
    (User, "person__contact_person__",
     ("id", "full_name", "username", "first_name", "last_name")),
    (Employer, "employer__", ("id", "name")),
)  # fmt: skip
INTERVALS = "signal_intervals__"  # from a placement to its intervals
# The same columns read from the intervals (all of them) and from a queryset of placements.
STORED_COLUMNS = SIGNAL_FIELDS + tuple(
    f"placement__{path}{name}" for _model, path, names in STORED_OBJECTS for name in names
)
FROM_PLACEMENTS = tuple(INTERVALS + name for name in SIGNAL_FIELDS) + tuple(
    path + name for _model, path, names in STORED_OBJECTS for name in names
)


# Per object of a row: its model, where its columns start, how many, and the fields in the
# model's column order with their places among its columns (what `from_db` takes).
_Columns = tuple[Any, int, int, tuple[str, ...], tuple[int, ...]]


def _object_columns() -> list[_Columns]:
    result, at = [], len(SIGNAL_FIELDS)
    for model, _path, names in STORED_OBJECTS:
        fields = tuple(f.attname for f in model._meta.concrete_fields if f.attname in names)
        result.append((model, at, len(names), fields, tuple(names.index(f) for f in fields)))
        at += len(names)
    return result


PLACEMENT_COLUMNS, PERSON_COLUMNS, CONTACT_COLUMNS, EMPLOYER_COLUMNS = _object_columns()
PLACEMENT_AT = PLACEMENT_COLUMNS[1]  # the placement's id
PLACEMENT_REF_AT = PLACEMENT_AT + STORED_OBJECTS[0][2].index("ref")


class _Stored(SignalRow):
    """A stored signal: its placement (with its person and employer) made when first read, once;
    after that it is read as any attribute is (no proxy in between)."""

    def __init__(
        self,
        signal: domain.Signal,
        row: tuple[Any, ...],
        make: Callable[[tuple[Any, ...]], Placement],
        opens: date,
        closes: date | None,
        contact: User | None,
    ) -> None:
        # SignalRow is frozen: what it would set, set as its own __init__ does.
        for name, value in (
            ("signal", signal), ("row", row), ("make", make), ("opens", opens),
            ("closes", closes), ("contact", contact),
        ):  # fmt: skip
            object.__setattr__(self, name, value)

    signal: domain.Signal
    row: tuple[Any, ...]  # the stored columns (STORED_COLUMNS)
    make: Callable[[tuple[Any, ...]], Placement]  # the placement of a row, made once
    opens: date
    closes: date | None
    contact: User | None  # the person's contact person, made with the row

    @cached_property
    def placement(self) -> Placement:
        return self.make(self.row)

    @property
    def owner(self) -> User | None:
        return self.contact

    @property
    def owner_id(self) -> int | None:
        return self.contact.pk if self.contact is not None else None

    @property
    def placement_ref(self) -> str:  # for the order, without making the placement
        return cast(str, self.row[PLACEMENT_REF_AT])

    def open_on(self, day: date) -> bool:
        return self.opens <= day and (self.closes is None or day < self.closes)


def open_due_dates(placements: QuerySet[Placement], on: date, code: domain.Code) -> dict[int, date]:
    """The due date of the signal `code` open on `on`, per placement that has it (the reports'
    "contact overdue" count): one query on the stored intervals."""
    return dict(
        _open(placements, on, on).filter(code=code.value).values_list("placement_id", "due")
    )


def open_signal_rows(placements: QuerySet[Placement] | None, on: date) -> list[SignalRow]:
    """The open signals of these placements (None: all) on `on`, sorted by due date, code,
    placement: from the stored intervals, the same as `evaluated_signal_rows`."""
    return _sorted([r for r in _stored(placements, on, on) if r.open_on(on)])


@dataclass(frozen=True)
class Worklist:
    overdue: list[SignalRow]
    this_week: list[SignalRow]
    soon: list[SignalRow]

    def __len__(self) -> int:
        return len(self.overdue) + len(self.this_week) + len(self.soon)


def week_start(today: date) -> date:
    """The Monday of this week: a signal due before it is late (Mijn signalen, the counts)."""
    return today - timedelta(days=today.weekday())


def worklist(placements: QuerySet[Placement], today: date, *, weeks_ahead: int = 4) -> Worklist:
    """docs/pages.md "Mijn signalen": open signals due before this week are late; those due this week
    (also later this week) are for this week; those due in the next weeks are coming soon."""
    monday = week_start(today)
    sunday = monday + timedelta(days=6)
    horizon = sunday + timedelta(weeks=weeks_ahead)
    stored = _stored(placements, today, horizon)
    now = [r for r in stored if r.open_on(today)]
    keys = {r.key for r in now}
    upcoming = [
        r for r in stored if r.open_on(horizon) and r.signal.due > today and r.key not in keys
    ]

    def ordered(rows: Sequence[SignalRow]) -> list[SignalRow]:
        # To the last row (placement, then subject): the list is shown in pages, and rows alike
        # in priority, date and kind came in the database's order, which may differ from one
        # request to the next — a row could show on two pages, or on none.
        return sorted(
            rows,
            key=lambda r: (
                r.signal.priority != "high", r.signal.due, r.signal.code.value, r.placement_ref,
                r.signal.subject,
            ),
        )  # fmt: skip

    return Worklist(
        overdue=ordered([r for r in now if r.signal.due < monday]),
        this_week=ordered(
            [r for r in now if r.signal.due >= monday]
            + [r for r in upcoming if r.signal.due <= sunday]
        ),
        soon=ordered([r for r in upcoming if r.signal.due > sunday]),
    )


# The decisions about a contract an employer and contact person must take together, in time.
CONTRACT_DECISIONS = frozenset(
    {domain.Code.CONTRACT_END, domain.Code.CHAIN_TRANSITION, domain.Code.CHAIN_EXCEEDED,
     domain.Code.TRIAL_END}
)  # fmt: skip


@dataclass(frozen=True)
class StartOverview:
    """What a contact person's start page says (issue 17 §3): how many signals in each group,
    the concerns first, what is due today, and the contract decisions coming up."""

    overdue: int
    this_week: int
    soon: int
    concerns: list[SignalRow]
    due_now: list[SignalRow]
    decisions: list[SignalRow]
    open_per_employer: dict[int, int]

    def shown(self) -> list[SignalRow]:
        return [*self.concerns, *self.due_now, *self.decisions]


def start_overview(
    placements: QuerySet[Placement], today: date, *, limit: int = 10
) -> StartOverview:
    found = worklist(placements, today)  # the same groups as Mijn signalen
    open_now = [*found.overdue, *found.this_week]
    concerns = [r for r in open_now if r.signal.code == domain.Code.CONCERN_RAISED]
    due_now = [
        r for r in open_now if r.signal.due <= today and r.signal.code != domain.Code.CONCERN_RAISED
    ]
    decisions = sorted(
        (
            r
            for r in [*found.this_week, *found.soon]
            if r.signal.code in CONTRACT_DECISIONS and r.signal.due > today
        ),
        key=lambda r: r.signal.due,
    )
    return StartOverview(
        overdue=len(found.overdue),
        this_week=len(found.this_week),
        soon=len(found.soon),
        concerns=concerns,
        due_now=due_now[:limit],
        decisions=decisions[:limit],
        open_per_employer=dict(Counter(r.placement.employer_id for r in open_now)),
    )


@dataclass(frozen=True)
class MyCounts:
    """What the navigation says next to Mijn signalen (issue 18 §4)."""

    overdue: int
    concerns: int

    @property
    def badge(self) -> str:
        parts = []
        if self.overdue:
            parts.append(f"{self.overdue} te laat")
        if self.concerns:
            parts.append("1 zorgsignaal" if self.concerns == 1 else f"{self.concerns} zorgsignalen")
        return ", ".join(parts)


def my_counts(user: User, today: date) -> MyCounts:
    """The user's own late signals and unhandled concerns (as on Mijn signalen), in one count."""
    monday = week_start(today)
    found = _open(Placement.objects.filter(person__contact_person=user), today, today).aggregate(
        overdue=Count("pk", filter=Q(due__lt=monday)),
        concerns=Count("pk", filter=Q(code=domain.Code.CONCERN_RAISED.value)),
    )
    return MyCounts(overdue=found["overdue"], concerns=found["concerns"])


def counts_from(found: Worklist, user: User) -> MyCounts:
    """The same counts from a worklist already read (the worklist page: no second query)."""
    # Compared by id: comparing each row's contact person with the request's user (a lazy
    # object) was a fifth of the team list's time.
    concern, me = domain.Code.CONCERN_RAISED, user.pk
    return MyCounts(
        overdue=sum(1 for r in found.overdue if r.owner_id == me),
        concerns=sum(
            1 for r in [*found.overdue, *found.this_week]
            if r.owner_id == me and r.signal.code == concern
        ),
    )  # fmt: skip
