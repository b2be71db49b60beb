"""Local development and the demo: DEBUG on, a fixed insecure key, console e-mail."""

import os

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)  # noqa: F405
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
PSEUDONYM_KEY = os.environ.get("PSEUDONYM_KEY", "dev-only-pseudonym-key")
# The demo shows the product without an authenticator app; MFA_REQUIRED=1 switches it on.
MFA_REQUIRED = env_bool("MFA_REQUIRED", False)  # noqa: F405

# Static files straight from the apps, without collectstatic.
WHITENOISE_USE_FINDERS = True
