"""The match between a candidate and a task package (report §2.3.2, §4.3.4: "essentieel"), as
pure functions: every point of the score is an item with its reason, so a professional can see
why a candidate is high or low on the list, and a hard rule keeps out what must never match.

The facts come from the candidate profile (Bijlage 4, with the load capacity), the vacancy as a
task package, the distance between the two municipalities and the reasons earlier jobs of the
candidate ended (docs/rules.md §7): a lesson learnt at one job counts against a workplace that
repeats it. The weights are configuration (`Weights`, settings `BAANBEHOUD_MATCH_WEIGHTS`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from baanbehoud.dates import format_number_nl
from baanbehoud.work_kinds import task_words

LEVELS = {"low": 1, "medium": 2, "high": 3}
LEVEL_WORDS = {"low": "laag", "medium": "gemiddeld", "high": "hoog"}
# Jobcoaching is paid for jobs of at least 12 hours a week (the hard rule).
JOBCOACH_MIN_HOURS = Decimal(12)


@dataclass(frozen=True)
class Weights:
    """The most points each item can give; a lesson from an earlier job costs `lesson`."""

    hours: int = 20
    travel: int = 15
    demands: int = 15  # work pressure, stimuli and physical load together
    social: int = 10  # team or alone
    guidance: int = 15
    sector: int = 10
    permanent: int = 5  # the employer means to offer a permanent contract
    tasks: int = 10  # the kinds of work against what the candidate does well, or cannot do
    werkfit: int = 5  # the region's werkfit checklist (issue 20 §5)
    lesson: int = 15
    near_km: float = 10.0  # all the travel points up to here
    far_km: float = 40.0  # none from here
    low_start_hours: Decimal = Decimal(16)  # "start low" after load was overestimated

    @classmethod
    def from_settings(cls, values: Mapping[str, object] | None) -> Weights:
        """The defaults, with the ones a region set (unknown names are an error, not ignored)."""
        values = dict(values or {})
        unknown = set(values) - set(cls.__dataclass_fields__)
        if unknown:
            raise ValueError(f"Onbekende gewichten: {', '.join(sorted(unknown))}.")
        return cls(**values)  # type: ignore[arg-type]

    @property
    def most(self) -> int:
        """The score of a perfect match: every item's full points, no lessons against it."""
        return (
            self.hours + self.travel + self.demands + self.social + self.guidance + self.sector
            + self.permanent + self.tasks + self.werkfit
        )  # fmt: skip


@dataclass(frozen=True)
class Candidate:
    person_id: int
    municipality_id: int | None = None
    hours_capacity: Decimal | None = None  # belastbaarheid, hours a week
    needs_jobcoach: bool | None = None
    load_work_pressure: str = ""  # the most the person can handle: a LEVELS key, or unknown
    load_stimuli: str = ""
    load_physical: str = ""
    prefers_team_or_alone: str = ""  # team / alone / both
    guidance_need: str = ""  # LEVELS key
    sectors: frozenset[str] = frozenset()
    lessons: frozenset[str] = frozenset()  # reason codes of the endings of earlier jobs
    tasks_good: frozenset[str] = frozenset()  # kinds of work the person does well (qualities)
    tasks_avoid: frozenset[str] = frozenset()  # kinds of work that do not go (limitations)
    werkfit: tuple[int, int] | None = None  # (points met, points) of the region's checklist


@dataclass(frozen=True)
class TaskPackage:
    vacancy_id: int
    municipality_id: int | None = None
    hours_min: Decimal = Decimal(0)
    hours_max: Decimal = Decimal(0)
    work_pressure: str = ""
    stimuli: str = ""
    physical_demand: str = ""
    team_or_alone: str = ""
    supervision: bool = False
    buddy: bool = False
    jobcoaching_possible: bool = True
    sector: str = ""
    intends_permanent: bool | None = None
    reorganisation_planned: bool = False
    task_kinds: frozenset[str] = frozenset()  # the kinds of work in the package


@dataclass(frozen=True)
class Item:
    """One line of the explanation: what it is about, its points, and why, in plain Dutch."""

    topic: str
    points: int
    reason: str


@dataclass(frozen=True)
class Match:
    candidate: Candidate
    package: TaskPackage
    excluded: tuple[str, ...] = ()  # the hard rules it breaks: never proposed
    items: tuple[Item, ...] = field(default=())

    @property
    def score(self) -> int:
        return sum(item.points for item in self.items)

    @property
    def suitable(self) -> bool:
        return not self.excluded


def distance_km(a: tuple[float, float] | None, b: tuple[float, float] | None) -> float | None:
    """As the crow flies between two (latitude, longitude) points; None when one is unknown."""
    if a is None or b is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _hours(h: Decimal) -> str:
    return format_number_nl(h)


