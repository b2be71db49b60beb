"""Guidance around a placement: contact moments, evaluations and IOP, jobcoaching, concerns
("trek aan de bel") and provisions (docs/rules.md §3)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from baanbehoud.dates import is_plausible
from baanbehoud.fields import PlausibleDateField, check_happened, recorded_by
from baanbehoud.organisations.scoping import in_region, register_region_scope
from baanbehoud.placements.domain import EMPLOYMENT_KINDS
from baanbehoud.placements.models import (
    EvaluationPartQuerySet,
    Placement,
    PlacementRecordQuerySet,
    TrajectoryPartQuerySet,
)

from . import domain


class ContactMoment(models.Model):
    class Channel(models.TextChoices):
        VISIT = "visit", _("Bezoek op het werk")
        OFFICE = "office", _("Gesprek op kantoor")
        PHONE = "phone", _("Telefoon")
        VIDEO = "video", _("Videobellen")
        EMAIL = "email", _("E-mail")

    placement = models.ForeignKey(
        Placement, verbose_name=_("plaatsing"), on_delete=models.CASCADE, related_name="contacts"
    )
    date = PlausibleDateField(_("datum"))
    with_worker = models.BooleanField(_("met de werknemer"), default=False)
    with_employer = models.BooleanField(_("met de werkgever"), default=False)
    with_jobcoach = models.BooleanField(_("met de jobcoach"), default=False)
    channel = models.CharField(
        _("hoe"), max_length=8, choices=Channel.choices, default=Channel.VISIT
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_moments",
    )
    summary = models.TextField(_("korte samenvatting"), blank=True)
    # Professionals' working notes stay with professionals unless the author shares them.
    shared_with_employer = models.BooleanField(
        _("delen met de werkgever"),
        default=False,
        help_text=_("Alleen aanvinken als de werkgever deze samenvatting mag lezen."),
    )
    follow_up = PlausibleDateField(_("volgend contact"), null=True, blank=True)

    objects = PlacementRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
        ordering = ["placement", "-date"]

    def __str__(self) -> str:
        return f"Contact op {self.date}"

    def with_whom(self) -> str:
        """ "de werknemer en de werkgever": who the contact was with, in words."""
        who = [
            label
            for present, label in (
                (self.with_worker, "de werknemer"),
                (self.with_employer, "de werkgever"),
                (self.with_jobcoach, "de jobcoach"),
            )
            if present
        ]
        return " en ".join([", ".join(who[:-1]), who[-1]] if len(who) > 1 else who)

    def clean(self) -> None:
        check_happened(self, "date")
        if not (self.with_worker or self.with_employer or self.with_jobcoach):
            raise ValidationError(
                {"with_worker": "Kies met wie het contact was: werknemer, werkgever of jobcoach."}
            )
        if self.follow_up and self.date and self.follow_up < self.date:
            raise ValidationError(
                {"follow_up": "Het volgende contact ligt vóór de datum van dit contact."}
            )


class Evaluation(models.Model):
    class Kind(models.TextChoices):
        EVALUATION = "evaluation", _("Evaluatie")
        IOP = "iop", _("Individueel ontwikkelplan (IOP)")

    placement = models.ForeignKey(
        Placement,
        verbose_name=_("plaatsing"),
        on_delete=models.CASCADE,
        related_name="evaluations",
    )
    date = PlausibleDateField(_("datum"))
    kind = models.CharField(
        _("soort"), max_length=12, choices=Kind.choices, default=Kind.EVALUATION
    )
    agreements = models.TextField(_("gemaakte afspraken"), blank=True)

    objects = PlacementRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        ordering = ["placement", "date"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} op {self.date}"

    def clean(self) -> None:
        check_happened(self, "date")


class EvaluationResponse(models.Model):
    """One respondent's answers; worker and supervisor fill in the same form separately."""

    class Respondent(models.TextChoices):
        WORKER = "worker", _("Werknemer")
        SUPERVISOR = "supervisor", _("Leidinggevende")

    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluatie"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    respondent = models.CharField(_("ingevuld door"), max_length=12, choices=Respondent.choices)
    answers = models.JSONField(_("antwoorden"), default=dict)
    remarks = models.TextField(_("opmerkingen"), blank=True)
    submitted_at = models.DateTimeField(_("ingevuld op"), null=True, blank=True)

    objects = EvaluationPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("ingevuld formulier")
        verbose_name_plural = _("ingevulde formulieren")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "respondent"], name="one_response_per_respondent"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_respondent_display()}: {self.evaluation}"

    def clean(self) -> None:
        known = {code for code, _text in domain.EVALUATION_ITEMS}
        if not isinstance(self.answers, dict):
            raise ValidationError({"answers": "De antwoorden zijn geen lijst van vragen."})
        for code, score in self.answers.items():
            if code not in known:
                raise ValidationError({"answers": f"Onbekende vraag: {code}."})
            if score not in domain.EVALUATION_SCALE:
                raise ValidationError(
                    {"answers": f"Het antwoord op '{code}' moet 1, 2, 3 of 4 zijn."}
                )


