"""Persons in UWV's doelgroepregister and their candidate profile (docs/rules.md §3, Bijlage 4)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from baanbehoud.core.choices import SECTOR_LABELS, Level, TeamOrAlone
from baanbehoud.fields import PlausibleDateField, check_happened, recorded_by, validate_task_kinds
from baanbehoud.organisations.models import Organisation, OrganisationKind, Role
from baanbehoud.organisations.scoping import in_region, register_region_scope
from baanbehoud.work_kinds import TASK_LABELS

from . import domain
from .validators import validate_bsn

if TYPE_CHECKING:
    from baanbehoud.organisations.models import User


class BenefitScheme(models.TextChoices):
    """The benefit scheme a person's work falls under, which decides the responsible
    organisation (UWV or the municipality). Stored in the field `regime`, as the exchange format
    names it; the labour-law regime of a contract chain is `placements.chain.LabourLawRegime`."""

    WAJONG = "wajong", _("Wajong (UWV)")
    PARTICIPATIEWET = "participatiewet", _("Participatiewet (gemeente)")
    OTHER = "other", _("Anders")


class Education(models.TextChoices):
    BASISSCHOOL = "basisschool", _("Basisschool")
    VSO = "vso", _("Voortgezet speciaal onderwijs")
    PRAKTIJKONDERWIJS = "praktijkonderwijs", _("Praktijkonderwijs")
    VMBO = "vmbo", _("vmbo")
    MBO1 = "mbo1", _("mbo 1")
    MBO2 = "mbo2", _("mbo 2")
    MBO3 = "mbo3", _("mbo 3")
    MBO4 = "mbo4", _("mbo 4")
    HAVO = "havo", _("havo")
    VWO = "vwo", _("vwo")
    HBO = "hbo", _("hbo")
    WO = "wo", _("wo")
    UNKNOWN = "unknown", _("Onbekend")


class DisabilityCategory(models.TextChoices):
    """Coarse only: health data is special-category data (AVG art. 9), record the minimum."""

    PHYSICAL = "physical", _("Lichamelijk")
    PSYCHOLOGICAL = "psychological", _("Psychisch")
    INTELLECTUAL = "intellectual", _("Verstandelijk")
    SENSORY = "sensory", _("Zintuiglijk")
    MULTIPLE = "multiple", _("Meervoudig")
    UNKNOWN = "unknown", _("Niet vastgelegd")


def visibility(user: User, path: str = "") -> Q | None:
    """Which persons an active, logged-in user who is not a superuser may see, as a condition on
    the person at `path` (`"person__"` from a placement) — for the roles where that is a plain
    condition; None for the others (employer, jobcoach, accountmanager: through placements).
    Part of `PersonQuerySet.visible_to`, the one place that decides it. A placement's query puts
    the condition on its own person (no subquery of persons); with the signals read from the
    placements themselves (`signals.selectors._stored`) PostgreSQL plans the worklist's query in
    half the time and reads a team's signals a third faster."""
    role = user.role
    if role == Role.WERKNEMER:
        if not user.person_id:  # (no one)
            return Q(**{f"{path}pk__in": []})
        return Q(**{f"{path}pk": user.person_id})
    if role == Role.ARBEIDSDESKUNDIGE and user.organisation is not None:
        return Q(**{f"{path}organisation__region_id": user.organisation.region_id})
    if role == Role.KLANTMANAGER and user.organisation_id:
        return Q(**{f"{path}organisation_id": user.organisation_id}) | Q(
            **{f"{path}contact_person": user}
        )
    return None


class PersonQuerySet(models.QuerySet["Person"]):
    def visible_to(self, user: User) -> PersonQuerySet:
        """The one place that decides which persons a user may see (docs/rules.md §2)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        found = visibility(user)
        if found is not None:
            return self.filter(found)
        role = user.role
        if role == Role.WERKGEVER:
            # Through the placements the employer may see: current employees only. (The
            # placements app sits above this one: looked up by name, not imported.)
            placements = apps.get_model("placements", "Placement").objects.visible_to(user)
            return self.filter(pk__in=placements.values("person_id"))
        if role == Role.JOBCOACH:
            return self.filter(Q(jobcoach=user) | Q(placements__jobcoaching__coach=user)).distinct()
        if role == Role.ACCOUNTMANAGER and user.organisation_id:
            return self.filter(
                Q(organisation_id=user.organisation_id)
                | Q(placements__employer__account_manager__organisation_id=user.organisation_id)
            ).distinct()
        return self.none()

    def administrable_by(self, user: User) -> PersonQuerySet:
        """Persons whose data-subject requests (AVG) and processing log a functional
        administrator handles: those of their region."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        if user.role == Role.BEHEERDER and user.organisation is not None:
            return self.filter(organisation__region_id=user.organisation.region_id)
        return self.none()


