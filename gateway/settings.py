"""Ledgerlink settings, read from the environment through one reader (django-environ).

Every variable is listed in `.env.example`. With nothing set and `LEDGERLINK_ENV=development`
the gateway runs embedded: SQLite, Celery tasks in-process, a local cache. With `DATABASE_URL`
and `REDIS_URL` / `CELERY_BROKER_URL` it uses PostgreSQL and Redis.

Outside development the defaults are the safe ones: DEBUG off, and a missing `SECRET_KEY` or
`LEDGERLINK_ENCRYPTION_KEYS` stops the process at start-up instead of running with a known key.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from gateway.broker import transport_for
from gateway.core.openapi_intro import INTRO as OPENAPI_INTRO
from gateway.core.settings_reader import read_provider_settings, read_providers
from gateway.queues import task_routes

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

LEDGERLINK_ENV = env.str("LEDGERLINK_ENV", default="production")
if LEDGERLINK_ENV not in {"development", "test", "production"}:
    raise ImproperlyConfigured("LEDGERLINK_ENV must be development, test or production")
IS_DEVELOPMENT = LEDGERLINK_ENV in {"development", "test"}

DEBUG = env.bool("DEBUG", default=False)

_DEV_SECRET = "development-only-insecure-secret-key-never-use-in-production"
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET if IS_DEVELOPMENT else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY is required outside development (LEDGERLINK_ENV)")

# Fernet keys for secrets at rest, newest first (`manage.py rotate_encryption_keys` re-encrypts).
LEDGERLINK_ENCRYPTION_KEYS = env.list("LEDGERLINK_ENCRYPTION_KEYS", default=[])
if not LEDGERLINK_ENCRYPTION_KEYS and not IS_DEVELOPMENT:
    raise ImproperlyConfigured("LEDGERLINK_ENCRYPTION_KEYS is required outside development")

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS",
    default=["localhost", "127.0.0.1", "[::1]", "testserver"] if IS_DEVELOPMENT else [],
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Public base URL of this gateway, used in links we hand out (hosted connect pages, OAuth callback).
PUBLIC_BASE_URL = env.str("PUBLIC_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Hosted connect flow: link tokens live this long; the success and error pages send the end user
# back to the customer's redirect URL after these many seconds (a button does it at once).
LINK_TOKEN_TTL_MINUTES = env.int("LINK_TOKEN_TTL_MINUTES", default=30)
CONNECT_REDIRECT_SECONDS = env.int("CONNECT_REDIRECT_SECONDS", default=3)
CONNECT_ERROR_REDIRECT_SECONDS = env.int("CONNECT_ERROR_REDIRECT_SECONDS", default=10)
# The connect pages show their own page when a form fails CSRF checks; others get Django's.
CSRF_FAILURE_VIEW = "gateway.connect.views.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "gateway.core",
    "gateway.customers",
    "gateway.accounts",
    "gateway.records",
    "gateway.attachments",
    "gateway.reports",
    "gateway.connect",
    "gateway.events",  # before gateway.sync: `account.linked` precedes the first sync's events
    "gateway.sync",
    "gateway.dashboard",
]

MIDDLEWARE = [
    "gateway.core.middleware.RequestIdMiddleware",
    "gateway.core.middleware.ProviderWaitBudgetMiddleware",
    "gateway.core.middleware.ApiCacheControlMiddleware",
    "gateway.core.middleware.BodySizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "gateway.urls"
WSGI_APPLICATION = "gateway.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "gateway" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'ledgerlink.sqlite3'}")
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
# Behind PgBouncer in transaction mode: a server-side cursor (QuerySet.iterator() outside a
# transaction is declared WITH HOLD) outlives its transaction, and the pooler may hand the next
# FETCH to another server connection. True makes iterator() read with ordinary cursors.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env.bool(
    "DATABASE_DISABLE_SERVER_SIDE_CURSORS", default=False
)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers wait for each other instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The few statements every API call runs are prepared on PostgreSQL (planned once per
# connection, gateway.core.prepared); false behind a pooler that cannot keep prepared statements
# (PgBouncer before 1.21 in transaction mode).
DATABASE_PREPARED_STATEMENTS = env.bool("DATABASE_PREPARED_STATEMENTS", default=True)

REDIS_URL = env.str("REDIS_URL", default="")

CACHES = {
    "default": (
        {"BACKEND": "gateway.core.cache.RedisCacheWithLocalFallback", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Celery: a broker when one is configured, otherwise tasks run in-process.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A worker outlives a broker restart: it reconnects for as long as the broker is away (the default
# gives up after 100 attempts), on a Redis transport that does not crash it on the way
# (gateway.broker).
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_BROKER_TRANSPORT = transport_for(CELERY_BROKER_URL)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
# `celery beat` keeps its schedule state under var/ (ignored by git), not in the working directory.
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# One queue per kind of work (gateway.queues): ticks, inbound, syncs, deliveries.
CELERY_TASK_ROUTES = task_routes()
# Syncs (gateway.sync): every linked account is synced incrementally every
# SYNC_FREQUENCY_MINUTES (its own `frequency_minutes` once created); a tick every
# SYNC_TICK_SECONDS queues due syncs, resumes paused ones and recovers syncs whose worker died.
SYNC_FREQUENCY_MINUTES = env.int("SYNC_FREQUENCY_MINUTES", default=60)
SYNC_TICK_SECONDS = env.float("SYNC_TICK_SECONDS", default=30.0)
#: A running sync holds a lease renewed every third of this; a dead worker's lease expires.
SYNC_LEASE_SECONDS = env.float("SYNC_LEASE_SECONDS", default=60.0)
#: A tick queues at most this many due accounts (the longest overdue first; the rest wait for
#: the next tick), resumes at most this many paused runs and re-queues at most this many orphans.
SYNC_TICK_BATCH = env.int("SYNC_TICK_BATCH", default=5000)
#: Each account's period is its frequency less a fixed share of it, up to this fraction (taken
#: from a hash of its id), so accounts linked at once drift apart instead of all coming due in
#: the same tick every period (gateway.sync.services.sync_period). 0: exactly the frequency.
SYNC_SPREAD = env.float("SYNC_SPREAD", default=0.1)
if not 0 <= SYNC_SPREAD < 1:
    raise ImproperlyConfigured("SYNC_SPREAD must be at least 0 and less than 1")
#: A sync run (on a worker) that has run this long stops after its current page and queues
#: itself again behind the runs queued meanwhile, so a long full sync of a large organisation
#: cannot hold up the incremental syncs of the others (0: runs are never sliced).
SYNC_SLICE_SECONDS = env.float("SYNC_SLICE_SECONDS", default=60.0)
#: How far a provider's clock may be ahead of ours: an incremental pass starts no later than this
#: long before the previous pass began, so changes made while that pass ran are read again.
SYNC_CLOCK_SKEW_SECONDS = env.float("SYNC_CLOCK_SKEW_SECONDS", default=300.0)
#: Up to this many changed records of one model in one webhook batch are fetched one by one;
#: more become an incremental sync of that model (one call per page instead of one per record).
SYNC_WEBHOOK_TARGETED_MAX = env.int("SYNC_WEBHOOK_TARGETED_MAX", default=20)
#: Grants whose refresh token was last used longer ago than this are refreshed (Xero's refresh
#: tokens expire after 60 days unused).
GRANT_REFRESH_AFTER_DAYS = env.int("GRANT_REFRESH_AFTER_DAYS", default=30)
# Financial reports (gateway.reports): a fetched report is served from the cache for this long
# (a request's `max_age` can only lower it; 0 disables the cache). A sync that stores ledger
# changes drops the account's cached reports whatever their age.
REPORTS_FRESHNESS_SECONDS = env.int("REPORTS_FRESHNESS_SECONDS", default=900)
#: How often the beat looks for linked accounts missing last month's report snapshots.
REPORT_SNAPSHOT_SECONDS = env.float("REPORT_SNAPSHOT_SECONDS", default=21600.0)
# Outbound webhooks (gateway.events).
WEBHOOK_ALLOW_PRIVATE_URLS = env.bool("WEBHOOK_ALLOW_PRIVATE_URLS", default=IS_DEVELOPMENT)
WEBHOOK_TIMEOUT_SECONDS = env.float("WEBHOOK_TIMEOUT_SECONDS", default=10.0)
WEBHOOK_RETRY_HOURS = env.float("WEBHOOK_RETRY_HOURS", default=24.0)
#: An endpoint every delivery to which has failed for this long is disabled (an event says so).
WEBHOOK_ENDPOINT_DISABLE_AFTER_HOURS = env.float(
    "WEBHOOK_ENDPOINT_DISABLE_AFTER_HOURS", default=24.0
)
WEBHOOK_CONCURRENCY = env.int("WEBHOOK_CONCURRENCY", default=8)
#: Every this many seconds the beat sends what is due (retries, and batches a dead sender held).
WEBHOOK_SWEEP_SECONDS = env.float("WEBHOOK_SWEEP_SECONDS", default=15.0)
# Derived invoice events (gateway.events.invoice_events): `invoice.due_soon` this many days
# before the due date (0: on the due date), checked every INVOICE_EVENTS_SECONDS, as are
# `invoice.overdue` (the day after the due date, in the account's time zone).
INVOICE_DUE_SOON_DAYS = env.int("INVOICE_DUE_SOON_DAYS", default=3)
if INVOICE_DUE_SOON_DAYS < 0:
    raise ImproperlyConfigured("INVOICE_DUE_SOON_DAYS cannot be negative")
INVOICE_EVENTS_SECONDS = env.float("INVOICE_EVENTS_SECONDS", default=300.0)
CELERY_BEAT_SCHEDULE = {
    "sync-tick": {"task": "gateway.sync.tasks.tick", "schedule": SYNC_TICK_SECONDS},
    "grant-upkeep": {"task": "gateway.sync.tasks.refresh_grants", "schedule": 3600.0},
    "inbound-webhooks": {"task": "gateway.sync.tasks.process_inbound", "schedule": 60.0},
    "webhook-deliveries": {
        "task": "gateway.events.tasks.deliver_webhooks",
        "schedule": WEBHOOK_SWEEP_SECONDS,
    },
    # Idempotent and resumable: each due invoice event is emitted once, whatever the runs.
    "invoice-events": {
        "task": "gateway.events.tasks.emit_invoice_events",
        "schedule": INVOICE_EVENTS_SECONDS,
    },
    "link-sessions": {"task": "gateway.connect.tasks.expire_link_sessions", "schedule": 300.0},
    # Idempotent: queues only the accounts still missing last month's report snapshots.
    "report-snapshots": {
        "task": "gateway.reports.tasks.schedule_snapshots",
        "schedule": REPORT_SNAPSHOT_SECONDS,
    },
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"  # `manage.py collectstatic` fills it for production
# Without collectstatic, WhiteNoise serves from the apps' static folders (the finders).
warnings.filterwarnings("ignore", message="No directory at")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# The customer dashboard (/dashboard/): failed sign-ins allowed per email and per client address
# within the window (0: no limit), and how long a signed-in session lasts.
DASHBOARD_SIGNIN_LIMIT = env.int("DASHBOARD_SIGNIN_LIMIT", default=10)
DASHBOARD_SIGNIN_WINDOW_SECONDS = env.int("DASHBOARD_SIGNIN_WINDOW_SECONDS", default=900)
DASHBOARD_SESSION_SECONDS = env.int("DASHBOARD_SESSION_SECONDS", default=12 * 3600)
LOGIN_URL = "/dashboard/sign-in"
# Dashboard passwords (Django's hashers and validators); invitation links expire after 3 days.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600

# Request bodies above this size are refused with 413 before any view reads them.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("MAX_REQUEST_BODY_BYTES", default=1_048_576)
# Paths whose bodies may be larger (file uploads; each provider's own file limit is checked
# by the view before the body is read). Uploads beyond Django's in-memory size go to temp files.
BODY_SIZE_LIMITS = {
    "/v1/attachments": env.int("MAX_ATTACHMENT_REQUEST_BYTES", default=101 * 1024 * 1024),
}

API_RATE_LIMIT = env.str("API_RATE_LIMIT", default="1200/min")
# How long a process trusts an authenticated key before reading it again (revocation delay).
API_KEY_CACHE_SECONDS = env.float("API_KEY_CACHE_SECONDS", default=5.0)
# API calls are counted per customer and day for the dashboard; each process adds its counts to
# the database at most this often (seconds; 0: at every call).
API_USAGE_FLUSH_SECONDS = env.float("API_USAGE_FLUSH_SECONDS", default=10.0)
# Invalid API keys tolerated per client address and minute before answering 429 (0: no limit).
AUTH_FAILURE_LIMIT = env.int("AUTH_FAILURE_LIMIT", default=60)
# Reverse proxies in front of the gateway whose X-Forwarded-For entries are believed (0: use the
# socket address; a client can write any X-Forwarded-For it likes).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Longest an HTTP request waits, in total, for a provider (a rate-limiter slot, a provider's
# Retry-After) before answering 429 `rate_limited`; background tasks wait as the limits allow.
PROVIDER_WAIT_SECONDS = env.float("PROVIDER_WAIT_SECONDS", default=2.0)
if PROVIDER_WAIT_SECONDS < 0:
    raise ImproperlyConfigured("PROVIDER_WAIT_SECONDS cannot be negative")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["gateway.customers.authentication.ApiKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["gateway.customers.authentication.IsCustomer"],
    "DEFAULT_THROTTLE_CLASSES": ["gateway.customers.throttling.ApiKeyRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api_key": API_RATE_LIMIT},
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "gateway.core.negotiation.JsonFirstNegotiation",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "gateway.core.errors.api_exception_handler",
    "UNAUTHENTICATED_USER": None,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Ledgerlink API",
    "DESCRIPTION": OPENAPI_INTRO,
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Operation ids: the path after /v1 in snake_case plus the verb (`invoices_list`).
    "SCHEMA_PATH_PREFIX": r"/v1",
    "ENUM_NAME_OVERRIDES": {},
    "PREPROCESSING_HOOKS": [
        "gateway.core.openapi.only_public_api",
        "gateway.core.openapi.forget_patch_marks",
    ],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "gateway.core.openapi.add_error_responses",
        "gateway.core.openapi_intro.add_provider_table",
        "gateway.core.openapi.name_components",
    ],
}

# Connectors: which providers are enabled (key=dotted path), and their settings.
LEDGERLINK_PROVIDERS = read_providers(
    env.str(
        "LEDGERLINK_PROVIDERS",
        default="xero=connectors.xero.XeroProvider,"
        "quickbooks=connectors.quickbooks.QuickBooksProvider",
    )
)
LEDGERLINK_PROVIDER_SETTINGS = read_provider_settings(env, LEDGERLINK_PROVIDERS)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "no-referrer"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not IS_DEVELOPMENT)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", default=False) else None
)

# GET /metrics (Prometheus text format) answers only `Authorization: Bearer <METRICS_TOKEN>`;
# unset, the endpoint does not exist (404).
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
if METRICS_TOKEN and len(METRICS_TOKEN) < 32:
    raise ImproperlyConfigured("METRICS_TOKEN must be at least 32 characters (or unset)")

LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "gateway.core.logging.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.request": {"level": "ERROR", "propagate": True},
        # The MCP SDK starts and stops a session manager per request (stateless mode): quiet.
        "mcp": {"level": "WARNING", "propagate": True},
    },
}
