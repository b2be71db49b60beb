"""The test suite: fast password hashing, in-memory e-mail."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PSEUDONYM_KEY = "test-only-pseudonym-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Static files straight from the apps, without collectstatic.
WHITENOISE_USE_FINDERS = True

# Jobs run in the test's own process unless a test starts a worker (jobs/tests).
CELERY_BROKER_URL = ""
CELERY_TASK_ALWAYS_EAGER = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# PostgreSQL in the tests: a commit does not wait for the disk (the test database is thrown away
# afterwards anyway). Per connection, so the server's own settings stay as they are.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
