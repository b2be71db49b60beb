"""Loading the demo region: one transaction, bulk inserts, idempotent."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from baanbehoud.dates import add_months
from baanbehoud.employers.models import Employer, EmployerContact, Vacancy, VacancyStatus
from baanbehoud.employers.services import vacancy_add
from baanbehoud.guidance import services as guidance_services
from baanbehoud.guidance.domain import EVALUATION_ITEMS
from baanbehoud.guidance.models import (
    Concern,
    ContactMoment,
    Evaluation,
    EvaluationResponse,
    JobcoachHours,
    JobcoachIntensity,
    JobcoachReport,
    JobcoachTrajectory,
    Provision,
)
from baanbehoud.matching import services as matching_services
from baanbehoud.matching.selectors import candidates_for_vacancy
from baanbehoud.organisations.models import (
    Municipality,
    Organisation,
    Programme,
    Region,
    Role,
    User,
    WerkfitItem,
)
from baanbehoud.organisations.services import municipality_organisations, region_configure
from baanbehoud.persons import services as persons_services
from baanbehoud.persons.domain import responsible
from baanbehoud.persons.models import CandidateProfile, Person
from baanbehoud.placements import services as placements_services
from baanbehoud.placements.models import (
    AftercareAgreement,
    ContractPeriod,
    EmployerIntention,
    Ending,
    EndingReason,
    HoursStep,
    Placement,
)
from baanbehoud.signals import intervals
from baanbehoud.signals.models import SignalSettings
from baanbehoud.work_kinds import TASK_LABELS

from . import generator
from .region import MUNICIPALITY_PLACES, ORGANISATIONS, REGION_NAME

DEMO_PASSWORD = "Baanbehoud-demo-2026"
CONSULTANTS_PER_ORGANISATION = {"FW": 2, "GSV": 1, "GU": 3, "RSD": 2, "WIL": 2, "UWV": 4}
FIRST_NAMES = ("Anouk", "Bram", "Chantal", "Daan", "Esra", "Fleur", "Gijs", "Hanneke", "Ilse",
               "Jeroen", "Karim", "Linda", "Mohamed", "Nienke", "Olaf", "Petra")  # fmt: skip
LAST_NAMES = ("de Vries", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot",
              "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "El Amrani")  # fmt: skip


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    description: str


@dataclass(frozen=True)
class DemoResult:
    created: bool
    persons: int
    placements: int
    logins: list[DemoLogin]


def demo_load(*, seed: int = 2020, today: date | None = None) -> DemoResult:
    """Seed Midden-Utrecht, generate the synthetic history, create one demo user per role.
    A second call finds the data in place and adds nothing."""
    with transaction.atomic():
        region = region_configure(name=REGION_NAME, organisations=ORGANISATIONS)
        _places()
        for organisation in Organisation.objects.filter(kind__in=["municipal", "uwv"]):
            # The report's defaults, as rows a functional administrator can edit.
            SignalSettings.objects.get_or_create(organisation=organisation)
        consultants = _consultants()
        created = not Person.objects.filter(ref__startswith="demo-p").exists()
        if created:
            demo = generator.plan(seed=seed, today=today)
            with intervals.marks_collected():
                intervals.mark_all()  # written in bulk: no model signals
                _write(demo, consultants, municipality_organisations(region))
        logins = _demo_users(consultants)
        if created:
            intervals.refresh()  # the candidates of the match read the open signals
            _proposals(today or timezone.localdate())
            _assessments(today or timezone.localdate())
            _sickness(today or timezone.localdate())
            _referrals(today or timezone.localdate())
            _wage_values(today or timezone.localdate())
            _pretrajectories(today or timezone.localdate())
            _aftercare(region, today or timezone.localdate())
            _werkfit(region, today or timezone.localdate())
        intervals.refresh()  # the first worklist opens without waiting
    return DemoResult(
        created=created,
        persons=Person.objects.filter(ref__startswith="demo-p").count(),
        placements=Placement.objects.filter(ref__startswith="demo-pl").count(),
        logins=logins,
    )


def _places() -> None:
    municipalities = list(Municipality.objects.filter(name__in=MUNICIPALITY_PLACES))
    for municipality in municipalities:
        latitude, longitude = MUNICIPALITY_PLACES[municipality.name]
        municipality.latitude = Decimal(str(latitude))
        municipality.longitude = Decimal(str(longitude))
        # Issue 20 §6: each municipality's buurtteam (invented contact details).
        municipality.social_team = municipality.social_team or f"Buurtteam {municipality.name}"
        municipality.social_team_contact = municipality.social_team_contact or (
            "Bel 14 030 of mail naar buurtteam@example.org. Vraag naar het team van de wijk."
        )
    Municipality.objects.bulk_update(
        municipalities, ["latitude", "longitude", "social_team", "social_team_contact"]
    )
    # Issue 20 §5: voortrajecten in some municipalities and not in others (invented).
    offered = {
        "Utrecht": [("Werkfit Utrecht", "Leerwerkbedrijf Utrecht", "Zes maanden ritme, "
                     "samenwerken en op tijd komen, met een werkplek in de groenvoorziening.")],
        "Nieuwegein": [("Op weg naar werk", "Stichting Werkpad", "Drie maanden training "
                        "en een stage van zes weken.")],
        "Houten": [("Werkfit Houten", "Gemeente Houten", "Voor wie lang niet werkte: "
                    "dagritme en een proefplek.")],
    }  # fmt: skip
    for municipality in municipalities:
        for name, provider, description in offered.get(municipality.name, []):
            Programme.objects.get_or_create(
                municipality=municipality, name=name,
                defaults={"provider": provider, "description": description,
                          "contact": "Via de klantmanager van de gemeente."},
            )  # fmt: skip


def _consultants() -> dict[str, dict[str, list[User]]]:
    """Klantmanagers, accountmanagers and jobcoaches per organisation, created once."""
    result: dict[str, dict[str, list[User]]] = {}
    counter = 0
    for spec in ORGANISATIONS:
        organisation = Organisation.objects.get(ref=spec.ref)
        per_role: dict[str, list[User]] = {}
        roles: list[tuple[Role, int]]
        if spec.ref == "JCMU":
            roles = [(Role.JOBCOACH, 3)]
        else:
            roles = [
                (Role.KLANTMANAGER, CONSULTANTS_PER_ORGANISATION[spec.ref]),
                (Role.ACCOUNTMANAGER, 1),
            ]
        for role, count in roles:
            users = []
            for n in range(1, count + 1):
                name = f"{FIRST_NAMES[counter % len(FIRST_NAMES)]} {LAST_NAMES[counter * 7 % len(LAST_NAMES)]}"
                counter += 1
                ref = f"{spec.ref}-{role.value}-{n}"
                user, new = User.objects.get_or_create(
                    ref=ref,
                    defaults={
                        "username": ref.lower(),
                        "full_name": name,
                        "email": f"{ref.lower()}@example.org",
                        "phone": f"030-{2000000 + counter * 1379:07d}",
                        "role": role,
                        "organisation": organisation,
                    },
                )
                if new:
                    user.set_unusable_password()
                    user.save(update_fields=["password"])
                users.append(user)
            per_role[role.value] = users
        result[spec.ref] = per_role
    return result


def _write(
    demo: generator.DemoPlan,
    consultants: dict[str, dict[str, list[User]]],
    by_municipality: Mapping[str, Organisation],
) -> None:
    municipalities = {m.name: m for m in Municipality.objects.all()}
    uwv = Organisation.objects.get(ref="UWV")
    account_managers = [
        u for per in consultants.values() for u in per.get(Role.ACCOUNTMANAGER.value, [])
    ]

    employers = Employer.objects.bulk_create(
        [
            Employer(
                ref=e.ref,
                name=e.name,
                kvk=e.kvk,
                sector=e.sector,
                size=e.size,
                municipality=municipalities[e.municipality],
                has_policy=e.has_policy,
                has_buddies=e.has_buddies,
                offers_permanent=e.offers_permanent,
                account_manager=account_managers[i % len(account_managers)]
                if e.has_account_manager
                else None,
            )
            for i, e in enumerate(demo.employers)
        ]
    )
    EmployerContact.objects.bulk_create(
        [
            EmployerContact(
                employer=employer,
                name=f"Leidinggevende {employer.name.split()[-1]}",
                function="Leidinggevende",
                email=f"{employer.ref}@example.org",
            )
            for employer in employers
        ]
    )
    _vacancies(employers, demo)

    persons = []
    for i, p in enumerate(demo.persons):
        organisation = responsible(p.regime, by_municipality[p.municipality], uwv)
        assert organisation is not None
        klantmanagers = consultants[organisation.ref][Role.KLANTMANAGER.value]
        persons.append(
            Person(
                ref=p.ref,
                bsn=p.bsn,
                name=p.name,
                birth_date=p.birth_date,
                municipality=municipalities[p.municipality],
                organisation=organisation,
                regime=p.regime,
                education=p.education,
                disability_category=p.disability,
                registered_on=p.registered_on,
                contact_person=klantmanagers[i % len(klantmanagers)]
                if p.has_contact_person
                else None,
            )
        )
    persons = Person.objects.bulk_create(persons)
    _profiles(persons, demo)

    placements = Placement.objects.bulk_create(
        [
            Placement(
                ref=pl.ref,
                person=persons[pl.person],
                employer=employers[pl.employer],
                function=pl.function,
                route=pl.route,
            )
            for pl in demo.placements
        ]
    )
    pairs = list(zip(demo.placements, placements, strict=True))
    contracts = ContractPeriod.objects.bulk_create(
        [
            ContractPeriod(
                placement=placement,
                kind=c.kind,
                start=c.start,
                end=c.end,
                hours_per_week=c.hours,
                extension_reason=c.extension_reason,
            )
            for plan, placement in pairs
            for c in plan.contracts
        ]
    )
    reasons = {r.code: r for r in EndingReason.objects.all()}
    asked = [
        (contract, plan.intention)
        for contract, plan in zip(
            contracts, (c for p, _pl in pairs for c in p.contracts), strict=True
        )
        if plan.intention is not None
    ]
    intentions = EmployerIntention.objects.bulk_create(
        [
            EmployerIntention(contract=contract, date=day, intention=kind)
            for contract, (day, kind, _codes) in asked
        ]
    )
    EmployerIntention.reasons.through.objects.bulk_create(
        [
            EmployerIntention.reasons.through(
                employerintention_id=intention.pk, endingreason_id=reasons[code].pk
            )
            for intention, (_contract, (_day, _kind, codes)) in zip(intentions, asked, strict=True)
            for code in codes
        ]
    )
    endings = Ending.objects.bulk_create(
        [
            Ending(
                placement=placement,
                date=plan.ending.date,
                initiative=plan.ending.initiative,
                learning_points=plan.ending.learning_points,
                next=plan.ending.next,
                aftercare_closed=plan.ending.aftercare_closed,
                aftercare_closed_reason=plan.ending.aftercare_closed_reason,
            )
            for plan, placement in pairs
            if plan.ending
        ]
    )
    ending_plans = [plan.ending for plan, _placement in pairs if plan.ending]
    Ending.reasons.through.objects.bulk_create(
        [
            Ending.reasons.through(ending_id=ending.pk, endingreason_id=reasons[code].pk)
            for ending, ending_plan in zip(endings, ending_plans, strict=True)
            for code in ending_plan.reasons
        ]
    )
    ContactMoment.objects.bulk_create(
        [
            ContactMoment(
                placement=placement,
                date=day,
                with_worker=True,
                with_employer=n % 2 == 0,
                channel="visit" if n % 3 else "phone",
                by=placement.person.contact_person,
                summary="Gesprek over hoe het gaat op het werk.",
            )
            for plan, placement in pairs
            for n, day in enumerate(plan.contacts)
        ]
    )
    evaluations = Evaluation.objects.bulk_create(
        [
            Evaluation(placement=placement, date=day)
            for plan, placement in pairs
            for day in plan.evaluations
        ]
    )
    _iop_answers(evaluations)
    HoursStep.objects.bulk_create(
        [
            HoursStep(
                placement=placement,
                from_date=start,
                hours_per_week=hours,
                review_date=review,
                decided_on=decided,
                decision="increase" if decided else "",
                reason="Het gaat goed; uren kunnen omhoog." if decided else "",
            )
            for plan, placement in pairs
            for start, hours, review, decided in plan.hours_steps
        ]
    )
    _write_jobcoaching(pairs, consultants)
    Concern.objects.bulk_create(
        [
            Concern(
                placement=placement,
                date=day,
                raised_by=by,
                kind=kind,
                handled=handled,
                text="Het gaat minder goed sinds kort.",
                handling_note="Gebeld met werknemer en werkgever." if handled else "",
            )
            for plan, placement in pairs
            for day, by, kind, handled in plan.concerns
        ]
    )
    Provision.objects.bulk_create(
        [
            Provision(
                placement=placement,
                kind=kind,
                requested=requested,
                granted=granted,
                status="granted" if granted else "requested",
            )
            for plan, placement in pairs
            for kind, requested, granted in plan.provisions
        ]
    )


def _write_jobcoaching(
    pairs: list[tuple[generator.PlacementPlan, Placement]],
    consultants: dict[str, dict[str, list[User]]],
) -> None:
    coaches = consultants["JCMU"][Role.JOBCOACH.value]
    intensities = list(JobcoachIntensity.objects.order_by("order"))
    jobcoach_org = Organisation.objects.get(ref="JCMU")
    planned = [(plan.jobcoaching, placement) for plan, placement in pairs if plan.jobcoaching]
    trajectories = JobcoachTrajectory.objects.bulk_create(
        [
            JobcoachTrajectory(
                ref=jc.ref,
                placement=placement,
                organisation=jobcoach_org,
                coach=coaches[jc.coach_index],
                intensity=intensities[jc.intensity],
                start=jc.start,
                end=jc.end,
            )
            for jc, placement in planned
        ]
    )
    JobcoachHours.objects.bulk_create(
        [
            JobcoachHours(trajectory=trajectory, month=month, hours=hours)
            for (jc, _placement), trajectory in zip(planned, trajectories, strict=True)
            for month, hours in jc.hours
        ]
    )
    JobcoachReport.objects.bulk_create(
        [
            JobcoachReport(
                trajectory=trajectory,
                date=day,
                how_it_goes="Gaat redelijk.",
                advice="Vaste taken aanhouden.",
            )
            for (jc, _placement), trajectory in zip(planned, trajectories, strict=True)
            for day in jc.reports
        ]
    )
    # The persons coached get the coach as their jobcoach.
    for (jc, placement), _trajectory in zip(planned, trajectories, strict=True):
        Person.objects.filter(pk=placement.person_id).update(jobcoach=coaches[jc.coach_index])


def _demo_users(consultants: dict[str, dict[str, list[User]]]) -> list[DemoLogin]:
    """One login per role. The klantmanager is the UWV consultant with the largest caseload."""
    uwv_klantmanagers = consultants["UWV"][Role.KLANTMANAGER.value]
    main_consultant = max(uwv_klantmanagers, key=lambda u: (u.contact_for_persons.count(), -u.pk))
    # The demo worker works today, permanently, and has the demo klantmanager as contact
    # person; the demo supervisor is their supervisor, and an IOP waits for both (issue 17 §6):
    # worker, supervisor and klantmanager can do the IOP end to end. (Ordered by pk: the same
    # on SQLite and PostgreSQL.)
    today = timezone.localdate()
    at_work = Placement.objects.current(today).filter(
        ending__isnull=True, contracts__kind="permanent"
    )
    shared = (
        at_work.filter(person__contact_person=main_consultant).order_by("pk").first()
        or at_work.filter(person__contact_person__isnull=False).order_by("pk").first()
        or Placement.objects.current(today).order_by("-pk").first()
    )
    employer = shared.employer if shared is not None else None
    worker = shared.person if shared is not None and shared.person.contact_person_id else None
    if shared is not None and not Evaluation.objects.filter(placement=shared, date=today).exists():
        Evaluation.objects.create(placement=shared, date=today, kind=Evaluation.Kind.IOP)
    logins = [
        _login(
            main_consultant,
            "klantmanager",
            "Klantmanager bij UWV, vaste contactpersoon van veel mensen",
        ),
        _login(
            consultants["UWV"][Role.ACCOUNTMANAGER.value][0],
            "accountmanager",
            "Accountmanager (WSP) bij UWV",
        ),
        _login(
            consultants["JCMU"][Role.JOBCOACH.value][0],
            "jobcoach",
            "Jobcoach bij Jobcoach Midden-Utrecht",
        ),
        _login(
            _user(
                "arbeidsdeskundige",
                "Arbeidsdeskundige UWV",
                Role.ARBEIDSDESKUNDIGE,
                organisation=Organisation.objects.get(ref="UWV"),
            ),
            "arbeidsdeskundige",
            "Arbeidsdeskundige bij UWV",
        ),
        _login(
            _user(
                "beleidsmedewerker",
                "Beleidsmedewerker Utrecht",
                Role.BELEIDSMEDEWERKER,
                organisation=Organisation.objects.get(ref="GU"),
            ),
            "beleidsmedewerker",
            "Beleidsmedewerker bij Gemeente Utrecht",
        ),
        _login(_beheerder(), "beheerder", "Functioneel beheerder van de regio"),
    ]
    if employer:
        logins.append(
            _login(
                _user(
                    "werkgever",
                    f"Leidinggevende {employer.name}",
                    Role.WERKGEVER,
                    employer=employer,
                ),
                "werkgever",
                f"Leidinggevende bij {employer.name}",
            )
        )
    if worker:
        logins.append(
            _login(
                _user("werknemer", worker.name, Role.WERKNEMER, person=worker),
                "werknemer",
                f"Werknemer {worker.name}",
            )
        )
    return logins


def _user(username: str, full_name: str, role: Role, **links: object) -> User:
    user, _created = User.objects.get_or_create(
        username=username, defaults={"full_name": full_name, "role": role, **links}
    )
    return user


def _beheerder() -> User:
    user = _user(
        "beheerder",
        "Functioneel beheerder",
        Role.BEHEERDER,
        organisation=Organisation.objects.get(ref="UWV"),
    )
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
        # Organisations, users and configuration; not the persons' files.
        user.user_permissions.set(
            Permission.objects.filter(
                content_type__app_label__in=["organisations"],
            )
            | Permission.objects.filter(
                content_type__model__in=[
                    "endingreason",
                    "jobcoachintensity",
                    "signalsettings",
                    "reportsettings",
                ]
            )
            | Permission.objects.filter(codename="view_processinglogentry")
        )
    return user


def _login(user: User, username: str, description: str) -> DemoLogin:
    """Give the user a demo login name and the demo password (only once)."""
    if user.username != username and not User.objects.filter(username=username).exists():
        user.username = username
    if not user.has_usable_password() or not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
    user.save()
    return DemoLogin(username=user.username, role=user.get_role_display(), description=description)


# Vacancies as task packages (report §4.3.4): hours as a range, made with the employer and owned
# by its accountmanager. One in every five employers has one open, one in every fifteen one
# filled and one withdrawn; the same for the same plan.
VACANCY_HOURS = ((12, 20), (16, 24), (12, 24), (20, 28), (8, 12), (24, 32))
LEVEL_CYCLE = ("low", "medium", "high", "low", "medium")
DAYS = ("maandag tot en met woensdag", "dinsdag en donderdag", "in overleg", "ochtenden")


# The kinds of work of a demo task package, by the employer's sector.
SECTOR_TASKS = {
    "supermarkt": ["shelves", "customers"],
    "overheid": ["administration", "computer"],
    "onderwijs": ["administration", "care"],
    "zorg": ["care", "cleaning"],
    "horeca": ["kitchen", "cleaning"],
    "schoonmaak": ["cleaning"],
    "voeding": ["production", "sorting"],
    "logistiek": ["warehouse", "sorting"],
    "groen": ["outdoors"],
    "techniek": ["technical", "production"],
    "dienstverlening": ["administration", "computer"],
}


def _vacancies(employers: list[Employer], demo: generator.DemoPlan) -> None:
    vacancies = []
    for i, (employer, plan) in enumerate(zip(employers, demo.employers, strict=True)):
        if i % 5 and i % 15 != 7:
            continue
        low, high = VACANCY_HOURS[i % len(VACANCY_HOURS)]
        status = (
            VacancyStatus.OPEN
            if i % 5 == 0
            else (VacancyStatus.FILLED if i % 2 else VacancyStatus.WITHDRAWN)
        )
        vacancies.append(
            Vacancy(
                ref=f"demo-vac-{i}",
                employer=employer,
                account_manager=employer.account_manager,
                title=generator.SECTOR_FUNCTIONS.get(plan.sector, ("Medewerker",))[0],
                tasks="Vaste taken in een vast ritme; uitbreiden als het goed gaat.",
                task_kinds=SECTOR_TASKS.get(plan.sector, ["sorting"]),
                hours_min=low,
                hours_max=high,
                days=DAYS[i % len(DAYS)],
                municipality=employer.municipality,
                work_pressure=LEVEL_CYCLE[i % 5],
                stimuli=LEVEL_CYCLE[(i + 1) % 5],
                physical_demand=LEVEL_CYCLE[(i + 2) % 5],
                social_demand=LEVEL_CYCLE[(i + 3) % 5],
                team_or_alone=("team", "alone", "both")[i % 3],
                supervision=i % 4 != 3,
                buddy=plan.has_buddies,
                jobcoaching_possible=i % 7 != 6,
                guidance_offered="Een vaste collega als aanspreekpunt." if i % 2 == 0 else "",
                reorganisation_planned=i % 11 == 10,
                intends_permanent=i % 3 != 0,
                status=status,
            )
        )
    Vacancy.objects.bulk_create(vacancies)


def _profiles(persons: list[Person], demo: generator.DemoPlan) -> None:
    """Two in every three persons have a candidate profile (Bijlage 4) with the items a match
    is scored on; the same for the same plan."""
    sectors = sorted({e.sector for e in demo.employers})
    kinds = list(TASK_LABELS)
    CandidateProfile.objects.bulk_create(
        [
            CandidateProfile(
                person=person,
                motivation="Ik wil graag werken en iets leren.",
                availability=DAYS[i % len(DAYS)],
                wants_jobcoach=(True, False, None)[i % 3],
                load_hours_per_week=Decimal((12, 16, 20, 24, 32)[i % 5]),
                load_work_pressure=LEVEL_CYCLE[(i + 2) % 5],
                load_stimuli=LEVEL_CYCLE[(i + 3) % 5],
                load_physical=LEVEL_CYCLE[(i + 4) % 5],
                prefers_team_or_alone=("team", "alone", "both", "")[i % 4],
                guidance_need=LEVEL_CYCLE[i % 5],
                sector_wishes=[sectors[i % len(sectors)]] if i % 2 else [],
                tasks_good=[kinds[i % len(kinds)], kinds[(i + 5) % len(kinds)]]
                if i % 4 != 3
                else [],
                tasks_avoid=[kinds[(i + 2) % len(kinds)]] if i % 3 == 0 else [],
            )
            for i, person in enumerate(persons)
            if i % 3 != 2
        ]
    )


def _assessments(today: date) -> None:
    """Issue 20 §4: a history of load-capacity assessments for a few persons at work whom the
    demo arbeidsdeskundige (UWV) follows, through the page's service: one declining since four
    months (a review on the worklist), one with a review date just passed, one stable."""
    expert = User.objects.get(username="arbeidsdeskundige")
    persons = list(
        Person.objects.filter(
            organisation=expert.organisation,
            profile__isnull=False,
            # at work today: a placement without an ending and a contract that covers today
            pk__in=Placement.objects.filter(ending__isnull=True, contracts__start__lte=today)
            .filter(Q(contracts__end__isnull=True) | Q(contracts__end__gte=today))
            .values("person_id"),
        ).order_by("pk")[:3]
    )
    plans = [
        ((8, "24", "stable", None), (4, "16", "progressive", None)),
        ((6, "20", "fluctuating", 1),),
        ((2, "24", "stable", None),),
    ]
    for person, steps in zip(persons, plans, strict=False):
        for months_ago, hours, course, review_after in steps:
            day = today - relativedelta(months=months_ago)
            persons_services.load_capacity_record(
                user=expert, person=person, date=day, hours_per_week=Decimal(hours),
                course=course, work_pressure="medium",
                next_review=day + relativedelta(months=review_after) if review_after else None,
                notes="Vaste werktijden helpen; geen zwaar tilwerk.",
            )  # fmt: skip


def _wage_values(today: date) -> None:
    """Issue 20 §3: loonwaarde measurements of placements in the demo klantmanager's caseload,
    through the page's service: one measured 11 months ago (its re-measurement on today's
    worklist), one disputed by the employer, one by the organisation itself, re-measured sooner."""
    contact = User.objects.get(username="klantmanager")
    placements = list(
        Placement.objects.filter(
            person__contact_person=contact, ending__isnull=True, contracts__start__lte=today
        )
        .filter(Q(contracts__end__isnull=True) | Q(contracts__end__gte=today + timedelta(days=90)))
        .distinct()
        .order_by("-pk")[:3]
    )
    plans = [
        (330, "external", 55, False, None),
        (120, "external", 40, True, None),
        (60, "internal", 70, False, 120),
    ]
    for placement, (days_ago, measurer, outcome, disputed, again) in zip(
        placements, plans, strict=False
    ):
        day = today - timedelta(days=days_ago)
        placements_services.wage_value_record(
            user=contact, placement=placement, date=day, method="dariuz", outcome=outcome,
            hours_per_week=Decimal(24), measurer=measurer,
            measured_by="Loonwaardebureau Midden" if measurer == "external" else "",
            disputed=disputed,
            dispute_note="De werkgever vindt de loonwaarde te laag ingeschat." if disputed else "",
            next_measurement=day + timedelta(days=again) if again else None,
        )  # fmt: skip


def _aftercare(region: Region, today: date) -> None:
    """Issue 19 §4: the region agreed that UWV (the demo klantmanager) takes the aftercare of
    everyone who lands in a benefit after a job loss. One such loss, three days ago in
    the middle of a temporary contract, is recorded through the page's service:
    the person is handed over to the demo klantmanager, with AFTERCARE_DUE on their worklist."""
    owner = User.objects.get(username="klantmanager")
    AftercareAgreement.objects.create(
        region=region, next="benefit", owner=owner,
        note="Wie na baanverlies een uitkering krijgt (WW), houdt UWV in beeld.",
    )  # fmt: skip
    ended = today - timedelta(days=3)
    candidates = (
        Placement.objects.filter(
            ending__isnull=True,
            person__contact_person__isnull=False,
            contracts__kind="temporary",
            contracts__start__lte=today - timedelta(days=90),
            contracts__end__gte=today + timedelta(days=30),
        )
        .exclude(person__contact_person=owner)
        .exclude(person__in=User.objects.filter(role=Role.WERKNEMER).values("person_id"))
        .select_related("person__contact_person")
        .order_by("pk")
    )
    for placement in candidates:  # someone without other work after the end
        others = ContractPeriod.objects.filter(placement__person=placement.person_id).exclude(
            placement=placement
        )
        if others.filter(Q(end__isnull=True) | Q(end__gt=ended)).exists():
            continue
        recorder = placement.person.contact_person
        assert recorder is not None
        placements_services.ending_register(
            user=recorder, placement=placement, date=ended, initiative="mutual",
            reasons=[EndingReason.objects.get(code="WORK_PRESSURE")], next="benefit",
            notes="Het werk bleef te druk; samen besloten te stoppen. De werknemer vraagt WW aan.",
        )  # fmt: skip
        return


# The region's werkfit checklist (issue 20 §5): what Midden-Utrecht agreed a candidate should
# manage before a placement.
WERKFIT_POINTS = (
    ("mu-dagritme", "Heeft een vast dagritme: op tijd op, elke dag iets te doen"),
    ("mu-op-tijd", "Komt op tijd en meldt zich af als dat nodig is"),
    ("mu-reizen", "Reist zelf naar het werk"),
    ("mu-opdracht", "Begrijpt een opdracht en vraagt hulp als iets niet lukt"),
    ("mu-samenwerken", "Werkt samen met collega's"),
    ("mu-uren", "Kan minstens 12 uur per week werken"),
)


def _werkfit(region: Region, today: date) -> None:
    """The region's checklist, and for six persons of the demo klantmanager without a running
    job the checklist filled through the page's service: some all yes, some halfway."""
    points = [
        WerkfitItem.objects.create(region=region, code=code, text=text, order=n)
        for n, (code, text) in enumerate(WERKFIT_POINTS)
    ]
    contact = User.objects.get(username="klantmanager")
    persons = (
        Person.objects.filter(contact_person=contact)
        .exclude(placements__ending__isnull=True)
        .order_by("pk")[:6]
    )
    for n, person in enumerate(persons):
        met = len(points) - n  # 6, 5, 4, ... points that already go well
        persons_services.werkfit_record(
            user=contact,
            person=person,
            checked_on=today - timedelta(days=7 * n),
            answers={
                p.pk: ("yes", "") if i < met else ("not_yet", "Oefent hier nog mee.")
                for i, p in enumerate(points)
            },
        )


