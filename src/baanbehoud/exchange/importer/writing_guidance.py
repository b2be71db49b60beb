"""Writing the guidance lists of a validated document (contacts, evaluations, jobcoaching, hours
build-up, concerns, provisions, load-capacity assessments), each in bulk."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import Model

from baanbehoud.guidance import models as guidance
from baanbehoud.organisations.models import Organisation, OrganisationKind, User, WerkfitItem
from baanbehoud.organisations.scoping import organisations_for, regions_for, unbounded
from baanbehoud.persons.models import (
    PROFILE_FROM_ASSESSMENT,
    CandidateProfile,
    LoadAssessment,
    Person,
    Pretrajectory,
    WerkfitCheck,
)
from baanbehoud.placements.models import HoursStep, Placement, WageValue

from .reading import chunks
from .records import PlacementKey
from .saving import ids_by_ref, save_all, save_one, write_parts

if TYPE_CHECKING:
    from .writing import Writer


def write_guidance(
    writer: Writer,
    placements: dict[str, PlacementKey],
    users: dict[str, User],
    orgs: dict[str, Organisation],
    touched: set[int],
) -> None:
    lists = (
        writer.parsed.contacts, writer.parsed.evaluations, writer.parsed.jobcoaching, writer.parsed.hours_buildup,
        writer.parsed.concerns, writer.parsed.provisions, writer.parsed.sick_reports,
        writer.parsed.wage_values,
    )  # fmt: skip
    elsewhere = {r.placement for records in lists for r in records if r.placement not in placements}
    for part in chunks(elsewhere):
        placements.update(
            (ref, PlacementKey(pk, person_id))
            for ref, pk, person_id in Placement.objects.filter(ref__in=part).values_list(
                "ref", "pk", "person_id"
            )
        )
    # Their persons are touched too (signals, processing log).
    touched.update(placements[r.placement].person_id for records in lists for r in records)

    def save(
        name: str,
        model: type[Model],
        items: Iterable[Any],
        label: str,
        total: int | None = None,
        *,
        keep: bool = False,
    ) -> list[Any]:
        """Written a part at a time: the items (a generator for the long lists) and the model
        objects of one part exist at once, not 200,000 contact moments' (issue 15). `keep`: the
        written objects are needed after (their children refer to them)."""
        writer.progress.stage(label, len(items) if total is None else total)  # type: ignore[arg-type]
        kept: list[Any] = []
        for part in write_parts(items):
            saved = save_all(model, part, writer.progress)
            for _obj, status in saved:
                writer.result.counts[name][status] += 1
            if keep:
                kept.extend(obj for obj, _status in saved)
        return kept

    save(
        "contacts",
        guidance.ContactMoment,
        (
            (
                {
                    "placement_id": placements[c.placement].pk,
                    "date": c.date,
                    "by": users.get(c.by) if c.by else None,
                    "summary": c.summary,
                },
                {
                    "with_worker": "worker" in c.with_whom,
                    "with_employer": "employer" in c.with_whom,
                    "with_jobcoach": "jobcoach" in c.with_whom,
                    "channel": c.channel,
                    "follow_up": c.follow_up,
                },
            )
            for c in writer.parsed.contacts
        ),
        "Contactmomenten",
        len(writer.parsed.contacts),
    )
    save(
        "evaluations",
        guidance.Evaluation,
        (
            (
                {
                    "placement_id": placements[e.placement].pk,
                    "date": e.date,
                    "kind": e.kind,
                },
                {},
            )
            for e in writer.parsed.evaluations
        ),
        "Evaluaties",
        len(writer.parsed.evaluations),
    )
    coaching_orgs: dict[str, Organisation] = {}
    for j in writer.parsed.jobcoaching:
        name = j.organisation
        if name in coaching_orgs:
            continue
        organisation = orgs.get(name) or organisations_for(writer.user).filter(name=name).first()
        if organisation is None:
            organisation, _status = save_one(
                Organisation,
                {"ref": _org_ref(name)},
                {
                    "name": name,
                    "kind": OrganisationKind.JOBCOACH,
                    "region": regions_for(writer.user).first()
                    if not unbounded(writer.user)
                    else None,
                },
            )
        coaching_orgs[name] = organisation
    trajectories = save(
        "jobcoaching",
        guidance.JobcoachTrajectory,
        [
            (
                {"ref": j.ref},
                {
                    "placement_id": placements[j.placement].pk,
                    "organisation": coaching_orgs[j.organisation],
                    "start": j.start,
                    "end": j.end,
                    "exception_reason": j.exception_reason,
                    "coach": users.get(j.coach) if j.coach else None,
                },
            )
            for j in writer.parsed.jobcoaching
        ],
        "Jobcoachtrajecten",
        keep=True,
    )
    pairs = list(zip(writer.parsed.jobcoaching, trajectories, strict=True))
    save_all(
        guidance.JobcoachHours,
        [
            ({"trajectory": trajectory, "month": month}, {"hours": hours})
            for j, trajectory in pairs
            for month, hours in j.hours
        ],
    )
    save_all(
        guidance.JobcoachReport,
        [
            ({"trajectory": trajectory, "date": day}, {})
            for j, trajectory in pairs
            for day in j.reports
        ],
    )
    save(
        "hours_buildup",
        HoursStep,
        [
            (
                {"placement_id": placements[h.placement].pk, "from_date": h.start},
                {
                    "hours_per_week": h.hours,
                    "review_date": h.review,
                    "decided_on": h.decided,
                    "decision": h.decision,
                    "reason": h.reason,
                },
            )
            for h in writer.parsed.hours_buildup
        ],
        "Urenopbouw",
    )
    concerns = save(
        "concerns",
        guidance.Concern,
        [
            (
                {
                    "placement_id": placements[c.placement].pk,
                    "date": c.date,
                    "raised_by": c.raised_by,
                    "kind": c.kind,
                },
                {
                    "text": c.text,
                    "handled": c.handled,
                    "handling_note": c.handling_note,
                },
            )
            for c in writer.parsed.concerns
        ],
        "Zorgsignalen",
        keep=True,
    )
    # Issue 20 §6: a private concern's referral to the buurtteam, one per concern.
    save(
        "referrals",
        guidance.Referral,
        [
            (
                {"concern_id": concern.pk},
                {
                    "referred_on": c.referral.referred_on,
                    "team": c.referral.team,
                    "note": c.referral.note,
                    "feedback_on": c.referral.feedback_on,
                    "feedback": c.referral.feedback,
                },
            )
            for c, concern in zip(writer.parsed.concerns, concerns, strict=True)
            if c.referral is not None
        ],
        "Doorverwijzingen naar het buurtteam",
    )
    save(
        "provisions",
        guidance.Provision,
        [
            (
                {
                    "placement_id": placements[v.placement].pk,
                    "kind": v.kind,
                    "requested": v.requested,
                },
                {"granted": v.granted, "status": v.status},
            )
            for v in writer.parsed.provisions
        ],
        "Voorzieningen",
    )
    # The recovered ones first, then the open ones: a stored open report the document closes
    # is closed before the placement's next one is written (one open report per placement).
    for still_sick in (False, True):
        save(
            "sick_reports",
            guidance.SickReport,
            [
                (
                    {"placement_id": placements[s.placement].pk, "first_day": s.first_day},
                    {
                        "expected_return": s.expected_return,
                        "works_partly": s.works_partly,
                        "recovered_on": s.recovered_on,
                        "reported_by": s.reported_by,
                        "note": s.note,
                    },
                )
                for s in writer.parsed.sick_reports
                if (s.recovered_on is None) == still_sick
            ],
            "Ziekmeldingen",
        )
    save(
        "wage_values",
        WageValue,
        [
            (
                {"placement_id": placements[v.placement].pk, "date": v.date},
                {
                    "method": v.method,
                    "measurer": v.measurer,
                    "measured_by": v.measured_by,
                    "outcome": v.outcome,
                    "hours_per_week": v.hours_per_week,
                    "disputed": v.disputed,
                    "dispute_note": v.dispute_note,
                    "next_measurement": v.next_measurement,
                },
            )
            for v in writer.parsed.wage_values
        ],
        "Loonwaardemetingen",
    )
    _load_assessments(writer, users, touched)
    _pretrajectories(writer, touched)
    _werkfit_checks(writer, touched)


def _werkfit_checks(writer: Writer, touched: set[int]) -> None:
    """Issue 20 §5: the werkfit checklist per person, on (person, point); the point by its
    code (unique in the installation)."""
    items = writer.parsed.werkfit_checks
    if not items:
        return
    persons = ids_by_ref(Person, {c.person for c in items})
    codes = {c.point for c in items}
    points = dict(WerkfitItem.objects.filter(code__in=codes).values_list("code", "pk"))
    texts = {c.point: c.point_text for c in items if c.point not in points}
    if texts:  # points the region does not have yet: added to the importer's region, last,
        # in the order the document names them (an export names them in the checklist's order)
        region = regions_for(writer.user).first()
        WerkfitItem.objects.bulk_create(
            WerkfitItem(region=region, code=code, text=text, order=100 + n)
            for n, (code, text) in enumerate(texts.items())
        )
        points = dict(WerkfitItem.objects.filter(code__in=codes).values_list("code", "pk"))
    writer.progress.stage("Werkfit-checklists", len(items))
    saved = save_all(
        WerkfitCheck,
        [
            (
                {"person_id": persons[c.person], "item_id": points[c.point]},
                {"answer": c.answer, "checked_on": c.checked_on, "note": c.note},
            )
            for c in items
        ],
        writer.progress,
    )
    for _obj, status in saved:
        writer.result.counts["werkfit_checks"][status] += 1
    touched.update(persons.values())


def _pretrajectories(writer: Writer, touched: set[int]) -> None:
    """Issue 20 §5: the voortrajecten on (person, start, provider)."""
    items = writer.parsed.pretrajectories
    if not items:
        return
    persons = ids_by_ref(Person, {t.person for t in items})
    writer.progress.stage("Voortrajecten", len(items))
    saved = save_all(
        Pretrajectory,
        [
            (
                {"person_id": persons[t.person], "start": t.start, "provider": t.provider},
                {
                    "end": t.end,
                    "goals": t.goals,
                    "outcome": t.outcome,
                    "outcome_note": t.outcome_note,
                },
            )
            for t in items
        ],
        writer.progress,
    )
    for _obj, status in saved:
        writer.result.counts["pretrajectories"][status] += 1
    touched.update(persons.values())


def _load_assessments(writer: Writer, users: dict[str, User], touched: set[int]) -> None:
    """Issue 20 §4: the assessments on (person, date); then each of their persons' profile
    takes its current capacity from the latest (persons.models.PROFILE_FROM_ASSESSMENT, as the
    page's service does)."""
    items = writer.parsed.load_assessments
    if not items:
        return
    persons = ids_by_ref(Person, {a.person for a in items})
    writer.progress.stage("Beoordelingen belastbaarheid", len(items))
    for part in write_parts(items):  # the model objects of one part at once
        saved = save_all(
            LoadAssessment,
            [
                (
                    {"person_id": persons[a.person], "date": a.date},
                    {
                        "hours_per_week": a.hours_per_week,
                        "hours_per_day": a.hours_per_day,
                        "work_pressure": a.work_pressure,
                        "stimuli": a.stimuli,
                        "physical": a.physical,
                        "course": a.course,
                        "next_review": a.next_review,
                        "notes": a.notes,
                        "by": users.get(a.by) if a.by else None,
                    },
                )
                for a in part
            ],
            writer.progress,
        )
        for _obj, status in saved:
            writer.result.counts["load_assessments"][status] += 1
    ids = set(persons.values())
    touched.update(ids)
    fields = [field for _profile, field in PROFILE_FROM_ASSESSMENT]
    for ids_part in chunks(ids):  # each part's latest assessments, then its profiles
        latest: dict[int, dict[str, Any]] = {}
        for row in (
            LoadAssessment.objects.filter(person_id__in=ids_part)
            .order_by("person_id", "date", "pk")
            .values("person_id", *fields)
        ):
            latest[row["person_id"]] = row
        save_all(
            CandidateProfile,
            [
                (
                    {"person_id": person_id},
                    {profile: row[field] for profile, field in PROFILE_FROM_ASSESSMENT},
                )
                for person_id, row in sorted(latest.items())
            ],
        )


def _org_ref(name: str) -> str:
    base = "jc-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:50]
    ref, n = base, 1
    while Organisation.objects.filter(ref=ref).exists():
        n += 1
        ref = f"{base}-{n}"
    return ref
