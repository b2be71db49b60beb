"""Refuse NUL characters at the door: PostgreSQL cannot store or even compare them, so a `\\x00`
in a path, query or form field would otherwise surface as a server error (found by fuzzing)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest

NUL = "\x00"


def _has_nul(request: HttpRequest) -> bool:
    if NUL in request.path:
        return True
    for data in (
        (request.GET,) if request.method in ("GET", "HEAD") else (request.GET, request.POST)
    ):
        for key, values in data.lists():
            if NUL in key or any(NUL in value for value in values):
                return True
    return False


class RejectNulCharactersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        content_type = request.content_type or ""
        if content_type.startswith("application/json"):
            if NUL in request.path or any(NUL in k or NUL in v for k, v in request.GET.items()):
                return HttpResponseBadRequest("Het verzoek bevat een ongeldig teken.")
        elif _has_nul(request):
            return HttpResponseBadRequest("Het verzoek bevat een ongeldig teken.")
        return self.get_response(request)
