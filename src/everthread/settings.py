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
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE and env.flag("EVERTHREAD_HSTS_SUBDOMAINS", default=True)
# The header only allows submitting the domain to browsers' preload list; turn it off
# for a domain that cannot be HTTPS-only everywhere.
SECURE_HSTS_PRELOAD = SECURE and env.flag("EVERTHREAD_HSTS_PRELOAD", default=True)
SECURE_REFERRER_POLICY = "same-origin"
# Pages load scripts, styles and images only from Everthread itself (HTMX included);
# nothing inline, nothing from elsewhere, and no page may be framed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", "https:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}


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
    elif config["ENGINE"] == "django.db.backends.postgresql":
        # No JIT compilation: the dashboards' queries are priced high enough to trigger it,
        # and compiling cost 340 ms of a 490 ms query at 1M customers, every time.
        options = config.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    else:
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
    "django_rq",
    "django_tasks_rq",
    "csp",
    "everthread.core",
    "everthread.customers",
    "everthread.conversations",
    "everthread.followups",
    "everthread.notes",
    "everthread.consent",
    "everthread.outreach",
    "everthread.channels",
    "everthread.message_templates",
    "everthread.commerce",
    "everthread.bulletins",
    "everthread.knowledge",
    "everthread.coaching",
    "everthread.privacy",
    "everthread.insights",
    "everthread.demo",
]

MIDDLEWARE = [
    "everthread.core.health.HealthCheckMiddleware",
    "everthread.channels.middleware.WebhookMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
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
# Everything staff read is written in British English in the templates and the code, and no
# catalogue translates it (Django's own en-GB one says the same words). Off, Django skips its
# translation machinery for every label, month and weekday it renders (3-9% of the customer
# page's Python time, measured). The en-GB formats (dates, numbers, date input) still apply.
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
# Files customers send (email attachments) are kept with the default storage, here.
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Logs go to standard error, one JSON object a line when EVERTHREAD_LOG_JSON is on (for a
# log collector), plain text otherwise.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "everthread.core.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            **({"formatter": "json"} if env.flag("EVERTHREAD_LOG_JSON", default=False) else {}),
        }
    },
    "root": {"handlers": ["console"], "level": env.text("EVERTHREAD_LOG_LEVEL", "INFO")},
}

# Redis, when REDIS_URL is set: the cache every web process shares, and the task queue
# (django-tasks-rq, run by `everthread worker`). Without it the cache is per process and
# tasks queue in the database, which suits one machine.
REDIS_URL = env.text("REDIS_URL") or ""
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0"}}

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
        else "django_tasks_rq.RQBackend"
        if REDIS_URL
        else "django_tasks_db.DatabaseBackend"
    }
}

# Knowledge search blends in semantic search when the `semantic` extra is installed; this
# switch turns it off even then (lexical search only).
KNOWLEDGE_SEMANTIC_ENABLED = env.flag("EVERTHREAD_KNOWLEDGE_SEMANTIC_ENABLED", default=True)

# The largest CSV file the upload page and the API take (the command line takes any size).
IMPORT_MAX_BYTES = env.number("EVERTHREAD_IMPORT_MAX_MB", 50, minimum=1) * 1024 * 1024

