"""Export to the exchange format `baanbehoud-exchange/1`.

Everything the signals and the chain rule depend on is exported, so that an export imported into
an empty database gives the same signals and chain statuses.

`pseudonymise` is for researchers (docs/exchange-format.md, "Pseudonymised export"): every
reference to a person, placement, employer, consultant or jobcoach trajectory becomes a keyed
pseudonym (HMAC-SHA256 with PSEUDONYM_KEY), stable across exports with the same key and not
linkable back to this system's references without it; BSN, names, e-mail, KvK numbers, the
employer's name and place, functions and every free text are left out; the birth date becomes
the birth year. Dates, contract kinds, hours, reason codes and the person's municipality and
executing organisation remain: the figures depend on them.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from baanbehoud.employers.models import Employer
from baanbehoud.guidance.models import JobcoachTrajectory
from baanbehoud.organisations.models import Organisation, User
from baanbehoud.persons.models import Person
from baanbehoud.placements.models import ContractPeriod, Placement
from baanbehoud.progress import SILENT, Progress, tracked

from .importer import FORMAT


def _d(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _n(value: Decimal) -> int | float:
    number = Decimal(value)
    return int(number) if number == number.to_integral_value() else float(number)


class _Pseudonyms:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.key = (settings.PSEUDONYM_KEY or settings.SECRET_KEY).encode()

    def _hash(self, kind: str, value: str) -> str:
        return hmac.new(self.key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()

    def bsn(self, value: str) -> str:
        return f"PSN-{self._hash('bsn', value)[:16]}" if self.enabled else value

    def name(self, kind: str, value: str, ref: str) -> str:
        return f"{kind} {self._hash('name', ref)[:8]}" if self.enabled else value

    def text(self, value: str) -> str:
        return "" if self.enabled else value

    def ref(self, kind: str, value: str) -> str:
        """A reference in the document: the same record always gets the same pseudonym."""
        return f"{kind}-{self._hash(f'ref-{kind}', value)[:16]}" if self.enabled else value

    def kvk(self, value: str) -> str:
        """The format requires 8 digits: a keyed pseudonym of 8 digits, not the real number."""
        return f"{int(self._hash('kvk', value), 16) % 10**8:08d}" if self.enabled else value

    def user(self, user: User | None) -> str | None:
        ref = _user_ref(user)
        return None if ref is None else self.ref("C", ref)

    def required_text(self, value: str) -> str:
        """Free text the format requires (a function, a provision): a placeholder."""
        return "(weggelaten)" if self.enabled else value


def _user_ref(user: User | None) -> str | None:
    """Consultants without an organisation cannot be exported (the format requires one)."""
    if user is None or user.organisation_id is None:
        return None
    return user.ref or f"user-{user.pk}"


def export_document(
    *,
    organisation: Organisation | None = None,
    pseudonymise: bool = False,
    persons: QuerySet[Person] | None = None,
    progress: Progress = SILENT,
) -> dict[str, Any]:
    progress.stage("Gegevens ophalen", 0)
    ps = _Pseudonyms(pseudonymise)
    selected = persons if persons is not None else Person.objects.all()
    # An anonymised person has no BSN and is no longer part of the exchanged register; their
    # anonymous placements stay in this system's reports only.
    selected = selected.filter(anonymised_on__isnull=True)
    if organisation is not None:
        selected = selected.filter(organisation=organisation)
    person_list = list(selected.select_related("municipality", "contact_person").order_by("pk"))
    placements = list(
        Placement.objects.filter(person__in=selected)
        .select_related("person", "employer", "ending")
        .prefetch_related(
            Prefetch("contracts", queryset=ContractPeriod.objects.order_by("start")),
            "ending__reasons",
            "contacts__by",
            "evaluations",
            "hours_steps",
            "concerns",
            "provisions",
            Prefetch(
                "jobcoaching",
                queryset=JobcoachTrajectory.objects.select_related(
                    "organisation", "coach"
                ).prefetch_related("hours", "reports"),
            ),
        )
        .order_by("pk")
    )
    employers = list(
        # A subquery, not a list of ids: a national export has more employers than a database
        # takes in one IN (...) list.
        Employer.objects.filter(
            pk__in=Placement.objects.filter(person__in=selected).values("employer_id")
        )
        .select_related("municipality", "account_manager")
        .order_by("pk")
    )
    users: dict[int, User] = {}
    for user in [p.contact_person for p in person_list] + [e.account_manager for e in employers]:
        if user is not None:
            users[user.pk] = user
    for placement in placements:
        for contact in placement.contacts.all():
            if contact.by is not None:
                users[contact.by.pk] = contact.by
        for trajectory in placement.jobcoaching.all():
            if trajectory.coach is not None:
                users[trajectory.coach.pk] = trajectory.coach
    org_ids = {p.organisation_id for p in person_list} | {
        u.organisation_id for u in users.values() if u.organisation_id
    }
    org_ids |= {
        m.organisation_id for m in (p.municipality for p in person_list) if m.organisation_id
    }
    org_ids |= {j.organisation_id for p in placements for j in p.jobcoaching.all()}
    organisations = list(
        Organisation.objects.filter(pk__in=org_ids)
        .prefetch_related("municipalities")
        .order_by("pk")
    )

    document: dict[str, Any] = {
        "format": FORMAT,
        "organisations": [
            {
                "ref": o.ref,
                "name": o.name,
                "kind": o.kind,
                "municipalities": sorted(m.name for m in o.municipalities.all()),
            }
            for o in organisations
        ],
        "consultants": [
            {
                "ref": ps.user(u),
                "name": ps.name("Consulent", str(u), str(_user_ref(u))),
                "email": "" if pseudonymise else u.email,
                "organisation": _org_ref(u, organisations),
                "role": u.role or "klantmanager",
            }
            for u in sorted(users.values(), key=lambda u: u.pk)
            if u.organisation_id
        ],
        "employers": [
            {
                "ref": ps.ref("WG", e.ref),
                "name": ps.name("Werkgever", e.name, e.ref),
                "kvk": ps.kvk(e.kvk),
                "sector": e.sector,
                "municipality": None if pseudonymise or not e.municipality else e.municipality.name,
                "contact_person": ps.user(e.account_manager),
            }
            for e in employers
        ],
        "persons": [_person(p, ps) for p in tracked(person_list, progress, "Personen")],
        "placements": [_placement(p, ps) for p in tracked(placements, progress, "Plaatsingen")],
        "contacts": [
            {
                "placement": ps.ref("PL", p.ref),
                "date": _d(c.date),
                "with": [
                    w
                    for w, on in (
                        ("worker", c.with_worker),
                        ("employer", c.with_employer),
                        ("jobcoach", c.with_jobcoach),
                    )
                    if on
                ],
                "by": ps.user(c.by),
                "summary": ps.text(c.summary),
                "channel": c.channel,
                "follow_up": _d(c.follow_up),
            }
            for p in placements
            for c in sorted(p.contacts.all(), key=lambda c: (c.date, c.pk))
        ],
        "evaluations": [
            {"placement": ps.ref("PL", p.ref), "date": _d(e.date), "kind": e.kind}
            for p in placements
            for e in sorted(p.evaluations.all(), key=lambda e: (e.date, e.pk))
        ],
        "jobcoaching": [
            {
                "ref": ps.ref("JC", j.ref),
                "placement": ps.ref("PL", p.ref),
                "organisation": j.organisation.ref,
                "start": _d(j.start),
                "end": _d(j.end),
                "coach": ps.user(j.coach),
                "exception_reason": ps.text(j.exception_reason),
                "hours": [
                    {"month": h.month.strftime("%Y-%m"), "hours": _n(h.hours)}
                    for h in sorted(j.hours.all(), key=lambda h: h.month)
                ],
                "reports": [
                    {"date": _d(r.date)} for r in sorted(j.reports.all(), key=lambda r: r.date)
                ],
            }
            for p in placements
            for j in p.jobcoaching.all()
        ],
        "hours_buildup": [
            {
                "placement": ps.ref("PL", p.ref),
                "from": _d(h.from_date),
                "hours_per_week": _n(h.hours_per_week),
                "review": _d(h.review_date),
                "decided": _d(h.decided_on),
                "decision": h.decision or None,
                "reason": ps.text(h.reason),
            }
            for p in placements
            for h in sorted(p.hours_steps.all(), key=lambda h: h.from_date)
        ],
        "concerns": [
            {
                "placement": ps.ref("PL", p.ref),
                "date": _d(c.date),
                "raised_by": c.raised_by,
                "kind": c.kind,
                "text": ps.text(c.text),
                "handled": _d(c.handled),
                "handling_note": ps.text(c.handling_note),
            }
            for p in placements
            for c in sorted(p.concerns.all(), key=lambda c: (c.date, c.pk))
        ],
        "provisions": [
            {
                "placement": ps.ref("PL", p.ref),
                "kind": ps.required_text(v.kind),
                "requested": _d(v.requested),
                "granted": _d(v.granted),
                "status": v.status,
            }
            for p in placements
            for v in sorted(p.provisions.all(), key=lambda v: (v.requested, v.pk))
        ],
    }
    return document


def _org_ref(user: User, organisations: Iterable[Organisation]) -> str:
    return next(o.ref for o in organisations if o.pk == user.organisation_id)


def _person(p: Person, ps: _Pseudonyms) -> dict[str, Any]:
    record: dict[str, Any] = {
        "ref": ps.ref("P", p.ref),
        "bsn": ps.bsn(p.bsn or ""),  # anonymised persons are not exported; see export_document
        "name": ps.name("Persoon", p.name, p.ref),
        "birth_date": None if ps.enabled else _d(p.birth_date),
        "municipality": p.municipality.name,
        "regime": p.regime,
        "education": p.education,
        "contact_person": ps.user(p.contact_person),
        "registered_on": _d(p.registered_on),
    }
    if ps.enabled:
        record["birth_year"] = p.birth_date.year
    return record


def _placement(p: Placement, ps: _Pseudonyms) -> dict[str, Any]:
    ending = getattr(p, "ending", None)
    return {
        "ref": ps.ref("PL", p.ref),
        "person": ps.ref("P", p.person.ref),
        "employer": ps.ref("WG", p.employer.ref),
        "function": ps.required_text(p.function),
        "route": p.route,
        "contracts": [
            {
                "kind": c.kind,
                "start": _d(c.start),
                "end": _d(c.end),
                "hours_per_week": _n(c.hours_per_week),
                "probation_end": _d(c.probation_end),
                "cao_max_contracts": c.cao_max_contracts,
                "cao_max_months": c.cao_max_months,
                "cao_gap_months": c.cao_gap_months,
                "extension_reason": ps.text(c.extension_reason),
            }
            for c in p.contracts.all()
        ],
        "ending": None
        if ending is None
        else {
            "date": _d(ending.date),
            "initiative": ending.initiative,
            "reasons": sorted(r.code for r in ending.reasons.all()),
            "notes": ps.text(ending.notes),
            "learning_points": ps.text(ending.learning_points),
            "next": ending.next,
        },
    }


def export_logged(
    *,
    user: User | None,
    organisation: Organisation | None = None,
    pseudonymise: bool = False,
    progress: Progress = SILENT,
    persons: QuerySet[Person] | None = None,
    channel: str = "",
) -> dict[str, Any]:
    """The export as every door makes it, each person in it logged as exported: by default the
    persons an administrator administers (everyone for the operator's command line); the API
    passes the persons its user may see, and its `channel` for the log."""
    from baanbehoud.audit.models import Action
    from baanbehoud.audit.services import log_processing

    if persons is None:
        persons = Person.objects.all() if user is None else Person.objects.administrable_by(user)
    document = export_document(
        organisation=organisation, pseudonymise=pseudonymise, persons=persons, progress=progress
    )
    exported = persons.filter(anonymised_on__isnull=True)
    if organisation is not None:
        exported = exported.filter(organisation=organisation)
    log_processing(
        user=user,
        persons=exported.only("pk"),
        action=Action.EXPORT,
        activity="Export uitwisselformaat"
        + (" (gepseudonimiseerd)" if pseudonymise else "")
        + (f" ({channel})" if channel else ""),
        object_type="persoon (export)",
    )
    return document
