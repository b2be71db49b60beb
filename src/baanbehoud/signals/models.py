"""Configuration of the worklist per executing organisation, the weekly digest log, the private
calendar feeds, and the signals as stored intervals (issue 15). The records are the truth: the
intervals are worked out from them by the rules in domain.py, marked stale in the transaction
that changes a record, and worked out again before anyone reads them (intervals.py)."""

from __future__ import annotations

import secrets
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import domain

DEFAULTS = domain.SignalConfig()


class SignalSettings(models.Model):
    """Lead times and cadences of docs/signals.md for one executing organisation."""

    organisation = models.OneToOneField(
        "organisations.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="signal_settings",
    )
    contract_end_lead_months = models.PositiveSmallIntegerField(
        _("einde contract: maanden vooraf"), default=DEFAULTS.contract_end_lead_months
    )
    chain_transition_lead_months = models.PositiveSmallIntegerField(
        _("overgang naar vast: maanden vooraf"), default=DEFAULTS.chain_transition_lead_months
    )
    trial_end_lead_days = models.PositiveSmallIntegerField(
        _("einde proefplaatsing: dagen vooraf"), default=DEFAULTS.trial_end_lead_days
    )
    contact_cadence_temporary_months = models.PositiveSmallIntegerField(
        _("contact bij tijdelijk contract: elke … maanden"),
        default=DEFAULTS.contact_cadence_temporary_months,
        validators=[MinValueValidator(1)],
    )
    contact_cadence_permanent_months = models.PositiveSmallIntegerField(
        _("contact bij vast contract of zelf gevonden werk: elke … maanden"),
        default=DEFAULTS.contact_cadence_permanent_months,
        validators=[MinValueValidator(1)],
    )
    jobcoach_report_cadence_months = models.PositiveSmallIntegerField(
        _("rapportage jobcoach: elke … maanden"),
        default=DEFAULTS.jobcoach_report_cadence_months,
        validators=[MinValueValidator(1)],
    )
    jobcoach_budget_hours = models.DecimalField(
        _("jobcoachbudget (uur per jaar)"),
        max_digits=5,
        decimal_places=1,
        default=DEFAULTS.jobcoach_budget_hours,
    )
    jobcoach_budget_percentage = models.PositiveSmallIntegerField(
        _("signaal bij … procent van het jobcoachbudget"),
        default=int(DEFAULTS.jobcoach_budget_share * 100),
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    provision_wait_weeks = models.PositiveSmallIntegerField(
        _("voorziening: signaal na … weken wachten"), default=DEFAULTS.provision_wait_weeks
    )
    aftercare_contact_days = models.PositiveSmallIntegerField(
        _("nazorg na baanverlies: contact binnen … dagen na het einde"),
        default=DEFAULTS.aftercare_contact_days,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    aftercare_cadence_months = models.PositiveSmallIntegerField(
        _("nazorg na baanverlies: daarna contact elke … maanden"),
        default=DEFAULTS.aftercare_cadence_months,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    aftercare_max_months = models.PositiveSmallIntegerField(
        _("nazorg na baanverlies: hoogstens … maanden na het einde"),
        default=DEFAULTS.aftercare_max_months,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    load_review_progressive_months = models.PositiveSmallIntegerField(
        _("belastbaarheid gaat achteruit: opnieuw beoordelen na … maanden"),
        default=DEFAULTS.load_review_progressive_months,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    wage_value_cadence_months = models.PositiveSmallIntegerField(
        _("loonwaarde: opnieuw meten na … maanden"),
        default=DEFAULTS.wage_value_cadence_months,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    wage_value_lead_months = models.PositiveSmallIntegerField(
        _("loonwaarde: signaal … maanden voor de meting"),
        default=DEFAULTS.wage_value_lead_months,
        validators=[MaxValueValidator(6)],
    )

    class Meta:
        verbose_name = _("instellingen werklijst")
        verbose_name_plural = _("instellingen werklijst")

    def __str__(self) -> str:
        return f"Werklijst {self.organisation}"

    def as_config(self) -> domain.SignalConfig:
        return domain.SignalConfig(
            contract_end_lead_months=self.contract_end_lead_months,
            chain_transition_lead_months=self.chain_transition_lead_months,
            trial_end_lead_days=self.trial_end_lead_days,
            contact_cadence_temporary_months=self.contact_cadence_temporary_months,
            contact_cadence_permanent_months=self.contact_cadence_permanent_months,
            jobcoach_report_cadence_months=self.jobcoach_report_cadence_months,
            jobcoach_budget_hours=Decimal(self.jobcoach_budget_hours),
            jobcoach_budget_share=Decimal(self.jobcoach_budget_percentage) / 100,
            provision_wait_weeks=self.provision_wait_weeks,
            aftercare_contact_days=self.aftercare_contact_days,
            aftercare_cadence_months=self.aftercare_cadence_months,
            aftercare_max_months=self.aftercare_max_months,
            load_review_progressive_months=self.load_review_progressive_months,
            wage_value_cadence_months=self.wage_value_cadence_months,
            wage_value_lead_months=self.wage_value_lead_months,
        )


class DigestSent(models.Model):
    """One weekly digest per contact person per ISO week: `notify` is idempotent."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week = models.CharField(_("week"), max_length=8)  # "2026-W48"
    sent_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)
    signal_count = models.PositiveIntegerField(_("aantal signalen"))

    class Meta:
        verbose_name = _("verstuurd weekoverzicht")
        verbose_name_plural = _("verstuurde weekoverzichten")
        constraints = [models.UniqueConstraint(fields=["user", "week"], name="one_digest_per_week")]

    def __str__(self) -> str:
        return f"{self.user} {self.week}"


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A private, revocable iCalendar URL per contact person (for Outlook). The token is the
    only secret in the URL; it names no person."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agenda-abonnement")
        verbose_name_plural = _("agenda-abonnementen")

    def __str__(self) -> str:
        return f"Agenda van {self.user}"


class SignalInterval(models.Model):
    """A signal of a placement and the days it is open: from `opens` up to but not including
    `closes` (empty: open until the records change). "Open on D" is a range query for any D."""

    DERIVED = True  # worked out from the records, never a record itself (an import's undo)

    # (From a placement: `placements.filter(signal_intervals__…)`, read by signals.selectors.)
    placement = models.ForeignKey(
        "placements.Placement",
        on_delete=models.CASCADE,
        related_name="signal_intervals",
        db_index=False,
    )
    code = models.CharField(max_length=32)
    subject = models.CharField(max_length=64)
    due = models.DateField()
    opens = models.DateField()
    closes = models.DateField(null=True)
    message = models.TextField()
    params = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("signaal (interval)")
        verbose_name_plural = _("signalen (intervallen)")
        indexes = [
            models.Index(fields=["placement", "opens"], name="interval_placement"),
            # open on D: closes > D (or empty) and opens <= D
            models.Index(fields=["closes", "opens"], name="interval_open_on"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.placement_id} {self.opens} tot {self.closes or ''}"


class StaleSignals(models.Model):
    """A placement whose records changed since its intervals were worked out. Written in the
    same transaction as the change; `token` tells a reader that recomputed an earlier state
    not to clear a newer mark. No foreign key: a deleted placement may still be listed."""

    placement_id = models.BigIntegerField(primary_key=True)
    token = models.UUIDField(default=uuid.uuid4)

    class Meta:
        verbose_name = _("te herberekenen signalen")
        verbose_name_plural = _("te herberekenen signalen")

    def __str__(self) -> str:
        return f"{self.placement_id}"
