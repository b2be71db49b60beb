"""/api/v1/persons: the persons in the doelgroepregister, scoped like the web UI."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from baanbehoud.core.rest import (
    LoggedModelViewSet,
    clean_copy,
    scope_references_to_region,
    user_of,
)
from baanbehoud.organisations.models import Municipality, Organisation, User

from .models import Person, PersonQuerySet, responsible_organisation


class PersonSerializer(serializers.ModelSerializer[Person]):
    municipality = serializers.SlugRelatedField(
        slug_field="name", queryset=Municipality.objects.all(), help_text="The municipality's name."
    )
    organisation: serializers.SlugRelatedField[Organisation] = serializers.SlugRelatedField(
        slug_field="ref", read_only=True, help_text="Executing organisation (Wajong: UWV)."
    )
    contact_person = serializers.SlugRelatedField(
        slug_field="ref",
        queryset=User.objects.exclude(ref=None),
        allow_null=True,
        required=False,
        help_text="The vaste contactpersoon's ref; null when none (NO_CONTACT_PERSON).",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope_references_to_region(self)

    class Meta:
        model = Person
        fields = [
            "ref",
            "bsn",
            "name",
            "birth_date",
            "municipality",
            "organisation",
            "regime",
            "education",
            "registered_on",
            "contact_person",
        ]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        regime = attrs.get("regime", getattr(self.instance, "regime", None))
        municipality = attrs.get("municipality", getattr(self.instance, "municipality", None))
        if regime and municipality:
            organisation = responsible_organisation(regime, municipality.pk)
            user = user_of(self.context["request"])
            if (
                not user.is_superuser
                and organisation is not None
                and organisation.pk != user.organisation_id
            ):
                raise serializers.ValidationError(
                    {"municipality": "Deze persoon hoort bij een andere uitvoeringsorganisatie."}
                )
            if organisation is None:
                raise serializers.ValidationError(
                    {"municipality": "Deze gemeente heeft geen uitvoeringsorganisatie."}
                )
            attrs["organisation"] = organisation
        # The model's own rules (dates that happened), as the page and the import check them.
        return clean_copy(Person, self.instance, attrs)


class PersonViewSet(LoggedModelViewSet):
    serializer_class = PersonSerializer
    lookup_field = "ref"
    lookup_value_regex = "[^/]+"
    object_type = "persoon"

    def get_queryset(self) -> PersonQuerySet:
        persons = Person.objects.visible_to(user_of(self.request))
        return persons.select_related("municipality", "organisation", "contact_person").order_by(
            "pk"
        )

    def person_of(self, instance: Person) -> Person:
        return instance
