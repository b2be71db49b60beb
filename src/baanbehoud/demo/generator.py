"""A deterministic synthetic history for the demo region. Pure Python: `plan(seed, today)` returns
the same records for the same arguments, and writes nothing.

The hazard of losing the job is highest at the three risk moments the report found everywhere
(docs/rules.md §4, report §2.2.1): the step from proefplaatsing to the first contract, the first half
year, and the step from temporary to permanent. After a permanent contract the risk is low.
The parameters below are tuned so that about two-thirds of new starters still work a year
later, UWV's national figure (docs/reports.md).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from faker import Faker

from baanbehoud.dates import add_months
from baanbehoud.placements.chain import ChainContract, is_last_allowed

from .region import MUNICIPALITY_WEIGHTS

PERSONS = 320
FIRST_JOB_SKEW = 2.2  # > 1: first jobs lean towards the early years of the history
EMPLOYERS = 80
HISTORY_YEARS = 5

# Probabilities at the risk moments.
P_TRIAL = 0.6  # a WSP or reintegration placement starts with a proefplaatsing
P_TRIAL_FAILS_EARLY = 0.05  # ends during the proefplaatsing
P_TRIAL_NOT_CONVERTED = 0.2  # no contract follows the proefplaatsing
P_FIRST_HALF_YEAR = 0.22  # lost in the first half year of employment
P_NOT_RENEWED = 0.15  # a temporary contract (not the chain's last) is not renewed
P_CHAIN_NOT_CONVERTED = 0.55  # no permanent contract at the chain-rule moment (§2.2.1)
P_PERMANENT_EARLY = (
    0.12  # a temporary contract is followed by a permanent one before the chain ends
)
P_PERMANENT_PER_MONTH = 0.004  # about 5% a year after permanent
P_ENDING_REGISTERED = 0.7  # report §2.2: many job losses are never registered
P_NEXT_PLACEMENT = 0.5

# docs/rules.md §4: temporary contracts are usually 6, 7 or 12 months.
CONTRACT_MONTHS = (6, 6, 7, 12, 12)

SECTOR_FUNCTIONS = {
    "supermarkt": ("Vakkenvuller", "Medewerker orderpicking", "Winkelmedewerker"),
    "overheid": ("Medewerker postkamer", "Administratief medewerker", "Medewerker facilitair"),
    "onderwijs": ("Conciërge", "Medewerker bibliotheek", "Assistent facilitair"),
    "zorg": ("Medewerker huishouding", "Gastvrouw", "Medewerker linnenkamer"),
    "horeca": ("Afwasser", "Medewerker keuken", "Medewerker bediening"),
    "schoonmaak": ("Schoonmaker", "Medewerker schoonmaak"),
    "voeding": ("Inpakker", "Productiemedewerker"),
    "logistiek": ("Magazijnmedewerker", "Orderpicker"),
    "groen": ("Medewerker groenonderhoud", "Hovenier"),
    "techniek": ("Assemblagemedewerker", "Medewerker werkplaats"),
    "dienstverlening": ("Medewerker digitalisering", "Medewerker receptie"),
}
EMPLOYER_SUFFIX = {
    "supermarkt": "Supermarkt", "overheid": "Gemeentelijke dienst", "onderwijs": "College",
    "zorg": "Zorggroep", "horeca": "Restaurant", "schoonmaak": "Schoonmaakbedrijf",
    "voeding": "Bakkerij", "logistiek": "Distributiecentrum", "groen": "Hoveniers",
    "techniek": "Metaal", "dienstverlening": "Diensten",
}  # fmt: skip
# About half of the interviewed workers found their job themselves (Summary §4).
ROUTES = (("wsp", 33), ("self", 48), ("reintegration", 8), ("agency", 7), ("other", 4))
EDUCATION = (
    ("vso", 20), ("praktijkonderwijs", 25), ("vmbo", 15), ("mbo1", 10), ("mbo2", 12),
    ("mbo3", 5), ("mbo4", 4), ("havo", 2), ("hbo", 3), ("wo", 1), ("unknown", 3),
)  # fmt: skip
DISABILITY = (("intellectual", 40), ("psychological", 25), ("physical", 15), ("sensory", 5),
              ("multiple", 10), ("unknown", 5))  # fmt: skip
EARLY_REASONS = ("LOAD_OVERESTIMATED", "MATCH_TASKS", "WORK_PRESSURE", "EXPECTATIONS",
                 "HEALTH", "NO_JOBCOACH", "PRIVATE", "NOT_WORKFIT", "GUIDANCE_BURDEN")  # fmt: skip
TRIAL_REASONS = ("MATCH_TASKS", "NOT_WORKFIT", "EXPECTATIONS", "WORK_PRESSURE", "MATCH_INTEREST")
LATER_REASONS = ("NO_FORMATION", "WAGE_VALUE", "REORGANISATION", "HEALTH", "PRIVATE",
                 "LOAD_VARIES", "UNDERCHALLENGED", "NO_CONTACT", "SLOW_PROVISION")  # fmt: skip
LEARNING_POINTS = (
    "Begin met minder uren en bouw langzaam op.",
    "Zorg vanaf de eerste dag voor een vaste begeleider op de werkvloer.",
    "Bespreek twee maanden voor het einde van het contract of er een vast contract komt.",
    "Zet een jobcoach in bij de start.",
    "Kies werk met weinig prikkels en een vast takenpakket.",
    "Vraag de voorziening aan vóór de eerste werkdag.",
)


@dataclass
class ContractPlan:
    kind: str
    start: date
    end: date | None
    hours: Decimal
    extension_reason: str = ""
    # The employer's intention before the end (issue 19 §5): date, intention, reason codes.
    intention: tuple[datetime.date, str, tuple[str, ...]] | None = None


@dataclass
class EndingPlan:
    date: date
    initiative: str
    reasons: list[str]
    learning_points: str
    next: str
    aftercare_closed: datetime.date | None = None
    aftercare_closed_reason: str = ""


# Why the aftercare after a loss stopped (issue 19 §4), as a contact person writes it.
AFTERCARE_STOPPED = (
    "Verhuisd naar een andere regio; overgedragen aan de nieuwe gemeente.",
    "Gaat naar dagbesteding; werk zoeken is nu niet aan de orde.",
    "Wil voorlopig geen hulp bij het zoeken naar werk. Over een half jaar opnieuw vragen.",
)
P_AFTERCARE_CONTACT = 0.6  # the contact person called within two weeks of the loss
P_AFTERCARE_STOPPED = 0.2


@dataclass
class JobcoachPlan:
    ref: str
    start: date
    end: date | None
    coach_index: int
    intensity: int
    hours: list[tuple[date, Decimal]]
    reports: list[date]


@dataclass
class PlacementPlan:
    ref: str
    person: int
    employer: int
    function: str
    route: str
    contracts: list[ContractPlan] = field(default_factory=list)
    ending: EndingPlan | None = None
    contacts: list[date] = field(default_factory=list)
    evaluations: list[date] = field(default_factory=list)
    hours_steps: list[tuple[date, Decimal, date, date | None]] = field(default_factory=list)
    jobcoaching: JobcoachPlan | None = None
    concerns: list[tuple[date, str, str, date | None]] = field(default_factory=list)
    provisions: list[tuple[str, date, date | None]] = field(default_factory=list)

    def first_employment_start(self) -> date | None:
        starts = [c.start for c in self.contracts if c.kind != "proefplaatsing"]
        return min(starts) if starts else None

    def end_date(self) -> date | None:
        """The ending's date, else the last contract's end when nothing follows (docs/reports.md)."""
        if self.ending:
            return self.ending.date
        last = self.contracts[-1] if self.contracts else None
        return last.end if last else None


@dataclass
class PersonPlan:
    ref: str
    bsn: str
    name: str
    birth_date: date
    municipality: str
    regime: str
    education: str
    disability: str
    registered_on: date
    has_contact_person: bool


@dataclass
class EmployerPlan:
    ref: str
    name: str
    kvk: str
    sector: str
    size: str
    municipality: str
    has_account_manager: bool
    offers_permanent: bool | None
    has_buddies: bool
    has_policy: bool


@dataclass
class DemoPlan:
    today: date
    persons: list[PersonPlan]
    employers: list[EmployerPlan]
    placements: list[PlacementPlan]


def _weighted(rng: random.Random, options: tuple[tuple[str, int], ...]) -> str:
    values, weights = zip(*options, strict=True)
    return rng.choices(values, weights=weights)[0]


def plan(seed: int = 2020, today: date | None = None) -> DemoPlan:
    today = today or date.today()
    rng = random.Random(seed)
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    employers = _plan_employers(rng, fake)
    persons = _plan_persons(rng, fake, today)
    placements: list[PlacementPlan] = []
    for index, person in enumerate(persons):
        if rng.random() < 0.08:
            continue  # a candidate without a job yet
        earliest = today - timedelta(days=365 * HISTORY_YEARS)
        # More first jobs in the early years, when the banenafspraak was being built up, than
        # lately: the stock of jobs is then large enough that some recent quarters lose more
        # jobs than they gain, as the report found in Midden-Utrecht (§1.1).
        span = (today - earliest).days - 20
        start = earliest + timedelta(days=int(span * rng.random() ** FIRST_JOB_SKEW))
        used_employers: set[int] = set()
        while start <= today:
            employer = rng.choice([i for i in range(len(employers)) if i not in used_employers])
            used_employers.add(employer)
            placement = _plan_placement(
                rng,
                f"demo-pl{len(placements) + 1:04d}",
                index,
                employer,
                employers[employer],
                start,
                today,
            )
            if not person.has_contact_person and placement.route != "self" and rng.random() < 0.5:
                person.has_contact_person = True
            placements.append(placement)
            end = placement.end_date()
            if end is None or end >= today or rng.random() > P_NEXT_PLACEMENT:
                break
            start = end + timedelta(days=rng.randrange(30, 200))
    _registered_before_the_first_job(persons, placements, today)
    return DemoPlan(today=today, persons=persons, employers=employers, placements=placements)


def _registered_before_the_first_job(
    persons: list[PersonPlan], placements: list[PlacementPlan], today: date
) -> None:
    """In the doelgroepregister before the first banenafspraak job, and never after today
    (issue 13 §4). No random draw, so the rest of the plan stays as it was."""
    first_start: dict[int, date] = {}
    for placement in placements:
        for contract in placement.contracts:
            first_start[placement.person] = min(
                first_start.get(placement.person, date.max), contract.start
            )
    for index, person in enumerate(persons):
        latest = min(today, first_start.get(index, today) - timedelta(days=60))
        person.registered_on = min(person.registered_on, latest)


def _plan_employers(rng: random.Random, fake: Faker) -> list[EmployerPlan]:
    sectors = list(SECTOR_FUNCTIONS)
    municipalities = list(MUNICIPALITY_WEIGHTS)
    weights = list(MUNICIPALITY_WEIGHTS.values())
    kvks: set[str] = set()
    result = []
    for i in range(EMPLOYERS):
        sector = sectors[i % len(sectors)]
        kvk = f"{rng.randrange(10_000_000, 99_999_999)}"
        while kvk in kvks:
            kvk = f"{rng.randrange(10_000_000, 99_999_999)}"
        kvks.add(kvk)
        result.append(
            EmployerPlan(
                ref=f"demo-e{i + 1:03d}",
                name=f"{EMPLOYER_SUFFIX[sector]} {fake.last_name()}",
                kvk=kvk,
                sector=sector,
                size=rng.choice(("small", "small", "medium", "large")),
                municipality=rng.choices(municipalities, weights=weights)[0],
                has_account_manager=rng.random() < 0.85,
                offers_permanent=rng.choice((True, True, False, None)),
                has_buddies=rng.random() < 0.25,
                has_policy=rng.random() < 0.4,
            )
        )
    return result


def _plan_persons(rng: random.Random, fake: Faker, today: date) -> list[PersonPlan]:
    municipalities = list(MUNICIPALITY_WEIGHTS)
    weights = list(MUNICIPALITY_WEIGHTS.values())
    bsns: set[str] = set()
    result = []
    for i in range(PERSONS):
        bsn = fake.ssn()
        while bsn in bsns:
            bsn = fake.ssn()
        bsns.add(bsn)
        # About two-thirds Wajong, as in the study's sample (report §1.3).
        roll = rng.random()
        regime = "wajong" if roll < 0.66 else ("participatiewet" if roll < 0.97 else "other")
        birth = date(today.year - rng.randrange(19, 60), rng.randrange(1, 13), rng.randrange(1, 29))
        result.append(
            PersonPlan(
                ref=f"demo-p{i + 1:04d}",
                bsn=bsn,
                name=f"{fake.first_name()} {fake.last_name()}",
                birth_date=birth,
                municipality=rng.choices(municipalities, weights=weights)[0],
                regime=regime,
                education=_weighted(rng, EDUCATION),
                disability=_weighted(rng, DISABILITY),
                registered_on=birth + timedelta(days=365 * 18 + rng.randrange(0, 365 * 4)),
                has_contact_person=rng.random() < 0.8,
            )
        )
    return result


def _plan_placement(
    rng: random.Random,
    ref: str,
    person: int,
    employer_index: int,
    employer: EmployerPlan,
    start: date,
    today: date,
) -> PlacementPlan:
    route = _weighted(rng, ROUTES)
    placement = PlacementPlan(
        ref=ref,
        person=person,
        employer=employer_index,
        function=rng.choice(SECTOR_FUNCTIONS[employer.sector]),
        route=route,
    )
    hours = Decimal(rng.choice((12, 14, 16, 18, 20, 24, 28, 32)))
    _plan_contracts(rng, placement, start, hours, today)
    _plan_guidance(rng, placement, today)
    return placement


def _ending(
    rng: random.Random, when: date, initiative: str, reasons: tuple[str, ...] | list[str]
) -> EndingPlan:
    chosen = rng.sample(list(reasons), k=min(len(reasons), rng.choice((1, 1, 2))))
    return EndingPlan(
        date=when,
        initiative=initiative,
        reasons=chosen,
        learning_points=rng.choice(LEARNING_POINTS),
        next=rng.choice(("new_job", "benefit", "benefit", "sick", "unknown")),
    )


def _finish(
    rng: random.Random,
    placement: PlacementPlan,
    ending: EndingPlan,
    today: date,
    *,
    at_contract_end: bool,
) -> None:
    """Record an ending that happened by today; a loss at a contract's end often goes unregistered."""
    if ending.date > today:
        return
    if at_contract_end and rng.random() > P_ENDING_REGISTERED:
        return
    placement.ending = ending


