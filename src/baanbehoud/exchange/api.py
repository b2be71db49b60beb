"""POST /api/v1/import and GET /api/v1/export: the exchange format over HTTP."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from baanbehoud.core.rest import ProfessionalAccess, user_of
from baanbehoud.organisations.models import Organisation, Role
from baanbehoud.persons.models import Person

from .exporter import export_logged
from .importer import import_document


class CanImport(permissions.BasePermission):
    """Import is the functional administrator's job (docs/pages.md)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        return bool(
            user.is_authenticated
            and user.is_active
            and (user.is_superuser or user.role == Role.BEHEERDER)
        )


class ProblemSerializer(serializers.Serializer[Any]):
    path = serializers.CharField(help_text="JSON path, e.g. placements[3].contracts[1].end")
    message = serializers.CharField()


class ImportResultSerializer(serializers.Serializer[Any]):
    ok = serializers.BooleanField()
    dry_run = serializers.BooleanField()
    problems = ProblemSerializer(many=True)
    warnings = ProblemSerializer(
        many=True, help_text="Allowed, but worth a second look (e.g. CHAIN_EXCEEDED)."
    )
    counts = serializers.DictField(
        child=serializers.DictField(child=serializers.IntegerField()),
        help_text="Per list: created, updated, unchanged.",
    )


class ImportView(APIView):
    permission_classes = [CanImport]

    @extend_schema(
        request=OpenApiTypes.OBJECT,
        parameters=[OpenApiParameter("dry_run", bool, description="Validate only; write nothing.")],
        responses={200: ImportResultSerializer, 400: ImportResultSerializer},
        summary="Import a document in the exchange format (all or nothing)",
    )
    def post(self, request: Request) -> Response:
        dry_run = str(request.query_params.get("dry_run", "")).lower() in {"1", "true", "yes"}
        result = import_document(request.data, user=user_of(request), dry_run=dry_run)
        return Response(
            result.as_json(),
            status=status.HTTP_200_OK if result.ok else status.HTTP_400_BAD_REQUEST,
        )


class ExportQuerySerializer(serializers.Serializer[Any]):
    organisation = serializers.CharField(
        required=False, help_text="Only this executing organisation (ref)."
    )
    pseudonymise = serializers.BooleanField(
        required=False, default=False, help_text="Replace BSN, names and birth dates."
    )


class ExportView(APIView):
    permission_classes = [ProfessionalAccess]

    @extend_schema(
        parameters=[ExportQuerySerializer],
        responses=OpenApiTypes.OBJECT,
        summary="Export the persons you may see in the exchange format",
    )
    def get(self, request: Request) -> Response:
        query = ExportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        organisation = None
        if query.validated_data.get("organisation"):
            organisation = Organisation.objects.filter(
                ref=query.validated_data["organisation"]
            ).first()
            if organisation is None:
                raise serializers.ValidationError(
                    {"organisation": "Deze organisatie bestaat niet."}
                )
        document = export_logged(
            user=user_of(request),
            organisation=organisation,
            pseudonymise=query.validated_data["pseudonymise"],
            persons=Person.objects.visible_to(user_of(request)),
            channel="API",
        )
        return Response(document)
