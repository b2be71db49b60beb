"""Writing a validated document: the parties, the placements with their contracts and endings
(the guidance lists in writing_guidance.py), each list in bulk."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from django.contrib.auth.hashers import make_password

from baanbehoud.bulk import insert_many
from baanbehoud.employers.models import Employer, Vacancy
from baanbehoud.organisations.models import (
    Municipality,
    Organisation,
    OrganisationKind,
    Region,
    User,
)
from baanbehoud.organisations.scoping import organisations_for, regions_for, unbounded
from baanbehoud.persons import domain as persons_domain
from baanbehoud.persons.models import Person
from baanbehoud.placements.models import (
    ContractPeriod,
    EmployerIntention,
    Ending,
    EndingReason,
    Placement,
)
from baanbehoud.progress import SILENT, Progress
from baanbehoud.signals import intervals

from .reading import chunks
from .records import ImportResult, IntentionIn, Parsed, PersonIn, PlacementKey
from .saving import current_journal, ids_by_ref, save_all, write_parts
from .writing_guidance import write_guidance

CONTRACT_PART = 5_000  # placements whose contracts are written together


VACANCY_VALUES = (
    "title", "tasks", "task_kinds", "hours_min", "hours_max", "days", "start", "work_pressure",
    "stimuli", "physical_demand", "social_demand", "team_or_alone", "supervision", "buddy",
    "jobcoaching_possible", "guidance_offered", "reorganisation_planned", "intends_permanent",
    "status",
)  # fmt: skip


class Writer:
    def __init__(
        self,
        parsed: Parsed,
        result: ImportResult,
        user: User | None = None,
        progress: Progress = SILENT,
    ) -> None:
        self.parsed = parsed
        self.result = result
        self.user = user
        self.progress = progress

    def run(self) -> set[int]:
        """Writes every list; returns the ids of the persons it touched."""
        # New organisations and municipalities go into the importer's region.
        region = (
            regions_for(self.user).first()
            if not unbounded(self.user)
            else Region.objects.order_by("pk").first()
        ) or Region.objects.get_or_create(name="Arbeidsmarktregio")[0]  # two first imports at once
        orgs = {o.ref: o for o in organisations_for(self.user).select_related("region")}
        # An organisation keeps its region; a new one goes into the importer's.
        regions = {
            o.ref: orgs[o.ref].region if o.ref in orgs else region
            for o in self.parsed.organisations
        }
        self.progress.stage("Organisaties", len(self.parsed.organisations))
        saved_orgs = save_all(
            Organisation,
            [
                ({"ref": o.ref}, {"name": o.name, "kind": o.kind, "region": regions[o.ref]})
                for o in self.parsed.organisations
            ],
            self.progress,
        )
        for o, (organisation, status) in zip(self.parsed.organisations, saved_orgs, strict=True):
            orgs[o.ref] = organisation
            self.result.counts["organisations"][status] += 1
        save_all(
            Municipality,
            [
                ({"name": name}, {"organisation": orgs[o.ref], "region": regions[o.ref] or region})
                for o in self.parsed.organisations
                for name in o.municipalities
            ],
        )
        users: dict[str, User] = {u.ref: u for u in User.objects.exclude(ref=None) if u.ref}
        usernames = self._usernames([c.ref for c in self.parsed.consultants if c.ref not in users])
        self.progress.stage("Contactpersonen", len(self.parsed.consultants))
        items = []
        for c in self.parsed.consultants:
            values = {
                "full_name": c.name,
                "email": c.email,
                "organisation": orgs[c.organisation],
                "phone": c.phone,
            }
            if c.ref not in users:
                values |= {
                    "username": usernames[c.ref],
                    "role": c.role,
                    "password": make_password(None),
                }
            items.append(({"ref": c.ref}, values))
        saved_users = save_all(User, items, self.progress)
        for c, (user, status) in zip(self.parsed.consultants, saved_users, strict=True):
            users[c.ref] = user
            self.result.counts["consultants"][status] += 1
        municipalities = {
            m.name: m for m in Municipality.objects.select_related("organisation", "region")
        }
        self.progress.stage("Werkgevers", len(self.parsed.employers))
        employers: dict[str, int] = {}  # by ref, the id: a national import has 43,000 employers
        saved_employers = save_all(
            Employer,
            [
                (
                    {"ref": e.ref},
                    {
                        "name": e.name,
                        "kvk": e.kvk,
                        "sector": e.sector,
                        "municipality": municipalities.get(e.municipality),
                        "account_manager": users.get(e.contact_person)
                        if e.contact_person
                        else None,
                    },
                )
                for e in self.parsed.employers
            ],
            self.progress,
        )
        for e, (employer, status) in zip(self.parsed.employers, saved_employers, strict=True):
            employers[e.ref] = employer.pk
            self.result.counts["employers"][status] += 1
            if status != "unchanged":  # a KvK or account manager reaches placements elsewhere
                intervals.mark_employers([employer.pk])
        self._vacancies(employers, municipalities, users)
        uwv_by_region = {
            o.region_id: o for o in Organisation.objects.filter(kind=OrganisationKind.UWV)
        }
        self.progress.stage("Personen", len(self.parsed.persons))
        known: set[str] = set()
        for part in chunks({p.ref for p in self.parsed.persons}):
            known.update(Person.objects.filter(ref__in=part).values_list("ref", flat=True))

        def person_values(p: PersonIn) -> dict[str, Any]:
            municipality = municipalities[p.municipality]
            organisation = persons_domain.responsible(
                p.regime, municipality.organisation, uwv_by_region.get(municipality.region_id)
            )
            values = {
                "ref": p.ref,
                "bsn": p.bsn,
                "name": p.name,
                "birth_date": p.birth_date,
                "municipality": municipality,
                "organisation": organisation,
                "regime": p.regime,
                "education": p.education,
                "contact_person": users.get(p.contact_person) if p.contact_person else None,
            }
            if p.registered_on:
                values["registered_on"] = p.registered_on
            return values

        # A person from here on is its id, not a model object: a national import holds 260,000
        # of them (the processing log reads their BSNs at the end). The stored ones by ref
        # first, then the new refs by BSN; each a part at a time (the values and model objects
        # of one part at once).
        persons: dict[str, int] = {}
        for by_ref in (True, False):
            group = (p for p in self.parsed.persons if (p.ref in known) == by_ref)
            for part in write_parts(group):
                items = []
                for p in part:
                    values = person_values(p)
                    lookup = {"ref": p.ref} if by_ref else {"bsn": p.bsn}
                    items.append((lookup, {k: v for k, v in values.items() if k not in lookup}))
                saved = save_all(Person, items, self.progress)
                for p, (person, status) in zip(part, saved, strict=True):
                    persons[p.ref] = person.pk
                    self.result.counts["persons"][status] += 1
                del items, saved
        self.parsed.persons.clear()  # written: their typed records are needed no more
        touched = set(persons.values())
        self.progress.stage("Plaatsingen", len(self.parsed.placements))
        # Only the refs not at hand are gathered (a set of every placement's person and a copy
        # of the map's keys were 30 MB nationally, to find none).
        persons.update(
            ids_by_ref(
                Person, {pl.person for pl in self.parsed.placements if pl.person not in persons}
            )
        )
        employers.update(
            ids_by_ref(
                Employer,
                {pl.employer for pl in self.parsed.placements if pl.employer not in employers},
            )
        )
        # A placement from here on is its id and its person's, not a model object.
        placements: dict[str, PlacementKey] = {}
        statuses: list[str] = []
        for part in write_parts(self.parsed.placements):
            saved = save_all(
                Placement,
                [
                    (
                        {"ref": pl.ref},
                        {
                            "person_id": persons[pl.person],
                            "employer_id": employers[pl.employer],
                            "function": pl.function,
                            "route": pl.route,
                            # left out of the document: the recorded day stays as it is
                            **(
                                {"offer_discussed_on": pl.offer_discussed_on}
                                if pl.offer_given
                                else {}
                            ),
                        },
                    )
                    for pl in part
                ],
                self.progress,
            )
            for pl, (placement, status) in zip(part, saved, strict=True):
                placements[pl.ref] = PlacementKey(placement.pk, placement.person_id)
                statuses.append(status)
            del saved
        changed = self._contracts(placements) | self._endings(placements)
        for pl, status in zip(self.parsed.placements, statuses, strict=True):
            if status == "unchanged" and pl.ref in changed:
                status = "updated"
            self.result.counts["placements"][status] += 1
            touched.add(persons[pl.person])
        write_guidance(self, placements, users, orgs, touched)
        # Records written in bulk send no model signals: their persons' signals are stale.
        intervals.mark_persons(touched)
        return touched

    def _vacancies(
        self,
        employers: dict[str, int],
        municipalities: dict[str, Municipality],
        users: dict[str, User],
    ) -> None:
        """Task packages (issue 19 §1), matched on ref; an employer named but not in the
        document is one already stored."""
        vacancies = self.parsed.vacancies
        if not vacancies:
            return
        wanted = {v.employer for v in vacancies} - set(employers)
        stored = ids_by_ref(Employer, wanted)
        self.progress.stage("Vacatures", len(vacancies))
        saved = save_all(
            Vacancy,
            [
                (
                    {"ref": v.ref},
                    {
                        "employer_id": employers.get(v.employer) or stored[v.employer],
                        "municipality": municipalities.get(v.municipality),
                        "account_manager": users.get(v.account_manager)
                        if v.account_manager
                        else None,
                        **{name: getattr(v, name) for name in VACANCY_VALUES},
                    },
                )
                for v in vacancies
            ],
            self.progress,
        )
        for _vacancy, status in saved:
            self.result.counts["vacancies"][status] += 1

    @staticmethod
    def _usernames(refs: list[str]) -> dict[str, str]:
        """A free login name for each new consultant: the ref, or the ref with -2, -3, …"""
        bases = {ref: re.sub(r"[^\w.@+-]", "-", ref.lower())[:140] or "consultant" for ref in refs}
        taken: set[str] = set()
        for part in chunks(set(bases.values())):
            taken.update(User.objects.filter(username__in=part).values_list("username", flat=True))
        names = {}
        for ref, base in bases.items():
            name, n = base, 1
            while name in taken or (n > 1 and User.objects.filter(username=name).exists()):
                n += 1
                name = f"{base}-{n}"
            taken.add(name)
            names[ref] = name
        return names

    def _contracts(self, placements: dict[str, PlacementKey]) -> set[str]:
        """Merge by start date; returns the refs of the placements whose contracts changed.
        Written a part of the placements at a time: a contract's lookup (placement, start) never
        spans two parts, and the model objects of 680,000 contracts at once were the import's
        peak of memory nationally."""
        changed: set[str] = set()
        for part in write_parts(self.parsed.placements, CONTRACT_PART):
            owners = [pl.ref for pl in part for _c in pl.contracts]
            saved = save_all(
                ContractPeriod,
                [
                    (
                        {"placement_id": placements[pl.ref].pk, "start": c.start},
                        {
                            "kind": c.kind,
                            "end": c.end,
                            "hours_per_week": c.hours,
                            "probation_end": c.probation_end,
                            "cao_max_contracts": c.cao_max_contracts,
                            "cao_max_months": c.cao_max_months,
                            "cao_gap_months": c.cao_gap_months,
                            "extension_reason": c.extension_reason,
                        },
                    )
                    for pl in part
                    for c in pl.contracts
                ],
            )
            for ref, (_contract, status) in zip(owners, saved, strict=True):
                self.result.counts["contracts"][status] += 1  # counted apart from placements
                if status != "unchanged":
                    changed.add(ref)
            contracts_in = [c for pl in part for c in pl.contracts]
            self._intentions(
                [(obj, c.intentions) for (obj, _s), c in zip(saved, contracts_in, strict=True)]
            )
        return changed

    def _intentions(self, contracts: list[tuple[ContractPeriod, tuple[IntentionIn, ...]]]) -> None:
        """The employer's intentions of these contracts (issue 19 §5), matched on contract, date
        and intention; their reasons as with the endings (journalled for the undo)."""
        items = [(contract, i) for contract, intentions in contracts for i in intentions]
        if not items:
            return
        saved = save_all(
            EmployerIntention,
            [
                ({"contract": contract, "date": i.date, "intention": i.intention},
                 {"notes": i.notes})
                for contract, i in items
            ],
        )  # fmt: skip
        changed = save_reasons(
            EmployerIntention, "intention_reasons", saved, [set(i.reasons) for _c, i in items]
        )
        for (_obj, status), renewed in zip(saved, changed, strict=True):
            self.result.counts["intentions"][
                "updated" if renewed and status == "unchanged" else status
            ] += 1

    def _endings(self, placements: dict[str, PlacementKey]) -> set[str]:
        """The endings and their reasons; returns the refs of the placements whose changed."""
        with_ending = (
            (pl.ref, pl.ending) for pl in self.parsed.placements if pl.ending is not None
        )
        changed: set[str] = set()
        for part in write_parts(with_ending):  # the model objects of one part at once
            saved = save_all(
                Ending,
                [
                    (
                        {"placement_id": placements[ref].pk},
                        {
                            "date": ending.date,
                            "initiative": ending.initiative,
                            "notes": ending.notes,
                            "learning_points": ending.learning_points,
                            "next": ending.next,
                            "aftercare_closed": ending.aftercare_closed,
                            "aftercare_closed_reason": ending.aftercare_closed_reason,
                        },
                    )
                    for ref, ending in part
                ],
            )
            renewed = save_reasons(
                Ending, "reasons", saved, [set(ending.reasons) for _ref, ending in part]
            )
            changed.update(
                ref
                for (ref, _ending), (_obj, status), new in zip(part, saved, renewed, strict=True)
                if new or status != "unchanged"
            )
        return changed


def save_reasons(
    model: Any, journal_key: str, saved: list[tuple[Any, str]], wanted: list[set[str]]
) -> list[bool]:
    """The reason codes (§7) of records just saved — an ending's, an employer's intention's:
    replaced where they differ, the old ones journalled for the undo (not of records this
    import created). Per record whether its reasons changed."""
    through = model.reasons.through
    owner = f"{model._meta.model_name}_id"
    before: dict[int, set[str]] = defaultdict(set)
    for part in chunks({obj.pk for obj, _status in saved}):
        for pk, code in through.objects.filter(**{f"{owner}__in": part}).values_list(
            owner, "endingreason__code"
        ):
            before[pk].add(code)
    reason_ids = dict(EndingReason.objects.values_list("code", "pk"))
    journal = current_journal.get()
    renewed: dict[int, set[str]] = {}
    for (obj, status), codes in zip(saved, wanted, strict=True):
        if codes != before[obj.pk]:
            if journal is not None and status != "created":
                getattr(journal, journal_key).append([obj.pk, sorted(before[obj.pk])])
            renewed[obj.pk] = codes
    for part in chunks(renewed):
        through.objects.filter(**{f"{owner}__in": part}).delete()
    insert_many(
        through,
        [
            through(**{owner: pk, "endingreason_id": reason_ids[code]})
            for pk, codes in renewed.items()
            for code in sorted(codes)
            if code in reason_ids
        ],
    )
    return [obj.pk in renewed for obj, _status in saved]
