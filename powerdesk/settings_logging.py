"""The logging settings, imported by ``settings``: one JSON object a line, personal data masked
(``ops.logs``); ``POWERDESK_LOG_FORMAT=text`` and ``POWERDESK_LOG_LEVEL`` to change them.
"""

from __future__ import annotations

from powerdesk.lib.env import env_choice, env_str

__all__ = ["LOGGING"]

# One JSON object a line (time, level, request id, user, station, path, status, duration), with
# digit runs that could be a phone or an account number masked and notes never written
# (powerdesk/ops/logs.py). POWERDESK_LOG_FORMAT=text for a developer's terminal.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "mask": {"()": "powerdesk.ops.logs.MaskPersonalData"},
        "refused_too_large": {"()": "powerdesk.ops.logs.RefusedTooLarge"},
    },
    "formatters": {
        "json": {"()": "powerdesk.ops.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["mask"],
            "formatter": env_choice("POWERDESK_LOG_FORMAT", "json", ["json", "text"]),
        }
    },
    "root": {"handlers": ["console"], "level": env_str("POWERDESK_LOG_LEVEL", "INFO")},
    "loggers": {
        "jieba": {"level": "WARNING"},
        # WeasyPrint logs each step of every PDF it makes, fontTools each font it subsets.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # Replaced by powerdesk.request (one line per request, its path without the query).
        "django.server": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
        # A request refused for its size: a WARNING line, not an ERROR with a traceback.
        **{
            f"django.security.{refused}": {"filters": ["refused_too_large"]}
            for refused in ("RequestDataTooBig", "TooManyFieldsSent", "TooManyFilesSent")
        },
    },
}