def hard_rules(c: Candidate, p: TaskPackage) -> list[str]:
    """What must never match, each with its reason."""
    broken = []
    if c.needs_jobcoach and p.hours_max < JOBCOACH_MIN_HOURS:
        broken.append(
            f"Een jobcoach is nodig, maar de baan heeft minder dan {_hours(JOBCOACH_MIN_HOURS)} "
            "uur per week."
        )
    if c.needs_jobcoach and not p.jobcoaching_possible:
        broken.append("Een jobcoach is nodig, maar jobcoaching kan niet op deze werkplek.")
    if c.hours_capacity is not None and p.hours_min > c.hours_capacity:
        broken.append(
            f"De baan vraagt minstens {_hours(p.hours_min)} uur per week; de belastbaarheid is "
            f"{_hours(c.hours_capacity)} uur."
        )
    for demand, load, what in _demands(c, p):
        if demand and load and LEVELS[demand] > LEVELS[load]:
            broken.append(
                f"{what} is {LEVEL_WORDS[demand]}; de kandidaat kan hoogstens "
                f"{LEVEL_WORDS[load]} aan."
            )
    return broken


def _demands(c: Candidate, p: TaskPackage) -> list[tuple[str, str, str]]:
    return [
        (p.work_pressure, c.load_work_pressure, "De werkdruk"),
        (p.stimuli, c.load_stimuli, "Het aantal prikkels"),
        (p.physical_demand, c.load_physical, "Het lichamelijk werk"),
    ]


def match(
    c: Candidate, p: TaskPackage, weights: Weights = Weights(), km: float | None = None
) -> Match:
    """The score of one candidate for one task package, item by item, and the hard rules it
    breaks. `km`: the distance between the candidate's and the workplace's municipality."""
    items = [
        _hours_item(c, p, weights),
        _travel_item(c, p, weights, km),
        _demands_item(c, p, weights),
        _social_item(c, p, weights),
        _guidance_item(c, p, weights),
        _sector_item(c, p, weights),
        _permanent_item(p, weights),
        _tasks_item(c, p, weights),
        _werkfit_item(c, weights),
        *_lessons(c, p, weights),
    ]
    return Match(c, p, tuple(hard_rules(c, p)), tuple(items))


def _hours_item(c: Candidate, p: TaskPackage, w: Weights) -> Item:
    span = f"{_hours(p.hours_min)} tot {_hours(p.hours_max)} uur"
    if c.hours_capacity is None:
        return Item("Uren", 0, f"De baan is {span}; de belastbaarheid is nog niet bekend.")
    capacity = _hours(c.hours_capacity)
    if p.hours_min > c.hours_capacity:
        return Item("Uren", 0, f"De baan is {span}; de kandidaat kan {capacity} uur.")
    if c.hours_capacity <= p.hours_max:
        return Item("Uren", w.hours, f"Past: de baan is {span}, de kandidaat kan {capacity} uur.")
    return Item(
        "Uren",
        w.hours // 2,
        f"De baan is {span}; de kandidaat kan meer ({capacity} uur).",
    )


def _travel_item(c: Candidate, p: TaskPackage, w: Weights, km: float | None) -> Item:
    if c.municipality_id is not None and c.municipality_id == p.municipality_id:
        return Item("Reizen", w.travel, "Werk in de eigen gemeente.")
    if km is None:
        return Item("Reizen", 0, "De afstand is niet bekend.")
    if km <= w.near_km:
        points = w.travel
    elif km >= w.far_km:
        points = 0
    else:
        points = round(w.travel * (w.far_km - km) / (w.far_km - w.near_km))
    return Item("Reizen", points, f"Ongeveer {round(km)} km van huis.")


def _demands_item(c: Candidate, p: TaskPackage, w: Weights) -> Item:
    fits, unknown = [], []
    for demand, load, what in _demands(c, p):
        if not demand or not load:
            unknown.append(what.removeprefix("De ").removeprefix("Het ").lower())
        elif LEVELS[demand] <= LEVELS[load]:
            fits.append(what.removeprefix("De ").removeprefix("Het ").lower())
    points = w.demands * len(fits) // 3
    parts = []
    if fits:
        parts.append(f"Past bij wat de kandidaat aankan: {', '.join(fits)}.")
    if unknown:
        parts.append(f"Niet bekend: {', '.join(unknown)}.")
    if not parts:
        parts.append("Vraagt meer dan de kandidaat aankan.")
    return Item("Belasting", points, " ".join(parts))