def _plan_contracts(
    rng: random.Random, placement: PlacementPlan, start: date, hours: Decimal, today: date
) -> None:
    contracts = placement.contracts
    if placement.route in ("wsp", "reintegration") and rng.random() < P_TRIAL:
        months = 2 if rng.random() < 0.9 else 3
        trial = ContractPlan(
            "proefplaatsing", start, add_months(start, months) - timedelta(days=1), hours
        )
        if months > 2:
            trial.extension_reason = (
                "Meer tijd nodig om het werk te leren; werkgever wil daarna een contract bieden."
            )
        contracts.append(trial)
        assert trial.end is not None
        if rng.random() < P_TRIAL_FAILS_EARLY:
            # The proefplaatsing keeps its planned end; the ending records the earlier stop.
            stopped = trial.start + timedelta(days=rng.randrange(14, 40))
            _finish(
                rng,
                placement,
                _ending(rng, stopped, "employer", TRIAL_REASONS),
                today,
                at_contract_end=False,
            )
            return
        if rng.random() < P_TRIAL_NOT_CONVERTED:
            _finish(
                rng,
                placement,
                _ending(rng, trial.end, "employer", TRIAL_REASONS),
                today,
                at_contract_end=True,
            )
            return
        start = trial.end + timedelta(days=1)
        if start > today:
            return
    first_start = start
    while start <= today:
        months = rng.choice(CONTRACT_MONTHS)
        end = add_months(start, months) - timedelta(days=1)
        contract = ContractPlan("temporary", start, end, hours)
        contracts.append(contract)
        if start == first_start and rng.random() < P_FIRST_HALF_YEAR:
            when = start + timedelta(days=rng.randrange(10, min(182, (end - start).days)))
            contract.end = when
            _finish(
                rng,
                placement,
                _ending(rng, when, rng.choice(("employer", "worker", "mutual")), EARLY_REASONS),
                today,
                at_contract_end=False,
            )
            return
        # The chain rule itself (placements/chain.py), not a copy of its numbers.
        chain = [ChainContract(c.start, c.end) for c in contracts if c.kind == "temporary"]
        chain_full = is_last_allowed(chain, chain[-1])
        if chain_full:
            if rng.random() < P_CHAIN_NOT_CONVERTED:
                _finish(
                    rng,
                    placement,
                    _ending(rng, end, "fixed_term_not_renewed", ["NO_PERMANENT_CONTRACT"]),
                    today,
                    at_contract_end=True,
                )
                return
            _plan_permanent(rng, placement, end + timedelta(days=1), hours, today)
            return
        if rng.random() < P_NOT_RENEWED:
            _finish(
                rng,
                placement,
                _ending(rng, end, "fixed_term_not_renewed", LATER_REASONS),
                today,
                at_contract_end=True,
            )
            return
        if rng.random() < P_PERMANENT_EARLY:
            _plan_permanent(rng, placement, end + timedelta(days=1), hours, today)
            return
        start = end + timedelta(days=1)
        if hours < 32 and rng.random() < 0.3:
            hours += 4


