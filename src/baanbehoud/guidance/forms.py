from __future__ import annotations

from typing import Any

from django import forms

from baanbehoud.web.forms import ModelForm, date_widgets

from .models import Concern, ContactMoment, Evaluation


class ContactMomentForm(ModelForm):
    class Meta:
        model = ContactMoment
        fields = [
            "date",
            "with_worker",
            "with_employer",
            "with_jobcoach",
            "channel",
            "summary",
            "follow_up",
        ]
        widgets = {**date_widgets("date", "follow_up"), "channel": forms.RadioSelect}
        help_texts = {
            "summary": "Kort: hoe gaat het, wat is afgesproken?",
            "follow_up": "Wanneer spreekt u elkaar weer?",
        }


class EvaluationForm(ModelForm):
    class Meta:
        model = Evaluation
        fields = ["date", "kind", "agreements"]
        widgets = {**date_widgets("date"), "kind": forms.RadioSelect}


class ConcernHandlingForm(ModelForm):
    class Meta:
        model = Concern
        fields = ["handled", "handling_note"]
        widgets = date_widgets("handled")
        labels = {"handled": "Opgepakt op", "handling_note": "Wat heeft u gedaan?"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handled"].required = True
        self.fields["handling_note"].required = True
