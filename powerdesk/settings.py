"""PowerDesk settings, read from environment variables through strict helpers.

Every variable is optional on a developer's machine; production sets at least
``POWERDESK_SECRET_KEY``, ``POWERDESK_DEBUG=0``, ``POWERDESK_ALLOWED_HOSTS`` and ``DATABASE_URL``.
"""

from __future__ import annotations

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

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
DATA_DIR = Path(env_str("POWERDESK_DATA_DIR", str(PROJECT_DIR / "var")))

DEBUG = env_bool("POWERDESK_DEBUG", True)
SECRET_KEY = env_str("POWERDESK_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("POWERDESK_SECRET_KEY must be set when POWERDESK_DEBUG is off.")
    SECRET_KEY = "powerdesk-development-key-not-for-production"
ALLOWED_HOSTS = env_list("POWERDESK_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("POWERDESK_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "powerdesk.accounts.admin_site.PowerDeskAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
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
    "powerdesk.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "powerdesk.accounts.middleware.CurrentStationMiddleware",
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


def _database() -> dict[str, object]:
    url = env_str("DATABASE_URL", "")
    if not url:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("POWERDESK_SQLITE_PATH", str(DATA_DIR / "powerdesk.sqlite3")),
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
]

LANGUAGE_CODE = env_choice("POWERDESK_LANGUAGE", "zh-hans", ["zh-hans", "en"])
# Each named in itself, as the language switcher shows them.
LANGUAGES = [("zh-hans", "中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("POWERDESK_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
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

TASKS = {
    "default": {
        "BACKEND": env_choice(
            "POWERDESK_TASK_BACKEND",
            "django_tasks_db.DatabaseBackend",
            [
                "django_tasks_db.DatabaseBackend",
                "django.tasks.backends.immediate.ImmediateBackend",
            ],
        ),
        "QUEUES": ["default"],
    }
}

SESSION_COOKIE_AGE = env_int("POWERDESK_SESSION_HOURS", 12, minimum=1, maximum=24 * 30) * 3600
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# The outage map draws the grid on a plain background; with a tile server (often none is
# reachable from a station) it draws the tiles under it, credited as the server asks.
POWERDESK_MAP_TILES = env_tile_url("POWERDESK_MAP_TILES")
# The HTTP SMS gateway (README, "Connecting an SMS gateway"); without it texts go to the log.
POWERDESK_SMS_URL = env_str("POWERDESK_SMS_URL", "")
POWERDESK_SMS_TOKEN = env_str("POWERDESK_SMS_TOKEN", "")
POWERDESK_SMS_TIMEOUT = env_int("POWERDESK_SMS_TIMEOUT", 10, minimum=1, maximum=60)
POWERDESK_MAP_ATTRIBUTION = env_str("POWERDESK_MAP_ATTRIBUTION", "")

# A crew's travel time to a device (``outages.crew_choice``): the straight distance times the
# road factor (mountain roads wind), at this speed, plus the walk to a village without a road.
POWERDESK_ROAD_FACTOR = env_float("POWERDESK_ROAD_FACTOR", 1.4, minimum=1.0, maximum=5.0)
POWERDESK_CREW_SPEED_KMH = env_int("POWERDESK_CREW_SPEED_KMH", 30, minimum=5, maximum=120)

# Where a local telephone number is written without its area code, this region is assumed.
PHONE_REGION = env_str("POWERDESK_PHONE_REGION", "CN")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("POWERDESK_LOG_LEVEL", "INFO")},
    "loggers": {
        "jieba": {"level": "WARNING"},
        # WeasyPrint logs each step of every PDF it makes, fontTools each font it subsets.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

PAGE_SIZE = 50
SITE_NAME = _("PowerDesk")
