"""Login events: start the session clock, and log failed logins without the password."""

from __future__ import annotations

import logging
import time
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from .middleware import SESSION_LAST_SEEN, SESSION_STARTED

logger = logging.getLogger("baanbehoud.security")


@receiver(user_logged_in)
def start_session_clock(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[SESSION_STARTED] = now
        request.session[SESSION_LAST_SEEN] = now
    logger.info("login succeeded for user id %s", user.pk)


@receiver(user_login_failed)
def log_failed_login(sender: Any, credentials: dict[str, Any], **kwargs: Any) -> None:
    # Django has already masked the password in `credentials`; log only the user name.
    logger.warning("login failed for user name %r", credentials.get("username", ""))
