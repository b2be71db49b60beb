"""The forms of proposing a candidate and of its course (issue 19 §3)."""

from __future__ import annotations

from typing import Any

from django import forms

from baanbehoud.core.forms import DateInput, Form, PlainNumberInput
from baanbehoud.placements.forms import ReasonChoiceField, ReasonGroupsMixin
from baanbehoud.placements.models import EndingReason

from .domain import SHAREABLE


class ProposalForm(Form):
    consent = forms.BooleanField(
        label="De kandidaat gaf toestemming om dit te delen met de werkgever",
        required=False,
        help_text="De werkgever ziet geen naam, geen BSN en geen diagnose; alleen wat u hieronder "
        "kiest.",
    )
    shared_items = forms.MultipleChoiceField(
        label="Wat de werkgever mag zien",
        choices=SHAREABLE,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Uit het kandidaatprofiel. Alleen wat de kandidaat goed vindt.",
    )
    note = forms.CharField(
        label="Toelichting voor de werkgever",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Waarom deze kandidaat bij dit werk past. Geen naam of gezondheid.",
    )

    def __init__(self, *args: Any, filled: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["shared_items"].initial = filled


class AnswerForm(ReasonGroupsMixin, Form):
    interested = forms.TypedChoiceField(
        label="Wilt u kennismaken met deze kandidaat?",
        choices=[("yes", "Ja, ik wil kennismaken"), ("no", "Nee")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reasons = ReasonChoiceField(
        queryset=EndingReason.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        label="Als het nee is: waarom niet?",
        required=False,
        help_text="Kies één of meer redenen. Zo leren we voor het volgende voorstel.",
    )
    answer_note = forms.CharField(
        label="Toelichting",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MeetingForm(Form):
    meeting_on = forms.DateField(label="Datum van de kennismaking", widget=DateInput())


class StartForm(Form):
    start = forms.DateField(label="Eerste dag", widget=DateInput())
    end = forms.DateField(
        label="Laatste dag van de proefplaatsing",
        widget=DateInput(),
        help_text="Een proefplaatsing duurt hoogstens zes maanden.",
    )
    hours_per_week = forms.DecimalField(
        label="Uren per week",
        max_digits=4,
        decimal_places=1,
        min_value=0,
        max_value=168,
        widget=PlainNumberInput(attrs={"step": "0.5", "min": "0"}),
    )


class StopForm(Form):
    stopped_reason = forms.CharField(
        label="Waarom stopt dit voorstel?",
        max_length=300,
        help_text="Bijvoorbeeld: de kandidaat wil niet na de kennismaking, of de vacature is al "
        "vervuld.",
    )
