"""/api/v1/employers and /api/v1/vacancies."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers, viewsets
from rest_framework.validators import UniqueValidator

from baanbehoud.core.rest import (
    ProfessionalAccess,
    clean_copy,
    scope_references_to_region,
    user_of,
)
from baanbehoud.organisations.models import Municipality, Role, User
from baanbehoud.organisations.scoping import consultants_for, municipalities_for
from baanbehoud.work_kinds import TASK_CHOICES

from . import services
from .models import Employer, EmployerQuerySet, Vacancy
from .services import VACANCY_FIELDS


class EmployerSerializer(serializers.ModelSerializer[Employer]):
    municipality = serializers.SlugRelatedField(
        slug_field="name", queryset=Municipality.objects.all(), allow_null=True, required=False
    )
    contact_person = serializers.SlugRelatedField(
        source="account_manager",
        slug_field="ref",
        queryset=User.objects.exclude(ref=None),
        allow_null=True,
        required=False,
        help_text="The WSP contact's ref.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope_references_to_region(self)

    class Meta:
        model = Employer
        fields = [
            "ref",
            "name",
            "kvk",
            "sector",
            "size",
            "municipality",
            "contact_person",
            "has_policy",
            "has_buddies",
            "offers_permanent",
        ]


class EmployerViewSet(viewsets.ModelViewSet):
    """Employers are organisations, not persons: no processing-log entry for reading them."""

    serializer_class = EmployerSerializer
    permission_classes = [ProfessionalAccess]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    lookup_field = "ref"
    lookup_value_regex = "[^/]+"

    def get_queryset(self) -> EmployerQuerySet:
        employers = Employer.objects.visible_to(user_of(self.request))
        return employers.select_related("municipality", "account_manager").order_by("pk")

    def perform_create(self, serializer: Any) -> None:
        serializer.save()


class VacancySerializer(serializers.ModelSerializer[Vacancy]):
    """A task package (issue 19 §1), as the list `vacancies` of the exchange format."""

    ref = serializers.CharField(
        max_length=64,
        required=False,
        validators=[UniqueValidator(queryset=Vacancy.objects.all())],
        help_text="Left out: Baanbehoud makes one.",
    )
    employer = serializers.SlugRelatedField(
        slug_field="ref", queryset=Employer.objects.none(), help_text="The employer's ref."
    )
    municipality = serializers.SlugRelatedField(
        slug_field="name", queryset=Municipality.objects.all(), allow_null=True, required=False
    )
    task_kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=TASK_CHOICES),
        required=False,
        help_text="The kinds of work (codes of docs/exchange-format.md); the match compares them "
        "with what a candidate does well and what does not go.",
    )
    account_manager = serializers.SlugRelatedField(
        slug_field="ref",
        queryset=User.objects.exclude(ref=None),
        allow_null=True,
        required=False,
        help_text="The ref of the accountmanager who owns it.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            user = user_of(request)
            self.fields["employer"].queryset = Employer.objects.visible_to(user)  # type: ignore[attr-defined]
            self.fields["municipality"].queryset = municipalities_for(user)  # type: ignore[attr-defined]
            self.fields["account_manager"].queryset = consultants_for(user).filter(  # type: ignore[attr-defined]
                role=Role.ACCOUNTMANAGER
            )

    class Meta:
        model = Vacancy
        fields = ["ref", "employer", *VACANCY_FIELDS]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        clean_copy(Vacancy, self.instance, attrs)  # the hours rule of the page and the import
        return attrs

    def create(self, validated: dict[str, Any]) -> Vacancy:
        return services.vacancy_add(**validated)  # the same service as the page

    def update(self, instance: Vacancy, validated: dict[str, Any]) -> Vacancy:
        validated.pop("ref", None)  # a vacancy keeps its ref
        validated.pop("employer", None)  # and its employer
        return services.vacancy_change(vacancy=instance, **validated)


class VacancyViewSet(viewsets.ModelViewSet):
    """Task packages are not about persons: no processing-log entry for reading them. Writes
    go through the services (each one transaction)."""

    serializer_class = VacancySerializer
    permission_classes = [ProfessionalAccess]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    lookup_field = "ref"
    lookup_value_regex = "[^/]+"

    def get_queryset(self) -> Any:
        visible = Employer.objects.visible_to(user_of(self.request)).values("pk")
        return (
            Vacancy.objects.filter(employer__in=visible)
            .select_related("employer", "municipality", "account_manager")
            .order_by("pk")
        )
