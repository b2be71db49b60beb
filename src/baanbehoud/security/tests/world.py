"""A small world for authorisation and privacy tests: one user per role, and for each of them
three sets of records:

- "own": the records the user is related to (their organisation's person, their employer's
  placement, the placement they coach, themselves);
- "other": the same kinds of records of another organisation in another region;
- "none": records in the user's own organisation and region that the user has no relation with
  (another contact person's case, another employer, a placement someone else coaches).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import Permission
from django.utils import timezone

from baanbehoud.employers.models import Employer, EmployerContact, Vacancy
from baanbehoud.employers.tests.factories import EmployerFactory
from baanbehoud.exchange.models import ImportBatch
from baanbehoud.guidance.models import (
    Concern,
    ContactMoment,
    Evaluation,
    EvaluationResponse,
    JobcoachHours,
    JobcoachReport,
    JobcoachTrajectory,
    Provision,
    Referral,
    SickReport,
)
from baanbehoud.jobs.models import Job, JobStatus
from baanbehoud.matching.models import Proposal
from baanbehoud.organisations.models import OrganisationKind, Role, User, WerkfitItem
from baanbehoud.organisations.tests.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    RegionFactory,
    UserFactory,
)
from baanbehoud.persons.models import (
    CandidateProfile,
    Handover,
    Person,
    Pretrajectory,
    WerkfitCheck,
)
from baanbehoud.persons.tests.factories import PersonFactory
from baanbehoud.placements.models import (
    ContractPeriod,
    EmployerIntention,
    Ending,
    HoursStep,
    Placement,
    WageValue,
)
from baanbehoud.placements.tests.factories import ContractFactory, PlacementFactory
from baanbehoud.signals.models import CalendarFeed

RELATIONS = ("own", "other", "none")
ROLES = (
    "anonymous",
    Role.KLANTMANAGER,
    Role.ACCOUNTMANAGER,
    Role.ARBEIDSDESKUNDIGE,
    Role.JOBCOACH,
    Role.WERKGEVER,
    Role.WERKNEMER,
    Role.BELEIDSMEDEWERKER,
    Role.BEHEERDER,
)


@dataclass
class Records:
    person: Person
    employer: Employer
    placement: Placement
    contract: ContractPeriod
    hours_step: HoursStep
    contact: ContactMoment
    evaluation: Evaluation
    concern: Concern
    sick_report: SickReport
    trajectory: JobcoachTrajectory
    provision: Provision
    feed: CalendarFeed
    batch: ImportBatch
    job: Job
    ending: Ending
    vacancy: Vacancy
    candidate: Person
    proposal: Proposal
    marker: str  # a word that appears in this set's free text only


@dataclass
class World:
    users: dict[str, User]
    records: dict[str, Records]
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def bsns(self) -> list[str]:
        return [r.person.bsn for r in self.records.values() if r.person.bsn]


def _records(
    *,
    tag: str,
    organisation: Any,
    municipality: Any,
    contact_person: User,
    account_manager: User,
    coach: User,
    coach_org: Any,
    admin: User,
    today: Any,
) -> Records:
    marker = f"kenmerk{tag}{secrets.token_hex(3)}"
    person = PersonFactory.create(
        municipality=municipality,
        organisation=organisation,
        contact_person=contact_person,
        name=f"Persoon {tag.capitalize()} {marker}",
        needs=f"Behoefte {marker}",
        email=f"{tag}@example.org",
        phone="0612345678",
    )
    CandidateProfile.objects.create(person=person, motivation=f"Motivatie {marker}")
    Pretrajectory.objects.create(
        person=person, provider="Werkfit", start=today - timedelta(days=400),
        end=today - timedelta(days=300), outcome="work_ready", goals=f"Doel {marker}",
    )  # fmt: skip
    point = WerkfitItem.objects.create(
        region=organisation.region, code=f"wf-{marker}", text="Heeft een vast dagritme"
    )
    WerkfitCheck.objects.create(
        person=person, item=point, answer="not_yet", checked_on=today,
        note=f"Werkfit {marker}",
    )  # fmt: skip
    Handover.objects.create(
        person=person,
        date=today,
        from_user=None,
        to_user=contact_person,
        note=f"Overdracht {marker}",
    )
    employer = EmployerFactory.create(
        municipality=municipality, account_manager=account_manager, name=f"Werkgever {marker}"
    )
    EmployerContact.objects.create(employer=employer, name=f"Contact {marker}")
    vacancy = Vacancy.objects.create(
        employer=employer, title=f"Vacature {marker}", hours_min=12, hours_max=24,
        municipality=municipality, account_manager=account_manager,
    )  # fmt: skip
    # A person looking for work (no placement): a candidate of the match, proposed once.
    candidate = PersonFactory.create(
        municipality=municipality, organisation=organisation, contact_person=contact_person,
        name=f"Kandidaat {tag.capitalize()} {marker}",
    )  # fmt: skip
    proposal = Proposal.objects.create(
        vacancy=vacancy, person=candidate, proposed_by=account_manager, proposed_on=today,
        consent_on=today, shared_items=["motivation"], note=f"Voorstel {marker}",
    )  # fmt: skip
    placement = PlacementFactory.create(
        person=person, employer=employer, ref=f"pl-{tag}-{marker}", function="Inpakker"
    )
    contract = ContractFactory.create(
        placement=placement,
        start=today - timedelta(days=200),
        end=today + timedelta(days=100),
        extension_reason="",
    )
    EmployerIntention.objects.create(
        contract=contract, date=today, intention="extend", notes=f"Voornemen {marker}"
    )
    hours_step = HoursStep.objects.create(
        placement=placement,
        from_date=today - timedelta(days=30),
        hours_per_week=Decimal(12),
        review_date=today + timedelta(days=10),
        reason=f"Uren {marker}",
    )
    contact = ContactMoment.objects.create(
        placement=placement,
        date=today - timedelta(days=20),
        by=contact_person,
        with_worker=True,
        summary=f"Gesprek {marker}",
    )
    evaluation = Evaluation.objects.create(
        placement=placement, date=today - timedelta(days=5), agreements=f"Afspraak {marker}"
    )
    EvaluationResponse.objects.create(
        evaluation=evaluation,
        respondent=EvaluationResponse.Respondent.WORKER,
        answers={},
        remarks=f"Opmerking {marker}",
    )
    concern = Concern.objects.create(
        placement=placement,
        date=today - timedelta(days=3),
        raised_by=Concern.RaisedBy.WORKER,
        kind=Concern.Kind.PRIVATE,  # private: it can go to the buurtteam (issue 20 §6)
        text=f"Zorg {marker}",
    )
    Referral.objects.create(
        concern=concern, referred_on=today - timedelta(days=2), team="Buurtteam",
        note=f"Gevraagd {marker}",
    )  # fmt: skip
    WageValue.objects.create(
        placement=placement, date=today - timedelta(days=60), method=WageValue.Method.DARIUZ,
        outcome=60, hours_per_week=Decimal(20), disputed=True, dispute_note=f"Loon {marker}",
    )  # fmt: skip
    sick = SickReport.objects.create(
        placement=placement,
        first_day=today - timedelta(days=10),
        recovered_on=today - timedelta(days=2),  # over: a new one may be reported
        reported_by=SickReport.ReportedBy.EMPLOYER,
        note=f"Ziek {marker}",
    )
    trajectory = JobcoachTrajectory.objects.create(
        ref=f"jc-{tag}-{marker}",
        placement=placement,
        organisation=coach_org,
        coach=coach,
        start=today - timedelta(days=90),
    )
    JobcoachHours.objects.create(
        trajectory=trajectory, month=today.replace(day=1), hours=Decimal(4)
    )
    JobcoachReport.objects.create(
        trajectory=trajectory, date=today - timedelta(days=7), how_it_goes=f"Rapport {marker}"
    )
    provision = Provision.objects.create(
        placement=placement,
        kind="Aangepaste stoel",
        description=f"Voorziening {marker}",
        requested=today - timedelta(days=40),
    )
    feed = CalendarFeed.objects.create(user=contact_person, token=secrets.token_urlsafe(24))
    # An earlier, finished placement at the same employer, with its ending.
    finished = PlacementFactory.create(
        person=person, employer=employer, ref=f"pl-{tag}-oud-{marker}"
    )
    ContractFactory.create(
        placement=finished, start=today - timedelta(days=900), end=today - timedelta(days=400)
    )
    ending = Ending.objects.create(
        placement=finished,
        date=today - timedelta(days=400),
        initiative=Ending.Initiative.EMPLOYER,
        notes=f"Einde {marker}",
    )
    batch = ImportBatch.objects.create(
        uploaded_by=admin, filename=f"{tag}.json", document={"persons": []}
    )
    job = Job.objects.create(
        kind="export",
        title=f"Export {tag}",
        started_by=admin,
        status=JobStatus.DONE,
        summary="Export klaar.",
        output=b"{}",
        output_name="baanbehoud-export.json",
        output_type="application/json",
    )
    return Records(
        person=person,
        employer=employer,
        placement=placement,
        contract=contract,
        hours_step=hours_step,
        contact=contact,
        evaluation=evaluation,
        concern=concern,
        sick_report=sick,
        trajectory=trajectory,
        provision=provision,
        feed=feed,
        batch=batch,
        job=job,
        ending=ending,
        vacancy=vacancy,
        candidate=candidate,
        proposal=proposal,
        marker=marker,
    )


def _functional_admin(organisation: Any, username: str) -> User:
    user = UserFactory.create(
        username=username, role=Role.BEHEERDER, organisation=organisation, is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="organisations")
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


def build_world() -> World:
    today = timezone.localdate()
    region = RegionFactory.create(name="Regio Een")
    elsewhere = RegionFactory.create(name="Regio Twee")
    org_a = OrganisationFactory.create(name="Gemeente A", region=region)
    uwv = OrganisationFactory.create(name="UWV", kind=OrganisationKind.UWV, region=region)
    org_c = OrganisationFactory.create(name="Gemeente C", region=elsewhere)
    coaches = OrganisationFactory.create(
        name="Jobcoach BV", kind=OrganisationKind.JOBCOACH, region=region
    )
    town_a = MunicipalityFactory.create(name="Stad A", region=region, organisation=org_a)
    town_c = MunicipalityFactory.create(name="Stad C", region=elsewhere, organisation=org_c)

    km = UserFactory.create(username="klantmanager", role=Role.KLANTMANAGER, organisation=org_a)
    am = UserFactory.create(username="accountmanager", role=Role.ACCOUNTMANAGER, organisation=org_a)
    ad = UserFactory.create(
        username="arbeidsdeskundige", role=Role.ARBEIDSDESKUNDIGE, organisation=uwv
    )
    coach = UserFactory.create(username="jobcoach", role=Role.JOBCOACH, organisation=coaches)
    bm = UserFactory.create(
        username="beleidsmedewerker", role=Role.BELEIDSMEDEWERKER, organisation=org_a
    )
    admin = _functional_admin(org_a, "beheerder")

    # Colleagues: the "none" records belong to them.
    km_2 = UserFactory.create(username="klantmanager2", role=Role.KLANTMANAGER, organisation=org_a)
    am_2 = UserFactory.create(
        username="accountmanager2", role=Role.ACCOUNTMANAGER, organisation=org_a
    )
    coach_2 = UserFactory.create(username="jobcoach2", role=Role.JOBCOACH, organisation=coaches)
    # Another region's people for the "other" records.
    km_c = UserFactory.create(username="klantmanager-c", role=Role.KLANTMANAGER, organisation=org_c)
    am_c = UserFactory.create(
        username="accountmanager-c", role=Role.ACCOUNTMANAGER, organisation=org_c
    )
    coach_c = UserFactory.create(username="jobcoach-c", role=Role.JOBCOACH, organisation=coaches)
    admin_c = _functional_admin(org_c, "beheerder-c")

    own = _records(
        tag="eigen", organisation=org_a, municipality=town_a, contact_person=km,
        account_manager=am, coach=coach, coach_org=coaches, admin=admin, today=today,
    )  # fmt: skip
    other = _records(
        tag="ander", organisation=org_c, municipality=town_c, contact_person=km_c,
        account_manager=am_c, coach=coach_c, coach_org=coaches, admin=admin_c, today=today,
    )  # fmt: skip
    none = _records(
        tag="geen", organisation=org_a, municipality=town_a, contact_person=km_2,
        account_manager=am_2, coach=coach_2, coach_org=coaches, admin=km_2, today=today,
    )  # fmt: skip

    supervisor = UserFactory.create(
        username="werkgever", role=Role.WERKGEVER, organisation=None, employer=own.employer
    )
    worker = UserFactory.create(
        username="werknemer", role=Role.WERKNEMER, organisation=None, person=own.person
    )
    users = {
        Role.KLANTMANAGER: km,
        Role.ACCOUNTMANAGER: am,
        Role.ARBEIDSDESKUNDIGE: ad,
        Role.JOBCOACH: coach,
        Role.WERKGEVER: supervisor,
        Role.WERKNEMER: worker,
        Role.BELEIDSMEDEWERKER: bm,
        Role.BEHEERDER: admin,
    }
    return World(
        users={str(k): v for k, v in users.items()},
        records={"own": own, "other": other, "none": none},
    )
