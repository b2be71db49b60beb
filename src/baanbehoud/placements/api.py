"""GET /api/v1/placements/{ref}/chain?on=YYYY-MM-DD — exchange-format.md "Chain status"."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from baanbehoud.audit.models import Action
from baanbehoud.audit.services import log_processing
from baanbehoud.core.rest import (
    LoggedModelViewSet,
    PlausibleDateField,
    ProfessionalAccess,
    clean_copy,
    user_of,
)
from baanbehoud.employers.models import Employer
from baanbehoud.persons.models import Person

from . import domain, services
from .models import ContractPeriod, EmployerIntention, Ending, EndingReason, Placement
from .selectors import chain_status_json, contract_notes


class ChainQuerySerializer(serializers.Serializer[Any]):
    on = PlausibleDateField(required=False, help_text="The day (YYYY-MM-DD); default today.")


class ChainStatusSerializer(serializers.Serializer[Any]):
    placement = serializers.CharField(help_text="The placement's ref.")
    regime = serializers.ChoiceField(choices=["flexwet", "wwz", "wab"])
    contracts_in_chain = serializers.IntegerField()
    max_contracts = serializers.IntegerField()
    chain_start = serializers.DateField(allow_null=True)
    max_months = serializers.IntegerField()
    permanent_by_law_from = serializers.DateField(
        allow_null=True,
        help_text="The first day on which the chain, continued without an interruption longer "
        "than the tussenpoos, is permanent by law.",
    )
    next_must_be_permanent = serializers.BooleanField()
    is_permanent = serializers.BooleanField()


class PlacementChainView(APIView):
    permission_classes = [ProfessionalAccess]

    @extend_schema(
        parameters=[ChainQuerySerializer],
        responses=ChainStatusSerializer,
        summary="Chain status of a placement on a date",
    )
    def get(self, request: Request, ref: str) -> Response:
        query = ChainQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        on = query.validated_data.get("on") or timezone.localdate()
        try:
            placement = (
                Placement.objects.visible_to(request.user)  # type: ignore[arg-type]
                .select_related("employer", "person")
                .get(ref=ref)
            )
        except Placement.DoesNotExist as exc:
            raise Http404 from exc
        log_processing(
            user=request.user,  # type: ignore[arg-type]
            persons=[placement.person],
            action=Action.READ,
            activity="Ketenbepaling",
            object_type="plaatsing (api)",
            object_id=placement.ref,
        )
        return Response(chain_status_json(placement, on))


class ContractSerializer(serializers.ModelSerializer[ContractPeriod]):
    placement = serializers.SlugRelatedField(slug_field="ref", queryset=Placement.objects.none())

    class Meta:
        model = ContractPeriod
        fields = [
            "id",
            "placement",
            "kind",
            "start",
            "end",
            "hours_per_week",
            "probation_end",
            "cao_max_contracts",
            "cao_max_months",
            "cao_gap_months",
            "extension_reason",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["placement"].queryset = Placement.objects.manageable_by(user_of(request))  # type: ignore[attr-defined]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        return clean_copy(ContractPeriod, self.instance, attrs)

    def create(self, validated: dict[str, Any]) -> ContractPeriod:
        # The same service as the page: it locks the placement and checks again inside.
        return services.contract_add(user=user_of(self.context["request"]), **validated)


class NestedContractSerializer(serializers.ModelSerializer[ContractPeriod]):
    class Meta:
        model = ContractPeriod
        fields = [
            "kind",
            "start",
            "end",
            "hours_per_week",
            "probation_end",
            "cao_max_contracts",
            "cao_max_months",
            "cao_gap_months",
        ]


class EndingSummarySerializer(serializers.ModelSerializer[Ending]):
    reasons: serializers.SlugRelatedField[EndingReason] = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )

    class Meta:
        model = Ending
        fields = ["date", "initiative", "reasons", "next"]


class PlacementSerializer(serializers.ModelSerializer[Placement]):
    person = serializers.SlugRelatedField(slug_field="ref", queryset=Person.objects.none())
    employer = serializers.SlugRelatedField(slug_field="ref", queryset=Employer.objects.none())
    contracts = NestedContractSerializer(
        many=True,
        required=False,
        help_text="The contract periods in order; on create, the whole series.",
    )
    ending = EndingSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = Placement
        fields = ["ref", "person", "employer", "function", "route", "contracts", "ending"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            user = user_of(request)
            self.fields["person"].queryset = Person.objects.visible_to(user)  # type: ignore[attr-defined]
            self.fields["employer"].queryset = Employer.objects.visible_to(user)  # type: ignore[attr-defined]

    def validate_contracts(self, contracts: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if self.instance is not None and contracts:
            raise serializers.ValidationError("Voeg contracten toe via /api/v1/contracts.")
        periods = [
            domain.ContractSpan(domain.ContractKind(c["kind"]), c["start"], c.get("end"))
            for c in contracts
        ]
        problems = domain.contract_problems(periods)
        if problems:
            errors: list[dict[str, list[str]]] = [{} for _ in contracts]
            for p in problems:
                errors[p.index].setdefault(p.field, []).append(p.message)
            raise serializers.ValidationError(errors)
        return contracts

    def create(self, validated: dict[str, Any]) -> Placement:
        contracts = validated.pop("contracts", [])
        placement = Placement.objects.create(**validated)
        for contract in contracts:
            ContractPeriod.objects.create(placement=placement, **contract)
        return placement

    def update(self, instance: Placement, validated: dict[str, Any]) -> Placement:
        validated.pop("contracts", None)
        return super().update(instance, validated)


class PlacementViewSet(LoggedModelViewSet):
    serializer_class = PlacementSerializer
    lookup_field = "ref"
    lookup_value_regex = "[^/]+"
    object_type = "plaatsing"

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().create(request, *args, **kwargs)
        placement = Placement.objects.get(ref=response.data["ref"])
        notes = contract_notes(placement)
        response.data["warnings"] = [
            {"path": f"contracts[{index}]", "message": message}
            for index, contract in enumerate(placement.contracts.order_by("start"))
            for message in notes.get(contract.pk, [])
        ]
        return response

    def get_queryset(self) -> Any:
        user = user_of(self.request)
        scope = (
            Placement.objects.visible_to(user)
            if self.request.method in SAFE_METHODS
            else Placement.objects.manageable_by(user)
        )
        return (
            scope.select_related("person", "employer", "ending")
            .prefetch_related(
                Prefetch("contracts", queryset=ContractPeriod.objects.order_by("start")),
                "ending__reasons",
            )
            .order_by("pk")
        )

    def person_of(self, instance: Placement) -> Person:
        return instance.person


class ContractViewSet(LoggedModelViewSet):
    serializer_class = ContractSerializer
    object_type = "contractperiode"

    @transaction.atomic
    def perform_create(self, serializer: Any) -> None:
        serializer.save()  # services.contract_add writes the processing log

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Saved, and next to it what deserves a second look (docs/rules.md §4, §6.1): a temporary
        contract that is permanent by law is recorded, never silently."""
        response = super().create(request, *args, **kwargs)
        contract = ContractPeriod.objects.select_related("placement").get(pk=response.data["id"])
        response.data["warnings"] = contract_notes(contract.placement).get(contract.pk, [])
        return response

    def get_queryset(self) -> Any:
        user = user_of(self.request)
        scope = (
            ContractPeriod.objects.visible_to(user)
            if self.request.method in SAFE_METHODS
            else ContractPeriod.objects.manageable_by(user)
        )
        return scope.select_related("placement__person").order_by("pk")

    def person_of(self, instance: ContractPeriod) -> Person:
        return instance.placement.person


