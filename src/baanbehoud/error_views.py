"""Error pages: the API answers in its documented JSON error format ({"errors": [{path,
message}]}), everything else gets the Dutch error pages (templates 400/403/404/500.html)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults

MESSAGES = {
    400: "Het verzoek is niet goed opgebouwd.",
    403: "U heeft geen toegang tot dit gegeven.",
    404: "Niet gevonden.",
    500: "Er ging iets mis aan onze kant. Probeer het later opnieuw.",
}


def _api_error(request: HttpRequest, status: int) -> HttpResponse | None:
    if request.path.startswith("/api/"):
        return JsonResponse({"errors": [{"path": "", "message": MESSAGES[status]}]}, status=status)
    return None


def bad_request(request: HttpRequest, exception: Any) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig) and request.path.startswith("/api/"):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024
        message = (
            f"Het verzoek is groter dan {limit:.0f} MB. Splits het document, of lees het in met "
            "de opdracht 'baanbehoud import'."
        )
        return JsonResponse({"errors": [{"path": "$", "message": message}]}, status=413)
    return _api_error(request, 400) or defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Any) -> HttpResponse:
    return _api_error(request, 403) or defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Any) -> HttpResponse:
    return _api_error(request, 404) or defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    return _api_error(request, 500) or defaults.server_error(request)
