"""The facts of a match read from the register, set-based: the candidates of a region with
their profile and the lessons of their earlier jobs, the open task packages, and the places of
the municipalities. The scoring itself is `domain` (pure)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q

from baanbehoud.batches import in_parts
from baanbehoud.employers.models import Employer, Vacancy, VacancyStatus
from baanbehoud.guidance.domain import long_absent_if_sick_since
from baanbehoud.guidance.models import SickReport
from baanbehoud.organisations.models import Municipality, User, WerkfitItem
from baanbehoud.persons.domain import werkfit_count
from baanbehoud.persons.models import Person, PersonQuerySet, WerkfitCheck
from baanbehoud.placements.models import Ending, Placement
from baanbehoud.signals.domain import Code
from baanbehoud.signals.intervals import refresh
from baanbehoud.signals.models import SignalInterval
from baanbehoud.signals.selectors import open_between

from . import domain

# A person with a job that may end soon is a candidate too (the step to permanent, §2.2.1).
AT_RISK = (Code.CHAIN_TRANSITION.value, Code.CONTRACT_END.value)


def weights() -> domain.Weights:
    return domain.Weights.from_settings(getattr(settings, "BAANBEHOUD_MATCH_WEIGHTS", None))


def candidate_persons(user: User, today: date) -> PersonQuerySet:
    """The persons the user may see who are looking for work: no running job, or one at risk
    (its contract ends or the chain reaches its end). In the user's region."""
    refresh()  # "at risk" reads the stored signals: the stale placements worked out first
    persons = Person.objects.visible_to(user).filter(anonymised_on__isnull=True)
    region_id = user.organisation.region_id if user.organisation is not None else None
    if not user.is_superuser and region_id is not None:
        persons = persons.filter(organisation__region_id=region_id)
    running = Placement.objects.current(today).filter(person=OuterRef("pk"))
    return persons.annotate(at_risk=_at_risk(today)).filter(~Exists(running) | Q(at_risk=True))


def _at_risk(today: date) -> ExpressionWrapper:
    """A contract about to end or the step to permanent (the stored signals), or a long absence:
    a sick report still open since before this week of sickness (issue 20 §1)."""
    ending = Exists(
        SignalInterval.objects.filter(
            open_between(today, today), placement__person=OuterRef("pk"), code__in=AT_RISK
        )
    )
    long_sick = Exists(
        SickReport.objects.filter(
            placement__person=OuterRef("pk"),
            placement__ending__isnull=True,
            first_day__lte=long_absent_if_sick_since(today),
        ).filter(Q(recovered_on__isnull=True) | Q(recovered_on__gt=today))
    )
    return ExpressionWrapper(Q(ending) | Q(long_sick), output_field=BooleanField())


LEVELS = {  # a person without a profile: every item unknown
    "load_work_pressure": "profile__load_work_pressure",
    "load_stimuli": "profile__load_stimuli",
    "load_physical": "profile__load_physical",
    "prefers_team_or_alone": "profile__prefers_team_or_alone",
    "guidance_need": "profile__guidance_need",
}


def candidates(persons: PersonQuerySet) -> dict[int, domain.Candidate]:
    """Each person as a candidate: the persons once (with their profile), then the reasons of
    their earlier endings by id in parts — the query that chooses the candidates runs once."""
    columns = (
        "profile__load_hours_per_week", "profile__wants_jobcoach", "profile__sector_wishes",
        "profile__tasks_good", "profile__tasks_avoid",
    )  # fmt: skip
    rows = list(
        persons.values(
            "pk", "municipality_id", "organisation__region_id", *columns, *LEVELS.values()
        )
    )
    lessons: dict[int, set[str]] = defaultdict(set)
    answers: dict[int, dict[int, str]] = defaultdict(dict)
    for part in in_parts([row["pk"] for row in rows]):
        endings = Ending.objects.filter(placement__person_id__any=part, reasons__isnull=False)
        for person_id, code in endings.values_list("placement__person_id", "reasons__code"):
            lessons[person_id].add(code)
        checks = WerkfitCheck.objects.filter(person_id__any=part, item__active=True)
        for person_id, item_id, answer in checks.values_list("person_id", "item_id", "answer"):
            answers[person_id][item_id] = answer
    points: dict[int, list[int]] = defaultdict(list)
    if answers:
        for item_id, region_id in WerkfitItem.objects.filter(active=True).values_list(
            "pk", "region_id"
        ):
            points[region_id].append(item_id)
    return {
        row["pk"]: domain.Candidate(
            person_id=row["pk"],
            municipality_id=row["municipality_id"],
            sectors=frozenset(row["profile__sector_wishes"] or ()),
            tasks_good=frozenset(row["profile__tasks_good"] or ()),
            tasks_avoid=frozenset(row["profile__tasks_avoid"] or ()),
            werkfit=werkfit_count(answers[row["pk"]], points[row["organisation__region_id"]])
            if row["pk"] in answers
            else None,
            lessons=frozenset(lessons[row["pk"]]),
            hours_capacity=row["profile__load_hours_per_week"],
            needs_jobcoach=row["profile__wants_jobcoach"],
            **{name: row[column] or "" for name, column in LEVELS.items()},
        )
        for row in rows
    }


