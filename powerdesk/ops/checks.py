"""System checks of the secret key, for every process that serves or runs tasks.

Errors, tagged ``deploy`` (``powerdesk check --deploy`` lists them) and run at the start of
``powerdesk serve``, of ``powerdesk worker`` (on the database queue or on RQ) and of the WSGI
application itself (``powerdesk.wsgi``: gunicorn or any other WSGI host started without ``serve``,
on this machine or another):

- ``powerdesk.E001``: the key is the old development key, once published with PowerDesk's code:
  anyone can forge a login with it.
- ``powerdesk.E002``: no key is given while the database is not this machine's SQLite file. Each
  machine would keep a key of its own (``powerdesk.lib.secret_key``): a login made on one web
  server is refused by the next, and a link a worker signs (a public page's token) by the web.
- ``powerdesk.E003``: the data folder cannot keep a key (read-only, another user's), so this
  process took one of its own: the server's other workers and the task worker do not share it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from powerdesk.lib.secret_key import GIVEN, KEY_FILE, THIS_PROCESS

__all__ = [
    "PUBLISHED_KEYS",
    "SECRET_KEY_TAG",
    "key_refusals",
    "refuse_unsafe_key",
    "secret_key_check",
]

SECRET_KEY_TAG = "powerdesk_secret_key"

# Keys that were once written in PowerDesk's code (the old development key): known to anyone.
PUBLISHED_KEYS = frozenset({"powerdesk-development-key-not-for-production"})


@checks.register(checks.Tags.security, SECRET_KEY_TAG, deploy=True)
def secret_key_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Why the secret key must not serve pages nor sign links (empty when it may)."""
    errors: list[checks.CheckMessage] = []
    if settings.SECRET_KEY in PUBLISHED_KEYS:
        errors.append(
            checks.Error(
                "POWERDESK_SECRET_KEY is the old development key, published with PowerDesk's "
                "code: anyone can forge a login with it.",
                hint="Set a long random key of your own, or unset it (a key is then made and "
                "kept in the data folder).",
                id="powerdesk.E001",
            )
        )
    source = getattr(settings, "SECRET_KEY_SOURCE", GIVEN)
    kept = settings.DATA_DIR / KEY_FILE
    if source == THIS_PROCESS:
        errors.append(
            checks.Error(
                f"POWERDESK_SECRET_KEY is not set and the data folder cannot keep a key ({kept}): "
                "this process's key is its own, lost when it stops, and the server's other "
                "processes and the task worker would each have another.",
                hint="Set POWERDESK_SECRET_KEY, or POWERDESK_DATA_DIR to a folder this user "
                "may write.",
                id="powerdesk.E003",
            )
        )
    elif source != GIVEN and not one_machine():
        errors.append(
            checks.Error(
                "POWERDESK_SECRET_KEY is not set (or blank) while the database is not this "
                "machine's SQLite file: every web server of a shared database must be given the "
                "same key, or a login made on one is refused by the next (and its task workers "
                "too, or the links they sign are refused by the web).",
                hint=f"Set POWERDESK_SECRET_KEY on every machine (e.g. the key kept in {kept}).",
                id="powerdesk.E002",
            )
        )
    return errors


def one_machine() -> bool:
    """The database is an SQLite file, which only this machine's processes can share: the key
    kept in the data folder is then theirs alike."""
    return bool(settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3")


def key_refusals() -> list[str]:
    """The errors of the checks above, each in one line with its hint and id (empty: none)."""
    found = checks.run_checks(tags=[SECRET_KEY_TAG], include_deployment_checks=True)
    return [f"{e.msg} {e.hint} ({e.id})" for e in found if e.is_serious()]


def refuse_unsafe_key(what: str) -> None:
    """Stop ``what`` (a process starting) if the checks above find an error."""
    problems = key_refusals()
    if problems:
        raise ImproperlyConfigured(f"{what} refuses to start: " + " ".join(problems))