def _plan_permanent(
    rng: random.Random, placement: PlacementPlan, start: date, hours: Decimal, today: date
) -> None:
    if start > today:
        return
    placement.contracts.append(ContractPlan("permanent", start, None, hours))
    day = start
    while day <= today:
        day = add_months(day, 1)
        if rng.random() < P_PERMANENT_PER_MONTH:
            _finish(
                rng,
                placement,
                _ending(rng, day, rng.choice(("employer", "worker")), LATER_REASONS),
                today,
                at_contract_end=False,
            )
            return


EMPLOYER_END_REASONS = ("NO_PERMANENT_CONTRACT", "NO_FORMATION", "WAGE_VALUE", "GUIDANCE_BURDEN")
P_INTENTION_ASKED = 0.5  # the contact person asked the employer before the end


def _plan_intentions(placement: PlacementPlan, today: date) -> None:
    """For some temporary contracts ending around now, what the employer said five weeks
    before the end: as it turned out (a next contract, or the ending's reasons), or, for one
    still running, what it says today. A random source of its own."""
    rng = random.Random(f"voornemen-{placement.ref}")
    for contract in placement.contracts:
        if contract.kind != "temporary" or contract.end is None:
            continue
        asked = contract.end - timedelta(days=35)
        if not (today - timedelta(days=365) <= asked <= today) or rng.random() > P_INTENTION_ASKED:
            continue
        following = [c for c in placement.contracts if c.start > contract.start]
        ending = placement.ending
        if following:
            kind = "permanent" if following[0].kind == "permanent" else "extend"
            contract.intention = (asked, kind, ())
        elif ending is not None and ending.date >= asked:
            contract.intention = (asked, "end", tuple(ending.reasons) or ("NO_PERMANENT_CONTRACT",))
        elif contract.end >= today:
            kind = rng.choice(("extend", "permanent", "end"))
            reasons = (rng.choice(EMPLOYER_END_REASONS),) if kind == "end" else ()
            contract.intention = (asked, kind, reasons)


