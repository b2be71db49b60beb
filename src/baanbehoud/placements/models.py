"""Placements, their contract periods, hours build-up and endings (docs/rules.md §3-§4, §7)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Self, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from baanbehoud.dates import ending_date_problem, is_plausible
from baanbehoud.fields import PlausibleDateField, check_happened, recorded_by
from baanbehoud.organisations.models import Role
from baanbehoud.organisations.scoping import in_region, register_region_scope
from baanbehoud.persons.models import BenefitScheme, Person, visibility

from . import domain
from .chain import ChainContract

if TYPE_CHECKING:
    from baanbehoud.organisations.models import User


class Route(models.TextChoices):
    WSP = "wsp", _("Via het Werkgeversservicepunt")
    SELF = "self", _("Zelf gevonden")
    REINTEGRATION = "reintegration", _("Via een re-integratiebedrijf")
    AGENCY = "agency", _("Via een uitzendbureau")
    OTHER = "other", _("Anders")


class PlacementQuerySet(models.QuerySet["Placement"]):
    def visible_to(self, user: User) -> PlacementQuerySet:
        """Placements a user may see. An employer sees only placements at their own company,
        a jobcoach only the ones they coach (docs/rules.md §2)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        if user.role == Role.WERKGEVER:
            # Current employees only (issue 12 §2): a former employee's file is not the
            # employer's business any more.
            if not user.employer_id:
                return self.none()
            return self.filter(employer_id=user.employer_id).current(timezone.localdate())
        if user.role == Role.JOBCOACH:
            return self.filter(jobcoaching__coach=user).distinct()
        if user.role == Role.WERKNEMER:
            return self.filter(person_id=user.person_id) if user.person_id else self.none()
        found = visibility(user, "person__")
        if found is not None:
            return self.filter(found)
        return self.filter(person__in=Person.objects.visible_to(user))

    def current(self, on: date) -> PlacementQuerySet:
        """Running on `on`: no ending recorded before it, and a contract that has not ended
        (or one still to start)."""
        open_contract = ContractPeriod.objects.filter(placement=OuterRef("pk")).filter(
            Q(end__isnull=True) | Q(end__gte=on)
        )
        # As NOT EXISTS, not as the empty side of an outer join: PostgreSQL reckons the latter
        # one placement in the register, and plans the candidates of a vacancy (every running
        # placement of the region) as if there were none.
        ended_before = Ending.objects.filter(placement=OuterRef("pk"), date__lt=on)
        return self.filter(~Exists(ended_before)).filter(Exists(open_contract))

    def manageable_by(self, user: User) -> PlacementQuerySet:
        """Placements whose records the user may change: the contact persons' roles."""
        if user.is_authenticated and user.is_active and user.is_superuser:
            return self.all()
        if user.is_authenticated and user.role in (Role.KLANTMANAGER, Role.ACCOUNTMANAGER):
            return self.visible_to(user)
        return self.none()