class Person(models.Model):
    ref = models.CharField(_("referentie"), max_length=64, unique=True)
    # Empty (NULL) only once the person is anonymised (AVG erasure or the retention period).
    bsn = models.CharField(  # noqa: DJ001  (NULL, not "", so that many may be empty)
        _("BSN"), max_length=9, unique=True, null=True, validators=[validate_bsn]
    )
    name = models.CharField(_("naam"), max_length=200)
    birth_date = PlausibleDateField(_("geboortedatum"))
    municipality = models.ForeignKey(
        "organisations.Municipality", verbose_name=_("gemeente"), on_delete=models.PROTECT
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("uitvoeringsorganisatie"),
        on_delete=models.PROTECT,
        related_name="persons",
        help_text=_("Wajong: UWV. Participatiewet: de organisatie van de gemeente."),
    )
    regime = models.CharField(_("regeling"), max_length=20, choices=BenefitScheme.choices)
    education = models.CharField(
        _("opleiding"), max_length=20, choices=Education.choices, default=Education.UNKNOWN
    )
    registered_on = PlausibleDateField(_("in het doelgroepregister sinds"), null=True, blank=True)
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vaste contactpersoon"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_for_persons",
    )
    jobcoach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("jobcoach"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coached_persons",
    )
    disability_category = models.CharField(
        _("soort beperking"),
        max_length=20,
        choices=DisabilityCategory.choices,
        default=DisabilityCategory.UNKNOWN,
    )
    needs = models.TextField(_("wat nodig is om goed te werken"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=32, blank=True)
    anonymised_on = models.DateField(_("geanonimiseerd op"), null=True, blank=True, editable=False)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        check_happened(self, "birth_date", "registered_on")  # born and registered: in the past


def responsible_organisation(regime: str, municipality_id: int) -> Organisation | None:
    """Wajong is UWV's (cases before 2015); everything else the municipality's (docs/rules.md §1)."""
    from baanbehoud.organisations.models import Municipality

    municipality = Municipality.objects.select_related("organisation").get(pk=municipality_id)
    uwv = (
        Organisation.objects.filter(kind=OrganisationKind.UWV, region_id=municipality.region_id)
        .order_by("pk")
        .first()
        if regime == BenefitScheme.WAJONG
        else None
    )
    return domain.responsible(regime, municipality.organisation, uwv)


class PersonRecordQuerySet(models.QuerySet[Any]):
    """Records about a person (profile, handovers): visible exactly when the person is. What an
    employer may read of the profile (only with consent) is decided on top of this."""

    def visible_to(self, user: User) -> Any:
        return self.filter(person__in=Person.objects.visible_to(user))


def validate_sectors(value: Any) -> None:
    if not isinstance(value, list) or any(v not in SECTOR_LABELS for v in value):
        choices = ", ".join(f"{label} ({code})" for code, label in SECTOR_LABELS.items())
        raise ValidationError(f"Kies sectoren uit de lijst: {choices}.", code="sector")


# What a person can handle at most, one level each: the profile's current values and each
# assessment's (the profile follows the latest assessment: PROFILE_FROM_ASSESSMENT).
WORK_PRESSURE = _("kan werkdruk aan, tot")
STIMULI = _("kan prikkels aan, tot")
PHYSICAL = _("kan lichamelijk zwaar werk aan, tot")


def capacity_level(label: Any) -> models.CharField[str, str]:
    return models.CharField(label, max_length=8, choices=Level.choices, blank=True)


class FilledBy(models.TextChoices):
    CANDIDATE = "candidate", _("De kandidaat zelf")
    PROFESSIONAL = "professional", _("De professional")


class CandidateProfile(models.Model):
    """Bijlage 4: the Universiteit Utrecht application form. The employer sees it only with
    the candidate's recorded consent."""

    person = models.OneToOneField(
        Person, verbose_name=_("persoon"), on_delete=models.CASCADE, related_name="profile"
    )
    # Optimistic locking (issue 13 §7): a save made from an older copy of the form is refused.
    version = models.PositiveIntegerField(_("versie"), default=0, editable=False)
    motivation = models.TextField(_("motivatie"), blank=True)
    qualities = models.TextField(_("kwaliteiten"), blank=True)
    pitfalls = models.TextField(_("valkuilen"), blank=True)
    needs_work = models.TextField(
        _("wat ik nodig heb: het werk"),
        blank=True,
        help_text=_("Bijvoorbeeld: uren langzaam opbouwen, een vast takenpakket."),
    )
    needs_physical = models.TextField(
        _("wat ik nodig heb: de werkplek"),
        blank=True,
        help_text=_("Bijvoorbeeld: een rustige plek met weinig prikkels."),
    )
    needs_social = models.TextField(
        _("wat ik nodig heb: de mensen om mij heen"),
        blank=True,
        help_text=_("Bijvoorbeeld: in een team of juist alleen werken."),
    )
    needs_guidance = models.TextField(
        _("wat ik nodig heb: begeleiding op het werk"),
        blank=True,
        help_text=_("Bijvoorbeeld: een vast aanspreekpunt, elke week even evalueren, structuur."),
    )
    needs_provisions = models.TextField(
        _("wat ik nodig heb: voorzieningen"),
        blank=True,
        help_text=_("Bijvoorbeeld: vergrotingssoftware, een aangepaste stoel."),
    )
    availability = models.CharField(_("beschikbaar (dagen en uren)"), max_length=200, blank=True)
    transport = models.CharField(_("vervoer"), max_length=200, blank=True)
    wants_jobcoach = models.BooleanField(_("wil een jobcoach"), null=True, blank=True)
    jobcoach_at_interview = models.BooleanField(
        _("jobcoach mag mee naar het sollicitatiegesprek"), default=False
    )
    load_hours_per_week = models.DecimalField(
        _("belastbaarheid (uur per week)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    load_notes = models.TextField(_("belastbaarheid: toelichting"), blank=True)
    # What the person can handle at most, and needs: the items a match is scored on.
    load_work_pressure = capacity_level(WORK_PRESSURE)
    load_stimuli = capacity_level(STIMULI)
    load_physical = capacity_level(PHYSICAL)
    prefers_team_or_alone = models.CharField(
        _("werkt het liefst"), max_length=8, choices=TeamOrAlone.choices, blank=True
    )
    guidance_need = models.CharField(
        _("begeleiding op het werk nodig"), max_length=8, choices=Level.choices, blank=True
    )
    sector_wishes = models.JSONField(
        _("wil werken in de sector"), default=list, blank=True, validators=[validate_sectors]
    )
    tasks_good = models.JSONField(
        _("werk dat goed past (kwaliteiten)"),
        default=list,
        blank=True,
        validators=[validate_task_kinds],
    )
    tasks_avoid = models.JSONField(
        _("werk dat niet gaat (beperkingen)"),
        default=list,
        blank=True,
        validators=[validate_task_kinds],
    )
    filled_by = models.CharField(
        _("ingevuld door"), max_length=16, choices=FilledBy.choices, default=FilledBy.PROFESSIONAL
    )
    employer_consent_on = PlausibleDateField(
        _("toestemming om te delen met werkgever op"), null=True, blank=True
    )

    objects = PersonRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("kandidaatprofiel")
        verbose_name_plural = _("kandidaatprofielen")

    def __str__(self) -> str:
        return f"Profiel van {self.person}"

    def clean(self) -> None:
        good, avoid = self.tasks_good, self.tasks_avoid
        if not isinstance(good, list) or not isinstance(avoid, list):
            return  # the fields' own rule says what is wrong
        both = [label.lower() for k, label in TASK_LABELS.items() if k in good and k in avoid]
        if both:
            raise ValidationError(
                {
                    "tasks_avoid": "Dit werk staat ook bij werk dat goed past: "
                    f"{', '.join(both)}. Kies één van de twee."
                }
            )


# The profile's current load capacity is the latest assessment's (persons/services.py and the
# import): profile field ← assessment field.
PROFILE_FROM_ASSESSMENT = (
    ("load_hours_per_week", "hours_per_week"),
    ("load_notes", "notes"),
    ("load_work_pressure", "work_pressure"),
    ("load_stimuli", "stimuli"),
    ("load_physical", "physical"),
)


class LoadAssessment(models.Model):
    """One assessment of the load capacity by the arbeidsdeskundige (issue 20 §4): kept as a
    history, because it fluctuates or declines (report §3.2.3). The latest (by date) is what the
    profile shows as the current capacity and what a match, a contract and the hours build-up
    are held to; a progressive course, or a review date, puts a review on the worklist."""

    class Course(models.TextChoices):
        STABLE = domain.STABLE, _("Stabiel")
        FLUCTUATING = domain.FLUCTUATING, _("Wisselend")
        PROGRESSIVE = domain.PROGRESSIVE, _("Gaat achteruit")

    person = models.ForeignKey(
        Person, verbose_name=_("persoon"), on_delete=models.CASCADE, related_name="load_assessments"
    )
    date = PlausibleDateField(_("datum van de beoordeling"))
    hours_per_week = models.DecimalField(
        _("uren per week"),
        max_digits=3,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("60"))],
    )
    hours_per_day = models.DecimalField(
        _("uren per dag"),
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("24"))],
    )
    work_pressure = capacity_level(WORK_PRESSURE)
    stimuli = capacity_level(STIMULI)
    physical = capacity_level(PHYSICAL)
    course = models.CharField(
        _("verwacht verloop"), max_length=12, choices=Course.choices, default=Course.STABLE
    )
    next_review = PlausibleDateField(_("opnieuw beoordelen op"), null=True, blank=True)
    notes = models.TextField(_("wat kan de persoon aan, en wat niet?"), blank=True)
    by = recorded_by(_("beoordeeld door"))

    objects = PersonRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("beoordeling belastbaarheid")
        verbose_name_plural = _("beoordelingen belastbaarheid")
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "date"], name="one_assessment_a_day")
        ]

    def __str__(self) -> str:
        return f"Belastbaarheid {self.date}"

    def clean(self) -> None:
        check_happened(self, "date")
        problems = domain.assessment_problems(
            self.date, self.hours_per_week, self.hours_per_day, self.next_review
        )
        if problems:
            raise ValidationError(problems)


