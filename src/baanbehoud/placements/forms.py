from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms

from baanbehoud.core.forms import DateInput, Form, ModelForm, PlainNumberInput, date_widgets
from baanbehoud.dates import format_date_nl
from baanbehoud.employers.models import Employer
from baanbehoud.employers.selectors import employer_lookup
from baanbehoud.organisations.models import User

from . import domain
from .chain import ChainContract, permanent_by_law_during
from .models import (
    ContractKindChoices,
    ContractPeriod,
    EmployerIntention,
    Ending,
    EndingReason,
    HoursStep,
    Placement,
    ReasonSide,
    Route,
    WageValue,
)


class ContractForm(ModelForm):
    """The next contract. When the chain rule says it is permanent by law (docs/signals.md),
    "vast" is chosen for the user; keeping "tijdelijk" needs a tick and a reason."""

    confirm_temporary = forms.BooleanField(
        label="Ik weet dat dit contract volgens de ketenbepaling vast is, en leg het toch als "
        "tijdelijk vast",
        required=False,
    )

    class Meta:
        model = ContractPeriod
        fields = [
            "kind",
            "start",
            "end",
            "hours_per_week",
            "probation_end",
            "extension_reason",
            "confirm_temporary",
            "temporary_reason",
            "cao_max_contracts",
            "cao_max_months",
            "cao_gap_months",
        ]
        widgets = {
            **date_widgets("start", "end", "probation_end"),
            "temporary_reason": forms.Textarea(attrs={"rows": 2}),
            "extension_reason": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "end": "Leeg laten bij een vast contract.",
            "probation_end": "Alleen als er een proeftijd is. Na een proefplaatsing mag geen proeftijd.",
            "extension_reason": "Alleen bij een proefplaatsing van meer dan twee maanden: UWV "
            "staat dat alleen met een reden toe.",
            "temporary_reason": "Alleen nodig als u hierboven aanvinkt. Bijvoorbeeld: de cao staat "
            "meer tijdelijke contracten toe (vul dat dan hieronder in).",
            "cao_max_contracts": "Alleen als de cao afwijkt van de wet.",
            "cao_max_months": "Alleen als de cao afwijkt van de wet.",
            "cao_gap_months": "Alleen als de cao afwijkt van de wet (seizoenswerk).",
        }

    def __init__(self, *args: Any, chain: Sequence[ChainContract] = (), **kwargs: Any) -> None:
        self.chain = list(chain)  # the worker's other temporary contracts at this employer
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        # (The end-date rules live in domain.contract_problems: the model's clean runs them.)
        data = super().clean() or {}
        if data.get("kind") == "temporary" and data.get("start") and data.get("end"):
            permanent_from = permanent_by_law_during(
                self.chain,
                ChainContract(
                    data["start"],
                    data["end"],
                    data.get("cao_max_contracts"),
                    data.get("cao_max_months"),
                    data.get("cao_gap_months"),
                ),
            )
            if permanent_from is not None:
                if not data.get("confirm_temporary"):
                    self.add_error(
                        "confirm_temporary",
                        f"Volgens de ketenbepaling is dit contract vanaf "
                        f"{format_date_nl(permanent_from)} vast. Kies 'Vast contract', of vink aan "
                        "dat u het toch als tijdelijk vastlegt.",
                    )
                if not (data.get("temporary_reason") or "").strip():
                    self.add_error(
                        "temporary_reason",
                        "Vul in waarom het contract toch tijdelijk is, bijvoorbeeld een afwijking "
                        "in de cao.",
                    )
        return data


class ContractCorrectionForm(ContractForm):
    """A wrongly entered contract, corrected: the same fields and rules, and why."""

    reason = forms.CharField(
        label="Waarom corrigeert u dit contract?",
        help_text="Bijvoorbeeld: de einddatum was verkeerd overgenomen van het contract.",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Vul in waarom u het contract corrigeert."},
    )

    class Meta(ContractForm.Meta):
        fields = [*ContractForm.Meta.fields, "reason"]


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Waarom trekt u dit in?",
        help_text="Bijvoorbeeld: dubbel ingevoerd, of bij de verkeerde persoon.",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Vul in waarom u dit intrekt."},
    )
    confirm = forms.BooleanField(
        label="Ja, dit was verkeerd ingevoerd",
        error_messages={"required": "Vink aan dat dit verkeerd was ingevoerd."},
    )