def _pretrajectories(today: date) -> None:
    """Issue 20 §5: a voortraject before the job for two persons of the demo klantmanager, one
    that made the person werkfit, one still running, through the page's service."""
    contact = User.objects.get(username="klantmanager")
    persons = list(Person.objects.filter(contact_person=contact).order_by("pk")[:2])
    plans = [(400, 220, "work_ready"), (60, None, "running")]
    for person, (started, ended, outcome) in zip(persons, plans, strict=False):
        persons_services.pretrajectory_record(
            user=contact, person=person, provider="Werkfit Utrecht",
            start=today - timedelta(days=started),
            end=today - timedelta(days=ended) if ended else None,
            goals="Dagritme, op tijd komen, samenwerken.", outcome=outcome,
        )  # fmt: skip


def _referrals(today: date) -> None:
    """Issue 20 §6: two private concerns in the demo klantmanager's caseload referred to the
    buurtteam, one with its feedback, through the page's service."""
    contact = User.objects.get(username="klantmanager")
    concerns = list(
        Concern.objects.filter(placement__person__contact_person=contact, kind=Concern.Kind.PRIVATE)
        .select_related("placement__person__municipality")
        .order_by("date", "pk")[:2]
    )
    if len(concerns) < 2:  # the random history has none on some days: the worker raises them
        running = (
            Placement.objects.filter(
                person__contact_person=contact,
                ending__isnull=True,
                contracts__start__lte=today - timedelta(days=30),
            )
            .distinct()
            .exclude(pk__in=[c.placement_id for c in concerns])
            .exclude(person__in=User.objects.filter(role=Role.WERKNEMER).values("person_id"))
            .select_related("person__municipality", "employer")
            .order_by("pk")[: 2 - len(concerns)]
        )
        concerns += [
            guidance_services.concern_raise(
                user=contact,
                placement=placement,
                kind=Concern.Kind.PRIVATE,
                text="Zorgen over geld thuis.",
                raised_by=Concern.RaisedBy.WORKER,
                raised_on=today - timedelta(days=21 - 7 * index),  # the buurtteam replies after
            )
            for index, placement in enumerate(running)
        ]
    for index, concern in enumerate(concerns):
        municipality = concern.placement.person.municipality
        guidance_services.referral_save(
            user=contact, concern=concern, referred_on=concern.date,
            team=municipality.social_team if municipality else "Buurtteam",
            note="Zorgen over geld; de werknemer vindt het goed dat het buurtteam belt.",
            feedback_on=min(concern.date + timedelta(days=10), today) if index == 0 else None,
            feedback="Schuldhulp is gestart." if index == 0 else "",
        )  # fmt: skip


