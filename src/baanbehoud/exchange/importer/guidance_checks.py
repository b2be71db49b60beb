"""Validation of the guidance lists: contacts, evaluations, jobcoaching (the limits of
guidance/domain.py), hours build-up, concerns and provisions."""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from baanbehoud.guidance import domain as guidance_domain
from baanbehoud.guidance.models import JobcoachTrajectory, SickReport
from baanbehoud.organisations.models import WerkfitItem
from baanbehoud.persons import domain as persons_domain
from baanbehoud.persons.models import CandidateProfile, LoadAssessment
from baanbehoud.placements import domain as placement_domain
from baanbehoud.placements.models import Placement

from .base import ValidatorBase
from .reading import (
    CHANNELS,
    CONCERN_KINDS,
    COURSES,
    EVALUATION_KINDS,
    HOURS_DECISIONS,
    LEVELS,
    MEASURERS,
    MONTH,
    PRE_OUTCOMES,
    PROVISION_STATUS,
    RAISED_BY,
    SICK_REPORTED_BY,
    WAGE_METHODS,
    WERKFIT_ANSWERS,
    WITH,
    Problem,
    chunks,
)
from .records import (
    ConcernIn,
    ContactIn,
    EvaluationIn,
    HoursStepIn,
    JobcoachingIn,
    LoadAssessmentIn,
    PretrajectoryIn,
    ProvisionIn,
    ReferralIn,
    SickReportIn,
    WageValueIn,
    WerkfitCheckIn,
)

SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")  # a point's code, as the admin's SlugField takes it