class ReasonChoiceField(forms.ModelMultipleChoiceField):
    """Each reason with its one-line B1 explanation (issue: "grouped by side, explained")."""

    def label_from_instance(self, obj: EndingReason) -> str:
        return f"{obj.label} — {obj.explanation}" if obj.explanation else obj.label


class ReasonGroupsMixin:
    """The reasons of §7 grouped by side on a form (ending_form.html shows them so)."""

    def reason_groups(self) -> list[tuple[str, list[Any]]]:
        """The reasons grouped by side (work and match, load, person, employer, service)."""
        form: Any = self  # a form: the mixin only goes with one
        sides = dict(ReasonSide.choices)
        options = {str(o.data["value"]): o for o in form["reasons"]}
        groups: dict[str, list[Any]] = {}
        for reason in form.fields["reasons"].queryset:
            groups.setdefault(str(sides[reason.side]), []).append(options[str(reason.pk)])
        return list(groups.items())


class EndingForm(ReasonGroupsMixin, ModelForm):
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
        # Nothing chosen in advance (issue 17 §7): "what came after" is a question to answer, and
        # "weet ik niet" is one of the answers, not a default to overlook.
        if self.instance.pk is None:
            self.initial.pop("next", None)
            self.fields["next"].initial = None  # not the model's default
        for name, message in (  # what to do, not "Dit veld is vereist." (issue 17 §4)
            ("reasons", "Kies minstens één reden waarom de baan eindigde."),
            ("initiative", "Kies van wie het einde uitging."),
            ("next", "Kies wat er daarna gebeurt (of: weet ik niet)."),
        ):
            self.fields[name].error_messages["required"] = message
        # Radio buttons: the answers only, no empty "---------" option (checked, at that).
        for name, choices in (
            ("initiative", Ending.Initiative.choices),
            ("next", Ending.Next.choices),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices
        if not ask_no_permanent:
            del self.fields["no_permanent_reason"]
        self.moment: domain.Moment | None = None

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


class IntentionForm(ReasonGroupsMixin, ModelForm):
    """Issue 19 §5: the employer's intention before a temporary contract ends."""

    reasons = ReasonChoiceField(
        queryset=EndingReason.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        label="Waarom wil de werkgever stoppen?",
        help_text="Alleen als de werkgever wil stoppen: kies één of meer redenen.",
        required=False,
    )

    class Meta:
        model = EmployerIntention
        fields = ["date", "intention", "reasons", "notes"]
        widgets = {**date_widgets("date"), "intention": forms.RadioSelect}
        labels = {"intention": "Wat wil de werkgever?"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["intention"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = EmployerIntention.Kind.choices  # the answers only, none pre-chosen
        for name, message in (
            ("date", "Vul in wanneer de werkgever dit zei."),
            ("intention", "Kies wat de werkgever wil."),
        ):
            self.fields[name].error_messages["required"] = message

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = data.get("reasons") or []
        problem = domain.intention_problem(
            data.get("intention") or "",
            [r.code for r in chosen],
            data.get("notes") or "",
            [r.code for r in chosen if r.requires_note],
        )
        if problem is not None:
            self.add_error(problem[0], problem[1])
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
        # What to do, not "Dit veld is vereist." (issue 17 §4).
        for name, message in (
            ("decided_on", "Vul de datum van het besluit in."),
            ("decision", "Kies wat er met de uren gebeurt."),
            ("reason", "Schrijf op waarom."),
        ):
            self.fields[name].error_messages["required"] = message


class AftercareCloseForm(ModelForm):
    """Issue 19 §4: stop the aftercare after a job loss, with the day and why."""

    class Meta:
        model = Ending
        fields = ["aftercare_closed", "aftercare_closed_reason"]
        widgets = {
            **date_widgets("aftercare_closed"),
            "aftercare_closed_reason": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"aftercare_closed": "Datum van het besluit"}
        help_texts = {
            "aftercare_closed_reason": "Bijvoorbeeld: verhuisd naar een andere regio, met "
            "pensioen, gaat naar dagbesteding, wil geen hulp bij werk zoeken."
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, message in (  # the messages of the rule (placements.domain), said once
            ("aftercare_closed", domain.MSG_AFTERCARE_DAY_MISSING),
            ("aftercare_closed_reason", domain.MSG_AFTERCARE_REASON),
        ):
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = message


class OfferDiscussedForm(ModelForm):
    """Issue 20 §7: the day the offer of jobcoaching and the no-risk polis was discussed."""

    class Meta:
        model = Placement
        fields = ["offer_discussed_on"]
        widgets = date_widgets("offer_discussed_on")
        labels = {"offer_discussed_on": "Besproken met de werkgever op"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offer_discussed_on"].required = True


class PlacementRegisterForm(Form):
    """A placement from nothing (issue 17 §1), with its first contract or proefplaatsing. The
    employer is found by KvK number or by name; one that is not in Baanbehoud yet is added on the
    spot (KvK number and name)."""

    employer = forms.CharField(
        label="Werkgever",
        max_length=200,
        help_text="Het KvK-nummer (8 cijfers) of de naam van de werkgever.",
    )
    new_employer_name = forms.CharField(
        label="Naam van de nieuwe werkgever",
        max_length=200,
        required=False,
        help_text="Alleen als de werkgever nog niet in Baanbehoud staat. Vul dan bij Werkgever "
        "het KvK-nummer in.",
    )
    function = forms.CharField(label="Functie", max_length=200)
    route = forms.ChoiceField(label="Hoe is deze baan gevonden?", choices=Route.choices)
    kind = forms.ChoiceField(
        label="Soort eerste contract",
        choices=ContractKindChoices.choices,
        initial=ContractKindChoices.PROEFPLAATSING,
    )
    start = forms.DateField(label="Begindatum", widget=DateInput())
    end = forms.DateField(
        label="Einddatum",
        required=False,
        widget=DateInput(),
        help_text="Leeg bij een vast contract.",
    )
    hours_per_week = forms.DecimalField(
        label="Uren per week",
        min_value=Decimal(0),
        max_value=Decimal(60),
        decimal_places=1,
        widget=PlainNumberInput(attrs={"step": "0.5", "min": "0"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.found_employer: Employer | None = None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        text = str(cleaned.get("employer", "")).strip()
        new_name = str(cleaned.get("new_employer_name", "")).strip()
        if not text:
            return cleaned
        lookup = employer_lookup(user=self.user, text=text)
        self.found_employer = lookup.found
        if lookup.by_kvk and lookup.found is None and not new_name:
            self.add_error(
                "new_employer_name",
                "Deze werkgever staat nog niet in Baanbehoud. Vul de naam in, dan voegen we "
                "de werkgever toe.",
            )
        elif not lookup.by_kvk and lookup.candidates:
            names = ", ".join(f"{e.name} ({e.kvk})" for e in lookup.candidates[:5])
            self.add_error(
                "employer", f"Meer werkgevers passen bij '{text}': {names}. Vul het KvK-nummer in."
            )
        elif not lookup.by_kvk and lookup.found is None:
            self.add_error(
                "employer",
                f"Geen werkgever gevonden met '{text}'. Vul het KvK-nummer in; staat de werkgever "
                "er nog niet in, vul dan ook de naam in.",
            )
        return cleaned


class WageValueForm(ModelForm):
    """Issue 20 §3: a loonwaarde measurement."""

    class Meta:
        model = WageValue
        fields = [
            "date", "method", "measurer", "measured_by", "outcome", "hours_per_week",
            "disputed", "dispute_note", "next_measurement",
        ]  # fmt: skip
        widgets = {
            **date_widgets("date", "next_measurement"),
            "method": forms.RadioSelect,
            "measurer": forms.RadioSelect,
            "dispute_note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "outcome": "Wat de werknemer in een uur doet, in procenten van een collega zonder "
            "beperking. Bijvoorbeeld 60.",
            "dispute_note": "Alleen als de uitkomst wordt betwist: door wie, en waarom.",
        }