class JobcoachIntensity(models.Model):
    """UWV distinguishes four intensities (report §2.3.1); the names are configuration."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("intensiteit jobcoaching")
        verbose_name_plural = _("intensiteiten jobcoaching")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class JobcoachTrajectory(models.Model):
    ref = models.CharField(_("referentie"), max_length=64, unique=True)
    placement = models.ForeignKey(
        Placement,
        verbose_name=_("plaatsing"),
        on_delete=models.CASCADE,
        related_name="jobcoaching",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("jobcoachorganisatie"),
        on_delete=models.PROTECT,
        related_name="jobcoach_trajectories",
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("jobcoach"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trajectories",
    )
    intensity = models.ForeignKey(
        JobcoachIntensity,
        verbose_name=_("intensiteit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    start = PlausibleDateField(_("begindatum"))
    end = PlausibleDateField(_("einddatum"), null=True, blank=True)
    # Empty: the executing organisation's setting (Instellingen werklijst) applies (issue 13 §6).
    yearly_budget_hours = models.DecimalField(
        _("budget (uur per jaar)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Leeg laten: het budget van de organisatie geldt."),
    )
    exception_reason = models.TextField(
        _("reden voor uitzondering"),
        blank=True,
        help_text=_("Alleen invullen als meer dan 52 uur per jaar of langer dan 2 jaar nodig is."),
    )
    report_cadence_months = models.PositiveSmallIntegerField(
        _("rapportage elke … maanden"),
        null=True,
        blank=True,
        help_text=_("Leeg laten: de afspraak van de organisatie geldt."),
    )

    objects = PlacementRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("jobcoachtraject")
        verbose_name_plural = _("jobcoachtrajecten")
        ordering = ["placement", "start"]

    def __str__(self) -> str:
        return f"Jobcoaching {self.placement} vanaf {self.start}"

    def _organisation_settings(self) -> Any:
        return organisation_settings(self.placement.person.organisation_id)

    def budget_hours(self, settings: Any = None) -> Decimal:
        """This trajectory's yearly budget: its own when set, else the organisation's (read
        here, or given: a list reads them once, `organisation_settings_for`)."""
        if self.yearly_budget_hours is not None:
            return Decimal(self.yearly_budget_hours)
        return Decimal((settings or self._organisation_settings()).jobcoach_budget_hours)

    def report_cadence(self, settings: Any = None) -> int:
        if self.report_cadence_months is not None:
            return int(self.report_cadence_months)
        return int((settings or self._organisation_settings()).jobcoach_report_cadence_months)

    @property
    def has_exception(self) -> bool:
        return bool(self.exception_reason.strip())

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not (is_plausible(self.start) and is_plausible(self.end)):
            return
        if self.start and self.end and self.end < self.start:
            errors["end"] = "De einddatum ligt vóór de begindatum."
        elif self.start:
            duration = domain.jobcoaching_duration_problem(
                self.start, self.end, has_exception=self.has_exception
            )
            if duration:
                errors["end"] = duration
        if self.start and self.placement_id:
            errors.update(self._hours_error())
        if errors:
            raise ValidationError(errors)

    def _hours_error(self) -> dict[str, str]:
        contracts = self.placement.contracts.filter(kind__in=[k.value for k in EMPLOYMENT_KINDS])
        hours = [
            c.hours_per_week
            for c in contracts
            if (self.end is None or c.start <= self.end) and (c.end is None or self.start <= c.end)
        ]
        problem = domain.jobcoaching_hours_problem(hours)
        return {"placement": problem} if problem else {}


class JobcoachHours(models.Model):
    trajectory = models.ForeignKey(
        JobcoachTrajectory,
        verbose_name=_("jobcoachtraject"),
        on_delete=models.CASCADE,
        related_name="hours",
    )
    month = PlausibleDateField(_("maand"), help_text=_("De eerste dag van de maand."))
    hours = models.DecimalField(
        _("uren"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)]
    )

    objects = TrajectoryPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("jobcoachuren")
        verbose_name_plural = _("jobcoachuren")
        ordering = ["trajectory", "month"]
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "month"], name="one_entry_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.hours} uur in {self.month:%m-%Y}"

    def clean(self) -> None:
        if self.month is None or self.hours is None or self.trajectory_id is None:
            return
        if not is_plausible(self.month):
            return
        if self.month.day != 1:
            self.month = date(self.month.year, self.month.month, 1)
        others = [
            domain.HoursEntry(h.month, h.hours)
            for h in JobcoachHours.objects.filter(trajectory_id=self.trajectory_id).exclude(
                pk=self.pk
            )
        ]
        problem = domain.jobcoaching_budget_problem(
            others,
            domain.HoursEntry(self.month, Decimal(self.hours)),
            has_exception=self.trajectory.has_exception,
            budget=self.trajectory.budget_hours(),
        )
        if problem:
            raise ValidationError({"hours": problem})


class JobcoachReport(models.Model):
    trajectory = models.ForeignKey(
        JobcoachTrajectory,
        verbose_name=_("jobcoachtraject"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    date = PlausibleDateField(_("datum"))
    how_it_goes = models.TextField(_("hoe gaat het"), blank=True)
    what_changed = models.TextField(_("wat is er veranderd"), blank=True)
    risk = models.BooleanField(_("er is een risico voor de baan"), default=False)
    advice = models.TextField(_("advies"), blank=True)

    objects = TrajectoryPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("jobcoachrapportage")
        verbose_name_plural = _("jobcoachrapportages")
        ordering = ["trajectory", "-date"]

    def __str__(self) -> str:
        return f"Rapportage {self.date}"

    def clean(self) -> None:
        # A report dated next February would silence the overdue signal until then.
        check_happened(self, "date")


class Concern(models.Model):
    """ "Trek aan de bel": a worker, employer or jobcoach raises a concern (Summary §5)."""

    class RaisedBy(models.TextChoices):
        WORKER = "worker", _("Werknemer")
        EMPLOYER = "employer", _("Werkgever")
        JOBCOACH = "jobcoach", _("Jobcoach")
        PROFESSIONAL = "professional", _("Professional")

    class Kind(models.TextChoices):
        CHANGE_AT_WORK = "change_at_work", _("Er is iets veranderd op het werk")
        HEALTH = "health", _("Mijn gezondheid")
        PRIVATE = "private", _("Thuis of privé")
        NOT_GOING_WELL = "not_going_well", _("Het gaat niet goed")
        OTHER = "other", _("Iets anders")

    placement = models.ForeignKey(
        Placement, verbose_name=_("plaatsing"), on_delete=models.CASCADE, related_name="concerns"
    )
    date = PlausibleDateField(_("datum"))
    raised_by = models.CharField(_("gemeld door"), max_length=12, choices=RaisedBy.choices)
    kind = models.CharField(_("wat is er"), max_length=16, choices=Kind.choices)
    text = models.TextField(_("toelichting"), blank=True)
    shared_with_employer = models.BooleanField(
        _("de werkgever mag dit zien"),
        default=False,
        help_text=_(
            "Een zorgsignaal is alleen voor de contactpersoon, tenzij de melder het deelt."
        ),
    )
    handled = PlausibleDateField(_("opgepakt op"), null=True, blank=True)
    handling_note = models.TextField(_("wat is er gedaan"), blank=True)

    objects = PlacementRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("zorgsignaal")
        verbose_name_plural = _("zorgsignalen")
        ordering = ["placement", "-date"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.date})"

    def clean(self) -> None:
        check_happened(self, "date", "handled")
        if self.handled and self.date and self.handled < self.date:
            raise ValidationError({"handled": "Opgepakt vóór de datum van de melding kan niet."})


class ConcernPartQuerySet(PlacementRecordQuerySet["Referral"]):
    """Records of a concern (its referral): the concern's placement decides."""

    placement_path = "concern__placement"