class Placement(models.Model):
    ref = models.CharField(_("referentie"), max_length=64, unique=True)
    person = models.ForeignKey(
        Person, verbose_name=_("persoon"), on_delete=models.PROTECT, related_name="placements"
    )
    employer = models.ForeignKey(
        "employers.Employer",
        verbose_name=_("werkgever"),
        on_delete=models.PROTECT,
        related_name="placements",
    )
    vacancy = models.ForeignKey(
        "employers.Vacancy",
        verbose_name=_("vacature"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placements",
    )
    function = models.CharField(_("functie"), max_length=200)
    route = models.CharField(_("route"), max_length=16, choices=Route.choices)
    # Issue 20 §7 (Summary §4): for a job the person found without a jobcoach, the day the
    # contact person discussed with the employer what jobcoaching and the no-risk polis offer.
    offer_discussed_on = PlausibleDateField(
        _("aanbod besproken met de werkgever op"), null=True, blank=True
    )
    offer_discussed_by = recorded_by(_("besproken door"))

    objects = PlacementQuerySet.as_manager()

    class Meta:
        verbose_name = _("plaatsing")
        verbose_name_plural = _("plaatsingen")
        ordering = ["person", "pk"]

    def __str__(self) -> str:
        return f"{self.function} bij {self.employer}"

    def periods(self) -> list[domain.ContractSpan]:
        return [c.as_period() for c in self.contracts.all()]

    def clean(self) -> None:
        check_happened(self, "offer_discussed_on")


class ContractKindChoices(models.TextChoices):
    PROEFPLAATSING = domain.ContractKind.PROEFPLAATSING.value, _("Proefplaatsing")
    TEMPORARY = domain.ContractKind.TEMPORARY.value, _("Tijdelijk contract")
    PERMANENT = domain.ContractKind.PERMANENT.value, _("Vast contract")
    SECONDMENT = domain.ContractKind.SECONDMENT.value, _("Detachering")
    WORK_EXPERIENCE = domain.ContractKind.WORK_EXPERIENCE.value, _("Werkervaringsplaats")


_Record = TypeVar("_Record", bound=models.Model)


class PlacementRecordQuerySet(models.QuerySet[_Record]):
    """Records about a placement (contracts, hours, endings, contacts, evaluations, jobcoaching,
    concerns, provisions): a user may see or change them exactly when they may see or change the
    placement. `placement_path` is the lookup from the record to its placement."""

    placement_path = "placement"

    def visible_to(self, user: User) -> Self:
        return self.filter(**{f"{self.placement_path}__in": Placement.objects.visible_to(user)})

    def manageable_by(self, user: User) -> Self:
        return self.filter(**{f"{self.placement_path}__in": Placement.objects.manageable_by(user)})


class EvaluationPartQuerySet(PlacementRecordQuerySet[_Record]):
    """Records of an evaluation (its responses): the evaluation's placement decides."""

    placement_path = "evaluation__placement"


class TrajectoryPartQuerySet(PlacementRecordQuerySet[_Record]):
    """Records of a jobcoach trajectory (hours, reports): the trajectory's placement decides."""

    placement_path = "trajectory__placement"


class ContractPeriod(models.Model):
    Kind = ContractKindChoices

    placement = models.ForeignKey(
        Placement, verbose_name=_("plaatsing"), on_delete=models.CASCADE, related_name="contracts"
    )
    kind = models.CharField(_("soort"), max_length=16, choices=Kind.choices)
    start = PlausibleDateField(_("begindatum"))
    end = PlausibleDateField(
        _("einddatum"), null=True, blank=True, help_text=_("Leeg bij een vast contract.")
    )
    hours_per_week = models.DecimalField(
        _("uren per week"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0)],
    )
    probation_end = PlausibleDateField(_("einde proeftijd"), null=True, blank=True)
    extension_reason = models.TextField(
        _("reden voor een proefplaatsing langer dan twee maanden"), blank=True
    )
    # docs/signals.md: a temporary contract that is permanent by law may be recorded (the record
    # must match reality), but never silently.
    temporary_reason = models.TextField(
        _("waarom tijdelijk, hoewel de ketenbepaling vast zegt"), blank=True
    )
    cao_max_contracts = models.PositiveSmallIntegerField(
        _("cao: maximaal aantal tijdelijke contracten"), null=True, blank=True
    )
    cao_max_months = models.PositiveSmallIntegerField(
        _("cao: maximale duur van de keten (maanden)"), null=True, blank=True
    )
    cao_gap_months = models.PositiveSmallIntegerField(
        _("cao: tussenpoos (maanden)"), null=True, blank=True
    )

    objects = PlacementRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("contractperiode")
        verbose_name_plural = _("contractperiodes")
        ordering = ["placement", "start"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} vanaf {self.start}"

    def as_period(self) -> domain.ContractSpan:
        return domain.ContractSpan(
            kind=domain.ContractKind(self.kind),
            start=self.start,
            end=self.end,
            hours_per_week=self.hours_per_week,
            probation_end=self.probation_end,
            extension_reason=self.extension_reason,
        )

    def as_chain(self) -> ChainContract:
        """This contract as a link of the chain (with its CAO overrides)."""
        return ChainContract(
            self.start, self.end, self.cao_max_contracts, self.cao_max_months, self.cao_gap_months
        )

    def clean(self) -> None:
        if self.start is None or not self.kind or self.placement_id is None:
            return
        if not (is_plausible(self.start) and is_plausible(self.end)):
            return
        siblings = [
            c.as_period()
            for c in ContractPeriod.objects.filter(placement_id=self.placement_id).exclude(
                pk=self.pk
            )
        ]
        errors: dict[str, str] = {}
        for problem in domain.problems_of_added([self.as_period()], siblings):
            errors.setdefault(problem.field, problem.message)
        if errors:
            raise ValidationError(errors)


