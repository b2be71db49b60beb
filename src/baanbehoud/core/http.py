"""The request type of a logged-in page and the day the pages count from."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from django.utils import timezone

from baanbehoud.organisations.models import User


class AuthenticatedRequest(HttpRequest):
    """Behind @login_required the user is always one of ours (django-stubs pattern)."""

    user: User


def today() -> date:
    return timezone.localdate()