class Referral(models.Model):
    """A private concern referred to the municipality's buurtteam or wijkteam (issue 20 §6),
    with the team's feedback when it comes."""

    concern = models.OneToOneField(
        Concern,
        verbose_name=_("zorgsignaal"),
        on_delete=models.CASCADE,
        related_name="referral",
    )
    referred_on = PlausibleDateField(_("doorverwezen op"))
    team = models.CharField(_("naar"), max_length=200)
    note = models.TextField(
        _("wat is er gevraagd"),
        blank=True,
        help_text=_("Met toestemming van de werknemer. Alleen wat het buurtteam moet weten."),
    )
    feedback_on = PlausibleDateField(_("terugkoppeling op"), null=True, blank=True)
    feedback = models.TextField(_("terugkoppeling van het buurtteam"), blank=True)
    by = recorded_by(_("door"))

    objects = ConcernPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("doorverwijzing naar het buurtteam")
        verbose_name_plural = _("doorverwijzingen naar het buurtteam")

    def __str__(self) -> str:
        return f"{self.team} ({self.referred_on})"

    def clean(self) -> None:
        check_happened(self, "referred_on", "feedback_on")
        concern = self.concern if self.concern_id is not None else None
        problems = domain.referral_problems(
            concern.kind if concern is not None else domain.PRIVATE,
            concern.date if concern is not None else None,
            self.referred_on,
            self.feedback_on,
            self.feedback,
        )
        if problems:
            raise ValidationError(problems)