class IntentionSerializer(serializers.ModelSerializer[EmployerIntention]):
    """Issue 19 §5: the employer's intention before a temporary contract ends."""

    contract = serializers.PrimaryKeyRelatedField(
        queryset=ContractPeriod.objects.none(), help_text="The temporary contract's id."
    )
    reasons = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        required=False,
        queryset=EndingReason.objects.filter(active=True),
        help_text="With intention 'end': reason codes of docs/rules.md §7 (at least one).",
    )

    class Meta:
        model = EmployerIntention
        fields = ["id", "contract", "date", "intention", "reasons", "notes"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["contract"].queryset = ContractPeriod.objects.manageable_by(  # type: ignore[attr-defined]
                user_of(request)
            ).filter(kind=ContractPeriod.Kind.TEMPORARY)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        reasons = attrs.get("reasons", [])
        problem = domain.intention_problem(
            attrs.get("intention", ""),
            [r.code for r in reasons],
            attrs.get("notes", ""),
            [r.code for r in reasons if r.requires_note],
        )
        if problem is not None:
            raise serializers.ValidationError({problem[0]: problem[1]})
        clean_copy(EmployerIntention, None, {k: v for k, v in attrs.items() if k != "reasons"})
        return attrs

    def create(self, validated: dict[str, Any]) -> EmployerIntention:
        # The same service as the page (it writes the processing log).
        return services.intention_record(user=user_of(self.context["request"]), **validated)


class IntentionViewSet(LoggedModelViewSet):
    """Intentions are added, not changed: the latest counts, earlier ones stay."""

    serializer_class = IntentionSerializer
    object_type = "voornemen werkgever"
    http_method_names = ["get", "post", "head", "options"]

    @transaction.atomic
    def perform_create(self, serializer: Any) -> None:
        serializer.save()

    def get_queryset(self) -> Any:
        user = user_of(self.request)
        scope = (
            EmployerIntention.objects.visible_to(user)
            if self.request.method in SAFE_METHODS
            else EmployerIntention.objects.manageable_by(user)
        )
        return (
            scope.select_related("contract__placement__person")
            .prefetch_related("reasons")
            .order_by("pk")
        )

    def person_of(self, instance: EmployerIntention) -> Person:
        return instance.contract.placement.person


class EndingSerializer(serializers.ModelSerializer[Ending]):
    placement = serializers.SlugRelatedField(slug_field="ref", queryset=Placement.objects.none())
    reasons = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        queryset=EndingReason.objects.filter(active=True),
        help_text="Reason codes of docs/rules.md §7.",
    )

    class Meta:
        model = Ending
        fields = [
            "id",
            "placement",
            "date",
            "initiative",
            "reasons",
            "notes",
            "learning_points",
            "next",
            "aftercare_closed",
            "aftercare_closed_reason",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["placement"].queryset = Placement.objects.manageable_by(user_of(request))  # type: ignore[attr-defined]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        placement = attrs.get("placement")
        others = Ending.objects.filter(placement=placement)
        if self.instance is not None:
            others = others.exclude(pk=self.instance.pk)
        if placement is not None and others.exists():
            raise serializers.ValidationError(
                {"placement": "Deze plaatsing heeft al een beëindiging. Wijzig die (PATCH)."}
            )
        reasons = attrs.get("reasons", list(self.instance.reasons.all()) if self.instance else [])
        notes = attrs.get("notes", getattr(self.instance, "notes", ""))
        problem = domain.ending_reason_problem(
            [r.code for r in reasons], notes, [r.code for r in reasons if r.requires_note]
        )
        if problem:
            raise serializers.ValidationError({"notes": problem})
        clean_copy(Ending, self.instance, {k: v for k, v in attrs.items() if k != "reasons"})
        return attrs


class EndingViewSet(LoggedModelViewSet):
    serializer_class = EndingSerializer
    object_type = "beëindiging"

    def get_queryset(self) -> Any:
        user = user_of(self.request)
        scope = (
            Ending.objects.visible_to(user)
            if self.request.method in SAFE_METHODS
            else Ending.objects.manageable_by(user)
        )
        return scope.select_related("placement__person").prefetch_related("reasons").order_by("pk")

    def person_of(self, instance: Ending) -> Person:
        return instance.placement.person

    def perform_create(self, serializer: Any) -> None:
        with transaction.atomic():
            instance = serializer.save(recorded_by=self.request.user)
            self._log([instance], Action.CREATE)
            services.aftercare_handover(user=user_of(self.request), ending=instance)

    def perform_update(self, serializer: Any) -> None:
        with transaction.atomic():
            super().perform_update(serializer)
            services.aftercare_handover(user=user_of(self.request), ending=serializer.instance)
