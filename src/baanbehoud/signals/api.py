"""GET /api/v1/signals?on=YYYY-MM-DD — exchange-format.md "Signals output"."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from baanbehoud.core.rest import PlausibleDateField, ProfessionalAccess
from baanbehoud.placements.models import Placement

from .domain import Code
from .selectors import signal_output
from .services import log_signal_output_read


class SignalQuerySerializer(serializers.Serializer[Any]):
    on = PlausibleDateField(required=False, help_text="The day (YYYY-MM-DD); default today.")
    owner = serializers.CharField(
        required=False, help_text="Only signals of this contact person (ref)."
    )


class SignalSerializer(serializers.Serializer[Any]):
    code = serializers.ChoiceField(choices=[c.value for c in Code])
    due = serializers.DateField(help_text="The date from which the signal applies.")
    priority = serializers.ChoiceField(choices=["normal", "high"])
    person = serializers.CharField(allow_null=True, help_text="The person's ref.")
    placement = serializers.CharField(allow_null=True, help_text="The placement's ref.")
    employer = serializers.CharField(allow_null=True, help_text="The employer's ref.")
    owner = serializers.CharField(allow_null=True, help_text="The contact person's ref.")
    message = serializers.CharField(help_text="What to do, in plain Dutch.")


class SignalListView(APIView):
    permission_classes = [ProfessionalAccess]

    @extend_schema(
        parameters=[SignalQuerySerializer],
        responses=SignalSerializer(many=True),
        summary="Open signals on a date",
        description="The open signals of the placements the user may see, sorted by due date, "
        "then code, then placement.",
    )
    def get(self, request: Request) -> Response:
        query = SignalQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        on = query.validated_data.get("on") or timezone.localdate()
        placements = Placement.objects.visible_to(request.user)  # type: ignore[arg-type]
        owner = query.validated_data.get("owner")
        if owner:
            placements = placements.filter(Q(person__contact_person__ref=owner))
        output = signal_output(placements, on)
        log_signal_output_read(user=request.user, output=output, channel="api")  # type: ignore[arg-type]
        return Response(output.items)
