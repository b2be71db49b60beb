"""A national-scale exchange document (issue 15 §4): deterministic for a seed, valid, written as a
stream so that 260,000 persons need no more memory than one person.

    uv run python benchmarks/national.py --persons 260000 --seed 1 --out national.json

The shape: about 1.1 placements per person, one employer
per six persons, one contact person per 100 persons, municipal organisations of three
municipalities each and UWV; histories start from 2019 with a proefplaatsing or a temporary
contract, are extended (within the chain rule), become permanent or end with reasons; contacts,
evaluations and concerns now and then. Runs without Django.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from typing import IO, Any

FORMAT = "baanbehoud-exchange/1"
REASONS = ["NOT_WORKFIT", "NO_PERMANENT_CONTRACT", "EXPECTATIONS", "GUIDANCE_BURDEN", "WAGE_VALUE"]
START = date(2019, 1, 1)


def _bsn(serial: int) -> str | None:
    digits = f"{serial:08d}"
    check = sum(int(d) * (9 - i) for i, d in enumerate(digits)) % 11
    return None if check == 10 else f"{digits}{check}"


def bsns(first: int = 20_000_000) -> Iterator[str]:
    serial = first
    while True:
        serial += 1
        found = _bsn(serial)
        if found is not None:
            yield found


def _day(value: date) -> str:
    return value.isoformat()


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


class National:
    def __init__(self, persons: int, seed: int, today: date) -> None:
        self.persons = persons
        self.rng = random.Random(seed)
        self.today = today
        self.organisations = max(1, persons // 2000)
        self.consultants = max(1, persons // 100)
        self.employers = max(1, persons // 6)

    def municipality(self, org: int, k: int) -> str:
        return f"Gemeente {org:03d}-{k}"

    def organisation_records(self) -> Iterator[dict[str, Any]]:
        for o in range(self.organisations):
            yield {
                "ref": f"G{o:03d}",
                "name": f"Uitvoeringsorganisatie {o:03d}",
                "kind": "municipal",
                "municipalities": [self.municipality(o, k) for k in range(3)],
            }
        yield {"ref": "UWV", "name": "UWV", "kind": "uwv", "municipalities": []}

    def consultant_records(self) -> Iterator[dict[str, Any]]:
        for c in range(self.consultants):
            yield {
                "ref": f"c{c}",
                "name": f"Contactpersoon {c}",
                "email": f"c{c}@example.org",
                "organisation": f"G{c % self.organisations:03d}",
            }

    def employer_records(self) -> Iterator[dict[str, Any]]:
        for e in range(self.employers):
            yield {
                "ref": f"e{e}",
                "name": f"Werkgever {e}",
                "kvk": f"{10_000_000 + e:08d}",
                "sector": self.rng.choice(["zorg", "groen", "schoonmaak", "logistiek", "horeca"]),
            }

    def vacancy_records(self) -> Iterator[dict[str, Any]]:
        """One task package per five employers (issue 19 §1), from the index alone: the rest
        of the document stays what it was for the same seed."""
        levels = ("low", "medium", "high")
        for e in range(0, self.employers, 5):
            low = (8, 12, 16, 20)[e % 4]
            yield {
                "ref": f"v{e}",
                "employer": f"e{e}",
                "title": "Medewerker",
                "hours_min": low,
                "hours_max": low + 8,
                "work_pressure": levels[e % 3],
                "stimuli": levels[(e + 1) % 3],
                "buddy": e % 2 == 0,
                "status": ("open", "open", "filled", "withdrawn")[e % 4],
            }

    def history(self, p: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """A person and their placements with contracts, endings and guidance."""
        rng = self.rng
        org = p % self.organisations
        person = {
            "ref": f"p{p}",
            "bsn": "",  # filled by the writer
            "name": f"Persoon {p}",
            "birth_date": _day(date(1960, 1, 1) + timedelta(days=rng.randrange(40 * 365))),
            "municipality": self.municipality(org, rng.randrange(3)),
            "regime": rng.choice(["participatiewet", "participatiewet", "wajong", "other"]),
            "education": rng.choice(["vso", "praktijkonderwijs", "vmbo", "mbo1", "mbo2"]),
            "contact_person": f"c{p % self.consultants}" if rng.random() < 0.8 else None,
        }
        placements = []
        start = START + timedelta(days=rng.randrange((self.today - START).days - 60))
        for n in range(1 if rng.random() < 0.75 else 2):
            if start >= self.today:
                break
            placement, end = self.placement(p, n, start)
            placements.append(placement)
            if end is None or end >= self.today:
                break
            start = end + timedelta(days=rng.randrange(30, 400))
        return person, placements

    def placement(self, p: int, n: int, start: date) -> tuple[dict[str, Any], date | None]:
        rng = self.rng
        contracts = []
        day = start
        if rng.random() < 0.4:  # a proefplaatsing of two months first
            end = _add_months(day, 2) - timedelta(days=1)
            contracts.append(
                {
                    "kind": "proefplaatsing",
                    "start": _day(day),
                    "end": _day(end),
                    "hours_per_week": 12,
                }
            )
            day = end + timedelta(days=1)
        last_end: date | None = None
        for _ in range(rng.randint(1, 3)):  # within the chain rule: at most three in 36 months
            end = _add_months(day, rng.choice([6, 6, 12])) - timedelta(days=1)
            contracts.append(
                {"kind": "temporary", "start": _day(day), "end": _day(end),
                 "hours_per_week": rng.choice([12, 16, 20, 24, 32])}
            )  # fmt: skip
            last_end = end
            day = end + timedelta(days=1)
            if day > self.today or rng.random() < 0.3:
                break
        ending = None
        if day <= self.today:
            if rng.random() < 0.45:
                contracts.append(
                    {"kind": "permanent", "start": _day(day), "end": None, "hours_per_week": 24}
                )
                last_end = None
            else:
                assert last_end is not None
                ending = {
                    "date": _day(last_end),
                    "initiative": rng.choice(["employer", "worker", "fixed_term_not_renewed"]),
                    "reasons": rng.sample(REASONS, rng.randint(1, 2)),
                    "next": rng.choice(["new_job", "benefit", "unknown"]),
                }
        placement = {
            "ref": f"pl{p}-{n}",
            "person": f"p{p}",
            "employer": f"e{rng.randrange(self.employers)}",
            "function": rng.choice(["Inpakker", "Medewerker groen", "Schoonmaker", "Magazijn"]),
            "route": rng.choice(["wsp", "self", "self", "reintegration", "agency"]),
            "contracts": contracts,
            "ending": ending,
        }
        return placement, last_end


def write(persons: int, seed: int, today: date, out: IO[str]) -> dict[str, int]:
    """Stream the document to `out`; returns how many records of each list it holds."""
    national = National(persons, seed, today)
    counts: dict[str, int] = {}

    def records(name: str, items: Iterator[dict[str, Any]]) -> None:
        out.write(f',\n"{name}": [')
        n = 0
        for item in items:
            out.write(("," if n else "") + "\n" + json.dumps(item, ensure_ascii=False))
            n += 1
        out.write("\n]")
        counts[name] = n

    out.write("{" + json.dumps("format") + ": " + json.dumps(FORMAT))
    records("organisations", national.organisation_records())
    records("consultants", national.consultant_records())
    records("employers", national.employer_records())
    records("vacancies", national.vacancy_records())
    # Persons and placements are made together; placements, contacts and evaluations are held
    # back on disk-light lists of strings, not as one big structure.
    placements: list[str] = []
    contacts: list[str] = []
    evaluations: list[str] = []
    assessments: list[str] = []
    # Assessments of the load capacity (issue 20 §4) from a generator of their own, so the rest
    # of the document stays what it was for a seed.
    assessing = random.Random(seed + 20)
    # Sick reports and loonwaarde measurements (issue 20 §1, §3), from a generator of their own
    # too: at most one of each per placement, so none overlap.
    instruments = random.Random(seed + 30)
    sick_reports: list[str] = []
    wage_values: list[str] = []
    numbers = bsns()

    def persons_list() -> Iterator[dict[str, Any]]:
        rng = national.rng
        for p in range(persons):
            person, person_placements = national.history(p)
            person["bsn"] = next(numbers)
            yield person
            for placement in person_placements:
                placements.append(json.dumps(placement, ensure_ascii=False))
                first = date.fromisoformat(placement["contracts"][0]["start"])
                if first + timedelta(days=60) < today and rng.random() < 0.7:
                    contacts.append(json.dumps({
                        "placement": placement["ref"], "date": _day(first + timedelta(days=30)),
                        "with": ["worker", "employer"], "by": person["contact_person"],
                        "summary": "Gaat goed.",
                    }))  # fmt: skip
                if first + timedelta(days=120) < today and rng.random() < 0.5:
                    evaluations.append(json.dumps({
                        "placement": placement["ref"], "date": _day(first + timedelta(days=90)),
                    }))  # fmt: skip
            for placement in person_placements:
                first = date.fromisoformat(placement["contracts"][0]["start"])
                if instruments.random() < 0.08:
                    sick = first + timedelta(days=instruments.randrange(30, 700))
                    back = sick + timedelta(days=instruments.randrange(3, 200))
                    if sick <= today:
                        sick_reports.append(json.dumps({
                            "placement": placement["ref"], "first_day": _day(sick),
                            "recovered_on": _day(back) if back <= today else None,
                            "reported_by": instruments.choice(["employer", "worker", "professional"]),
                        }))  # fmt: skip
                measured = first + timedelta(days=60)
                if (
                    placement["route"] != "self"
                    and measured <= today
                    and instruments.random() < 0.3
                ):
                    disputed = instruments.random() < 0.1
                    wage_values.append(json.dumps({
                        "placement": placement["ref"], "date": _day(measured),
                        "method": "dariuz", "outcome": instruments.randrange(30, 95),
                        "measurer": instruments.choice(["internal", "external"]),
                        "hours_per_week": 16, "disputed": disputed,
                        "dispute_note": "Werkgever vindt het te hoog." if disputed else "",
                    }))  # fmt: skip
            if person_placements and assessing.random() < 0.25:
                day = date.fromisoformat(person_placements[0]["contracts"][0]["start"])
                for k in range(assessing.randint(1, 2)):
                    day += timedelta(days=14 + 200 * k)
                    if day >= today:
                        break
                    assessments.append(json.dumps({
                        "person": person["ref"], "date": _day(day),
                        "hours_per_week": assessing.choice([32, 36, 40]),  # at or above the hours worked
                        "course": assessing.choice(["stable", "stable", "fluctuating", "progressive"]),
                    }))  # fmt: skip

    records("persons", persons_list())
    for name, items in (
        ("placements", placements),
        ("contacts", contacts),
        ("evaluations", evaluations),
        ("load_assessments", assessments),
        ("sick_reports", sick_reports),
        ("wage_values", wage_values),
    ):
        out.write(f',\n"{name}": [')
        out.write(",\n".join(items))
        out.write("\n]")
        counts[name] = len(items)
    out.write("\n}\n")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=2600)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 16))
    parser.add_argument("--out", type=argparse.FileType("w", encoding="utf-8"), default="-")
    args = parser.parse_args()
    counts = write(args.persons, args.seed, args.today, args.out)
    args.out.close()
    print(", ".join(f"{n} {name}" for name, n in counts.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
