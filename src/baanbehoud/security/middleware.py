"""Security middleware (docs/security.md):

- `SessionExpiryMiddleware`: log out after 30 minutes without activity and after 12 hours in all.
- `RequireSecondFactorMiddleware`: professional roles and the admin must pass the TOTP step before
  any other page or API call answers them.
- `NoStoreMiddleware`: no response may be kept in a browser or proxy cache; almost every page
  shows personal data, and a shared computer at a service point must not show it to the next user.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control

from baanbehoud.organisations.models import User

from .mfa import has_confirmed_device, is_verified, needs_second_factor

SESSION_STARTED = "baanbehoud_session_started"
SESSION_LAST_SEEN = "baanbehoud_session_last_seen"
# Write the "last seen" time at most once a minute, not on every request.
LAST_SEEN_RESOLUTION = 60

Middleware = Callable[[HttpRequest], HttpResponse]


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _api_error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"errors": [{"path": "", "message": message}]}, status=status)


class SessionExpiryMiddleware:
    def __init__(self, get_response: Middleware) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            started = float(session.get(SESSION_STARTED, now))
            last_seen = float(session.get(SESSION_LAST_SEEN, now))
            idle = now - last_seen > settings.SESSION_IDLE_SECONDS
            too_long = now - started > settings.SESSION_ABSOLUTE_SECONDS
            if idle or too_long:
                logout(request)
                if _is_api(request):
                    return _api_error(401, "Uw sessie is verlopen. Log opnieuw in.")
                query = urlencode({"next": request.get_full_path(), "verlopen": "1"})
                return HttpResponseRedirect(f"{reverse('login')}?{query}")
            if SESSION_STARTED not in session:
                session[SESSION_STARTED] = started
            if now - last_seen >= LAST_SEEN_RESOLUTION or SESSION_LAST_SEEN not in session:
                session[SESSION_LAST_SEEN] = now
        return self.get_response(request)


# Pages an authenticated professional may open before the second step.
OPEN_BEFORE_SECOND_FACTOR = ("mfa-setup", "mfa-verify", "logout", "login", "accessibility")


class RequireSecondFactorMiddleware:
    def __init__(self, get_response: Middleware) -> None:
        self.get_response = get_response
        self._open_paths: set[str] | None = None

    def open_paths(self) -> set[str]:
        if self._open_paths is None:
            self._open_paths = {reverse(name) for name in OPEN_BEFORE_SECOND_FACTOR}
        return self._open_paths

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            isinstance(user, User)
            and needs_second_factor(user)
            and not is_verified(request)
            and request.path not in self.open_paths()
            and not request.path.startswith("/" + settings.STATIC_URL.lstrip("/"))
        ):
            if _is_api(request):
                return _api_error(
                    403, "Eerst de tweede stap van het inloggen (code uit de app) afronden."
                )
            step = "mfa-verify" if has_confirmed_device(user) else "mfa-setup"
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse(step)}?{query}")
        return self.get_response(request)


class NoStoreMiddleware:
    def __init__(self, get_response: Middleware) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        patch_cache_control(response, no_store=True, private=True, max_age=0)
        return response


class AdminInlineStyleMiddleware:
    """Django's admin sets a few inline styles (collapsible fieldsets, the sidebar). Only there,
    and only for style, the policy allows them; scripts stay 'self' everywhere. Must come after
    csp.middleware.CSPMiddleware in MIDDLEWARE so it runs first on the way out."""

    def __init__(self, get_response: Middleware) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith("/beheer/"):
            response._csp_update = {"style-src": ["'unsafe-inline'"]}  # type: ignore[attr-defined]
        return response