# Inbound channels. Each provider signs its webhooks with a secret under its own usual name;
# without DEBUG they have no defaults, and a webhook with no secret to check refuses all.
_LOCAL = "local-development-only" if DEBUG else ""
TWILIO_ACCOUNT_SID = env.text("TWILIO_ACCOUNT_SID") or ("AC" + "0" * 32 if DEBUG else "")
TWILIO_AUTH_TOKEN = env.text("TWILIO_AUTH_TOKEN") or _LOCAL
META_APP_SECRET = env.text("META_APP_SECRET") or _LOCAL
META_VERIFY_TOKEN = env.text("META_VERIFY_TOKEN") or _LOCAL
META_ACCESS_TOKEN = env.text("META_ACCESS_TOKEN") or _LOCAL
# X's Account Activity API signs its webhooks with the app's consumer (API key) secret.
X_CONSUMER_SECRET = env.text("X_CONSUMER_SECRET") or _LOCAL
# The address the providers call us at, behind any proxy: Twilio signs the URL it requested.
PUBLIC_URL = (env.text("EVERTHREAD_PUBLIC_URL") or "").rstrip("/")
# Email in: `everthread smtpd` listens here; `everthread imap-poll` reads this mailbox.
SMTP_RECEIVE_HOST = env.text("SMTP_RECEIVE_HOST") or "127.0.0.1"
SMTP_RECEIVE_PORT = env.number("SMTP_RECEIVE_PORT", 2525, minimum=1)
SMTP_RECEIVE_MAX_BYTES = env.number("SMTP_RECEIVE_MAX_MB", 25, minimum=1) * 1024 * 1024
IMAP_HOST = env.text("IMAP_HOST") or ""
IMAP_PORT = env.number("IMAP_PORT", 993, minimum=1)
IMAP_SSL = env.flag("IMAP_SSL", default=True)
IMAP_USER = env.text("IMAP_USER") or ""
IMAP_PASSWORD = env.text("IMAP_PASSWORD") or ""
IMAP_MAILBOX = env.text("IMAP_MAILBOX") or "INBOX"
# The web chat widget: the key the brand's site embeds, the sites it may run on, and how
# many requests one visitor's address may make a minute.
CHAT_PUBLIC_KEY = env.text("EVERTHREAD_CHAT_PUBLIC_KEY") or ("local-chat-key" if DEBUG else "")
CHAT_ALLOWED_ORIGINS = env.names("EVERTHREAD_CHAT_ALLOWED_ORIGINS", [])
CHAT_REQUESTS_PER_MINUTE = env.number("EVERTHREAD_CHAT_REQUESTS_PER_MINUTE", 120, minimum=1)
# Replies to reply+<signed journey token>@this domain find their conversation again.
REPLY_DOMAIN = env.text("EVERTHREAD_REPLY_DOMAIN") or "reply.localhost"
# Where customers and providers reach Everthread: unsubscribe links, delivery receipts.
SITE_URL = PUBLIC_URL or "http://127.0.0.1:8000"
# The outbox: queued messages are delivered by the worker through each channel's provider.
# Off, messages wait in the queue (nothing reaches a provider); `make demo` turns it on
# against `everthread localprovider`. Providers' credentials use their own usual names.
OUTBOX_ENABLED = env.flag("EVERTHREAD_OUTBOX_ENABLED", default=False)
OUTBOX_MAX_ATTEMPTS = env.number("EVERTHREAD_OUTBOX_MAX_ATTEMPTS", 6, minimum=1)
# Backoff before retry n: RETRY_SECONDS * 2^(n-1), ±25% jitter.
OUTBOX_RETRY_SECONDS = env.number("EVERTHREAD_OUTBOX_RETRY_SECONDS", 30, minimum=1)
# A claim older than this is a worker that died mid-send: another may take the message over.
OUTBOX_CLAIM_SECONDS = env.number("EVERTHREAD_OUTBOX_CLAIM_SECONDS", 300, minimum=1)
OUTBOX_TIMEOUT_SECONDS = env.number("EVERTHREAD_OUTBOX_TIMEOUT_SECONDS", 10, minimum=1)
EMAIL_FROM = env.text("EVERTHREAD_EMAIL_FROM", "Everthread <outreach@localhost>") or ""
WHATSAPP_VIA = env.text("EVERTHREAD_WHATSAPP_VIA", "meta") or "meta"
if WHATSAPP_VIA not in ("meta", "twilio"):
    raise ImproperlyConfigured(
        f"EVERTHREAD_WHATSAPP_VIA={WHATSAPP_VIA!r}: use meta (WhatsApp Cloud API) or twilio."
    )
TWILIO_API_BASE = env.text("TWILIO_API_BASE", "https://api.twilio.com") or ""
TWILIO_FROM_NUMBER = env.text("TWILIO_FROM_NUMBER", "") or ""
TWILIO_WHATSAPP_FROM = env.text("TWILIO_WHATSAPP_FROM", "") or ""
# Where Twilio posts delivery receipts for what the outbox sent ("" for none).
TWILIO_STATUS_CALLBACK_URL = (
    env.text("EVERTHREAD_TWILIO_STATUS_CALLBACK_URL", f"{SITE_URL}/hooks/twilio/messages") or ""
)
META_GRAPH_BASE = env.text("META_GRAPH_BASE", "https://graph.facebook.com") or ""
META_PHONE_NUMBER_ID = env.text("META_PHONE_NUMBER_ID", "") or ""
SMTP_HOST = env.text("SMTP_HOST", "localhost") or ""
SMTP_PORT = env.number("SMTP_PORT", 25, minimum=1)
SMTP_USER = env.text("SMTP_USER", "") or ""
SMTP_PASSWORD = env.text("SMTP_PASSWORD", "") or ""
SMTP_USE_TLS = env.flag("SMTP_USE_TLS", default=False)

env.refuse_unknown()