class GuidanceChecks(ValidatorBase):
    def _guidance(self, lists: Mapping[str, list[Any]]) -> None:
        self._records("contacts", lists["contacts"], self._contact)
        self._records("evaluations", lists["evaluations"], self._evaluation)
        # The contracts of the placements the jobcoaching names (their hours are checked): the
        # placements' typed records are packed (records.Spool), not held by ref.
        named = {
            r["placement"]
            for r in lists["jobcoaching"]
            if isinstance(r, dict) and isinstance(r.get("placement"), str)
        }
        self.contracts_of = {
            pl.ref: pl.contracts for pl in self.parsed.placements if pl.ref in named
        }
        self._records("jobcoaching", lists["jobcoaching"], self._jobcoaching)
        self.unique_refs("jobcoaching", self.parsed.jobcoaching)
        self.refuse_outside(
            "jobcoaching",
            JobcoachTrajectory,
            self.parsed.jobcoaching,
        )
        self._records("hours_buildup", lists["hours_buildup"], self._hours_step)
        self._records("concerns", lists["concerns"], self._concern)
        self._records("provisions", lists["provisions"], self._provision)
        self._records("load_assessments", lists["load_assessments"], self._load_assessment)
        self._one_a_day(
            "load_assessments",
            [(a.person, a.date) for a in self.parsed.load_assessments],
            "deze persoon heeft op die dag al een beoordeling",
        )
        self._records("sick_reports", lists["sick_reports"], self._sick_report)
        self._sick_overlaps()
        self._records("wage_values", lists["wage_values"], self._wage_value)
        self._one_a_day(
            "wage_values",
            [(v.placement, v.date) for v in self.parsed.wage_values],
            "deze plaatsing heeft op die dag al een meting",
        )
        self._records("pretrajectories", lists["pretrajectories"], self._pretrajectory)
        self.werkfit_codes = set(self.in_scope(WerkfitItem).values_list("code", flat=True))
        self.werkfit_elsewhere = (
            set(WerkfitItem.objects.values_list("code", flat=True)) - self.werkfit_codes
        )
        self._records("werkfit_checks", lists["werkfit_checks"], self._werkfit_check)
        first: dict[tuple[str, str], int] = {}
        for i, check in enumerate(self.parsed.werkfit_checks):
            key = (check.person, check.point)
            if all(key) and key in first:
                self.read.add(
                    f"werkfit_checks[{i}].point",
                    f"dit punt van deze persoon staat er al (werkfit_checks[{first[key]}]).",
                )
            first.setdefault(key, i)
        self._capacity_warnings()

    def _one_a_day(self, name: str, keys: list[tuple[str, Any]], already: str) -> None:
        """One record of a person or placement a day: the second of a document is refused at
        its date, naming the first."""
        first: dict[tuple[str, Any], int] = {}
        for i, key in enumerate(keys):
            if all(key) and key in first:
                self.read.add(f"{name}[{i}].date", f"{already} ({name}[{first[key]}]).")
            first.setdefault(key, i)

    def _capacity_warnings(self) -> None:
        """Issue 20 §4: a contract or hours-build-up step above the person's current load
        capacity — the latest assessment, in the document or stored — is a warning, as on the
        page (placements.domain.above_capacity_notes); never a refusal."""
        latest: dict[str, tuple[date | None, Decimal]] = {}
        for a in self.parsed.load_assessments:
            if a.person and a.date is not None and a.hours_per_week is not None:
                seen = latest.get(a.person)
                if seen is None or (seen[0] is not None and a.date >= seen[0]):
                    latest[a.person] = (a.date, a.hours_per_week)
        person_of = {pl.ref: pl.person for pl in self.parsed.placements}
        steps: dict[str, list[tuple[str, date, Decimal]]] = defaultdict(list)
        for k, h in enumerate(self.parsed.hours_buildup):
            if h.start is not None and h.hours is not None:
                steps[h.placement].append((f"hours_buildup[{k}].hours_per_week", h.start, h.hours))
        for part in chunks(set(steps) - set(person_of)):  # steps of stored placements
            person_of.update(
                Placement.objects.filter(ref__in=part).values_list("ref", "person__ref")
            )
        stored: dict[str, tuple[date | None, Decimal]] = {}
        for part in chunks(set(person_of.values())):
            for ref, hours in CandidateProfile.objects.filter(
                person__ref__in=part, load_hours_per_week__isnull=False
            ).values_list("person__ref", "load_hours_per_week"):
                stored[ref] = (None, Decimal(str(hours)))
            for ref, assessed in (
                LoadAssessment.objects.filter(person__ref__in=part)
                .order_by("person__ref", "date")
                .values_list("person__ref", "date")
            ):
                if ref in stored:
                    stored[ref] = (assessed, stored[ref][1])
        for ref, (when, hours) in stored.items():
            mine = latest.get(ref)
            if mine is None or (when is not None and mine[0] is not None and when > mine[0]):
                latest[ref] = (when, hours)
        # Only the placements of persons with a known capacity can be above it (a national
        # document's 700,000 contracts and their paths are not all made).
        contracts: dict[str, list[tuple[str, date, date | None, Decimal]]] = {
            pl.ref: [
                (f"placements[{i}].contracts[{j}].hours_per_week", c.start, c.end, c.hours)
                for j, c in enumerate(pl.contracts)
                if c.start is not None and c.hours is not None
            ]
            for i, pl in enumerate(self.parsed.placements)
            if person_of[pl.ref] in latest
        }
        for placement in set(contracts) | set(steps):
            capacity = latest.get(person_of.get(placement, ""))
            if capacity is None:
                continue
            notes = placement_domain.above_capacity_notes(
                contracts.get(placement, []), steps.get(placement, []),
                capacity[1], capacity[0], self.read.today,
            )  # fmt: skip
            self.warnings.extend(Problem(path, note) for path, note in sorted(notes.items()))

    def _load_assessment(self, record: dict[str, Any], path: str) -> LoadAssessmentIn:
        """Issue 20 §4: the arbeidsdeskundige's assessments, with the page's rules
        (persons/domain.py)."""
        person = self.read.text(record, "person", path, max_length=64)
        if person and person not in self.person_refs:
            self.read.add(f"{path}.person", f"persoon '{person}' bestaat niet.")
        when = self.read.date(record, "date", path, happened=True)
        per_week = self.read.number(record, "hours_per_week", path, maximum=Decimal(60))
        per_day = self.read.number(
            record, "hours_per_day", path, required=False, maximum=Decimal(24)
        )
        review = self.read.date(record, "next_review", path, required=False)
        for key, problem in persons_domain.assessment_problems(
            when, per_week, per_day, review
        ).items():
            self.read.add(f"{path}.{key}", problem)

        def level(key: str) -> str:
            return self.read.code(record, key, path, LEVELS, required=False, default="")

        return LoadAssessmentIn(
            person=person,
            date=when,
            hours_per_week=per_week,
            hours_per_day=per_day,
            work_pressure=level("work_pressure"),
            stimuli=level("stimuli"),
            physical=level("physical"),
            course=self.read.code(
                record, "course", path, COURSES, required=False, default="stable"
            ),
            next_review=review,
            notes=self.read.text(record, "notes", path, required=False, max_length=5000),
            by=self.consultant_ref(record, "by", path),
        )

    def _records(
        self, name: str, items: list[Any], parse: Callable[[dict[str, Any], str], Any]
    ) -> None:
        target: list[Any] = getattr(self.parsed, name)
        for _i, path, record in self.read.objects(items, name):
            target.append(parse(record, path))
        if self.consume:  # handed over: the list's JSON or text is needed no more
            items.clear()

    def _with_whom(self, codes: list[Any]) -> frozenset[str]:
        """Who the contact was with: one set object per combination (a national document has
        200,000 contacts and three codes)."""
        chosen = frozenset(sys.intern(c) for c in codes if isinstance(c, str) and c in WITH)
        return self._combinations.setdefault(chosen, chosen)

    def _contact(self, record: dict[str, Any], path: str) -> ContactIn:
        with_ = self.read.items(record, "with", path)
        for k, who in enumerate(with_):
            if who not in WITH:
                self.read.add(
                    f"{path}.with[{k}]", f"onbekende code '{who}'; kies uit: {', '.join(WITH)}."
                )
        if not with_:
            self.read.add(
                f"{path}.with", "kies met wie het contact was: worker, employer of jobcoach."
            )
        when = self.read.date(record, "date", path, happened=True)
        follow_up = self.read.date(record, "follow_up", path, required=False)
        if when and follow_up and follow_up < when:
            self.read.add(
                f"{path}.follow_up", "Het volgende contact ligt vóór de datum van dit contact."
            )
        return ContactIn(
            placement=self.placement_ref(record, path),
            date=when,
            with_whom=self._with_whom(with_),
            by=self.consultant_ref(record, "by", path),
            summary=self.read.text(record, "summary", path, required=False, max_length=5000),
            channel=self.read.code(
                record, "channel", path, CHANNELS, required=False, default="visit"
            ),
            follow_up=follow_up,
        )

    def _evaluation(self, record: dict[str, Any], path: str) -> EvaluationIn:
        return EvaluationIn(
            placement=self.placement_ref(record, path),
            date=self.read.date(record, "date", path, happened=True),
            kind=self.read.code(
                record, "kind", path, EVALUATION_KINDS, required=False, default="evaluation"
            ),
        )

    def _jobcoaching(self, record: dict[str, Any], path: str) -> JobcoachingIn:
        placement = self.placement_ref(record, path)
        start = self.read.date(record, "start", path)
        end = self.read.date(record, "end", path, required=False)
        exception = self.read.text(
            record, "exception_reason", path, required=False, max_length=5000
        )
        organisation = self.read.text(record, "organisation", path)
        hours: list[tuple[date, Decimal]] = []
        for k, raw in enumerate(self.read.items(record, "hours", path)):
            hpath = f"{path}.hours[{k}]"
            entry = self.read.obj(raw, hpath)
            if entry is None:
                continue
            month = entry.get("month")
            amount = self.read.number(entry, "hours", hpath, maximum=Decimal(744))
            if (
                not isinstance(month, str)
                or not MONTH.match(month)
                or not 1 <= int(month[5:]) <= 12
                or not 1900 <= int(month[:4]) <= 2199
            ):
                self.read.add(f"{hpath}.month", f"'{month}' is geen maand; gebruik JJJJ-MM.")
            elif amount is not None:
                hours.append((date(int(month[:4]), int(month[5:]), 1), amount))
        reports = []
        for k, raw in enumerate(self.read.items(record, "reports", path)):
            entry = self.read.obj(raw, f"{path}.reports[{k}]")
            if entry is not None:
                reports.append(self.read.date(entry, "date", f"{path}.reports[{k}]", happened=True))
        if start and end and end < start:
            self.read.add(f"{path}.end", placement_domain.MSG_END_BEFORE_START)
        elif start:
            problem = guidance_domain.jobcoaching_duration_problem(
                start, end, has_exception=bool(exception.strip())
            )
            if problem:
                self.read.add(f"{path}.end", problem)
        entries: list[guidance_domain.HoursEntry] = []
        for month, amount in hours:
            new = guidance_domain.HoursEntry(month, amount)
            problem = guidance_domain.jobcoaching_budget_problem(
                entries, new, has_exception=bool(exception.strip())
            )
            entries.append(new)
            if problem:
                self.read.add(f"{path}.hours", problem)
                break
        if start and placement in self.contracts_of:
            contracts = self.contracts_of[placement]
            covered = [
                c.hours
                for c in contracts
                if c.kind in placement_domain.EMPLOYMENT_KINDS
                and (end is None or c.start <= end)
                and (c.end is None or start <= c.end)
            ]
            problem = guidance_domain.jobcoaching_hours_problem(covered)
            if problem:
                self.read.add(f"{path}.placement", problem)
        return JobcoachingIn(
            ref=self.read.text(record, "ref", path, max_length=64),
            placement=placement,
            organisation=organisation,
            start=start,
            end=end,
            hours=hours,
            reports=[d for d in reports if d],
            exception_reason=exception,
            coach=self.consultant_ref(record, "coach", path),
        )

    def _hours_step(self, record: dict[str, Any], path: str) -> HoursStepIn:
        start = self.read.date(record, "from", path)
        review = self.read.date(record, "review", path, required=False)
        if start and review and review < start:
            self.read.add(
                f"{path}.review", "De evaluatiedatum ligt vóór de begindatum van deze stap."
            )
        decided = self.read.date(record, "decided", path, required=False, happened=True)
        return HoursStepIn(
            placement=self.placement_ref(record, path),
            start=start,
            hours=self.read.number(record, "hours_per_week", path),
            review=review,
            decided=decided,
            decision=self.read.code(
                record,
                "decision",
                path,
                HOURS_DECISIONS,
                required=False,
                default="keep" if decided else "",
            ),
            reason=self.read.text(record, "reason", path, required=False, max_length=5000),
        )

    def _concern(self, record: dict[str, Any], path: str) -> ConcernIn:
        when = self.read.date(record, "date", path, happened=True)
        handled = self.read.date(record, "handled", path, required=False, happened=True)
        if when and handled and handled < when:
            self.read.add(f"{path}.handled", "Opgepakt vóór de datum van de melding kan niet.")
        kind = self.read.code(record, "kind", path, CONCERN_KINDS)
        return ConcernIn(
            placement=self.placement_ref(record, path),
            date=when,
            raised_by=self.read.code(record, "raised_by", path, RAISED_BY),
            kind=kind,
            text=self.read.text(record, "text", path, required=False, max_length=5000),
            handled=handled,
            handling_note=self.read.text(
                record, "handling_note", path, required=False, max_length=5000
            ),
            referral=self._referral(record, path, kind, when),
        )

    def _referral(
        self, record: dict[str, Any], path: str, kind: str, raised: date | None
    ) -> ReferralIn | None:
        """Issue 20 §6: a private concern referred to the buurtteam, with the page's rules."""
        if record.get("referral") is None:
            return None
        raw = self.read.obj(record["referral"], f"{path}.referral")
        if raw is None:
            return None
        rpath = f"{path}.referral"
        referred = self.read.date(raw, "referred_on", rpath, happened=True)
        feedback_on = self.read.date(raw, "feedback_on", rpath, required=False, happened=True)
        feedback = self.read.text(raw, "feedback", rpath, required=False, max_length=5000)
        for key, problem in guidance_domain.referral_problems(
            kind, raised, referred, feedback_on, feedback
        ).items():
            self.read.add(f"{rpath}.{key}", problem)
        return ReferralIn(
            referred_on=referred,
            team=self.read.text(raw, "team", rpath, max_length=200),
            note=self.read.text(raw, "note", rpath, required=False, max_length=5000),
            feedback_on=feedback_on,
            feedback=feedback,
        )

    def _pretrajectory(self, record: dict[str, Any], path: str) -> PretrajectoryIn:
        """Issue 20 §5: a voortraject before a placement, with the page's rules."""
        person = self.read.text(record, "person", path, max_length=64)
        if person and person not in self.person_refs:
            self.read.add(f"{path}.person", f"persoon '{person}' bestaat niet.")
        start = self.read.date(record, "start", path, happened=True)
        end = self.read.date(record, "end", path, required=False, happened=True)
        outcome = self.read.code(
            record, "outcome", path, PRE_OUTCOMES, required=False, default="running"
        )
        for key, problem in persons_domain.pretrajectory_problems(start, end, outcome).items():
            self.read.add(f"{path}.{key}", problem)
        return PretrajectoryIn(
            person=person,
            provider=self.read.text(record, "provider", path, max_length=200),
            start=start,
            end=end,
            goals=self.read.text(record, "goals", path, required=False, max_length=5000),
            outcome=outcome,
            outcome_note=self.read.text(
                record, "outcome_note", path, required=False, max_length=5000
            ),
        )

    def _werkfit_check(self, record: dict[str, Any], path: str) -> WerkfitCheckIn:
        """Issue 20 §5: a point of the region's werkfit checklist judged for a person, named by
        the point's code (the functional administrator's list)."""
        person = self.read.text(record, "person", path, max_length=64)
        if person and person not in self.person_refs:
            self.read.add(f"{path}.person", f"persoon '{person}' bestaat niet.")
        point = self.read.text(record, "point", path, max_length=40)
        text = self.read.text(record, "point_text", path, required=False, max_length=200)
        if point and not SLUG.match(point):
            self.read.add(f"{path}.point", "gebruik alleen letters, cijfers, - en _.")
        elif point in self.werkfit_elsewhere:
            self.read.add(f"{path}.point", f"punt '{point}' hoort bij een andere regio.")
        elif point and point not in self.werkfit_codes and not text:
            known = ", ".join(sorted(self.werkfit_codes)) or "de regio heeft nog geen checklist"
            self.read.add(
                f"{path}.point",
                f"punt '{point}' staat niet op de werkfit-checklist van de regio ({known}); "
                "geef de tekst mee in point_text om het punt toe te voegen.",
            )
        return WerkfitCheckIn(
            person=person,
            point=point,
            point_text=text,
            answer=self.read.code(record, "answer", path, WERKFIT_ANSWERS),
            checked_on=self.read.date(record, "checked_on", path, happened=True),
            note=self.read.text(record, "note", path, required=False, max_length=1000),
        )

    def _wage_value(self, record: dict[str, Any], path: str) -> WageValueIn:
        """Issue 20 §3: a loonwaarde measurement, with the page's rules (placements/domain.py)."""
        when = self.read.date(record, "date", path, happened=True)
        again = self.read.date(record, "next_measurement", path, required=False)
        disputed = bool(self.read.boolean(record, "disputed", path, default=False))
        note = self.read.text(record, "dispute_note", path, required=False, max_length=5000)
        for key, problem in placement_domain.wage_value_problems(
            when, again, disputed, note
        ).items():
            self.read.add(f"{path}.{key}", problem)
        share = self.read.number(record, "outcome", path, maximum=Decimal(100))
        outcome = int(share) if share is not None and share == int(share) else None
        if share is not None and outcome is None:
            self.read.add(f"{path}.outcome", "moet een heel getal van 0 tot en met 100 zijn.")
        return WageValueIn(
            placement=self.placement_ref(record, path),
            date=when,
            method=self.read.code(record, "method", path, WAGE_METHODS),
            measurer=self.read.code(
                record, "measurer", path, MEASURERS, required=False, default="internal"
            ),
            measured_by=self.read.text(record, "measured_by", path, required=False, max_length=200),
            outcome=outcome,
            hours_per_week=self.read.number(record, "hours_per_week", path, maximum=Decimal(60)),
            disputed=disputed,
            dispute_note=note if disputed else "",
            next_measurement=again,
        )

    def _sick_report(self, record: dict[str, Any], path: str) -> SickReportIn:
        """Issue 20 §1: a sick report, with the page's rules (guidance/domain.py)."""
        first_day = self.read.date(record, "first_day", path, happened=True)
        back = self.read.date(record, "expected_return", path, required=False)
        recovered = self.read.date(record, "recovered_on", path, required=False, happened=True)
        for key, problem in guidance_domain.sick_report_problems(
            first_day, back, recovered
        ).items():
            self.read.add(f"{path}.{key}", problem)
        return SickReportIn(
            placement=self.placement_ref(record, path),
            first_day=first_day,
            expected_return=back,
            works_partly=bool(self.read.boolean(record, "works_partly", path, default=False)),
            recovered_on=recovered,
            reported_by=self.read.code(
                record, "reported_by", path, SICK_REPORTED_BY, required=False,
                default="professional",
            ),
            note=self.read.text(record, "note", path, required=False, max_length=5000),
        )  # fmt: skip

    def _sick_overlaps(self) -> None:
        """One sickness at a time per placement: each sick report against the others of its
        placement, in the document and stored (a stored one with the same first day is the one
        the document changes)."""
        items = [(i, s) for i, s in enumerate(self.parsed.sick_reports) if s.first_day]
        if not items:
            return
        stored: dict[str, list[tuple[Any, Any]]] = {}
        for part in chunks({s.placement for _i, s in items}):
            for ref, first, recovered in SickReport.objects.filter(
                placement__ref__in=part
            ).values_list("placement__ref", "first_day", "recovered_on"):
                stored.setdefault(ref, []).append((first, recovered))
        in_document: dict[str, dict[Any, Any]] = {}
        for i, s in items:
            days = in_document.setdefault(s.placement, {})
            if s.first_day in days:
                self.read.add(
                    f"sick_reports[{i}].first_day",
                    f"deze plaatsing heeft al een ziekmelding met die eerste ziektedag "
                    f"(sick_reports[{days[s.first_day][0]}]).",
                )
                continue
            days[s.first_day] = (i, s.recovered_on)
        for i, s in items:
            mine = in_document[s.placement]
            others = {first: recovered for first, recovered in stored.get(s.placement, [])}
            others.update((first, rec) for first, (_j, rec) in mine.items())
            others.pop(s.first_day, None)
            problem = guidance_domain.sick_report_problems(
                s.first_day, None, s.recovered_on, others.items()
            ).get("first_day")
            if problem:
                self.read.add(f"sick_reports[{i}].first_day", problem)

    def _provision(self, record: dict[str, Any], path: str) -> ProvisionIn:
        requested = self.read.date(record, "requested", path, happened=True)
        granted = self.read.date(record, "granted", path, required=False, happened=True)
        if requested and granted and granted < requested:
            self.read.add(f"{path}.granted", "Toegekend vóór de aanvraag kan niet.")
        return ProvisionIn(
            placement=self.placement_ref(record, path),
            kind=self.read.text(record, "kind", path, max_length=100),
            requested=requested,
            granted=granted,
            status=self.read.code(
                record,
                "status",
                path,
                PROVISION_STATUS,
                required=False,
                default="granted" if granted else "requested",
            ),
        )
