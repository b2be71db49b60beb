"""Employers, their own contact persons, and vacancies / task packages (docs/rules.md §3)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from baanbehoud.core.choices import SECTOR_LABELS, Level, TeamOrAlone
from baanbehoud.fields import PlausibleDateField, validate_task_kinds
from baanbehoud.organisations.models import Actor, Role
from baanbehoud.organisations.scoping import in_region, register_region_scope
from baanbehoud.refs import new_ref
from baanbehoud.work_kinds import TASK_LABELS

from . import domain

if TYPE_CHECKING:
    from baanbehoud.organisations.models import User

MSG_KVK = "Een KvK-nummer bestaat uit precies 8 cijfers."
validate_kvk = RegexValidator(r"^\d{8}$", MSG_KVK, code="kvk")


class Size(models.TextChoices):
    SMALL = "small", _("Klein (minder dan 50)")
    MEDIUM = "medium", _("Middelgroot (50 tot 250)")
    LARGE = "large", _("Groot (250 of meer)")


class EmployerQuerySet(models.QuerySet["Employer"]):
    def visible_to(self, user: User) -> EmployerQuerySet:
        """Employers are organisations, not persons; still, an employer or worker sees only
        their own, and a jobcoach only those of placements they coach."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        if user.role == Role.WERKGEVER:
            return self.filter(pk=user.employer_id)
        if user.role == Role.WERKNEMER:
            return self.filter(placements__person_id=user.person_id).distinct()
        if user.role == Role.JOBCOACH:
            return self.filter(placements__jobcoaching__coach=user).distinct()
        professional = user.role in (Role.KLANTMANAGER, Role.ACCOUNTMANAGER, Role.ARBEIDSDESKUNDIGE)
        if professional and user.organisation is not None:
            # The WSP: any executing organisation in the region may help any employer (§2.1.2).
            # "An employer of one of the organisation's persons" as the employers of the
            # organisation's placements (a set PostgreSQL works out once and looks up in), not
            # joined: the join through every placement and person of the register, made
            # distinct again, cost 20 ms of PostgreSQL for one vacancy at 26,000 persons, the
            # employer list 800 ms nationally. (Asked per employer as EXISTS, the planner may
            # ask it for every employer of the country: 1 s.) (The placements app sits above
            # this one: looked up by name, not imported.)
            placements = apps.get_model("placements", "Placement").objects.filter(
                person__organisation_id=user.organisation.pk
            )
            return self.filter(
                Q(municipality__region_id=user.organisation.region_id)
                | Q(account_manager=user)
                | Q(pk__in=placements.values("employer_id"))
            )
        return self.none()


