"""Writes of persons: registering a person, assigning the vaste contactpersoon, the profile,
invitations."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from baanbehoud.audit.models import CASE_WORK, Action
from baanbehoud.audit.services import log_processing, log_record
from baanbehoud.organisations.models import Municipality, Role, User
from baanbehoud.refs import new_ref

from .models import (
    PROFILE_FROM_ASSESSMENT,
    CandidateProfile,
    Education,
    FilledBy,
    Handover,
    LoadAssessment,
    Person,
    Pretrajectory,
    WerkfitCheck,
    responsible_organisation,
)
from .selectors import werkfit_points

if TYPE_CHECKING:
    from baanbehoud.employers.models import Employer


@transaction.atomic
def contact_persons_reassign(
    *, user: User, persons: list[Person], contact_person: User, note: str = ""
) -> int:
    """Issue 18 §2: a team lead hands several persons over to a colleague at once, each with
    the same handover note; all or nothing. Returns how many changed hands."""
    changed = 0
    for person in persons:
        if person.contact_person_id != contact_person.pk:
            contact_person_assign(
                user=user, person=person, contact_person=contact_person, note=note
            )
            changed += 1
    return changed


@transaction.atomic
def contact_person_assign(
    *, user: User, person: Person, contact_person: User | None, note: str = ""
) -> Person:
    """Report §3.2.1: workers missed a fixed contact person. Open signals follow the person,
    so the new contact person sees them at once in their worklist; a handover note goes along."""
    if person.contact_person_id != (contact_person.pk if contact_person else None):
        Handover.objects.create(
            person=person,
            from_user=person.contact_person,
            to_user=contact_person,
            date=timezone.localdate(),
            note=note,
        )
    person.contact_person = contact_person
    person.full_clean()
    person.save(update_fields=["contact_person"])
    log_processing(
        user=user,
        persons=[person],
        action=Action.UPDATE,
        activity=CASE_WORK,
        object_type="contactpersoon",
    )
    return person


class StaleEdit(ValidationError):
    """Saved from an older copy: someone else saved in between. Nothing was written."""

    def __init__(self, message: str, current_version: int) -> None:
        super().__init__(message)
        self.current_version = current_version


def _locked_profile(person: Person) -> CandidateProfile:
    """The person's profile, locked until the write's transaction ends (or a new one)."""
    found = CandidateProfile.objects.select_for_update().filter(person=person).first()
    return found or CandidateProfile(person=person)


@transaction.atomic
def profile_save(
    *,
    user: User,
    person: Person,
    consent: bool,
    version: int | None = None,
    **fields: object,
) -> CandidateProfile:
    """Bijlage 4. The employer sees it only with the candidate's recorded consent. `version`:
    the profile's version the form was made from; a save from an older one is refused and says
    what the other person changed (issue 13 §7: two people, one profile)."""
    profile = _locked_profile(person)
    if version is not None and profile.pk is not None and profile.version != version:
        changed = [
            f"{getattr(CandidateProfile._meta.get_field(key), 'verbose_name', key)}: "
            f"“{getattr(profile, key) or '(leeg)'}”"
            for key, value in fields.items()
            if getattr(profile, key) != value
        ]
        raise StaleEdit(
            "Iemand anders heeft dit profiel net opgeslagen. Uw wijzigingen zijn nog niet "
            "bewaard. Nu staat er: "
            + ("; ".join(changed) or "hetzelfde als bij u")
            + ". Neem over wat u wilt houden en sla opnieuw op.",
            current_version=profile.version,
        )
    profile.version += 1
    for key, value in fields.items():
        setattr(profile, key, value)
    profile.filled_by = FilledBy.CANDIDATE if user.role == Role.WERKNEMER else FilledBy.PROFESSIONAL
    if consent and profile.employer_consent_on is None:
        profile.employer_consent_on = timezone.localdate()
    elif not consent:
        profile.employer_consent_on = None
    profile.full_clean()
    profile.save()
    log_processing(
        user=user,
        persons=[person],
        action=Action.UPDATE,
        activity="Kandidaatprofiel",
        object_type="kandidaatprofiel",
    )
    return profile


def invitation_link(account: User) -> str:
    """A one-time link to choose a password. It names the account by an opaque id, never by its
    user name; the name is shown only after the password is chosen (issue 12 §3)."""
    uid = urlsafe_base64_encode(force_bytes(account.pk))
    token = default_token_generator.make_token(account)
    return settings.SITE_URL + reverse("invitation", args=[uid, token])


def _masked(email: str) -> str:
    name, _at, domain = email.partition("@")
    return f"{name[:1]}…@{domain}"


@transaction.atomic
def invite(
    *,
    user: User,
    email: str,
    role: str,
    person: Person | None = None,
    employer: Employer | None = None,
    name: str = "",
    change_reason: str = "",
) -> User:
    """An account for a worker or a supervisor, and an e-mail with a one-time link to set a password.
    The link stops working once a password is set (Django's password-reset token).

    An invitation never takes over an existing account: a disabled account stays disabled (only
    the functional administrator turns it on again), and an existing account keeps its e-mail
    address unless the professional gives a reason for the change; the change is logged and the
    old address is told."""
    account = None
    if person is not None:
        account = User.objects.select_for_update().filter(person=person).first()
    if account is None and employer is not None:
        account = (
            User.objects.select_for_update()
            .filter(email__iexact=email, role=role, employer=employer)
            .first()
        )
    old_email = ""
    if account is not None:
        if not account.is_active:
            raise ValidationError(
                {
                    "email": "Dit account is uitgezet. Een uitnodiging zet het niet weer aan: "
                    "vraag de functioneel beheerder om het account weer aan te zetten."
                }
            )
        if account.email and account.email.lower() != email.lower():
            if not change_reason.strip():
                raise ValidationError(
                    {
                        "change_reason": f"Dit account heeft al een ander e-mailadres "
                        f"({_masked(account.email)}). Vul in waarom het adres verandert, of "
                        "gebruik het bekende adres."
                    }
                )
            old_email = account.email
    else:
        base = email.split("@")[0].lower()[:100] or "gebruiker"
        username, n = base, 1
        while User.objects.filter(username=username).exists():
            n += 1
            username = f"{base}{n}"
        account = User(
            username=username, role=role, person=person, employer=employer, full_name=name
        )
        account.set_unusable_password()
        account.is_active = True
    account.email = email
    account.save()
    if old_email:
        send_mail(
            subject="Uw e-mailadres voor Baanbehoud is gewijzigd",
            message=(
                "Beste meneer, mevrouw,\n\nUw contactpersoon heeft het e-mailadres van uw account "
                "in Baanbehoud gewijzigd. Was dat niet de bedoeling? Neem dan contact op met uw "
                "contactpersoon.\n\nBaanbehoud"
            ),
            from_email=None,
            recipient_list=[old_email],
        )
    send_mail(
        subject="Uitnodiging voor Baanbehoud",
        message=(
            f"Beste {name or 'meneer, mevrouw'},\n\nU bent uitgenodigd voor Baanbehoud. Daar ziet u wie uw "
            f"contactpersoon is en kunt u laten weten hoe het gaat.\n\nKies hier uw wachtwoord (de link werkt "
            f"één keer):\n{invitation_link(account)}\n\nBaanbehoud"
        ),
        from_email=None,
        recipient_list=[email],
    )
    if person is not None:
        log_processing(
            user=user,
            persons=[person],
            action=Action.UPDATE if old_email else Action.CREATE,
            activity=f"Uitnodiging; e-mailadres gewijzigd, reden: {change_reason.strip()}"
            if old_email
            else "Uitnodiging",
            object_type="account werknemer",
        )
    return account


@transaction.atomic
def person_register(
    *,
    user: User,
    bsn: str,
    name: str,
    birth_date: date,
    municipality: Municipality,
    regime: str,
    education: str = Education.UNKNOWN,
    registered_on: date | None = None,
) -> Person:
    """A person entered on a screen (issue 17 §1): the responsible organisation follows from the
    benefit scheme and the municipality (the same rule as the import), and a klantmanager who
    registers someone becomes their vaste contactpersoon."""
    person = Person(
        ref=new_ref("persoon"),
        bsn=bsn,
        name=name,
        birth_date=birth_date,
        municipality=municipality,
        organisation=responsible_organisation(regime, municipality.pk),
        regime=regime,
        education=education,
        registered_on=registered_on,
        contact_person=user if user.role == Role.KLANTMANAGER else None,
    )
    person.full_clean()
    person.save()
    log_record(
        user=user, person=person, action=Action.CREATE, activity=CASE_WORK,
        object_type="persoon", object_id=person.pk,
    )  # fmt: skip
    return person


MSG_WERKFIT_AT_ONCE = (
    "Iemand anders heeft deze werkfit-checklist net opgeslagen. Open de pagina opnieuw en kijk "
    "wat er nu staat."
)


@transaction.atomic
def werkfit_record(
    *,
    user: User,
    person: Person,
    checked_on: date,
    answers: Mapping[int, tuple[str, str]],
) -> int:
    """Issue 20 §5: the region's werkfit checklist judged for a candidate, point by point —
    (answer, note) per point of the region's list; an empty answer takes a judgement back. A
    point judged as before keeps its date; a changed one gets `checked_on`. Returns how many
    points changed. Three writes at most, whatever the list's length."""
    points = {p.pk: p for p in werkfit_points(person)}
    stored = {c.item_id: c for c in WerkfitCheck.objects.filter(person=person)}
    new: list[WerkfitCheck] = []
    changed: list[WerkfitCheck] = []
    gone: list[int] = []
    for item_id, (answer, note) in answers.items():
        if item_id not in points:
            raise ValidationError("Dit punt hoort niet bij de werkfit-checklist van de regio.")
        check = stored.get(item_id)
        if not answer:
            if check is not None:
                gone.append(check.pk)
            continue
        if check is not None and (check.answer, check.note) == (answer, note):
            continue
        record = check or WerkfitCheck(person=person, item=points[item_id])
        record.answer, record.note, record.checked_on, record.by = answer, note, checked_on, user
        record.full_clean(exclude=["person", "item", "by"], validate_constraints=False)
        (changed if check is not None else new).append(record)
    WerkfitCheck.objects.filter(pk__in=gone).delete()
    try:
        with transaction.atomic():
            WerkfitCheck.objects.bulk_create(new)
    except IntegrityError as exc:  # somebody judged the same point at the same moment
        raise ValidationError(MSG_WERKFIT_AT_ONCE) from exc
    WerkfitCheck.objects.bulk_update(changed, ["answer", "note", "checked_on", "by"])
    if new or changed or gone:
        log_record(
            user=user, person=person, action=Action.UPDATE, activity=CASE_WORK,
            object_type="werkfit-checklist", object_id=person.pk,
        )  # fmt: skip
    return len(new) + len(changed) + len(gone)


@transaction.atomic
def pretrajectory_record(
    *,
    user: User,
    person: Person,
    provider: str,
    start: date,
    end: date | None = None,
    goals: str = "",
    outcome: str = Pretrajectory.Outcome.RUNNING,
    outcome_note: str = "",
    pretrajectory: Pretrajectory | None = None,
) -> Pretrajectory:
    """Issue 20 §5: a voortraject before a placement, new or brought up to date."""
    record = pretrajectory or Pretrajectory(person=person, by=user)
    record.provider, record.start, record.end = provider, start, end
    record.goals, record.outcome, record.outcome_note = goals, outcome, outcome_note
    record.full_clean()
    created = record.pk is None
    record.save()
    log_record(
        user=user, person=person, action=Action.CREATE if created else Action.UPDATE,
        activity=CASE_WORK, object_type="voortraject", object_id=record.pk,
    )  # fmt: skip
    return record


@transaction.atomic
def load_capacity_record(
    *,
    user: User,
    person: Person,
    date: date,
    hours_per_week: Decimal,
    course: str = LoadAssessment.Course.STABLE,
    hours_per_day: Decimal | None = None,
    work_pressure: str = "",
    stimuli: str = "",
    physical: str = "",
    next_review: date | None = None,
    notes: str = "",
) -> LoadAssessment:
    """The arbeidsdeskundige's assessment of the load capacity (issue 17 §3, issue 20 §4): a new
    entry in the person's history. When it is the latest, the profile's current capacity (what
    a match is held to) follows it; an older one found later only joins the history. One
    service for the page and the import; the signals of the person's placements follow."""
    assessment = LoadAssessment(
        person=person, date=date, hours_per_week=hours_per_week, hours_per_day=hours_per_day,
        work_pressure=work_pressure, stimuli=stimuli, physical=physical, course=course,
        next_review=next_review, notes=notes, by=user,
    )  # fmt: skip
    assessment.full_clean(validate_constraints=False)
    if LoadAssessment.objects.filter(person=person, date=date).exists():
        raise ValidationError(
            {"date": "Op deze dag is al een beoordeling vastgelegd. Kies een andere datum."}
        )
    assessment.save()
    profile = _locked_profile(person)
    if not LoadAssessment.objects.filter(person=person, date__gt=date).exists():
        for profile_field, assessment_field in PROFILE_FROM_ASSESSMENT:
            setattr(profile, profile_field, getattr(assessment, assessment_field))
        profile.version += 1
        profile.full_clean()
        profile.save()
    log_record(
        user=user, person=person, action=Action.CREATE, activity=CASE_WORK,
        object_type="beoordeling belastbaarheid", object_id=assessment.pk,
    )  # fmt: skip
    return assessment