def _sickness(today: date) -> None:
    """Issue 20 §1: sick reports in the demo klantmanager's caseload, through the page's
    services: one reported three days ago (on the worklist at once), one in week 6 of sickness
    (the problem analysis to check with the employer), one recovered two months ago."""
    contact = User.objects.get(username="klantmanager")
    at_work = list(
        Placement.objects.filter(
            person__contact_person=contact, ending__isnull=True, contracts__start__lte=today
        )
        .filter(Q(contracts__end__isnull=True) | Q(contracts__end__gte=today + timedelta(days=60)))
        .exclude(person__in=User.objects.filter(role=Role.WERKNEMER).values("person_id"))
        .select_related("person", "employer")
        .distinct()
        .order_by("pk")[:3]
    )
    plans = [(3, None, False), (38, 21, True), (90, None, False)]
    for placement, (days_ago, return_in, partly) in zip(at_work, plans, strict=False):
        report = guidance_services.sick_report(
            user=contact, placement=placement, first_day=today - timedelta(days=days_ago),
            expected_return=today + timedelta(days=return_in) if return_in else None,
            works_partly=partly, note="Gebeld met de leidinggevende.",
        )  # fmt: skip
        if days_ago == 90:
            guidance_services.sick_report_change(
                user=contact, report=report, expected_return=None, works_partly=False,
                recovered_on=today - timedelta(days=60),
            )  # fmt: skip