class Pretrajectory(models.Model):
    """A voortraject before a placement (issue 20 §5): who offered it, when, its goals and how
    it ended — werkfit or not."""

    class Outcome(models.TextChoices):
        RUNNING = domain.PRETRAJECTORY_RUNNING, _("Loopt nog")
        WORK_READY = "work_ready", _("Afgerond: klaar voor werk (werkfit)")
        NOT_READY = "not_ready", _("Afgerond: nog niet klaar voor werk")
        STOPPED = "stopped", _("Gestopt")

    person = models.ForeignKey(
        Person, verbose_name=_("persoon"), on_delete=models.CASCADE, related_name="pretrajectories"
    )
    provider = models.CharField(_("aanbieder of voortraject"), max_length=200)
    start = PlausibleDateField(_("begonnen op"))
    end = PlausibleDateField(_("gestopt op"), null=True, blank=True)
    goals = models.TextField(_("doelen"), blank=True)
    outcome = models.CharField(
        _("uitkomst"), max_length=12, choices=Outcome.choices, default=Outcome.RUNNING
    )
    outcome_note = models.TextField(_("toelichting op de uitkomst"), blank=True)
    by = recorded_by(_("vastgelegd door"))

    objects = PersonRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("voortraject")
        verbose_name_plural = _("voortrajecten")
        ordering = ["-start", "-pk"]

    def __str__(self) -> str:
        return f"{self.provider} ({self.start})"

    def clean(self) -> None:
        check_happened(self, "start", "end")
        problems = domain.pretrajectory_problems(self.start, self.end, self.outcome)
        if problems:
            raise ValidationError(problems)


