"""Strict readers of settings from environment variables.

A bad value stops start-up with a message that names the variable and says what it expects,
rather than running with a value nobody meant.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

__all__ = ["env_bool", "env_choice", "env_float", "env_int", "env_list", "env_str", "env_tile_url"]

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str, environ: Mapping[str, str] | None = None) -> str:
    """The variable's value, or ``default`` when it is unset."""
    environ = os.environ if environ is None else environ
    return environ.get(name, default)


def env_bool(name: str, default: bool, environ: Mapping[str, str] | None = None) -> bool:
    """``1/true/yes/on`` or ``0/false/no/off`` (any case); anything else is refused."""
    environ = os.environ if environ is None else environ
    if name not in environ:
        return default
    value = environ[name].strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={environ[name]!r} is not a boolean: use 1/true/yes/on or 0/false/no/off."
    )


def env_int(
    name: str,
    default: int,
    environ: Mapping[str, str] | None = None,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
) -> int:
    """A whole number, optionally within ``[minimum, maximum]``."""
    environ = os.environ if environ is None else environ
    if name not in environ:
        return default
    raw = environ[name].strip()
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} is below the minimum of {minimum}.")
    if maximum is not None and value > maximum:
        raise ImproperlyConfigured(f"{name}={value} is above the maximum of {maximum}.")
    return value


def env_float(
    name: str,
    default: float,
    environ: Mapping[str, str] | None = None,
    *,
    minimum: float,
    maximum: float,
) -> float:
    """A number such as ``1.4``, within ``[minimum, maximum]``."""
    environ = os.environ if environ is None else environ
    if name not in environ:
        return default
    raw = environ[name].strip()
    try:
        value = float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a number.") from None
    if not minimum <= value <= maximum:  # also refuses nan
        raise ImproperlyConfigured(f"{name}={raw} is not between {minimum} and {maximum}.")
    return value


def env_list(name: str, default: list[str], environ: Mapping[str, str] | None = None) -> list[str]:
    """A comma-separated list; blank items are dropped."""
    environ = os.environ if environ is None else environ
    if name not in environ:
        return list(default)
    return [item.strip() for item in environ[name].split(",") if item.strip()]


def env_choice(
    name: str, default: str, choices: list[str], environ: Mapping[str, str] | None = None
) -> str:
    """One of ``choices``; anything else is refused with the list of what is allowed."""
    environ = os.environ if environ is None else environ
    value = environ.get(name, default).strip()
    if value not in choices:
        allowed = ", ".join(choices)
        raise ImproperlyConfigured(f"{name}={value!r} is not one of: {allowed}.")
    return value


def env_tile_url(name: str, environ: Mapping[str, str] | None = None) -> str:
    """A map tile address such as ``https://tiles.example/{z}/{x}/{y}.png``, or "" for none.

    It must be http(s) or a path on this site, and name ``{z}``, ``{x}`` and ``{y}``: a map
    asking a wrong address for every tile would show nothing and say nothing.
    """
    value = env_str(name, "", environ).strip()
    if not value:
        return ""
    if not value.startswith(("https://", "http://", "/")):
        raise ImproperlyConfigured(f"{name}={value!r} is not an http(s) address or a path.")
    missing = [part for part in ("{z}", "{x}", "{y}") if part not in value]
    if missing:
        raise ImproperlyConfigured(
            f"{name}={value!r} does not name {', '.join(missing)}: "
            "write the tile address with {z}, {x} and {y} where the zoom and tile go."
        )
    return value
