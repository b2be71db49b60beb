from __future__ import annotations

from typing import Any

from django import forms

from baanbehoud.core.forms import Form, ModelForm, UserChoiceField
from baanbehoud.organisations.models import Role, User

from .models import CandidateProfile


class ContactPersonForm(Form):
    contact_person = UserChoiceField(
        queryset=User.objects.none(),
        label="Vaste contactpersoon",
        help_text="De open signalen gaan mee naar de nieuwe contactpersoon.",
    )
    note = forms.CharField(
        label="Overdrachtsnotitie",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Wat moet de nieuwe contactpersoon weten?",
    )

    def __init__(self, *args: Any, organisation_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["contact_person"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            User.objects.filter(
                role=Role.KLANTMANAGER, organisation_id=organisation_id, is_active=True
            ).select_related("organisation")
            if organisation_id is not None
            else User.objects.none()
        ).order_by("full_name", "organisation__name", "pk")


class ProfileForm(ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    consent = forms.BooleanField(
        label="Dit profiel mag gedeeld worden met de werkgever",
        required=False,
        help_text="Alleen met toestemming van de werknemer ziet de werkgever dit profiel.",
    )

    class Meta:
        model = CandidateProfile
        fields = [
            "motivation",
            "qualities",
            "pitfalls",
            "needs_work",
            "needs_physical",
            "needs_social",
            "needs_guidance",
            "needs_provisions",
            "availability",
            "transport",
            "wants_jobcoach",
            "jobcoach_at_interview",
            "load_hours_per_week",
            "load_notes",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "motivation",
                "qualities",
                "pitfalls",
                "needs_work",
                "needs_physical",
                "needs_social",
                "needs_guidance",
                "needs_provisions",
                "load_notes",
            )
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["wants_jobcoach"].widget = forms.RadioSelect(
            choices=[("unknown", "Weet ik niet"), ("true", "Ja"), ("false", "Nee")]
        )
        self.fields["consent"].initial = bool(self.instance.employer_consent_on)
        self.fields["version"].initial = self.instance.version


class InviteForm(Form):
    email = forms.EmailField(
        label="E-mailadres", help_text="Hier komt de link om een wachtwoord te kiezen."
    )
    change_reason = forms.CharField(
        label="Reden voor een ander e-mailadres (als dat nodig is)",
        required=False,
        max_length=200,
        help_text="Alleen als de persoon al een account heeft met een ander adres. Het oude adres "
        "krijgt hier bericht van.",
    )
