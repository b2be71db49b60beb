"""What every API endpoint shares: who may use it, how errors look, how writes are validated and
logged. Errors are JSON: {"errors": [{"path": "contracts[1].start", "message": "..."}]}."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.http import Http404
from drf_spectacular.views import SpectacularAPIView
from rest_framework import permissions, serializers, viewsets
from rest_framework.exceptions import APIException, NotFound, PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from baanbehoud.audit.models import Action
from baanbehoud.audit.services import log_processing
from baanbehoud.core.access import CASE_MANAGERS, CASE_READERS
from baanbehoud.dates import MSG_IMPLAUSIBLE_DATE, is_plausible
from baanbehoud.organisations.models import User
from baanbehoud.organisations.scoping import consultants_for, municipalities_for

if TYPE_CHECKING:
    from baanbehoud.persons.models import Person

ACTIVITY = "Casemanagement banenafspraak (API)"


class ProfessionalAccess(permissions.BasePermission):
    """The register API is for the professional roles; employers, workers and jobcoaches use
    their own pages. Reading: klantmanager, accountmanager, arbeidsdeskundige. Writing:
    klantmanager and accountmanager (docs/rules.md §2)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not user.is_authenticated or not user.is_active:
            return False
        if user.is_superuser:
            return True
        if request.method in permissions.SAFE_METHODS:
            return user.role in CASE_READERS
        return user.role in CASE_MANAGERS


def _flatten(detail: Any, path: str = "") -> list[dict[str, str]]:
    if isinstance(detail, Mapping):
        out = []
        for key, value in detail.items():
            if key in ("non_field_errors", "__all__"):
                out += _flatten(value, path)
            elif isinstance(key, int):  # a list field's problems come by index
                out += _flatten(value, f"{path}[{key}]")
            else:
                out += _flatten(value, f"{path}.{key}" if path else str(key))
        return out
    if isinstance(detail, list):
        if all(isinstance(item, str) for item in detail):
            return [{"path": path, "message": str(item)} for item in detail]
        out = []
        for index, item in enumerate(detail):
            if item:
                out += _flatten(item, f"{path}[{index}]")
        return out
    return [{"path": path, "message": str(detail)}]


class Conflict(APIException):
    status_code = 409
    default_detail = (
        "Dit gegeven is tegelijk door iemand anders vastgelegd. Er is niets opgeslagen."
    )
    default_code = "conflict"


def exception_handler(exc: Exception, context: Mapping[str, Any]) -> Response | None:
    """Every error as a list of {path, message}; unexpected errors never leak details."""
    if isinstance(exc, DjangoValidationError):
        exc = ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    elif isinstance(exc, Http404):
        exc = NotFound("Niet gevonden.")
    elif isinstance(exc, DjangoPermissionDenied):
        exc = PermissionDenied("U heeft geen toegang tot dit gegeven.")
    elif isinstance(exc, IntegrityError):
        # Two writes at once that the checks before could not see (a unique rule): nothing was
        # written, say so instead of a 500.
        exc = Conflict()
    response = drf_exception_handler(exc, context)  # type: ignore[arg-type]
    if response is None:
        return None
    if isinstance(exc, ValidationError) or isinstance(exc.detail, dict | list):  # type: ignore[attr-defined]
        response.data = {"errors": _flatten(exc.detail)}  # type: ignore[attr-defined]
    elif isinstance(exc, APIException):
        response.data = {"errors": [{"path": "", "message": str(exc.detail)}]}
    return response


def clean_copy(
    model: type[Model], instance: Model | None, attrs: Mapping[str, Any]
) -> dict[str, Any]:
    """Run the model's own clean() (the domain rules) on a copy with the new values, so the API
    checks exactly what the forms and the import check. Field validators already ran in DRF."""
    copy = model()
    if instance is not None:
        for field in model._meta.concrete_fields:
            setattr(copy, field.attname, getattr(instance, field.attname))
    for key, value in attrs.items():
        setattr(copy, key, value)
    try:
        copy.clean()
    except DjangoValidationError as exc:
        raise ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        ) from exc
    return dict(attrs)


class LoggedModelViewSet(viewsets.ModelViewSet):
    """Scoped reads and validated, logged writes. Subclasses say how to find the person."""

    permission_classes = [ProfessionalAccess]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    object_type = "record"

    def person_of(self, instance: Any) -> Person:
        raise NotImplementedError

    def _log(self, instances: Iterable[Any], action: Action) -> None:
        persons = {p.pk: p for p in (self.person_of(i) for i in instances)}
        log_processing(
            user=user_of(self.request),
            persons=persons.values(),
            action=action,
            activity=ACTIVITY,
            object_type=f"{self.object_type} (api)",
        )

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        items = list(page if page is not None else queryset)
        self._log(items, Action.READ)
        data = self.get_serializer(items, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        self._log([instance], Action.READ)
        return Response(self.get_serializer(instance).data)

    @transaction.atomic
    def perform_create(self, serializer: Any) -> None:
        instance = serializer.save()
        self._log([instance], Action.CREATE)

    @transaction.atomic
    def perform_update(self, serializer: Any) -> None:
        instance = serializer.save()
        self._log([instance], Action.UPDATE)


def user_of(request: Request) -> User:
    return request.user  # type: ignore[return-value]


class PlausibleDateField(serializers.DateField):
    """A query-parameter date the rules can compute with (1900-2199)."""

    def to_internal_value(self, value: Any) -> Any:
        parsed = super().to_internal_value(value)
        if not is_plausible(parsed):
            raise ValidationError(MSG_IMPLAUSIBLE_DATE)
        return parsed


def scope_references_to_region(serializer: serializers.Serializer[Any]) -> None:
    """Writes stay in the writer's region (issue 12 §1): a serializer's `municipality` and
    `contact_person` fields accept only the writer's region's municipalities and consultants."""
    request = serializer.context.get("request")
    if request is None:
        return
    user = user_of(request)
    serializer.fields["municipality"].queryset = municipalities_for(user)  # type: ignore[attr-defined]
    serializer.fields["contact_person"].queryset = consultants_for(user).exclude(ref=None)  # type: ignore[attr-defined]


class SchemaView(SpectacularAPIView):
    """The OpenAPI schema, made once per process: it is the same for every user (SERVE_PUBLIC)
    and changes only with the code, while making it takes about half a second."""

    _made: ClassVar[dict[str | None, Any]] = {}

    def _get_schema_response(self, request: Any) -> Response:
        version = self.api_version or request.version or self._get_version_parameter(request)
        if version not in self._made:
            self._made[version] = super()._get_schema_response(request).data
        return Response(
            data=self._made[version],
            headers={
                "Content-Disposition": f'inline; filename="{self._get_filename(request, version)}"'
            },
        )
