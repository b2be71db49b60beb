"""GET /api/v1/placements/{ref}/chain?on=YYYY-MM-DD — exchange-format.md "Chain status"."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from baanbehoud.audit.models import Action
from baanbehoud.audit.services import log_processing

from .models import Placement
from .selectors import chain_status_json


class ChainQuerySerializer(serializers.Serializer[Any]):
    on = serializers.DateField(required=False, help_text="The day (YYYY-MM-DD); default today.")


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
