"""Everthread settings: every deploy-time value comes from the environment.

See README.md ("Configuration") for the list. Local defaults make ``make demo``
work with no configuration; production secrets have no defaults.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from everthread.environment import Environment

env = Environment()

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
DATA_DIR = Path(env.text("EVERTHREAD_DATA_DIR") or PROJECT_DIR / "var")

DEBUG = env.flag("EVERTHREAD_DEBUG", default=False)
SECRET_KEY = env.text("EVERTHREAD_SECRET_KEY") or ""
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "EVERTHREAD_SECRET_KEY must be set (or EVERTHREAD_DEBUG=true for local use)."
        )
    SECRET_KEY = "everthread-local-development-only"

ALLOWED_HOSTS = env.names("EVERTHREAD_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.names("EVERTHREAD_CSRF_TRUSTED_ORIGINS", [])
SECURE = env.flag("EVERTHREAD_SECURE", default=False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE and env.flag("EVERTHREAD_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 31_536_000 if SECURE else 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
# Sessions are read from the cache and written through to the database: a page view
# costs no session query, and a restart signs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = env.number("EVERTHREAD_SESSION_HOURS", 12, minimum=1) * 3600
X_FRAME_OPTIONS = "DENY"


def _database(url: str) -> dict[str, Any]:
    try:
        config: dict[str, Any] = dict(
            dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        )
    except ValueError as error:
        raise ImproperlyConfigured(
            f"DATABASE_URL={url!r} is not a database address ({error}); "
            "use sqlite:///path/to/file.sqlite3 or postgres://user@host:5432/name."
        ) from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        # IMMEDIATE: a write transaction takes the lock up front, so two writers
        # queue instead of failing with "database is locked" half-way through.
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
        config["CONN_MAX_AGE"] = 0
    elif config["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            f"DATABASE_URL uses {config['ENGINE']}; Everthread runs on SQLite or PostgreSQL."
        )
    return config


DATABASES = {
    "default": _database(env.text("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'everthread.sqlite3'}")
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "everthread.core",
    "everthread.customers",
    "everthread.conversations",
    "everthread.followups",
    "everthread.notes",
    "everthread.consent",
    "everthread.outreach",
    "everthread.message_templates",
    "everthread.privacy",
    "everthread.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "everthread.core.middleware.OrganisationTimeZoneMiddleware",
    "everthread.core.middleware.AuditOriginMiddleware",
    "everthread.core.middleware.DomainErrorMiddleware",
]

ROOT_URLCONF = "everthread.urls"
WSGI_APPLICATION = "everthread.wsgi.application"
AUTH_USER_MODEL = "core.Staff"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

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
                "everthread.core.context_processors.organisation",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.text("EVERTHREAD_LOG_LEVEL", "INFO")},
}

# Page size for every list the staff app and the API return.
PAGE_SIZE = env.number("EVERTHREAD_PAGE_SIZE", 25, minimum=1)

# Background work (customer imports, ...) through the Django tasks interface. By default it
# is queued in the database and run by `everthread worker`; "immediate" runs it inside the
# request that queued it, which suits tests and small demos but never a busy site.
TASKS_IMMEDIATE = env.flag("EVERTHREAD_TASKS_IMMEDIATE", default=False)
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if TASKS_IMMEDIATE
        else "django_tasks_db.DatabaseBackend"
    }
}

# The largest CSV file the upload page and the API take (the command line takes any size).
IMPORT_MAX_BYTES = env.number("EVERTHREAD_IMPORT_MAX_MB", 50, minimum=1) * 1024 * 1024

env.refuse_unknown()