class HoursStep(models.Model):
    """A step of the hours build-up plan (Summary §5: start low, review after some weeks)."""

    class Decision(models.TextChoices):
        INCREASE = "increase", _("Meer uren")
        KEEP = "keep", _("Uren blijven gelijk")
        DECREASE = "decrease", _("Minder uren")

    placement = models.ForeignKey(
        Placement,
        verbose_name=_("plaatsing"),
        on_delete=models.CASCADE,
        related_name="hours_steps",
    )
    from_date = PlausibleDateField(_("vanaf"))
    hours_per_week = models.DecimalField(_("uren per week"), max_digits=4, decimal_places=1)
    review_date = PlausibleDateField(_("evalueren op"), null=True, blank=True)
    decided_on = PlausibleDateField(_("besloten op"), null=True, blank=True)
    decision = models.CharField(_("besluit"), max_length=10, choices=Decision.choices, blank=True)
    reason = models.TextField(_("reden"), blank=True)

    objects = PlacementRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("stap in de urenopbouw")
        verbose_name_plural = _("urenopbouw")
        ordering = ["placement", "from_date"]

    def __str__(self) -> str:
        return f"{self.hours_per_week} uur vanaf {self.from_date}"

    def clean(self) -> None:
        if self.review_date and self.from_date and self.review_date < self.from_date:
            raise ValidationError(
                {"review_date": "De evaluatiedatum ligt vóór de begindatum van deze stap."}
            )
        if self.decided_on and not self.decision:
            raise ValidationError({"decision": "Kies wat er besloten is."})
        check_happened(self, "decided_on")


class ReasonSide(models.TextChoices):
    MATCH = "match", _("Werk en match")
    LOAD = "load", _("Belastbaarheid")
    PERSON = "person", _("Persoon")
    EMPLOYER = "employer", _("Werkgever")
    SERVICE = "service", _("Dienstverlening")
    OTHER = "other", _("Anders")


