"""A candidate proposed for a task package (issue 19 §3): with the candidate's consent the
employer sees an anonymous profile, answers, and on yes the klantmanager arranges the meeting
and starts the proefplaatsing from it."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from baanbehoud.dates import format_number_nl
from baanbehoud.fields import PlausibleDateField
from baanbehoud.organisations.models import Role
from baanbehoud.persons.models import Person

from .domain import SHAREABLE

if TYPE_CHECKING:
    from baanbehoud.organisations.models import User


class ProposalQuerySet(models.QuerySet["Proposal"]):
    def visible_to(self, user: User) -> ProposalQuerySet:
        """Professionals: the proposals of the persons they may see. An employer: the proposals
        for its own vacancies (shown anonymously, never with the person's name)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.role == Role.WERKGEVER and not user.is_superuser:
            if user.employer_id is None:
                return self.none()
            return self.filter(vacancy__employer_id=user.employer_id)
        return self.filter(person__in=Person.objects.visible_to(user))

    def manageable_by(self, user: User) -> ProposalQuerySet:
        """The contact persons' roles change a proposal's course (meeting, proefplaatsing)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        if user.role not in (Role.KLANTMANAGER, Role.ACCOUNTMANAGER):
            return self.none()
        return self.filter(person__in=Person.objects.visible_to(user))


class Proposal(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Wacht op antwoord van de werkgever")
        INTERESTED = "interested", _("Werkgever wil kennismaken")
        NOT_INTERESTED = "not_interested", _("Werkgever wil niet verder")
        MEETING = "meeting", _("Kennismaking gepland")
        STARTED = "started", _("Proefplaatsing gestart")
        STOPPED = "stopped", _("Gestopt")

    vacancy = models.ForeignKey(
        "employers.Vacancy",
        verbose_name=_("vacature"),
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("kandidaat"), on_delete=models.CASCADE, related_name="proposals"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voorgesteld door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    proposed_on = PlausibleDateField(_("voorgesteld op"))
    consent_on = PlausibleDateField(
        _("toestemming van de kandidaat op"),
        help_text=_("De kandidaat gaf toestemming om de gekozen onderdelen te delen."),
    )
    shared_items = models.JSONField(
        _("gedeelde onderdelen van het profiel"), default=list, blank=True
    )
    note = models.TextField(_("toelichting voor de werkgever"), blank=True)
    status = models.CharField(
        _("stand"), max_length=16, choices=Status.choices, default=Status.PROPOSED
    )
    answered_on = PlausibleDateField(_("antwoord van de werkgever op"), null=True, blank=True)
    answer_reasons = models.ManyToManyField(
        "placements.EndingReason", verbose_name=_("redenen van nee"), blank=True
    )
    answer_note = models.TextField(_("toelichting van de werkgever"), blank=True)
    meeting_on = PlausibleDateField(_("kennismaking op"), null=True, blank=True)
    placement = models.OneToOneField(
        "placements.Placement",
        verbose_name=_("proefplaatsing"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal",
    )
    stopped_reason = models.CharField(_("waarom gestopt"), max_length=300, blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("voorstel van een kandidaat")
        verbose_name_plural = _("voorstellen van kandidaten")
        ordering = ["-proposed_on", "-pk"]
        constraints = [
            # A person is proposed for a vacancy once; a stopped proposal stays as history.
            models.UniqueConstraint(
                fields=["vacancy", "person"],
                condition=~Q(status="stopped"),
                name="one_open_proposal_per_vacancy_and_person",
            )
        ]

    def __str__(self) -> str:
        return f"Voorstel {self.pk} voor {self.vacancy_id}"

    @property
    def label(self) -> str:
        """How the employer sees the candidate: no name, a number of the proposal."""
        return f"Kandidaat {self.pk}"

    def shared_profile(self) -> list[tuple[str, Any]]:
        """The profile's items the candidate agreed to share, with their current values."""
        profile = getattr(self.person, "profile", None)
        if profile is None:
            return []
        return [
            (label, _shown(getattr(profile, name)))
            for name, label in SHAREABLE
            if name in self.shared_items and getattr(profile, name) not in (None, "")
        ]


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "Ja" if value else "Nee"
    if isinstance(value, Decimal):
        return f"{format_number_nl(value)} uur"
    return str(value)
