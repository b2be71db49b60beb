from __future__ import annotations

from typing import Any

from django import forms

from baanbehoud.web.forms import ModelForm, date_widgets

from . import domain
from .models import ContractPeriod, Ending, EndingReason, HoursStep, ReasonSide


class ContractForm(ModelForm):
    class Meta:
        model = ContractPeriod
        fields = ["kind", "start", "end", "hours_per_week", "probation_end"]
        widgets = date_widgets("start", "end", "probation_end")
        help_texts = {
            "end": "Leeg laten bij een vast contract.",
            "probation_end": "Alleen als er een proeftijd is. Na een proefplaatsing mag geen proeftijd.",
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == "permanent" and data.get("end"):
            self.add_error("end", "Een vast contract heeft geen einddatum.")
        if data.get("kind") == "temporary" and not data.get("end"):
            self.add_error("end", "Vul de einddatum van het tijdelijke contract in.")
        return data


class ReasonChoiceField(forms.ModelMultipleChoiceField):
    """Each reason with its one-line B1 explanation (issue: "grouped by side, explained")."""

    def label_from_instance(self, obj: EndingReason) -> str:
        return f"{obj.label} — {obj.explanation}" if obj.explanation else obj.label


class EndingForm(ModelForm):
    reasons = ReasonChoiceField(
        queryset=EndingReason.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        label="Redenen",
        help_text="Kies één of meer redenen.",
    )

    class Meta:
        model = Ending
        fields = [
            "date",
            "initiative",
            "reasons",
            "no_permanent_reason",
            "notes",
            "learning_points",
            "next",
        ]
        widgets = {
            **date_widgets("date"),
            "initiative": forms.RadioSelect,
            "next": forms.RadioSelect,
        }

    def __init__(self, *args: Any, moment_for: Any, ask_no_permanent: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.moment_for = moment_for
        if not ask_no_permanent:
            del self.fields["no_permanent_reason"]
        self.moment: domain.Moment | None = None

    def reason_groups(self) -> list[tuple[str, list[Any]]]:
        """The reasons grouped by side (work and match, load, person, employer, service)."""
        sides = dict(ReasonSide.choices)
        options = {str(o.data["value"]): o for o in self["reasons"]}
        groups: dict[str, list[Any]] = {}
        for reason in self.fields["reasons"].queryset:  # type: ignore[attr-defined]
            groups.setdefault(str(sides[reason.side]), []).append(options[str(reason.pk)])
        return list(groups.items())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = data.get("reasons") or []
        if data.get("date"):
            self.moment = self.moment_for(data["date"], [r.code for r in chosen])
            if (
                self.moment == domain.Moment.TEMPORARY_TO_PERMANENT
                and "no_permanent_reason" in self.fields
                and not (data.get("no_permanent_reason") or "").strip()
            ):
                self.add_error(
                    "no_permanent_reason",
                    "Vul in waarom de werkgever geen vast contract bood. Zo leren we waarom mensen bij "
                    "de stap naar vast hun baan verliezen.",
                )
        problem = domain.ending_reason_problem(
            [r.code for r in chosen],
            data.get("notes") or "",
            [r.code for r in chosen if r.requires_note],
        )
        if problem:
            self.add_error("notes", problem)
        return data


class HoursDecisionForm(ModelForm):
    class Meta:
        model = HoursStep
        fields = ["decided_on", "decision", "reason"]
        widgets = {**date_widgets("decided_on"), "decision": forms.RadioSelect}
        help_texts = {"reason": "Waarom? Bijvoorbeeld: het gaat goed, de werknemer is minder moe."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.Meta.fields:
            self.fields[name].required = True
