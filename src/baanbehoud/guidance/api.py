"""/api/v1/contacts, /api/v1/evaluations, /api/v1/concerns."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS

from baanbehoud.core.rest import LoggedModelViewSet, clean_copy, user_of
from baanbehoud.persons.models import Person
from baanbehoud.placements.models import Placement

from .models import Concern, ContactMoment, Evaluation

WITH = {"worker": "with_worker", "employer": "with_employer", "jobcoach": "with_jobcoach"}


class PlacementScoped(serializers.ModelSerializer):
    placement = serializers.SlugRelatedField(
        slug_field="ref", queryset=Placement.objects.none(), help_text="The placement's ref."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["placement"].queryset = Placement.objects.manageable_by(user_of(request))  # type: ignore[attr-defined]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        return clean_copy(self.Meta.model, self.instance, attrs)


class WithField(serializers.ListField):
    """`with` of the exchange format: any of worker, employer, jobcoach (stored as three flags)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            child=serializers.ChoiceField(choices=list(WITH)), allow_empty=False, **kwargs
        )

    def get_attribute(self, instance: ContactMoment) -> list[str]:
        return [code for code, attr in WITH.items() if getattr(instance, attr)]


class ContactSerializer(PlacementScoped):
    by: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="ref", read_only=True, help_text="Who recorded it (ref)."
    )

    class Meta:
        model = ContactMoment
        fields = ["id", "placement", "date", "by", "channel", "summary", "follow_up"]

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        fields["with"] = WithField(help_text="With whom: worker, employer, jobcoach.")
        return fields

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        chosen = attrs.pop("with", None)
        if chosen is not None:
            for code, attr in WITH.items():
                attrs[attr] = code in chosen
        return super().validate(attrs)


class EvaluationSerializer(PlacementScoped):
    class Meta:
        model = Evaluation
        fields = ["id", "placement", "date", "kind", "agreements"]


class ConcernSerializer(PlacementScoped):
    class Meta:
        model = Concern
        fields = [
            "id",
            "placement",
            "date",
            "raised_by",
            "kind",
            "text",
            "handled",
            "handling_note",
        ]


class PlacementRecordViewSet(LoggedModelViewSet):
    """Records of a placement: read as `visible_to`, written as `manageable_by`. `person_path`
    leads from the record to its person."""

    model: Any = None
    person_path = "placement__person"

    def get_queryset(self) -> Any:
        user = user_of(self.request)
        records = self.model.objects
        scope = (
            records.visible_to(user)
            if self.request.method in SAFE_METHODS
            else records.manageable_by(user)
        )
        return scope.select_related(self.person_path).order_by("pk")

    def person_of(self, instance: Any) -> Person:
        target = instance
        for part in self.person_path.split("__"):
            target = getattr(target, part)
        return target


class ContactViewSet(PlacementRecordViewSet):
    serializer_class = ContactSerializer
    model = ContactMoment
    object_type = "contactmoment"

    def perform_create(self, serializer: Any) -> None:
        serializer.save = _with_author(serializer.save, self.request.user)
        super().perform_create(serializer)


def _with_author(save: Any, user: Any) -> Any:
    return lambda **kwargs: save(by=user, **kwargs)


class EvaluationViewSet(PlacementRecordViewSet):
    serializer_class = EvaluationSerializer
    model = Evaluation
    object_type = "evaluatie"


class ConcernViewSet(PlacementRecordViewSet):
    serializer_class = ConcernSerializer
    model = Concern
    object_type = "zorgsignaal"