def _proposals(today: date) -> None:
    """Candidates proposed for a task package of the demo employer, one in each stand (issue 19
    §3), through the services the pages use: proposed (the werkgever login answers it), yes,
    no with reasons, a meeting planned, a proefplaatsing started, stopped."""
    accountmanager = User.objects.get(username="accountmanager")
    supervisor = User.objects.filter(username="werkgever").select_related("employer").first()
    if supervisor is None or supervisor.employer is None:
        return
    employer = supervisor.employer
    vacancy = employer.vacancies.filter(status=VacancyStatus.OPEN).order_by("pk").first()
    if vacancy is None:
        vacancy = vacancy_add(
            employer=employer, ref="demo-vac-werkgever", title="Medewerker facilitair",
            tasks="Vergaderzalen klaarzetten, post rondbrengen, koffie bijvullen.",
            hours_min=Decimal(12), hours_max=Decimal(24), municipality=employer.municipality,
            work_pressure="low", stimuli="medium", team_or_alone="both", supervision=True,
            buddy=True, intends_permanent=True, account_manager=accountmanager,
        )  # fmt: skip
    ranked = candidates_for_vacancy(vacancy, accountmanager, today).suitable
    persons = [Person.objects.get(pk=m.candidate.person_id) for m in ranked[:6]]
    proposals = [
        matching_services.proposal_make(
            user=accountmanager,
            vacancy=vacancy,
            person=person,
            consent=True,
            shared_items=[
                "motivation",
                "qualities",
                "needs_work",
                "availability",
                "load_hours_per_week",
                "wants_jobcoach",
            ],
            note="Past goed bij een vast ritme en een vaste collega.",
        )
        for person in persons
    ]
    if len(proposals) < 6:
        return
    _waiting, yes, no, meeting, started, stopped = proposals
    reasons = list(EndingReason.objects.filter(code__in=["MATCH_TASKS", "EXPECTATIONS"]))
    for proposal in (yes, meeting, started, stopped):
        matching_services.proposal_answer(user=supervisor, proposal=proposal, interested=True)
    matching_services.proposal_answer(
        user=supervisor, proposal=no, interested=False, reasons=reasons,
        answer_note="We zoeken iemand die ook de kassa kan doen.",
    )  # fmt: skip
    for proposal in (meeting, started):
        matching_services.proposal_meeting(
            user=accountmanager, proposal=proposal, meeting_on=today + timedelta(days=7)
        )
    matching_services.proposal_start(
        user=accountmanager, proposal=started, start=today + timedelta(days=14),
        end=add_months(today + timedelta(days=14), 2) - timedelta(days=1),
        hours_per_week=Decimal(12),
    )  # fmt: skip
    matching_services.proposal_stop(
        user=accountmanager, proposal=stopped,
        stopped_reason="De kandidaat koos na de kennismaking voor een opleiding.",
    )  # fmt: skip


def _iop_answers(evaluations: list[Evaluation]) -> None:
    """Filled-in IOPs with the differences the report describes (§2.1.4): in one evaluation of
    every three the worker rates the pace and the hours higher than the supervisor does, and the
    energy it costs lower; the others agree within a point."""
    items = [code for code, _text in EVALUATION_ITEMS]
    responses = []
    for n, evaluation in enumerate(evaluations):
        if n % 2:  # about half the evaluations were filled in on the forms
            continue
        worker = {code: 3 for code in items}
        supervisor = {code: 3 for code in items}
        if n % 3 == 0:
            worker |= {"pace": 4, "hours": 4, "energy": 2}
            supervisor |= {"pace": 2, "hours": 2, "energy": 4}
        else:
            supervisor |= {"independence": 2}
        responses += [
            EvaluationResponse(
                evaluation=evaluation, respondent="worker", answers=worker,
                remarks="Ik wil graag meer uren." if n % 3 == 0 else "",
            ),
            EvaluationResponse(
                evaluation=evaluation, respondent="supervisor", answers=supervisor,
                remarks="Het tempo moet eerst omhoog." if n % 3 == 0 else "",
            ),
        ]  # fmt: skip
    EvaluationResponse.objects.bulk_create(responses)
