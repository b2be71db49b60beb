"""/api/v1/employers."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers, viewsets

from baanbehoud.core.rest import ProfessionalAccess, scope_references_to_region, user_of
from baanbehoud.organisations.models import Municipality, User

from .models import Employer, EmployerQuerySet


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