class Provision(models.Model):
    """A workplace provision or aid; the report has waits of 10 and 17 weeks (§3.2.4)."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Aangevraagd")
        GRANTED = "granted", _("Toegekend")
        REFUSED = "refused", _("Afgewezen")
        WITHDRAWN = "withdrawn", _("Ingetrokken")

    placement = models.ForeignKey(
        Placement,
        verbose_name=_("plaatsing"),
        on_delete=models.CASCADE,
        related_name="provisions",
    )
    kind = models.CharField(_("soort voorziening"), max_length=100)
    description = models.TextField(_("omschrijving"), blank=True)
    requested = PlausibleDateField(_("aangevraagd op"))
    granted = PlausibleDateField(_("toegekend op"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )

    objects = PlacementRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("voorziening")
        verbose_name_plural = _("voorzieningen")
        ordering = ["placement", "requested"]

    def __str__(self) -> str:
        return self.kind

    def clean(self) -> None:
        check_happened(self, "requested", "granted")
        if self.granted and self.requested and self.granted < self.requested:
            raise ValidationError({"granted": "Toegekend vóór de aanvraag kan niet."})

    def waiting_days(self, today: date) -> int:
        return ((self.granted or today) - self.requested).days


class SickReport(models.Model):
    """A sick report (issue 20 §1): the worker, the employer or a contact person records it; the
    contact person hears at once, sees who acts and checks the Poortwachter steps with the
    employer (signals SICK_REPORTED and POORTWACHTER_CHECK); recovery closes it."""

    class ReportedBy(models.TextChoices):
        WORKER = "worker", _("Werknemer")
        EMPLOYER = "employer", _("Werkgever")
        JOBCOACH = "jobcoach", _("Jobcoach")
        PROFESSIONAL = "professional", _("Contactpersoon")

    placement = models.ForeignKey(
        Placement,
        verbose_name=_("plaatsing"),
        on_delete=models.CASCADE,
        related_name="sick_reports",
    )
    first_day = PlausibleDateField(_("eerste ziektedag"))
    expected_return = PlausibleDateField(
        _("verwacht weer aan het werk op"),
        null=True,
        blank=True,
        help_text=_("Laat leeg als dat nog niet bekend is."),
    )
    works_partly = models.BooleanField(
        _("werkt nog een deel van de uren"),
        default=False,
        help_text=_("Bijvoorbeeld halve dagen, of ander werk dat wel gaat."),
    )
    note = models.TextField(
        _("toelichting"),
        blank=True,
        help_text=_("Geen medische gegevens: die horen bij de bedrijfsarts."),
    )
    reported_by = models.CharField(_("gemeld door"), max_length=12, choices=ReportedBy.choices)
    recovered_on = PlausibleDateField(
        _("weer aan het werk op"),
        null=True,
        blank=True,
        help_text=_("De eerste dag dat de werknemer weer helemaal werkt."),
    )
    recorded_by = recorded_by(_("vastgelegd door"))

    objects = PlacementRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("ziekmelding")
        verbose_name_plural = _("ziekmeldingen")
        ordering = ["placement", "-first_day"]
        constraints = [
            # At most one sick report open per placement: two people reporting the same
            # sickness at once make one report (the second is told there is one).
            models.UniqueConstraint(
                fields=["placement"],
                condition=models.Q(recovered_on__isnull=True),
                name="one_open_sick_report",
            )
        ]

    def __str__(self) -> str:
        return f"ziek sinds {self.first_day}"

    def clean(self) -> None:
        check_happened(self, "first_day", "recovered_on")
        others = (
            SickReport.objects.filter(placement_id=self.placement_id)
            .exclude(pk=self.pk)
            .values_list("first_day", "recovered_on")
            if self.placement_id is not None
            else []
        )
        problems = domain.sick_report_problems(
            self.first_day, self.expected_return, self.recovered_on, others
        )
        if problems:
            raise ValidationError(problems)

    def milestones(self) -> list[domain.MilestoneDate]:
        return domain.poortwachter_dates(self.first_day)


def organisation_settings_for(organisation_ids: Iterable[int]) -> dict[int, Any]:
    """`organisation_settings` of many organisations in one query (a list of trajectories)."""
    settings_model = apps.get_model("signals", "SignalSettings")
    ids = set(organisation_ids)
    found = {s.organisation_id: s for s in settings_model.objects.filter(organisation_id__in=ids)}
    return {i: found.get(i) or settings_model() for i in ids}


def organisation_settings(organisation_id: int) -> Any:
    """The executing organisation's worklist settings (defaults when none are saved). They live
    in the signals app, which reads this one: looked up by name, not imported, so the arrows
    keep pointing one way."""
    settings_model = apps.get_model("signals", "SignalSettings")
    found = settings_model.objects.filter(organisation_id=organisation_id).first()
    return found if found is not None else settings_model()


register_region_scope(
    JobcoachTrajectory,
    lambda user: in_region(
        JobcoachTrajectory.objects.all(), "placement__person__organisation__region_id", user
    ),
)
register_region_scope(
    SickReport,
    lambda user: in_region(
        SickReport.objects.all(), "placement__person__organisation__region_id", user
    ),
)
