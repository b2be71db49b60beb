from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from baanbehoud.core.choices import Sector
from baanbehoud.core.forms import Form, ModelForm, PlainNumberInput, UserChoiceField, date_widgets
from baanbehoud.organisations.models import Role, User
from baanbehoud.organisations.scoping import municipalities_for
from baanbehoud.work_kinds import TASK_CHOICES

from .models import Employer, EmployerContact, Vacancy


def region_account_managers(region_id: int | None) -> QuerySet[User]:
    """The WSP contact of an employer, and the owner of a task package, is an accountmanager of
    the region (docs/rules.md §2), nobody else."""
    if region_id is None:
        return User.objects.none()
    return (
        User.objects.filter(
            role=Role.ACCOUNTMANAGER, organisation__region_id=region_id, is_active=True
        )
        .select_related("organisation")
        .order_by("full_name", "organisation__name", "pk")
    )


class AccountManagerForm(Form):
    account_manager = UserChoiceField(
        queryset=User.objects.none(),
        label="Contactpersoon bij het WSP",
        help_text="Werkgevers willen één vast aanspreekpunt, ook als de werknemer vast in dienst is.",
    )

    def __init__(self, *args: Any, region_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["account_manager"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = region_account_managers(region_id)


class SupervisorInviteForm(Form):
    name = forms.CharField(label="Naam", max_length=200)
    email = forms.EmailField(
        label="E-mailadres", help_text="Hier komt de link om een wachtwoord te kiezen."
    )


class EmployerRegisterForm(ModelForm):
    """An employer entered on a screen (issue 17 §1); the same KvK number is found, not entered
    twice."""

    sector = forms.ChoiceField(label="Sector", choices=Sector.choices, initial=Sector.OTHER)

    class Meta:
        model = Employer
        fields = ["name", "kvk", "sector", "municipality"]
        help_texts = {"kvk": "8 cijfers, van het uittreksel van de Kamer van Koophandel."}

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.found: Employer | None = None
        field = self.fields["municipality"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = municipalities_for(user).order_by("name")
        field.required = False

    def clean_kvk(self) -> str:
        kvk = str(self.cleaned_data["kvk"])
        existing = Employer.objects.filter(kvk=kvk).first()
        if existing is not None:
            if Employer.objects.visible_to(self.user).filter(pk=existing.pk).exists():
                self.found = existing
            raise forms.ValidationError(
                f"Werkgever {existing.name} met dit KvK-nummer staat al in Baanbehoud."
            )
        return kvk


class EmployerContactForm(ModelForm):
    class Meta:
        model = EmployerContact
        fields = ["name", "function", "email", "phone"]
        help_texts = {"function": "Bijvoorbeeld: leidinggevende, HR, interne begeleider."}


class VacancyForm(ModelForm):
    """The task package made with the employer (report §4.3.4), every item a match is scored
    on. A new one has no status: it is open."""

    task_kinds = forms.MultipleChoiceField(
        label="Soort werk",
        choices=TASK_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Wat voor werk het is. De matching vergelijkt dit met wat een kandidaat goed "
        "kan en met wat niet gaat.",
    )
    account_manager = UserChoiceField(
        queryset=User.objects.none(),
        label="Accountmanager (WSP)",
        required=False,
        help_text="Wie het takenpakket met de werkgever maakte en kandidaten voorstelt.",
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = municipalities_for(user).order_by("name")
        region_id = user.organisation.region_id if user.organisation else None
        owner = self.fields["account_manager"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = region_account_managers(region_id)
        if self.instance.pk is None:
            del self.fields["status"]
            if user.role == Role.ACCOUNTMANAGER:
                self.initial.setdefault("account_manager", user.pk)
            elif self.instance.employer_id is not None:
                self.initial.setdefault(
                    "account_manager", self.instance.employer.account_manager_id
                )

    class Meta:
        model = Vacancy
        fields = [
            "title",
            "tasks",
            "task_kinds",
            "hours_min",
            "hours_max",
            "days",
            "municipality",
            "start",
            "work_pressure",
            "stimuli",
            "physical_demand",
            "social_demand",
            "team_or_alone",
            "supervision",
            "buddy",
            "jobcoaching_possible",
            "guidance_offered",
            "reorganisation_planned",
            "intends_permanent",
            "account_manager",
            "status",
        ]
        widgets = {
            "tasks": forms.Textarea(attrs={"rows": 4}),
            "guidance_offered": forms.Textarea(attrs={"rows": 3}),
            "hours_min": PlainNumberInput(attrs={"step": "0.5", "min": "0"}),
            "hours_max": PlainNumberInput(attrs={"step": "0.5", "min": "0"}),
            **date_widgets("start"),
        }
        help_texts = {
            "tasks": "Een breed takenpakket: wat er te doen is, zonder vaste eisen.",
            "hours_min": "Uren als bandbreedte, bijvoorbeeld 12 tot 24 uur per week.",
            "physical_demand": "Bijvoorbeeld tillen, lang staan of lopen.",
            "jobcoaching_possible": "Een jobcoach mag op de werkplek komen.",
            "status": "Een vervulde of ingetrokken vacature doet niet meer mee in de matching.",
        }