def _plan_aftercare(placement: PlacementPlan, today: date) -> None:
    """After a loss in the last year into a benefit, sickness or the unknown: a contact within
    two weeks for most, a recorded decision to stop for some (AFTERCARE_DUE in each state). A
    random source of its own, so the rest of the demo stays as it was."""
    ending = placement.ending
    if ending is None or ending.next == "new_job" or ending.date < today - timedelta(days=365):
        return
    rng = random.Random(f"nazorg-{placement.ref}")
    called = ending.date + timedelta(days=rng.randrange(2, 13))
    if called <= today and rng.random() < P_AFTERCARE_CONTACT:
        placement.contacts.append(called)
    stopped = ending.date + timedelta(days=rng.randrange(30, 90))
    if stopped <= today and rng.random() < P_AFTERCARE_STOPPED:
        ending.aftercare_closed = stopped
        ending.aftercare_closed_reason = rng.choice(AFTERCARE_STOPPED)


def _plan_guidance(rng: random.Random, placement: PlacementPlan, today: date) -> None:
    if not placement.contracts:
        return
    begin = placement.contracts[0].start
    stop = min(placement.end_date() or today, today)
    # Contact moments: every 2 to 5 months, sometimes longer (which CONTACT_DUE should catch).
    day = begin + timedelta(days=rng.randrange(10, 40))
    while day <= stop:
        placement.contacts.append(day)
        day += timedelta(days=rng.randrange(60, 200))
    _plan_aftercare(placement, today)
    _plan_intentions(placement, today)
    first = placement.first_employment_start()
    if first:
        for moment in (timedelta(weeks=6), timedelta(days=91), timedelta(days=182)):
            due = first + moment
            if due <= stop and rng.random() < 0.6:
                placement.evaluations.append(
                    min(due + timedelta(days=rng.randrange(-10, 20)), stop)
                )
        employment = [c for c in placement.contracts if c.kind != "proefplaatsing"]
        if employment and all(c.hours >= 12 for c in employment) and rng.random() < 0.3:
            _plan_jobcoaching(rng, placement, first, stop, today)
        if rng.random() < 0.2:
            hours = placement.contracts[-1].hours
            low = max(Decimal(8), hours - 8)
            review = first + timedelta(weeks=6)
            placement.hours_steps.append(
                (first, low, review, review if review < today and rng.random() < 0.7 else None)
            )
    if stop == today and rng.random() < 0.08:
        when = today - timedelta(days=rng.randrange(0, 60))
        if when >= begin:
            kind = rng.choice(("change_at_work", "health", "private", "not_going_well"))
            handled = (
                when + timedelta(days=3)
                if rng.random() < 0.5 and when + timedelta(days=3) <= today
                else None
            )
            placement.concerns.append(
                (when, rng.choice(("worker", "employer", "jobcoach")), kind, handled)
            )
    if rng.random() < 0.06:
        requested = begin + timedelta(days=rng.randrange(0, 60))
        if requested <= today:
            granted = requested + timedelta(weeks=rng.randrange(2, 20))
            kind = rng.choice(
                (
                    "Vergrotingssoftware",
                    "Aangepaste werkplek",
                    "Brailleleesregel",
                    "Vervoersvoorziening",
                )
            )
            placement.provisions.append((kind, requested, granted if granted <= today else None))