class EndingReason(models.Model):
    """The taxonomy of docs/rules.md §7: seeded, configurable; the codes are stable."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    side = models.CharField(_("kant"), max_length=10, choices=ReasonSide.choices)
    label = models.CharField(_("omschrijving"), max_length=200)
    explanation = models.CharField(_("uitleg in eenvoudige taal"), max_length=300, blank=True)
    requires_note = models.BooleanField(_("toelichting verplicht"), default=False)
    active = models.BooleanField(_("in gebruik"), default=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("reden van baanverlies")
        verbose_name_plural = _("redenen van baanverlies")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.label


class Ending(models.Model):
    class Initiative(models.TextChoices):
        EMPLOYER = "employer", _("De werkgever")
        WORKER = "worker", _("De werknemer")
        MUNICIPALITY_UWV = "municipality_uwv", _("Gemeente of UWV")
        MUTUAL = "mutual", _("Samen besloten")
        FIXED_TERM_NOT_RENEWED = "fixed_term_not_renewed", _("Tijdelijk contract niet verlengd")

    class Next(models.TextChoices):
        NEW_JOB = "new_job", _("Nieuwe baan")
        BENEFIT = "benefit", _("Uitkering (bijvoorbeeld WW)")
        SICK = "sick", _("Ziek (Ziektewet)")
        UNKNOWN = "unknown", _("Onbekend")

    placement = models.OneToOneField(
        Placement, verbose_name=_("plaatsing"), on_delete=models.CASCADE, related_name="ending"
    )
    date = PlausibleDateField(_("datum einde"))
    initiative = models.CharField(_("initiatief"), max_length=24, choices=Initiative.choices)
    reasons = models.ManyToManyField(EndingReason, verbose_name=_("redenen"), blank=True)
    notes = models.TextField(_("toelichting"), blank=True)
    no_permanent_reason = models.TextField(
        _("waarom bood de werkgever geen vast contract?"),
        blank=True,
        help_text=_("Rapport, samenvatting §5: breng in kaart waarom de stap naar vast niet lukt."),
    )
    learning_points = models.TextField(
        _("leerpunten voor een volgende match"),
        blank=True,
        help_text=_("Wat moet er bij een volgende baan anders?"),
    )
    next = models.CharField(
        _("wat daarna"), max_length=10, choices=Next.choices, default=Next.UNKNOWN
    )
    # Issue 19 §4: after a loss into a benefit, sickness or the unknown somebody acts
    # (AFTERCARE_DUE) until new work or this decision.
    aftercare_closed = PlausibleDateField(_("nazorg gestopt op"), null=True, blank=True)
    aftercare_closed_reason = models.TextField(_("waarom stopt de nazorg?"), blank=True)
    recorded_by = recorded_by(_("vastgelegd door"))

    objects = PlacementRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("beëindiging")
        verbose_name_plural = _("beëindigingen")

    def __str__(self) -> str:
        return f"Einde {self.placement} op {self.date}"

    def clean(self) -> None:
        if self.date is None or self.placement_id is None or not is_plausible(self.date):
            return
        too_far = ending_date_problem(self.date, timezone.localdate())
        if too_far:
            raise ValidationError({"date": too_far})
        first = self.placement.contracts.order_by("start").first()
        if first is not None and self.date < first.start:
            raise ValidationError(
                {"date": "De datum van het einde ligt vóór het begin van de plaatsing."}
            )
        self._clean_aftercare()

    def _clean_aftercare(self) -> None:
        """The decision that stops the aftercare (issue 19 §4)."""
        if self.aftercare_closed is not None and not is_plausible(self.aftercare_closed):
            return
        problem = domain.aftercare_close_problem(
            self.date, self.aftercare_closed, self.aftercare_closed_reason, timezone.localdate()
        )
        if problem is not None:
            raise ValidationError({problem[0]: problem[1]})


class IntentionQuerySet(PlacementRecordQuerySet["EmployerIntention"]):
    placement_path = "contract__placement"


class WageValue(models.Model):
    """A loonwaarde measurement of a placement (issue 20 §3; report §4.2.5): it decides the
    subsidy, it is disputed, it is measured again (WAGE_VALUE_DUE)."""

    class Method(models.TextChoices):
        DARIUZ = "dariuz", _("Dariuz")
        UWV = "uwv", _("Loonwaardebepaling UWV")
        ERGATIS = "ergatis", _("Ergatis")
        OTHER = "other", _("Andere methode")

    class Measurer(models.TextChoices):
        INTERNAL = "internal", _("Eigen organisatie")
        EXTERNAL = "external", _("Extern bureau")

    placement = models.ForeignKey(
        Placement,
        verbose_name=_("plaatsing"),
        on_delete=models.CASCADE,
        related_name="wage_values",
    )
    date = PlausibleDateField(_("datum van de meting"))
    method = models.CharField(_("methode"), max_length=12, choices=Method.choices)
    measurer = models.CharField(
        _("gemeten door"), max_length=12, choices=Measurer.choices, default=Measurer.INTERNAL
    )
    measured_by = models.CharField(_("naam van de meter of het bureau"), max_length=200, blank=True)
    outcome = models.PositiveSmallIntegerField(
        _("loonwaarde (procent)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    hours_per_week = models.DecimalField(
        _("uren per week bij de meting"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )
    disputed = models.BooleanField(_("de uitkomst wordt betwist"), default=False)
    dispute_note = models.TextField(_("waarover gaat het bezwaar"), blank=True)
    next_measurement = PlausibleDateField(
        _("volgende meting op"),
        null=True,
        blank=True,
        help_text=_("Laat leeg: dan geldt de termijn van de organisatie (meestal een jaar)."),
    )
    by = recorded_by(_("vastgelegd door"))

    objects = PlacementRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("loonwaardemeting")
        verbose_name_plural = _("loonwaardemetingen")
        ordering = ["placement", "-date"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "date"], name="one_wage_value_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.outcome}% ({self.date})"

    def clean(self) -> None:
        check_happened(self, "date")
        problems = domain.wage_value_problems(
            self.date, self.next_measurement, self.disputed, self.dispute_note
        )
        if problems:
            raise ValidationError(problems)


class EmployerIntention(models.Model):
    """Issue 19 §5: what the employer intends before a temporary contract ends — extend, make it
    permanent or end — and, for "end", why (the reasons of §7), recorded while the job still
    runs: the reasons report shows intentions beside endings. The latest one counts; earlier
    ones stay (an employer may change its mind)."""

    class Kind(models.TextChoices):
        EXTEND = domain.Intention.EXTEND, _("Verlengen met een tijdelijk contract")
        PERMANENT = domain.Intention.PERMANENT, _("Een vast contract geven")
        END = domain.Intention.END, _("Stoppen als het contract afloopt")

    contract = models.ForeignKey(
        "ContractPeriod",
        verbose_name=_("contract"),
        on_delete=models.CASCADE,
        related_name="intentions",
    )
    date = PlausibleDateField(_("datum"), help_text=_("Wanneer zei de werkgever dit?"))
    intention = models.CharField(_("voornemen"), max_length=10, choices=Kind.choices)
    reasons = models.ManyToManyField(EndingReason, verbose_name=_("redenen"), blank=True)
    notes = models.TextField(_("toelichting"), blank=True)
    recorded_by = recorded_by(_("vastgelegd door"))

    objects = IntentionQuerySet.as_manager()

    class Meta:
        verbose_name = _("voornemen van de werkgever")
        verbose_name_plural = _("voornemens van werkgevers")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_intention_display()} ({self.date})"

    def clean(self) -> None:
        check_happened(self, "date")  # what the employer said, not what it will say


class Correction(models.Model):
    """A contract or ending that was entered wrongly and corrected or withdrawn by the contact
    person, with the reason (issue 13 §9). Shown on the placement's timeline; the signals follow
    from the corrected data at once."""

    class Action(models.TextChoices):
        CORRECTED = "corrected", _("Gecorrigeerd")
        WITHDRAWN = "withdrawn", _("Ingetrokken")

    placement = models.ForeignKey(
        Placement,
        verbose_name=_("plaatsing"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    action = models.CharField(_("wat"), max_length=10, choices=Action.choices)
    record = models.CharField(_("gegeven"), max_length=20)
    before = models.TextField(_("was"))
    after = models.TextField(_("werd"), blank=True)
    reason = models.TextField(_("reden"))
    by = recorded_by(_("door"))
    at = models.DateTimeField(_("op"), auto_now_add=True)

    objects = PlacementRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("correctie")
        verbose_name_plural = _("correcties")
        ordering = ["placement", "-at"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.record} ({self.at:%Y-%m-%d})"


class AftercareAgreement(models.Model):
    """Issue 19 §4: who acts after a job loss, as the region agreed — by the person's regime
    (Wajong: UWV; Participatiewet: the municipality) and the next step (WW: the organisation
    agreed in the region). Recording the loss hands the person over to the named owner, whose
    worklist then holds AFTERCARE_DUE. Without an agreement the contact person acts."""

    region = models.ForeignKey(
        "organisations.Region",
        verbose_name=_("regio"),
        on_delete=models.CASCADE,
        related_name="aftercare_agreements",
    )
    regime = models.CharField(
        _("regeling"),
        max_length=20,
        choices=BenefitScheme.choices,
        blank=True,
        help_text=_("Leeg: elke regeling."),
    )
    next = models.CharField(
        _("wat na het einde"),
        max_length=16,
        choices=[(c.value, c.label) for c in Ending.Next if c.value in domain.AFTERCARE_STEPS],
        blank=True,
        help_text=_("Leeg: uitkering, ziek of onbekend."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("wie is aan zet (een klantmanager; wordt de vaste contactpersoon)"),
        on_delete=models.CASCADE,  # an account removed takes its agreements along
        related_name="+",
    )
    note = models.TextField(_("afspraak"), blank=True)

    class Meta:
        verbose_name = _("afspraak over nazorg na baanverlies")
        verbose_name_plural = _("afspraken over nazorg na baanverlies")
        ordering = ["region", "regime", "next"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "regime", "next"],
                name="one_aftercare_agreement_per_case",
                violation_error_message=_(
                    "Voor deze regeling en deze stap is al een afspraak in de regio."
                ),
            )
        ]

    def __str__(self) -> str:
        regime = self.get_regime_display() if self.regime else _("elke regeling")
        step = self.get_next_display() if self.next else _("elke stap")
        return f"{regime}, {step}: {self.owner}"

    def clean(self) -> None:
        owner = self.owner if self.owner_id else None
        if owner is None:
            return
        organisation = owner.organisation
        if not owner.is_active or organisation is None or owner.role != Role.KLANTMANAGER:
            raise ValidationError({"owner": _("Kies een klantmanager met een actief account.")})
        if organisation.region_id != self.region_id:
            raise ValidationError({"owner": _("Kies iemand van een organisatie in deze regio.")})


register_region_scope(
    Placement,
    lambda user: in_region(Placement.objects.all(), "person__organisation__region_id", user),
)
