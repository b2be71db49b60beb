from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone

from baanbehoud.core.choices import Sector
from baanbehoud.core.forms import (
    DateInput,
    Form,
    ModelForm,
    PlainNumberInput,
    UserChoiceField,
    date_widgets,
)
from baanbehoud.dates import MSG_IMPLAUSIBLE_DATE, happened_problem, is_plausible
from baanbehoud.organisations.models import Role, User, WerkfitItem
from baanbehoud.organisations.scoping import municipalities_for
from baanbehoud.work_kinds import TASK_CHOICES

from .models import CandidateProfile, LoadAssessment, Person, Pretrajectory, WerkfitCheck


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


# The profile's items a match is scored on (baanbehoud.matching): what the person can handle
# at most, how they like to work, and where.
MATCH_ITEMS = [
    "load_work_pressure",
    "load_stimuli",
    "load_physical",
    "prefers_team_or_alone",
    "guidance_need",
    "sector_wishes",
    "tasks_good",
    "tasks_avoid",
]


def sector_wishes_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label="Wil werken in de sector",
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leeg: geen voorkeur.",
    )


def task_kinds_field(label: str, help_text: str) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=TASK_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
    )


class ProfileForm(ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    sector_wishes = sector_wishes_field()
    tasks_good = task_kinds_field(
        "Werk dat goed past", "Wat de kandidaat goed kan en graag doet (kwaliteiten)."
    )
    tasks_avoid = task_kinds_field(
        "Werk dat niet gaat", "Door de beperking, of omdat het eerder misging. Leeg: niets."
    )
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
            *MATCH_ITEMS,
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

    # The worker fills in their own profile: their words, not the professionals' (issue 17 §4).
    WORKER_LABELS = {
        "load_hours_per_week": "Hoeveel uur per week kan ik werken?",
        "load_notes": "Wat kan ik aan, en wat niet?",
        "load_work_pressure": "Hoeveel werkdruk kan ik aan?",
        "load_stimuli": "Hoeveel prikkels (geluid, drukte) kan ik aan?",
        "load_physical": "Hoe zwaar mag het werk voor mijn lichaam zijn?",
        "prefers_team_or_alone": "Ik werk het liefst",
        "guidance_need": "Hoeveel hulp heb ik nodig op het werk?",
        "sector_wishes": "In welke sector wil ik werken?",
        "tasks_good": "Welk werk kan ik goed en doe ik graag?",
        "tasks_avoid": "Welk werk gaat niet goed bij mij?",
    }

    def __init__(self, *args: Any, for_worker: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if for_worker:
            for name, label in self.WORKER_LABELS.items():
                self.reword(name, label=label)
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


class PersonRegisterForm(ModelForm):
    """A person entered on a screen (issue 17 §1). A BSN that is already in the register is
    found, not entered twice; one of another organisation is not shown (only that it is known)."""

    class Meta:
        model = Person
        fields = [
            "bsn",
            "name",
            "birth_date",
            "municipality",
            "regime",
            "education",
            "registered_on",
        ]
        widgets = date_widgets("birth_date", "registered_on")
        help_texts = {
            "bsn": "9 cijfers. Het BSN komt nooit in een link of in een lijst.",
            "registered_on": "Leeg als u het niet weet.",
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.found: Person | None = None  # the person with this BSN, when the user may see them
        field = self.fields["municipality"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = municipalities_for(user).order_by("name")
        self.fields["registered_on"].required = False

    def clean_bsn(self) -> str:
        bsn = self.cleaned_data["bsn"]
        existing = Person.objects.filter(bsn=bsn).first()
        if existing is None:
            return str(bsn)
        if Person.objects.visible_to(self.user).filter(pk=existing.pk).exists():
            self.found = existing
            raise forms.ValidationError(
                "Deze persoon staat al in Baanbehoud. Open de persoon met de link boven het "
                "formulier; voeg daar een plaatsing toe."
            )
        raise forms.ValidationError(
            "Dit BSN is al bekend bij een andere organisatie in de regio. Vraag de functioneel "
            "beheerder om de persoon aan uw organisatie over te dragen."
        )


class LoadCapacityForm(ModelForm):
    """The arbeidsdeskundige's assessment (issue 20 §4): when, how many hours, what the person
    can handle, and how it is expected to go."""

    class Meta:
        model = LoadAssessment
        fields = [
            "date", "hours_per_week", "hours_per_day", "work_pressure", "stimuli", "physical",
            "course", "next_review", "notes",
        ]  # fmt: skip
        help_texts = {
            "course": "Gaat het achteruit? Dan komt er een signaal om opnieuw te beoordelen.",
            "next_review": "Op deze dag komt er een signaal op de werklijst.",
        }
        widgets = {
            **date_widgets("date", "next_review"),
            "hours_per_week": PlainNumberInput(attrs={"step": "0.5", "min": "0", "max": "60"}),
            "hours_per_day": PlainNumberInput(attrs={"step": "0.5", "min": "0", "max": "24"}),
            "course": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }


class PretrajectoryForm(ModelForm):
    """Issue 20 §5: a voortraject before a placement."""

    class Meta:
        model = Pretrajectory
        fields = ["provider", "start", "end", "goals", "outcome", "outcome_note"]
        widgets = {
            **date_widgets("start", "end"),
            "outcome": forms.RadioSelect,
            "goals": forms.Textarea(attrs={"rows": 3}),
            "outcome_note": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"end": "Laat leeg zolang het voortraject loopt."}


class WerkfitForm(Form):
    """Issue 20 §5: the region's werkfit checklist for one candidate, every point a question
    with "Ja", "Nog niet" or "Weet ik (nog) niet", and room for a note."""

    checked_on = forms.DateField(label="Beoordeeld op", widget=DateInput())

    def __init__(
        self,
        *args: Any,
        points: list[WerkfitItem],
        stored: dict[int, WerkfitCheck],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.points = points
        for point in points:
            check = stored.get(point.pk)
            self.fields[f"point_{point.pk}"] = forms.ChoiceField(
                label=point.text,
                choices=[*WerkfitCheck.Answer.choices, ("", "Weet ik (nog) niet")],
                required=False,
                widget=forms.RadioSelect,
                initial=check.answer if check else "",
            )
            self.fields[f"note_{point.pk}"] = forms.CharField(
                label=f"Toelichting bij: {point.text}",
                required=False,
                max_length=1000,
                initial=check.note if check else "",
            )

    def clean_checked_on(self) -> date:
        day: date = self.cleaned_data["checked_on"]
        problem = happened_problem(day, timezone.localdate()) or (
            None if is_plausible(day) else MSG_IMPLAUSIBLE_DATE
        )
        if problem:
            raise forms.ValidationError(problem)
        return day

    def answers(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {p.pk: (data[f"point_{p.pk}"], data[f"note_{p.pk}"].strip()) for p in self.points}
