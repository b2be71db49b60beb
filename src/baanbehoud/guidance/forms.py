from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms

from baanbehoud.core.forms import Form, ModelForm, UserChoiceField, date_widgets
from baanbehoud.organisations.models import Organisation, OrganisationKind, Role, User
from baanbehoud.placements.models import HoursStep

from . import domain
from .models import (
    Concern,
    ContactMoment,
    Evaluation,
    JobcoachReport,
    JobcoachTrajectory,
    Provision,
    Referral,
    SickReport,
)


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
            "shared_with_employer",
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


class EvaluationResponseForm(Form):
    """The closed questions of the evaluation / IOP, one 4-point scale each, in plain words."""

    remarks = forms.CharField(
        label="Wilt u nog iets zeggen?", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self, *args: Any, respondent: str = "worker", name: str = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [(value, label) for value, label in domain.SCALE_LABELS.items()]
        for code, text in reversed(domain.evaluation_items_for(respondent, name)):
            self.fields = {
                code: forms.TypedChoiceField(
                    label=text,
                    choices=choices,
                    coerce=int,
                    widget=forms.RadioSelect,
                    # What to do, not "Dit veld is vereist." (issue 17 §4).
                    error_messages={"required": "Kies het antwoord dat het best past."},
                ),
                **self.fields,
            }
        self._init_described()

    def answers(self) -> dict[str, int]:
        return {code: self.cleaned_data[code] for code, _t in domain.EVALUATION_ITEMS}


class AgreementsForm(ModelForm):
    class Meta:
        model = Evaluation
        fields = ["agreements"]
        widgets = {"agreements": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "agreements": "Wat spreken werknemer en leidinggevende af? Bijvoorbeeld over uren of begeleiding."
        }


class ConcernRaiseForm(Form):
    kind = forms.ChoiceField(
        label="Wat is er aan de hand?",
        choices=Concern.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Kies wat er aan de hand is."},
    )
    text = forms.CharField(
        label="Wilt u er iets over vertellen?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Dit hoeft niet. Uw contactpersoon belt u.",
    )
    shared_with_employer = forms.BooleanField(
        label="De werkgever mag dit ook zien",
        required=False,
        help_text="Als u dit niet aanvinkt, ziet alleen de contactpersoon het.",
    )

    def __init__(self, *args: Any, about: str | None = None, **kwargs: Any) -> None:
        """`about`: the worker's first name when someone else rings the bell (a supervisor, a
        jobcoach, a professional); the choices then speak about the worker, not as the worker
        (issue 17 §4). `employer`: the supervisor, for whom sharing with the employer is moot."""
        employer = kwargs.pop("employer", False)
        super().__init__(*args, **kwargs)
        if about is not None:
            kind = self.fields["kind"]
            assert isinstance(kind, forms.ChoiceField)
            kind.choices = [
                (code, concern_kind_label(code, about)) for code, _l in Concern.Kind.choices
            ]
            self.reword("kind", label=f"Wat is er aan de hand met {about}?")
            self.reword("text", help_text=f"Dit hoeft niet. De contactpersoon van {about} belt u.")
        if employer:
            del self.fields["shared_with_employer"]


def concern_kind_label(code: str, about: str) -> str:
    """A concern's kind as someone else says it about the worker: "De gezondheid van Sam"."""
    labels: dict[str, str] = {
        Concern.Kind.HEALTH.value: f"De gezondheid van {about}",
        Concern.Kind.PRIVATE.value: f"Thuis of privé bij {about}",
        Concern.Kind.NOT_GOING_WELL.value: f"Het gaat niet goed met {about}",
    }
    return labels.get(code, str(Concern.Kind(code).label))


class TrajectoryForm(ModelForm):
    class Meta:
        model = JobcoachTrajectory
        fields = ["organisation", "coach", "intensity", "start", "end", "exception_reason"]
        widgets = date_widgets("start", "end")
        field_classes = {"coach": UserChoiceField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation, coach = self.fields["organisation"], self.fields["coach"]
        assert isinstance(organisation, forms.ModelChoiceField) and isinstance(
            coach, forms.ModelChoiceField
        )
        organisation.queryset = Organisation.objects.filter(kind=OrganisationKind.JOBCOACH)
        coach.queryset = (
            User.objects.filter(role=Role.JOBCOACH, is_active=True)
            .select_related("organisation")
            .order_by("full_name", "organisation__name", "pk")
        )


class ExceptionForm(ModelForm):
    class Meta:
        model = JobcoachTrajectory
        fields = ["exception_reason"]
        labels = {"exception_reason": "Reden voor de uitzondering"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["exception_reason"].required = True


class HoursBookForm(Form):
    month = forms.CharField(
        label="Maand",
        widget=forms.TextInput(attrs={"type": "month"}),
        help_text="Bijvoorbeeld 2026-03 voor maart 2026.",
    )
    hours = forms.DecimalField(
        label="Uren erbij in die maand",
        min_value=Decimal("0.5"),
        max_value=Decimal(200),
        decimal_places=1,
    )

    def clean_month(self) -> date:
        value = self.cleaned_data["month"].strip()
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", value)
        if (
            not match
            or not 1 <= int(match.group(2)) <= 12
            or not 1900 <= int(match.group(1)) <= 2199
        ):
            raise forms.ValidationError("Vul een maand in als jaar-maand, bijvoorbeeld 2026-03.")
        return date(int(match.group(1)), int(match.group(2)), 1)


class JobcoachReportForm(ModelForm):
    class Meta:
        model = JobcoachReport
        fields = ["date", "how_it_goes", "what_changed", "risk", "advice"]
        widgets = date_widgets("date")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["how_it_goes"].required = True
        self.fields["how_it_goes"].error_messages["required"] = "Schrijf op hoe het gaat."


class HoursStepForm(ModelForm):
    class Meta:
        model = HoursStep
        fields = ["from_date", "hours_per_week", "review_date"]
        widgets = date_widgets("from_date", "review_date")
        help_texts = {
            "review_date": "Bespreek na een paar weken of meer uren kunnen (rapport: begin laag)."
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["review_date"].required = True


class ProvisionForm(ModelForm):
    class Meta:
        model = Provision
        fields = ["kind", "description", "requested", "granted", "status"]
        widgets = date_widgets("requested", "granted")


class ReferralForm(ModelForm):
    """A private concern to the buurtteam (issue 20 §6), and later the team's feedback."""

    class Meta:
        model = Referral
        fields = ["referred_on", "team", "note", "feedback_on", "feedback"]
        widgets = {
            **date_widgets("referred_on", "feedback_on"),
            "note": forms.Textarea(attrs={"rows": 3}),
            "feedback": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"feedback_on": "Laat leeg tot het buurtteam iets laat weten."}


class SickReportForm(ModelForm):
    """A sick report (issue 20 §1): the worker, the employer or a contact person."""

    class Meta:
        model = SickReport
        fields = ["first_day", "expected_return", "works_partly", "note"]
        widgets = {
            **date_widgets("first_day", "expected_return"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "note": "Dit hoeft niet. Alleen de contactpersoon ziet dit. Geen medische "
            "gegevens: die horen bij de bedrijfsarts.",
        }


class SickReportChangeForm(ModelForm):
    """The expected return or partial work changed, or the worker is back at work."""

    class Meta:
        model = SickReport
        fields = ["recovered_on", "expected_return", "works_partly"]
        widgets = date_widgets("recovered_on", "expected_return")
        help_texts = {
            "recovered_on": "De eerste dag dat de werknemer weer helemaal werkt. Dan is de "
            "ziekmelding klaar. Laat leeg als de werknemer nog ziek is.",
        }
