"""Regions, executing organisations, municipalities, and the users who work in them.

The region is configuration, not code (docs/rules.md §2: there are 35 labour-market regions);
Midden-Utrecht is only the seeded demo.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db import models
from django.utils.translation import gettext_lazy as _

# Who acts when a worker from the target group is sick (issue 20 §1; report §3 "Instrumenten":
# "it is sometimes unclear who acts", so the region agrees it). The functional administrator
# writes the region's agreement; these are the defaults, by law and the no-risk polis.
SICK_REINTEGRATION = (
    "De werkgever: de re-integratie volgens de Wet verbetering poortwachter, met de bedrijfsarts "
    "of arbodienst."
)
SICK_BENEFIT = (
    "UWV: de Ziektewet-uitkering (de no-riskpolis). De werkgever vraagt die aan bij UWV en "
    "betaalt het loon door."
)
SICK_CONTACT = (
    "De vaste contactpersoon: houdt contact met de werknemer en de werkgever en vraagt na of de "
    "stappen van de Poortwachter op tijd gezet worden."
)


class Region(models.Model):
    name = models.CharField(_("naam"), max_length=100, unique=True)
    sick_reintegration = models.TextField(
        _("bij ziekte: wie doet de re-integratie"), default=SICK_REINTEGRATION
    )
    sick_benefit = models.TextField(
        _("bij ziekte: wie regelt de uitkering (Ziektewet)"), default=SICK_BENEFIT
    )
    sick_contact = models.TextField(_("bij ziekte: wie houdt contact"), default=SICK_CONTACT)

    class Meta:
        verbose_name = _("arbeidsmarktregio")
        verbose_name_plural = _("arbeidsmarktregio's")

    def __str__(self) -> str:
        return self.name


class OrganisationKind(models.TextChoices):
    MUNICIPAL = "municipal", _("Gemeentelijke uitvoeringsorganisatie")
    UWV = "uwv", _("UWV")
    JOBCOACH = "jobcoach", _("Jobcoachorganisatie")
    OTHER = "other", _("Anders")


class Organisation(models.Model):
    ref = models.CharField(_("referentie"), max_length=64, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=16, choices=OrganisationKind.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("regio"), on_delete=models.PROTECT, null=True, blank=True
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_executing(self) -> bool:
        """Municipal organisations and UWV carry cases; jobcoach organisations do not."""
        return self.kind in (OrganisationKind.MUNICIPAL, OrganisationKind.UWV)


class Municipality(models.Model):
    name = models.CharField(_("naam"), max_length=100, unique=True)
    region = models.ForeignKey(Region, verbose_name=_("regio"), on_delete=models.PROTECT)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("uitvoeringsorganisatie"),
        on_delete=models.PROTECT,
        related_name="municipalities",
        null=True,
        blank=True,
    )
    # Where the municipality lies (its centre), for the travel distance of a match.
    latitude = models.DecimalField(
        _("breedtegraad"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("lengtegraad"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    # Help for private problems (issue 20 §6): the buurtteam or wijkteam a private concern can
    # be referred to, and how to reach it — the region's settings, one per municipality.
    social_team = models.CharField(
        _("buurtteam of wijkteam"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: Buurtteam Houten."),
    )
    social_team_contact = models.TextField(
        _("contact met het buurtteam"),
        blank=True,
        help_text=_("Telefoon, e-mail of adres, en eventueel een vaste contactpersoon."),
    )

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Programme(models.Model):
    """A voortraject a municipality offers before a placement, to make people "werkfit" (issue
    20 §5, recommendation 1): they exist in some municipalities and not others, and nobody in
    the region knew which. The functional administrator keeps the list."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="programmes",
    )
    name = models.CharField(_("naam van het voortraject"), max_length=200)
    provider = models.CharField(_("aanbieder"), max_length=200, blank=True)
    description = models.TextField(
        _("voor wie en wat"), blank=True, help_text=_("Voor wie het is, wat men leert, hoe lang.")
    )
    contact = models.CharField(_("aanmelden bij"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("voortraject van een gemeente")
        verbose_name_plural = _("voortrajecten van gemeenten")
        ordering = ["municipality__name", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality})"


class WerkfitItem(models.Model):
    """A point of the region's werkfit checklist (issue 20 §5, recommendation 1): what the
    region agreed a candidate should be able to do before a placement — a daily rhythm, on time,
    travelling alone — judged per candidate (persons.WerkfitCheck) and weighed in the match.
    The functional administrator keeps the list; `code` names the point in the exchange
    format (one code, one point, in the whole installation)."""

    region = models.ForeignKey(
        Region, verbose_name=_("regio"), on_delete=models.CASCADE, related_name="werkfit_items"
    )
    code = models.SlugField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_(
            "Kort, zonder spaties, en anders dan in andere regio's; bijvoorbeeld: mu-dagritme."
        ),
        error_messages={"unique": _("Deze code is al in gebruik; kies een andere.")},
    )
    text = models.CharField(
        _("punt"), max_length=200, help_text=_("Bijvoorbeeld: Heeft een vast dagritme.")
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(
        _("doet mee"), default=True, help_text=_("Uit: het punt telt niet meer mee.")
    )

    class Meta:
        verbose_name = _("punt van de werkfit-checklist")
        verbose_name_plural = _("werkfit-checklist van de regio")
        ordering = ["region", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class Role(models.TextChoices):
    """The roles of docs/rules.md §2."""

    KLANTMANAGER = "klantmanager", _("Klantmanager / werkmatcher")
    ACCOUNTMANAGER = "accountmanager", _("Accountmanager (WSP)")
    ARBEIDSDESKUNDIGE = "arbeidsdeskundige", _("Arbeidsdeskundige (UWV)")
    JOBCOACH = "jobcoach", _("Jobcoach")
    WERKGEVER = "werkgever", _("Werkgever")
    WERKNEMER = "werknemer", _("Werknemer")
    BELEIDSMEDEWERKER = "beleidsmedewerker", _("Beleidsmedewerker")
    BEHEERDER = "beheerder", _("Functioneel beheerder")


class User(AbstractUser):
    """A person who logs in, and also a consultant who can be someone's vaste contactpersoon.

    Consultants imported from another system (exchange format `consultants`) are users without a
    usable password until they are invited.
    """

    ref = models.CharField(_("referentie"), max_length=64, unique=True, null=True, blank=True)
    full_name = models.CharField(_("naam"), max_length=200, blank=True)
    phone = models.CharField(_("telefoon"), max_length=32, blank=True)
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    employer = models.ForeignKey(
        "employers.Employer",
        verbose_name=_("werkgever"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text=_("Alleen voor de rol werkgever."),
    )
    person = models.OneToOneField(
        "persons.Person",
        verbose_name=_("persoon"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="account",
        help_text=_("Alleen voor de rol werknemer."),
    )

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["full_name", "username"]

    def __str__(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    @property
    def display_name(self) -> str:
        return str(self)


# Who is at a door: a logged-in user, a visitor who is not (yet), or None for the system itself
# (a command, the nightly jobs, an import without a user). The scoping and role checks take any.
Actor = User | AnonymousUser | None