def _social_item(c: Candidate, p: TaskPackage, w: Weights) -> Item:
    if not c.prefers_team_or_alone or not p.team_or_alone:
        return Item("Team of alleen", 0, "Niet bekend of dit past.")
    if "both" in (c.prefers_team_or_alone, p.team_or_alone) or (
        c.prefers_team_or_alone == p.team_or_alone
    ):
        return Item("Team of alleen", w.social, "Past bij hoe de kandidaat het liefst werkt.")
    wanted = "in een team" if c.prefers_team_or_alone == "team" else "alleen"
    return Item("Team of alleen", -(w.social // 2), f"De kandidaat werkt liever {wanted}.")


def _guidance_item(c: Candidate, p: TaskPackage, w: Weights) -> Item:
    offered = [
        what for what, on in (("een vaste begeleider", p.supervision), ("een buddy", p.buddy)) if on
    ]
    offer = " en ".join(offered) if offered else "geen vaste begeleider of buddy"
    if not c.guidance_need:
        return Item("Begeleiding", 0, f"Niet bekend hoeveel begeleiding nodig is; hier: {offer}.")
    if c.guidance_need == "low":
        return Item("Begeleiding", w.guidance, f"Weinig begeleiding nodig; hier: {offer}.")
    if c.guidance_need == "medium":
        points = w.guidance if offered else 0
        return Item("Begeleiding", points, f"Wat begeleiding nodig; hier: {offer}.")
    points = {2: w.guidance, 1: w.guidance // 2, 0: -w.guidance}[len(offered)]
    return Item("Begeleiding", points, f"Veel begeleiding nodig; hier: {offer}.")


def _sector_item(c: Candidate, p: TaskPackage, w: Weights) -> Item:
    if not c.sectors:
        return Item("Sector", 0, "Geen voorkeur voor een sector bekend.")
    if p.sector in c.sectors:
        return Item("Sector", w.sector, "In een sector waar de kandidaat graag werkt.")
    return Item("Sector", 0, "Niet in een sector die de kandidaat noemde.")


def _permanent_item(p: TaskPackage, w: Weights) -> Item:
    if p.intends_permanent:
        return Item("Vast contract", w.permanent, "De werkgever wil een vast contract bieden.")
    if p.intends_permanent is None:
        return Item("Vast contract", 0, "Niet bekend of de werkgever een vast contract biedt.")
    return Item("Vast contract", 0, "De werkgever wil geen vast contract bieden.")


def _tasks_item(c: Candidate, p: TaskPackage, w: Weights) -> Item:
    """The package's kinds of work against the candidate's: all points when each is one the
    candidate does well, in proportion for some; minus all when one of them does not go."""
    if not p.task_kinds:
        return Item("Taken", 0, "Niet bekend wat voor werk het is.")
    avoid = p.task_kinds & c.tasks_avoid
    if avoid:
        return Item("Taken", -w.tasks, f"Dit werk gaat niet goed: {task_words(avoid)}.")
    if not c.tasks_good:
        return Item("Taken", 0, "Niet bekend welk werk de kandidaat goed kan.")
    good = p.task_kinds & c.tasks_good
    if not good:
        return Item(
            "Taken", 0, f"Ander werk dan de kandidaat goed kan: {task_words(p.task_kinds)}."
        )
    points = round(w.tasks * len(good) / len(p.task_kinds))
    new = p.task_kinds - c.tasks_good
    reason = f"Werk dat de kandidaat goed kan: {task_words(good)}."
    return Item("Taken", points, reason + (f" Nieuw: {task_words(new)}." if new else ""))


def _werkfit_item(c: Candidate, w: Weights) -> Item:
    """The region's werkfit checklist: all points when every point of it goes well, in
    proportion when some do."""
    if c.werkfit is None or not c.werkfit[1]:
        return Item("Werkfit", 0, "Niet bekend: de werkfit-checklist is niet ingevuld.")
    met, points = c.werkfit
    if met == points:
        return Item("Werkfit", w.werkfit, f"Alle {points} punten van de werkfit-checklist lukken.")
    return Item(
        "Werkfit",
        round(w.werkfit * met / points),
        f"{met} van de {points} punten van de werkfit-checklist lukken.",
    )


# What an earlier job's ending teaches about the next workplace: each reason code with the
# test of the package that repeats it, and the words for it (docs/rules.md §7).
def lesson_applies(code: str, p: TaskPackage, w: Weights) -> str | None:
    """The reason the lesson `code` counts against this package, or None when it does not."""
    if code in ("GUIDANCE_BURDEN", "EXPECTATIONS") and not p.buddy:
        return "te weinig begeleiding; hier is geen buddy op de werkvloer"
    if code == "NO_JOBCOACH" and not p.jobcoaching_possible:
        return "een jobcoach ontbrak; hier kan geen jobcoaching"
    if code == "WORK_PRESSURE" and "high" in (p.work_pressure, p.stimuli):
        return "de werkdruk of de prikkels waren te veel; hier zijn die hoog"
    if code == "LOAD_OVERESTIMATED" and p.hours_min > w.low_start_hours:
        return (
            "te veel uren; hier is het minimum "
            f"{_hours(p.hours_min)} uur, meer dan {_hours(w.low_start_hours)}"
        )
    if code == "LOAD_VARIES" and p.hours_min == p.hours_max:
        return "de belastbaarheid wisselt; hier zijn de uren vast"
    if code == "NO_PERMANENT_CONTRACT" and p.intends_permanent is False:
        return "geen vast contract; ook deze werkgever wil dat niet bieden"
    if code == "REORGANISATION" and p.reorganisation_planned:
        return "een reorganisatie; hier is er een gepland"
    return None


def _lessons(c: Candidate, p: TaskPackage, w: Weights) -> list[Item]:
    items = []
    for code in sorted(c.lessons):
        why = lesson_applies(code, p, w)
        if why:
            items.append(Item("Les van een vorige baan", -w.lesson, f"Vorige baan: {why}."))
    return items


def rank(matches: Iterable[Match]) -> list[Match]:
    """Suitable matches first, best score first; ties in a fixed order (candidate, then
    vacancy), so a list does not shuffle between two visits or when an unrelated entry comes."""
    return sorted(
        matches,
        key=lambda m: (
            not m.suitable,
            -m.score,
            m.candidate.person_id,
            m.package.vacancy_id,
        ),
    )


# -- proposing a candidate (issue 19 §3) ---------------------------------------------------------

# The Bijlage-4 items of the profile a candidate may agree to share with an employer: never the
# name, the BSN or a diagnosis.
SHAREABLE = (
    ("motivation", "Motivatie"),
    ("qualities", "Kwaliteiten"),
    ("pitfalls", "Valkuilen"),
    ("needs_work", "Wat ik nodig heb: het werk"),
    ("needs_physical", "Wat ik nodig heb: de werkplek"),
    ("needs_social", "Wat ik nodig heb: de mensen om mij heen"),
    ("needs_guidance", "Wat ik nodig heb: begeleiding op het werk"),
    ("needs_provisions", "Wat ik nodig heb: voorzieningen"),
    ("availability", "Beschikbaar (dagen en uren)"),
    ("load_hours_per_week", "Uren per week"),
    ("wants_jobcoach", "Wil een jobcoach"),
)
SHAREABLE_NAMES = frozenset(name for name, _label in SHAREABLE)

MSG_NOT_SUITABLE = "Deze kandidaat past niet bij deze vacature: "
MSG_NO_CONSENT = "Vraag eerst de kandidaat om toestemming om dit te delen met de werkgever."
MSG_NOTHING_SHARED = "Kies wat de werkgever mag zien; zonder iets kan de werkgever niet kiezen."
MSG_ANSWERED = "De werkgever heeft al geantwoord."
MSG_NO_REASON = "Kies minstens één reden waarom de werkgever niet verder wil."
MSG_NOT_INTERESTED_YET = "Dat kan pas als de werkgever wil kennismaken."
MSG_STOPPED = "Dit voorstel is al afgerond."
MSG_OTHER_NOTE = "Bij 'anders' is een toelichting nodig."

# What may happen next, per stand of a proposal.
NEXT = {
    "proposed": {"answer", "stop"},
    "interested": {"meeting", "start", "stop"},
    "meeting": {"meeting", "start", "stop"},
    "not_interested": set(),
    "started": set(),
    "stopped": set(),
}


def propose_problem(
    match_result: Match, consent: bool, shared: Iterable[str]
) -> tuple[str, str] | None:
    """(field, message) when a proposal may not be made: a hard rule, no consent, nothing."""
    if match_result.excluded:
        return ("__all__", MSG_NOT_SUITABLE + " ".join(match_result.excluded))
    if not consent:
        return ("consent", MSG_NO_CONSENT)
    if not set(shared) & SHAREABLE_NAMES:
        return ("shared_items", MSG_NOTHING_SHARED)
    return None


def step_problem(status: str, step: str) -> str | None:
    """Why `step` cannot be taken from `status` (answer, meeting, start, stop), or None."""
    if step in NEXT.get(status, set()):
        return None
    if step == "answer":
        return MSG_ANSWERED
    if status in ("not_interested", "started", "stopped"):
        return MSG_STOPPED
    return MSG_NOT_INTERESTED_YET


def answer_problem(
    status: str, interested: bool, reasons: Iterable[str], note: str, need_note: Iterable[str]
) -> tuple[str, str] | None:
    """The employer's answer: "no" needs at least one reason (they feed the reasons report)."""
    problem = step_problem(status, "answer")
    if problem:
        return ("__all__", problem)
    codes = set(reasons)
    if not interested and not codes:
        return ("reasons", MSG_NO_REASON)
    if codes & set(need_note) and not note.strip():
        return ("answer_note", MSG_OTHER_NOTE)
    return None
