"""PowerDesk settings, read from environment variables through strict helpers.

Every variable is optional: with none, DEBUG is off and the secret key is made once and kept in
the data folder. Production sets at least ``POWERDESK_SECRET_KEY`` (the same on every machine),
``POWERDESK_ALLOWED_HOSTS`` and ``DATABASE_URL``; a developer may ask for ``POWERDESK_DEBUG=1``.
Logging is set in ``settings_logging``, the content security policy and login lockouts in
``settings_security``, both imported here.
"""

from __future__ import annotations

import contextlib
import ipaddress
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from powerdesk.lib.env import (
    env_bool,
    env_choice,
    env_float,
    env_int,
    env_list,
    env_str,
    env_tile_url,
)
from powerdesk.lib.secret_key import secret_key

# LOGGING; the content security policy (SECURE_CSP) and the lockout after wrong passwords (AXES_*).
from powerdesk.settings_logging import *  # noqa: F403
from powerdesk.settings_security import *  # noqa: F403

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
DATA_DIR = Path(env_str("POWERDESK_DATA_DIR", str(PROJECT_DIR / "var")))

# Off unless asked for (POWERDESK_DEBUG=1, a developer's own machine): with DEBUG on, an error
# shows the browser its traceback and the settings.
DEBUG = env_bool("POWERDESK_DEBUG", False)
# Given, or made once and kept in the data folder (powerdesk/lib/secret_key.py): never one
# written in the code. Several web servers on several machines must be given the same one: the
# server, the task worker and `check --deploy` refuse one that is not (powerdesk/ops/checks.py).
# A data folder this user may not write (a read-only checkout) gives a key of the process's own.
SECRET_KEY, SECRET_KEY_SOURCE = secret_key(env_str("POWERDESK_SECRET_KEY", ""), DATA_DIR)
ALLOWED_HOSTS = env_list("POWERDESK_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("POWERDESK_CSRF_TRUSTED_ORIGINS", [])
# A form refused for its token: the site's own page, saying why and the way back (web/csrf.py).
CSRF_FAILURE_VIEW = "powerdesk.web.csrf.csrf_failure"

INSTALLED_APPS = [
    "powerdesk.accounts.admin_site.PowerDeskAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # `runserver` with DEBUG asked for only (POWERDESK_DEBUG=1); before WhiteNoise's own.
    "powerdesk.devserver",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    "axes",
    # PowerDesk, one app per domain area; the order is the order the demo station is built in.
    "powerdesk.accounts",
    "powerdesk.community",
    "powerdesk.network",
    "powerdesk.customers",
    "powerdesk.outages",
    "powerdesk.servicedesk",
    "powerdesk.arrears",
    "powerdesk.outreach",
    "powerdesk.training",
    "powerdesk.public",
    "powerdesk.reliability",
    "powerdesk.reports",
    "powerdesk.notifications",
    "powerdesk.dashboards",
    "powerdesk.web",
    "powerdesk.ops",
    "powerdesk.demo",
]

MIDDLEWARE = [
    # First, so that every answer (even a refusal by a later middleware) is logged and timed.
    "powerdesk.ops.proxy.TrustedProxyMiddleware",
    "powerdesk.ops.logs.RequestLogMiddleware",
    # A database that cannot be reached: 503 with Retry-After, the form kept (ops/faults.py).
    "powerdesk.ops.faults.DatabaseDownMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The API and the telephone webhook answer in the station's language (lib/language.py).
    "powerdesk.lib.language.SystemAnswersInStationLanguage",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "powerdesk.accounts.middleware.CurrentStationMiddleware",
    # A GET of a page that only takes a form: the product's own 405 page, not the browser's.
    "powerdesk.web.middleware.MethodNotAllowedPageMiddleware",
    # Last: it answers a locked-out login attempt itself (accounts/login.html says why).
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First: it refuses a locked-out user+address before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    # Every login's password hashed once, a turned-off account's too (review73 L7).
    "powerdesk.accounts.passwords.LoginBackend",
    # Never asked to check a password (LoginBackend ends every search): listed for the sessions
    # it logged in before, which name it.
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "powerdesk.urls"
WSGI_APPLICATION = "powerdesk.wsgi.application"

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
                "django.template.context_processors.i18n",
                "powerdesk.accounts.context_processors.station",
            ],
        },
    },
]
# Every form: the common widgets written in Python, labels with the suffix of the page's
# language ("：" in Chinese).
FORM_RENDERER = "powerdesk.lib.form_renderer.PageFormRenderer"