def _plan_jobcoaching(
    rng: random.Random, placement: PlacementPlan, first: date, stop: date, today: date
) -> None:
    start = first
    end = min(add_months(start, rng.choice((6, 12, 18))) - timedelta(days=1), stop)
    month = date(start.year, start.month, 1)
    hours: list[tuple[date, Decimal]] = []
    reports: list[date] = []
    per_year: dict[int, Decimal] = {}
    while month <= min(end, today):
        amount = Decimal(rng.choice((2, 3, 4, 4, 5)))
        if per_year.get(month.year, Decimal(0)) + amount <= 52:
            hours.append((month, amount))
            per_year[month.year] = per_year.get(month.year, Decimal(0)) + amount
        if rng.random() < 0.75:
            reports.append(min(add_months(month, 1) - timedelta(days=rng.randrange(1, 5)), today))
        month = add_months(month, 1)
    placement.jobcoaching = JobcoachPlan(
        ref=f"{placement.ref}-jc",
        start=start,
        end=end if end < today else None,
        coach_index=rng.randrange(3),
        intensity=rng.randrange(4),
        hours=hours,
        reports=reports,
    )


def still_working_share(demo: DemoPlan, days: int = 365) -> tuple[int, int]:
    """Of the placements whose first employment contract started at least `days` ago, how many
    were still working (same placement) `days` later: (still working, new starters)."""
    starters = 0
    working = 0
    for placement in demo.placements:
        first = placement.first_employment_start()
        if first is None or first + timedelta(days=days) > demo.today:
            continue
        starters += 1
        later = first + timedelta(days=days)
        end = placement.end_date()
        if end is None or end >= later:
            working += 1
    return working, starters
