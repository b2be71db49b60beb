"""Settings shared by every preset. Every value that differs per installation comes from the
environment; docs/configuration.md lists them."""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "baanbehoud.organisations",
    "baanbehoud.persons",
    "baanbehoud.employers",
    "baanbehoud.placements",
    "baanbehoud.guidance",
    "baanbehoud.signals",
    "baanbehoud.matching",
    "baanbehoud.exchange",
    "baanbehoud.reports",
    "baanbehoud.audit",
    "baanbehoud.demo",
    "baanbehoud.security",
    "baanbehoud.jobs",
    "baanbehoud.web",
]

MIDDLEWARE = [
    "baanbehoud.web.requests.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files from the app servers themselves, compressed and cached (no separate server).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "baanbehoud.web.middleware.RejectNulCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "baanbehoud.security.middleware.AdminInlineStyleMiddleware",
    "baanbehoud.security.middleware.NoStoreMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # After the header middleware, so that their redirects and refusals carry the headers too.
    "baanbehoud.security.middleware.SessionExpiryMiddleware",
    "baanbehoud.security.middleware.RequireSecondFactorMiddleware",
    # Last, as django-axes requires: turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "baanbehoud.config.urls"
WSGI_APPLICATION = "baanbehoud.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "baanbehoud.web.context_processors.navigation",
            ],
        },
    },
    {
        # The rows of long lists (baanbehoud/web/jinja.py), in each app's `jinja2/` folder.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "baanbehoud.web.jinja.environment"},
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{Path.cwd() / 'baanbehoud.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several people at once on the embedded database (issue 13 §7): WAL lets readers and one
    # writer work side by side, a write transaction takes its lock when it begins (so two
    # writers queue instead of failing half-way), and a writer waits up to 20 s for its turn.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

# A JSON body (the import API) may be as large as an uploaded file on the import page; larger
# documents go through `baanbehoud import`. A larger body gets a 413 in the API's error format.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("API_MAX_BODY_MB", "20")) * 1024 * 1024

REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header makes a request without credentials a 401.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["baanbehoud.api_parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
    "EXCEPTION_HANDLER": "baanbehoud.core.rest.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Baanbehoud API",
    "DESCRIPTION": "Signals, chain status and the case register of Baanbehoud "
    "(exchange format baanbehoud-exchange/1).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and Swagger UI only after logging in: they map every door of the register.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Swagger UI from the installed package, not from a CDN (no third-party requests).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ContractKindEnum": "baanbehoud.placements.models.ContractKindChoices",
        "ConcernKindEnum": "baanbehoud.guidance.models.Concern.Kind",
        "EvaluationKindEnum": "baanbehoud.guidance.models.Evaluation.Kind",
        "OrganisationKindEnum": "baanbehoud.organisations.models.OrganisationKind",
        "LevelEnum": "baanbehoud.core.choices.Level",
    },
}

AUTH_USER_MODEL = "organisations.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# docs/security.md. Argon2id first; older PBKDF2 hashes are upgraded at the next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# OWASP ASVS 5 (V6.2): at least 12 characters, at least 64 allowed (we allow 128), no
# composition rules, refuse common and breached-list passwords.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {
        "NAME": "baanbehoud.security.validators.MaximumLengthValidator",
        "OPTIONS": {"max_length": 128},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out username before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lockout: 5 failed attempts lock the username for 15 minutes (from any address), and
# every failure is logged (axes' access log and the 'baanbehoud.security' logger).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_MINUTES", "15")) / 60  # hours
# One username (from anywhere), or one device (address and browser) trying many usernames.
# Locked per user name (someone guessing one account's password) and per address (someone trying
# many names). Never keyed on the User-Agent: an attacker chooses it freely (issue 12 §9).
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_TEMPLATE = "security/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_PROXY_COUNT", "0"))

# The second factor (TOTP) for professional roles and the admin; see security/mfa.py.
MFA_REQUIRED = env_bool("MFA_REQUIRED", True)
OTP_TOTP_ISSUER = "Baanbehoud"

# Sessions: 30 minutes without activity, 12 hours at most (security/middleware.py).
SESSION_IDLE_SECONDS = int(os.environ.get("SESSION_IDLE_SECONDS", str(30 * 60)))
SESSION_ABSOLUTE_SECONDS = int(os.environ.get("SESSION_ABSOLUTE_SECONDS", str(12 * 60 * 60)))
# The stored session outlives both limits (two weeks, Django's default), so that
# SessionExpiryMiddleware, not Django's silent expiry, ends it and the login page says why (also
# the morning after a browser was left open). The middleware enforces the real limits.
SESSION_COOKIE_AGE = 14 * 24 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Headers on every response.
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Background jobs (issue 14 §3; docs/configuration.md). With a broker (Redis, or RabbitMQ via
# CELERY_BROKER_URL) `baanbehoud worker` runs them and `baanbehoud scheduler` starts the scheduled
# ones; without one (the demo, the tests) a job runs in the process that starts it.
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# One queue name per installation, so that several may share one Redis.
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "baanbehoud")
CELERY_TASK_IGNORE_RESULT = True
# A job is acknowledged when it is done, so a worker that dies hands it to another; the job row
# makes sure it is not done twice (jobs/services.py).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Europe/Amsterdam"
CELERY_BEAT_SCHEDULE = {
    "weekoverzicht": {
        "task": "baanbehoud.jobs.scheduled",
        "schedule": crontab(minute=0, hour=7, day_of_week="mon"),
        "args": ("digest",),
    },
    "bewaartermijn": {
        "task": "baanbehoud.jobs.scheduled",
        "schedule": crontab(minute=30, hour=2),
        "args": ("retention",),
    },
    "signalen": {
        "task": "baanbehoud.jobs.scheduled",
        "schedule": crontab(minute=0, hour=3),
        "args": ("signals",),
    },
}
# Shared by every app server and worker: job progress (and nothing a user depends on for
# correctness; sessions and lockout counters live in the database).
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# AVG: persons whose last placement ended more than this many years ago are anonymised by
# `baanbehoud retention` (docs/security.md).
RETENTION_YEARS = int(os.environ.get("RETENTION_YEARS", "7"))

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", Path.cwd() / "staticfiles"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "baanbehoud@localhost")
# For the file-based e-mail backend (browser tests read invitation links from there).
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(Path.cwd() / "outbox"))
# The address users reach the application at; used for links in e-mails and calendar feeds.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Key for the hashed BSN in the processing log (and pseudonyms in exports). Never the plain BSN.
PSEUDONYM_KEY = os.environ.get("PSEUDONYM_KEY", "")

# Logs: plain text for a developer; JSON lines (LOG_FORMAT=json, the production default) for a
# log collector. Every line carries the request id (X-Request-ID). Never a BSN.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "baanbehoud.web.requests.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": os.environ.get("LOG_FORMAT", "text"),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