def _database() -> dict[str, object]:
    url = env_str("DATABASE_URL", "")
    if not url:
        # (a folder this user may not write: SQLite says so when the database is opened)
        with contextlib.suppress(OSError):
            DATA_DIR.mkdir(parents=True, exist_ok=True)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("POWERDESK_SQLITE_PATH", str(DATA_DIR / "powerdesk.sqlite3")),
            # Kept between requests, as PostgreSQL's below: opening one (Django's functions, the
            # pragmas) and closing the last one (SQLite then checkpoints the WAL) cost a served
            # request more than its queries did (bench/intake_cpu.py --served).
            "CONN_MAX_AGE": 60,
            "OPTIONS": {
                # WAL lets the web process read while the task worker writes.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {exc}") from None
    if not config.get("ENGINE"):
        raise ImproperlyConfigured(f"DATABASE_URL names an unknown database scheme: {url!r}.")
    return dict(config)


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:root"  # sends staff home and liaisons to their village
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # At most 128 characters, said (probe73 L10: 100,000 were taken).
    {"NAME": "powerdesk.accounts.passwords.MaximumLengthValidator"},
]

LANGUAGE_CODE = env_choice("POWERDESK_LANGUAGE", "zh-hans", ["zh-hans", "en"])
# Each named in itself, as the language switcher shows them.
LANGUAGES = [("zh-hans", "中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates written as the pages write them, in both languages (powerdesk/formats).
FORMAT_MODULE_PATH = ["powerdesk.formats"]
TIME_ZONE = env_str("POWERDESK_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
with contextlib.suppress(OSError):  # (a read-only checkout: `collectstatic` says so)
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns about a missing one
MEDIA_URL = "media/"  # not served: photos are shown by views that check station and role
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# The task queue: in the database (one machine, or several on one PostgreSQL), or on Redis
# through RQ for several machines (``POWERDESK_TASK_BACKEND=django_tasks_rq.RQBackend`` with
# ``POWERDESK_REDIS_URL``; its worker is ``powerdesk worker`` all the same).
TASK_BACKEND = env_choice(
    "POWERDESK_TASK_BACKEND",
    "django_tasks_db.DatabaseBackend",
    [
        "django_tasks_db.DatabaseBackend",
        "django_tasks_rq.RQBackend",
        "django.tasks.backends.immediate.ImmediateBackend",
    ],
)
# Two queues: "default" for the work people wait on (text messages, scans, pings), "training"
# for the models' retraining (minutes of work), each with its own worker, so that a text
# message never waits behind a classifier being trained.
TASK_QUEUES = ["default", "training"]
TASKS = {"default": {"BACKEND": TASK_BACKEND, "QUEUES": TASK_QUEUES}}
REDIS_URL = env_str("POWERDESK_REDIS_URL", "redis://127.0.0.1:6379/0").strip()
if TASK_BACKEND == "django_tasks_rq.RQBackend":
    if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"POWERDESK_REDIS_URL={REDIS_URL!r} is not redis://host:port/db (the RQ task queue)."
        )
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    # A task runs for at most its queue's run limit, as on the database queue (ops/queues.py).
    from powerdesk.ops.queues import rq_queues

    RQ_QUEUES = rq_queues(REDIS_URL, TASK_QUEUES)


def _cache() -> dict[str, object]:
    """One cache for every process of a deployment: rate limits, lockouts and the telephone
    system's pre-filled intake count across all of them. A file cache in the data folder is
    shared by the processes of one machine; several machines share Redis."""
    url = env_str("POWERDESK_CACHE_URL", "").strip()
    if url.startswith(("redis://", "rediss://")):
        # Errors are misses (powerdesk/lib/cache.py), and a Redis that is down answers at once.
        return {
            "BACKEND": "powerdesk.lib.cache.TolerantRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    if url == "locmem://":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if url and not url.startswith("file://"):
        raise ImproperlyConfigured(
            f"POWERDESK_CACHE_URL={url!r} is not redis://host:port/db, file:///folder or locmem://."
        )
    folder = url.removeprefix("file://") or str(DATA_DIR / "cache")
    return {"BACKEND": "powerdesk.lib.cache.LockingFileCache", "LOCATION": folder}


CACHES = {
    "default": _cache(),
    # Parts of pages drawn once per process and kept ({% cache %}, keyed by all they depend on:
    # web/base.html's menu), in memory: nothing personal, nothing to share between processes.
    "template_fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "template-fragments",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

SESSION_COOKIE_AGE = env_int("POWERDESK_SESSION_HOURS", 12, minimum=1, maximum=24 * 30) * 3600
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Behind TLS (nginx in front, docs/deployment.md): cookies only over HTTPS, HSTS, and the
# proxy's X-Forwarded-Proto trusted to say the request came by HTTPS. nginx must set that
# header itself (overwriting a client's), or anyone could claim HTTPS.
TLS = env_bool("POWERDESK_TLS", not DEBUG)
# nginx's addresses: from these, its X-Real-IP header is the client's (powerdesk/ops/proxy.py).
TRUSTED_PROXIES = env_list("POWERDESK_TRUSTED_PROXIES", [])
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = TLS
SESSION_COOKIE_HTTPONLY = True
if TLS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = env_int("POWERDESK_HSTS_SECONDS", 31_536_000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("POWERDESK_HSTS_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("POWERDESK_HSTS_PRELOAD", False)
    # /healthz is asked by the machine itself over plain HTTP (systemd, a load balancer).
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if not DEBUG:
    SILENCED_SYSTEM_CHECKS = [
        # HSTS preload is a promise to browsers' lists that only the site's owner can make.
        "security.W021",
    ]
# The content security policy and the lockout after wrong passwords: settings_security.py.

# How long a station's live outage engine stays with a process that stopped renewing it (killed,
# frozen, cut off) before another process takes it over (powerdesk/ops/lease.py).
ENGINE_LEASE_SECONDS = env_float("POWERDESK_ENGINE_LEASE_SECONDS", 30.0, minimum=1.0, maximum=600.0)

# Meter pings and their rounds are kept this many days, then purged by ``powerdesk purge_pings``
# (powerdesk/outages/ping_retention.py): never those of the current and the last month, nor
# any since the first sign of an outage still open or predicted (docs/deployment.md).
PING_KEEP_DAYS = env_int("POWERDESK_PING_KEEP_DAYS", 90, minimum=1, maximum=3650)

# The outage map draws the grid on a plain background; with a tile server (often none is
# reachable from a station) it draws the tiles under it, credited as the server asks.
POWERDESK_MAP_TILES = env_tile_url("POWERDESK_MAP_TILES")
# The HTTP SMS gateway (README, "Connecting an SMS gateway"); without it texts go to the log.
POWERDESK_SMS_URL = env_str("POWERDESK_SMS_URL", "")
# Networks inside the server's own that stations' webhooks and meter 召测 addresses may reach
# (comma-separated CIDRs, e.g. the metering system's intranet); none by default.
POWERDESK_OUTBOUND_NETWORKS = env_list("POWERDESK_OUTBOUND_NETWORKS", [])
for _network in POWERDESK_OUTBOUND_NETWORKS:
    try:
        ipaddress.ip_network(_network, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"POWERDESK_OUTBOUND_NETWORKS: {_network!r} is not a network (e.g. 10.20.0.0/16)."
        ) from None
POWERDESK_SMS_TOKEN = env_str("POWERDESK_SMS_TOKEN", "")
POWERDESK_SMS_TIMEOUT = env_int("POWERDESK_SMS_TIMEOUT", 10, minimum=1, maximum=60)
POWERDESK_MAP_ATTRIBUTION = env_str("POWERDESK_MAP_ATTRIBUTION", "")

# A crew's travel time to a device (``outages.crew_choice``): the straight distance times the
# road factor (mountain roads wind), at this speed, plus the walk to a village without a road.
POWERDESK_ROAD_FACTOR = env_float("POWERDESK_ROAD_FACTOR", 1.4, minimum=1.0, maximum=5.0)
POWERDESK_CREW_SPEED_KMH = env_int("POWERDESK_CREW_SPEED_KMH", 30, minimum=5, maximum=120)

# Where a local telephone number is written without its area code, this region is assumed.
PHONE_REGION = env_str("POWERDESK_PHONE_REGION", "CN")

# LOGGING (one JSON object a line, personal data masked): settings_logging.py.

PAGE_SIZE = 50
SITE_NAME = _("PowerDesk")