class Employer(models.Model):
    ref = models.CharField(_("referentie"), max_length=64, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    kvk = models.CharField(_("KvK-nummer"), max_length=8, unique=True, validators=[validate_kvk])
    sector = models.CharField(
        _("sector"), max_length=50, help_text=_("Bijvoorbeeld: supermarkt, zorg, horeca.")
    )
    size = models.CharField(_("grootte"), max_length=10, choices=Size.choices, blank=True)
    municipality = models.ForeignKey(
        "organisations.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    has_policy = models.BooleanField(_("heeft beleid voor de banenafspraak"), default=False)
    has_project_leader = models.BooleanField(_("heeft een projectleider"), default=False)
    has_buddies = models.BooleanField(
        _("heeft getrainde buddy's op de werkvloer"),
        default=False,
        help_text=_("Zoals 'Harrie Helpt'."),
    )
    has_internal_guide = models.BooleanField(_("heeft een interne begeleider"), default=False)
    offers_permanent = models.BooleanField(
        _("biedt vaste contracten aan"), null=True, blank=True, help_text=_("Leeg: onbekend.")
    )
    account_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accountmanager (WSP)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employers",
    )

    objects = EmployerQuerySet.as_manager()

    class Meta:
        verbose_name = _("werkgever")
        verbose_name_plural = _("werkgevers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_sector_display(self) -> str:
        return SECTOR_LABELS.get(self.sector, self.sector)


class EmployerContact(models.Model):
    """The employer's own contact person: supervisor, HR, internal guide."""

    employer = models.ForeignKey(
        Employer, verbose_name=_("werkgever"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("naam"), max_length=200)
    function = models.CharField(_("functie"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("contactpersoon van de werkgever")
        verbose_name_plural = _("contactpersonen van de werkgever")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class VacancyStatus(models.TextChoices):
    OPEN = "open", _("Open")
    FILLED = "filled", _("Vervuld")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


def new_vacancy_ref() -> str:
    """A vacancy made on a screen gets a reference of its own, as the exchange format needs."""
    return new_ref("vacature")


class Vacancy(models.Model):
    """A vacancy as a broad task package (report §4.3.4: hours as a range, e.g. 12-24)."""

    ref = models.CharField(_("referentie"), max_length=64, unique=True, default=new_vacancy_ref)
    employer = models.ForeignKey(
        Employer, verbose_name=_("werkgever"), on_delete=models.CASCADE, related_name="vacancies"
    )
    account_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accountmanager (WSP)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vacancies",
        help_text=_("Wie het takenpakket met de werkgever maakte en kandidaten voorstelt."),
    )
    title = models.CharField(_("functie"), max_length=200)
    tasks = models.TextField(_("takenpakket"), blank=True)
    task_kinds = models.JSONField(
        _("soort werk"), default=list, blank=True, validators=[validate_task_kinds]
    )
    municipality = models.ForeignKey(
        "organisations.Municipality",
        verbose_name=_("werkplek in gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vacancies",
    )
    start = PlausibleDateField(_("beginnen vanaf"), null=True, blank=True)
    hours_min = models.DecimalField(_("uren per week, minimaal"), max_digits=4, decimal_places=1)
    hours_max = models.DecimalField(_("uren per week, maximaal"), max_digits=4, decimal_places=1)
    days = models.CharField(
        _("dagen"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: maandag tot en met woensdag."),
    )
    work_pressure = models.CharField(_("werkdruk"), max_length=8, choices=Level.choices, blank=True)
    stimuli = models.CharField(_("prikkels"), max_length=8, choices=Level.choices, blank=True)
    physical_demand = models.CharField(
        _("lichamelijk zwaar"), max_length=8, choices=Level.choices, blank=True
    )
    social_demand = models.CharField(
        _("omgang met mensen (klanten, collega's)"), max_length=8, choices=Level.choices, blank=True
    )
    team_or_alone = models.CharField(
        _("team of alleen"), max_length=8, choices=TeamOrAlone.choices, blank=True
    )
    supervision = models.BooleanField(
        _("vaste leidinggevende of begeleider op de werkvloer"), default=False
    )
    buddy = models.BooleanField(_("een buddy op de werkvloer"), default=False)
    jobcoaching_possible = models.BooleanField(_("jobcoaching op de werkplek kan"), default=True)
    guidance_offered = models.TextField(_("begeleiding die de werkgever biedt"), blank=True)
    reorganisation_planned = models.BooleanField(_("reorganisatie gepland"), default=False)
    intends_permanent = models.BooleanField(
        _("werkgever wil een vast contract bieden"),
        null=True,
        blank=True,
        help_text=_("Vraag dit bij het werven (rapport §2.3.2)."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=VacancyStatus.choices, default=VacancyStatus.OPEN
    )

    class Meta:
        verbose_name = _("vacature")
        verbose_name_plural = _("vacatures")
        ordering = ["employer", "title"]

    def __str__(self) -> str:
        return f"{self.title} bij {self.employer}"

    @property
    def task_kind_labels(self) -> list[str]:
        """The kinds of work in the list's order, as the user reads them."""
        kinds = self.task_kinds if isinstance(self.task_kinds, list) else []
        return [label for code, label in TASK_LABELS.items() if code in kinds]

    def clean(self) -> None:
        problem = domain.hours_range_problem(self.hours_min, self.hours_max)
        if problem:
            raise ValidationError({"hours_max": problem})


def _employers_in_region(user: Actor) -> QuerySet[Employer]:
    """An employer belongs to the region it is in, whose WSP contact serves it, or where its
    workers live; one with no place and no contact yet is not tied to a region."""
    every = Employer.objects.all()
    return (
        Employer.objects.filter(
            pk__in=in_region(every, "municipality__region_id", user).values("pk")
        )
        | Employer.objects.filter(
            pk__in=in_region(every, "account_manager__organisation__region_id", user).values("pk")
        )
        | Employer.objects.filter(
            pk__in=in_region(every, "placements__person__organisation__region_id", user).values(
                "pk"
            )
        )
        | Employer.objects.filter(municipality__isnull=True, account_manager__isnull=True)
    )


register_region_scope(Employer, _employers_in_region)
# A task package belongs where its employer does.
register_region_scope(
    Vacancy, lambda user: Vacancy.objects.filter(employer__in=_employers_in_region(user))
)
