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
import json
from collections import Counter
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any, TextIO

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet

from baanbehoud.batches import in_parts
from baanbehoud.employers.models import Employer, Vacancy
from baanbehoud.guidance.models import (
    Concern,
    ContactMoment,
    Evaluation,
    JobcoachTrajectory,
    Provision,
    SickReport,
)
from baanbehoud.organisations.models import Organisation, User
from baanbehoud.organisations.scoping import related_choices
from baanbehoud.persons.models import LoadAssessment, Person, Pretrajectory, WerkfitCheck
from baanbehoud.placements.models import (
    ContractPeriod,
    EmployerIntention,
    HoursStep,
    Placement,
    WageValue,
)
from baanbehoud.progress import SILENT, Progress

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


PART = (
    2000  # placements (or persons) per query: the export's memory does not grow with the register
)


def _selection(
    persons: QuerySet[Person] | None, organisation: Organisation | None
) -> QuerySet[Person]:
    selected = persons if persons is not None else Person.objects.all()
    # An anonymised person has no BSN and is no longer part of the exchanged register; their
    # anonymous placements stay in this system's reports only.
    selected = selected.filter(anonymised_on__isnull=True)
    if organisation is not None:
        selected = selected.filter(organisation=organisation)
    return selected


def export_lists(
    *,
    organisation: Organisation | None = None,
    pseudonymise: bool = False,
    persons: QuerySet[Person] | None = None,
    progress: Progress = SILENT,
    vacancies: QuerySet[Vacancy] | None = None,
) -> Iterator[tuple[str, Iterator[dict[str, Any]]]]:
    """The document's lists in order, each as a stream of its items: only the ids of the
    persons and placements are held; the records are read a part at a time. `vacancies`: the
    task packages a whole export of chosen persons carries (a region's, for its administrator)."""
    progress.stage("Gegevens ophalen", 0)
    ps = _Pseudonyms(pseudonymise)
    selected = _selection(persons, organisation)
    person_ids = list(selected.order_by("pk").values_list("pk", flat=True))
    in_selection = Placement.objects.filter(person__in=selected)
    placement_ids = list(in_selection.order_by("pk").values_list("pk", flat=True))
    vacancies = _vacancies(persons, organisation, in_selection, vacancies)
    employers = Employer.objects.filter(
        Q(pk__in=in_selection.values("employer_id")) | Q(pk__in=vacancies.values("employer_id"))
    )
    user_ids = (
        set(selected.exclude(contact_person=None).values_list("contact_person_id", flat=True))
        | set(employers.exclude(account_manager=None).values_list("account_manager_id", flat=True))
        | set(vacancies.exclude(account_manager=None).values_list("account_manager_id", flat=True))
        | set(
            ContactMoment.objects.filter(placement__in=in_selection)
            .exclude(by=None)
            .values_list("by_id", flat=True)
        )
        | set(
            JobcoachTrajectory.objects.filter(placement__in=in_selection)
            .exclude(coach=None)
            .values_list("coach_id", flat=True)
        )
        | set(
            LoadAssessment.objects.filter(person__in=selected)
            .exclude(by=None)
            .values_list("by_id", flat=True)
        )
    )
    users = list(User.objects.filter(pk__in=user_ids).order_by("pk"))
    org_ids = (
        set(selected.values_list("organisation_id", flat=True))
        | {u.organisation_id for u in users if u.organisation_id}
        | set(
            selected.exclude(municipality__organisation=None).values_list(
                "municipality__organisation_id", flat=True
            )
        )
        | set(
            JobcoachTrajectory.objects.filter(placement__in=in_selection).values_list(
                "organisation_id", flat=True
            )
        )
    )
    organisations = list(
        Organisation.objects.filter(pk__in=org_ids)
        .prefetch_related("municipalities")
        .order_by("pk")
    )
    org_refs = {o.pk: o.ref for o in organisations}

    def organisation_items() -> Iterator[dict[str, Any]]:
        for o in organisations:
            yield {
                "ref": o.ref,
                "name": o.name,
                "kind": o.kind,
                "municipalities": sorted(m.name for m in o.municipalities.all()),
            }

    def consultant_items() -> Iterator[dict[str, Any]]:
        for u in users:
            if u.organisation_id:
                yield {
                    "ref": ps.user(u),
                    "name": ps.name("Consulent", str(u), str(_user_ref(u))),
                    "email": "" if pseudonymise else u.email,
                    "organisation": org_refs[u.organisation_id],
                    "role": u.role or "klantmanager",
                }

    def employer_items() -> Iterator[dict[str, Any]]:
        for e in employers.select_related("municipality", "account_manager").order_by("pk"):
            yield {
                "ref": ps.ref("WG", e.ref),
                "name": ps.name("Werkgever", e.name, e.ref),
                "kvk": ps.kvk(e.kvk),
                "sector": e.sector,
                "municipality": None if pseudonymise or not e.municipality else e.municipality.name,
                "contact_person": ps.user(e.account_manager),
            }

    def vacancy_items() -> Iterator[dict[str, Any]]:
        for v in vacancies.select_related("employer", "municipality", "account_manager").order_by(
            "pk"
        ):
            yield {
                "ref": ps.ref("VAC", v.ref),
                "employer": ps.ref("WG", v.employer.ref),
                "title": ps.required_text(v.title),  # a function links back like a name
                "tasks": ps.text(v.tasks),
                "task_kinds": v.task_kinds,
                "hours_min": _n(v.hours_min),
                "hours_max": _n(v.hours_max),
                "days": ps.text(v.days),
                "municipality": None if pseudonymise or not v.municipality else v.municipality.name,
                "start": _d(v.start),
                "work_pressure": v.work_pressure,
                "stimuli": v.stimuli,
                "physical_demand": v.physical_demand,
                "social_demand": v.social_demand,
                "team_or_alone": v.team_or_alone,
                "supervision": v.supervision,
                "buddy": v.buddy,
                "jobcoaching_possible": v.jobcoaching_possible,
                "guidance_offered": ps.text(v.guidance_offered),
                "reorganisation_planned": v.reorganisation_planned,
                "intends_permanent": v.intends_permanent,
                "status": v.status,
                "account_manager": ps.user(v.account_manager),
            }

    def person_items() -> Iterator[dict[str, Any]]:
        progress.stage("Personen", len(person_ids))
        for part in in_parts(person_ids, PART):
            for p in (
                Person.objects.filter(pk__any=part)
                .select_related("municipality", "contact_person")
                .order_by("pk")
            ):
                yield _person(p, ps)
            progress.advance(len(part))

    def placement_items() -> Iterator[dict[str, Any]]:
        progress.stage("Plaatsingen", len(placement_ids))
        for part in in_parts(placement_ids, PART):
            for p in (
                Placement.objects.filter(pk__any=part)
                .select_related("person", "employer", "ending")
                .prefetch_related(
                    Prefetch(
                        "contracts",
                        queryset=ContractPeriod.objects.order_by("start").prefetch_related(
                            Prefetch(
                                "intentions",
                                queryset=EmployerIntention.objects.order_by(
                                    "date", "pk"
                                ).prefetch_related("reasons"),
                            )
                        ),
                    ),
                    "ending__reasons",
                )
                .order_by("pk")
            ):
                yield _placement(p, ps)
            progress.advance(len(part))

    def per_placement(
        model: Any, order: tuple[str, ...], item: Any, related: tuple[str, ...] = ()
    ) -> Iterator[dict[str, Any]]:
        for part in in_parts(placement_ids, PART):
            records = model.objects.filter(placement_id__any=part).select_related(
                "placement", *related
            )
            for record in records.order_by("placement_id", *order):
                yield item(record)

    def contact(c: ContactMoment) -> dict[str, Any]:
        return {
            "placement": ps.ref("PL", c.placement.ref),
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

    def jobcoaching(j: JobcoachTrajectory) -> dict[str, Any]:
        return {
            "ref": ps.ref("JC", j.ref),
            "placement": ps.ref("PL", j.placement.ref),
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

    def jobcoaching_items() -> Iterator[dict[str, Any]]:
        for part in in_parts(placement_ids, PART):
            trajectories = (
                JobcoachTrajectory.objects.filter(placement_id__any=part)
                .select_related("placement", "organisation", "coach")
                .prefetch_related("hours", "reports")
                .order_by("placement_id", "start", "pk")
            )
            for j in trajectories:
                yield jobcoaching(j)

    yield "organisations", organisation_items()
    yield "consultants", consultant_items()
    yield "employers", employer_items()
    yield "vacancies", vacancy_items()
    yield "persons", person_items()
    yield "placements", placement_items()
    yield "contacts", per_placement(ContactMoment, ("date", "pk"), contact, ("by",))
    yield (
        "evaluations",
        per_placement(
            Evaluation,
            ("date", "pk"),
            lambda e: {"placement": ps.ref("PL", e.placement.ref), "date": _d(e.date),
                       "kind": e.kind},
        ),
    )  # fmt: skip
    yield "jobcoaching", jobcoaching_items()
    yield (
        "hours_buildup",
        per_placement(
            HoursStep,
            ("from_date", "pk"),
            lambda h: {
                "placement": ps.ref("PL", h.placement.ref),
                "from": _d(h.from_date),
                "hours_per_week": _n(h.hours_per_week),
                "review": _d(h.review_date),
                "decided": _d(h.decided_on),
                "decision": h.decision or None,
                "reason": ps.text(h.reason),
            },
        ),
    )
    yield (
        "concerns",
        per_placement(
            Concern,
            ("date", "pk"),
            lambda c: {
                "placement": ps.ref("PL", c.placement.ref),
                "date": _d(c.date),
                "raised_by": c.raised_by,
                "kind": c.kind,
                "text": ps.text(c.text),
                "handled": _d(c.handled),
                "handling_note": ps.text(c.handling_note),
                **(
                    {
                        "referral": {
                            "referred_on": _d(r.referred_on),
                            "team": r.team,
                            "note": ps.text(r.note),
                            "feedback_on": _d(r.feedback_on),
                            "feedback": ps.text(r.feedback),
                        }
                    }
                    if (r := getattr(c, "referral", None)) is not None
                    else {}
                ),
            },
            ("referral",),
        ),
    )
    yield (
        "provisions",
        per_placement(
            Provision,
            ("requested", "pk"),
            lambda v: {
                "placement": ps.ref("PL", v.placement.ref),
                "kind": ps.required_text(v.kind),
                "requested": _d(v.requested),
                "granted": _d(v.granted),
                "status": v.status,
            },
        ),
    )

    def load_assessment_items() -> Iterator[dict[str, Any]]:
        for part in in_parts(person_ids, PART):
            for a in (
                LoadAssessment.objects.filter(person_id__any=part)
                .select_related("person", "by")
                .order_by("person_id", "date", "pk")
            ):
                yield {
                    "person": ps.ref("P", a.person.ref),
                    "date": _d(a.date),
                    "hours_per_week": _n(a.hours_per_week),
                    "hours_per_day": _n(a.hours_per_day) if a.hours_per_day is not None else None,
                    "work_pressure": a.work_pressure or None,
                    "stimuli": a.stimuli or None,
                    "physical": a.physical or None,
                    "course": a.course,
                    "next_review": _d(a.next_review),
                    "notes": ps.text(a.notes),
                    "by": ps.user(a.by),
                }

    yield "load_assessments", load_assessment_items()

    def pretrajectory_items() -> Iterator[dict[str, Any]]:
        for part in in_parts(person_ids, PART):
            for t in (
                Pretrajectory.objects.filter(person_id__any=part)
                .select_related("person")
                .order_by("person_id", "start", "pk")
            ):
                yield {
                    "person": ps.ref("P", t.person.ref),
                    "provider": t.provider,
                    "start": _d(t.start),
                    "end": _d(t.end),
                    "goals": ps.text(t.goals),
                    "outcome": t.outcome,
                    "outcome_note": ps.text(t.outcome_note),
                }

    yield "pretrajectories", pretrajectory_items()

    def werkfit_items() -> Iterator[dict[str, Any]]:
        for part in in_parts(person_ids, PART):
            for person_ref, code, text, answer, checked_on, note in (
                WerkfitCheck.objects.filter(person_id__any=part)
                .order_by("person_id", "item__order", "item_id")
                .values_list(
                    "person__ref", "item__code", "item__text", "answer", "checked_on", "note"
                )
            ):
                yield {
                    "person": ps.ref("P", person_ref),
                    "point": code,
                    "point_text": text,
                    "answer": answer,
                    "checked_on": _d(checked_on),
                    "note": ps.text(note),
                }

    yield "werkfit_checks", werkfit_items()
    yield (
        "wage_values",
        per_placement(
            WageValue,
            ("date", "pk"),
            lambda v: {
                "placement": ps.ref("PL", v.placement.ref),
                "date": _d(v.date),
                "method": v.method,
                "measurer": v.measurer,
                "measured_by": ps.text(v.measured_by),
                "outcome": v.outcome,
                "hours_per_week": _n(v.hours_per_week),
                "disputed": v.disputed,
                "dispute_note": ps.text(v.dispute_note),
                "next_measurement": _d(v.next_measurement),
            },
        ),
    )
    yield (
        "sick_reports",
        per_placement(
            SickReport,
            ("first_day", "pk"),
            lambda s: {
                "placement": ps.ref("PL", s.placement.ref),
                "first_day": _d(s.first_day),
                "expected_return": _d(s.expected_return),
                "works_partly": s.works_partly,
                "recovered_on": _d(s.recovered_on),
                "reported_by": s.reported_by,
                "note": ps.text(s.note),
            },
        ),
    )


def export_document(
    *,
    organisation: Organisation | None = None,
    pseudonymise: bool = False,
    persons: QuerySet[Person] | None = None,
    progress: Progress = SILENT,
) -> dict[str, Any]:
    """The whole document in memory (the API, the tests); `write_document` streams it."""
    lists = export_lists(
        organisation=organisation, pseudonymise=pseudonymise, persons=persons, progress=progress
    )
    return {"format": FORMAT, **{name: list(items) for name, items in lists}}


def write_document(
    out: TextIO, lists: Iterator[tuple[str, Iterator[dict[str, Any]]]]
) -> Counter[str]:
    """The document as JSON on `out`, item by item; returns how many items each list has."""
    counts: Counter[str] = Counter()
    out.write('{\n "format": ' + json.dumps(FORMAT))
    for name, items in lists:
        out.write(f",\n {json.dumps(name)}: [")
        for index, item in enumerate(items):
            out.write(("\n  " if index == 0 else ",\n  ") + json.dumps(item, ensure_ascii=False))
            counts[name] += 1
        out.write("\n ]" if counts[name] else "]")
    out.write("\n}\n")
    return counts


def _vacancies(
    persons: QuerySet[Person] | None,
    organisation: Organisation | None,
    in_selection: QuerySet[Placement],
    whole: QuerySet[Vacancy] | None = None,
) -> QuerySet[Vacancy]:
    """The task packages an export carries: all of them in a whole export (`whole`: those of
    the exporting administrator's region); an organisation's export those its accountmanagers
    own and those of the employers it exports; none in an export of chosen persons (a person's
    own data, the API)."""
    if whole is None:
        if persons is not None:
            return Vacancy.objects.none()
        whole = Vacancy.objects.all()
    if organisation is None:
        return whole
    return whole.filter(
        Q(account_manager__organisation=organisation)
        | Q(employer_id__in=in_selection.values("employer_id"))
    )


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


def _contract(c: ContractPeriod, ps: _Pseudonyms) -> dict[str, Any]:
    record: dict[str, Any] = {
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
    intentions = list(c.intentions.all())
    if intentions:  # only where there are (an optional list: most contracts have none)
        record["intentions"] = [
            {
                "date": _d(i.date),
                "intention": i.intention,
                "reasons": sorted(r.code for r in i.reasons.all()),
                "notes": ps.text(i.notes),
            }
            for i in intentions
        ]
    return record


def _placement(p: Placement, ps: _Pseudonyms) -> dict[str, Any]:
    ending = getattr(p, "ending", None)
    return {
        "ref": ps.ref("PL", p.ref),
        "person": ps.ref("P", p.person.ref),
        "employer": ps.ref("WG", p.employer.ref),
        "function": ps.required_text(p.function),
        "route": p.route,
        "contracts": [_contract(c, ps) for c in p.contracts.all()],
        "offer_discussed_on": _d(p.offer_discussed_on),
        "ending": None
        if ending is None
        else {
            "date": _d(ending.date),
            "initiative": ending.initiative,
            "reasons": sorted(r.code for r in ending.reasons.all()),
            "notes": ps.text(ending.notes),
            "learning_points": ps.text(ending.learning_points),
            "next": ending.next,
            "aftercare_closed": _d(ending.aftercare_closed),
            "aftercare_closed_reason": ps.text(ending.aftercare_closed_reason),
        },
    }


def _region_vacancies(user: User) -> QuerySet[Vacancy]:
    scoped = related_choices(Vacancy, user)
    return scoped if scoped is not None else Vacancy.objects.none()


def export_logged(
    *,
    user: User | None,
    organisation: Organisation | None = None,
    pseudonymise: bool = False,
    progress: Progress = SILENT,
    persons: QuerySet[Person] | None = None,
    channel: str = "",
    out: TextIO | None = None,
) -> dict[str, Any]:
    """The export as every door makes it, each person in it logged as exported: by default the
    persons an administrator administers (everyone for the operator's command line); the API
    passes the persons its user may see, and its `channel` for the log. With `out` the document
    is written there as it is read (the command line, the background job), and the result holds
    only the number of items per list; else the result is the document."""
    from baanbehoud.audit.models import Action
    from baanbehoud.audit.services import log_processing

    vacancies = None
    if persons is None:  # the whole register, or the administrator's region: its task packages too
        persons = Person.objects.all() if user is None else Person.objects.administrable_by(user)
        vacancies = Vacancy.objects.all() if user is None else _region_vacancies(user)
    lists = export_lists(
        organisation=organisation,
        pseudonymise=pseudonymise,
        persons=persons,
        progress=progress,
        vacancies=vacancies,
    )
    if out is not None:
        result: dict[str, Any] = dict(write_document(out, lists))
    else:
        result = {"format": FORMAT, **{name: list(items) for name, items in lists}}
    log_processing(
        user=user,
        persons=_selection(persons, organisation).only("pk", "bsn"),
        action=Action.EXPORT,
        activity="Export uitwisselformaat"
        + (" (gepseudonimiseerd)" if pseudonymise else "")
        + (f" ({channel})" if channel else ""),
        object_type="persoon (export)",
    )
    return result