class WerkfitCheck(models.Model):
    """A point of the region's werkfit checklist judged for a candidate (issue 20 §5): "yes"
    or "not yet", when, and a note. One per person and point: judging it again replaces it."""

    class Answer(models.TextChoices):
        YES = domain.WERKFIT_YES, _("Ja")
        NOT_YET = domain.WERKFIT_NOT_YET, _("Nog niet")

    person = models.ForeignKey(
        Person, verbose_name=_("persoon"), on_delete=models.CASCADE, related_name="werkfit_checks"
    )
    item = models.ForeignKey(
        "organisations.WerkfitItem",
        verbose_name=_("punt"),
        on_delete=models.CASCADE,
        related_name="checks",
    )
    answer = models.CharField(_("lukt het"), max_length=8, choices=Answer.choices)
    checked_on = PlausibleDateField(_("beoordeeld op"))
    note = models.TextField(_("toelichting"), blank=True)
    by = recorded_by(_("beoordeeld door"))

    objects = PersonRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("werkfit-punt van een kandidaat")
        verbose_name_plural = _("werkfit-checklists")
        ordering = ["person", "item__order", "item__pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "item"],
                name="one_werkfit_check_per_point",
                violation_error_message=_("Dit punt is voor deze persoon al beoordeeld."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.get_answer_display()}"

    def clean(self) -> None:
        check_happened(self, "checked_on")


class Handover(models.Model):
    """A change of vaste contactpersoon, with a note for the new one."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="handovers")
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("van"),
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("naar"),
    )
    date = models.DateField(_("datum"))
    note = models.TextField(_("overdrachtsnotitie"), blank=True)

    objects = PersonRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("overdracht")
        verbose_name_plural = _("overdrachten")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"Overdracht {self.person} ({self.date})"


register_region_scope(
    Person, lambda user: in_region(Person.objects.all(), "organisation__region_id", user)
)