def visible_vacancies(user: User) -> Any:
    return Vacancy.objects.filter(employer__in=Employer.objects.visible_to(user).values("pk"))


PACKAGE = (
    "pk", "municipality_id", "hours_min", "hours_max", "work_pressure", "stimuli",
    "physical_demand", "team_or_alone", "supervision", "buddy", "jobcoaching_possible",
    "employer__sector", "intends_permanent", "reorganisation_planned", "task_kinds",
)  # fmt: skip


def packages(vacancies: Any) -> dict[int, domain.TaskPackage]:
    found = {}
    for row in vacancies.values(*PACKAGE):
        pk, sector = row.pop("pk"), row.pop("employer__sector")
        kinds = frozenset(row.pop("task_kinds") or ())
        found[pk] = domain.TaskPackage(vacancy_id=pk, sector=sector, task_kinds=kinds, **row)
    return found


def places() -> dict[int, tuple[float, float]]:
    placed = Municipality.objects.filter(latitude__isnull=False, longitude__isnull=False)
    return {
        pk: (float(lat or 0), float(lon or 0))
        for pk, lat, lon in placed.values_list("pk", "latitude", "longitude")
    }


def _match(
    c: domain.Candidate,
    p: domain.TaskPackage,
    w: domain.Weights,
    where: dict[int, tuple[float, float]],
) -> domain.Match:
    km = domain.distance_km(where.get(c.municipality_id or 0), where.get(p.municipality_id or 0))
    return domain.match(c, p, w, km)


@dataclass(frozen=True)
class Ranked:
    """The ranked matches, with the records of those shown (for names and links): the best
    `shown` suitable ones and the first `shown` a hard rule keeps out; the rest are counted."""

    matches: list[domain.Match]
    persons: Mapping[int, Person]
    vacancies: Mapping[int, Vacancy]
    shown: int | None = None

    @property
    def suitable(self) -> list[domain.Match]:
        return [m for m in self.matches if m.suitable][: self.shown]

    @property
    def excluded(self) -> list[domain.Match]:
        return [m for m in self.matches if not m.suitable][: self.shown]

    @property
    def more(self) -> tuple[int, int]:
        """How many suitable and excluded matches are not shown."""
        suitable = sum(1 for m in self.matches if m.suitable)
        return (
            suitable - len(self.suitable),
            len(self.matches) - suitable - len(self.excluded),
        )


def candidates_for_vacancy(
    vacancy: Vacancy, user: User, today: date, *, shown: int | None = None
) -> Ranked:
    """The candidates for one task package, best first, each with the reasons of its score;
    the person records only of the `shown` best and `shown` excluded."""
    (package,) = packages(Vacancy.objects.filter(pk=vacancy.pk)).values()
    w, where = weights(), places()
    pool = candidates(candidate_persons(user, today)).values()
    matches = domain.rank(_match(c, package, w, where) for c in pool)
    ranked = Ranked(matches, {}, {vacancy.pk: vacancy}, shown)
    ids = [m.candidate.person_id for m in (*ranked.suitable, *ranked.excluded)]
    records = (  # chosen by the query above: read by id, not chosen again
        Person.objects.annotate(at_risk=_at_risk(today))
        .select_related("municipality", "contact_person")
        .in_bulk(ids)
    )
    return Ranked(matches, records, {vacancy.pk: vacancy}, shown)


def vacancies_for_person(person: Person, user: User) -> Ranked:
    """The open task packages for one person, best first."""
    (candidate,) = candidates(Person.objects.filter(pk=person.pk)).values()
    vacancies = visible_vacancies(user).filter(status=VacancyStatus.OPEN)
    w, where = weights(), places()
    matches = domain.rank(_match(candidate, p, w, where) for p in packages(vacancies).values())
    records = vacancies.select_related("employer", "municipality").in_bulk(
        [m.package.vacancy_id for m in matches]
    )
    return Ranked(matches, {person.pk: person}, records)


def match_one(person: Person, vacancy: Vacancy) -> domain.Match:
    """The match of one candidate with one task package: the rule a proposal is held to."""
    (candidate,) = candidates(Person.objects.filter(pk=person.pk)).values()
    (package,) = packages(Vacancy.objects.filter(pk=vacancy.pk)).values()
    return _match(candidate, package, weights(), places())
