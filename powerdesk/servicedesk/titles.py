"""Titles composed for the reader: an outage's work order is stored titled in the station's
language ("停电：哔叭支线02号杆跌落式熔断器", searched and exported so) and shown in each reader's
("Outage: 哔叭支线02号杆跌落式熔断器"). What it names is read back from the stored title, in
whichever of the site's languages it was written (a row stored before English pages existed, or
by a station whose language changed)."""

from __future__ import annotations

import functools

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

__all__ = [
    "OUTAGE_TITLE",
    "PLANNED_TITLE",
    "outage_title",
    "outage_title_device",
    "outage_title_stored",
    "planned_title",
    "planned_title_device",
    "planned_title_stored",
]

# The title of an outage's order, ``device`` its device's name (or code).
OUTAGE_TITLE = gettext_noop("Outage: %(device)s")
# The title of a planned outage's job ("计划检修：…", "Planned work: …"), likewise.
PLANNED_TITLE = gettext_noop("Planned work: %(device)s")


def outage_title_stored(device: str) -> str:
    """The title as stored: in the station's language."""
    from powerdesk.lib.language import station_language

    with station_language():
        return _(OUTAGE_TITLE) % {"device": device}


def outage_title(stored: str) -> str:
    """``stored`` (an outage order's summary) in the active language."""
    return _(OUTAGE_TITLE) % {"device": _named(stored)}


def outage_title_device(stored: str) -> str:
    """The device ``stored`` (an outage order's summary) names."""
    return _named(stored)


def planned_title_stored(device: str) -> str:
    """A planned work's title as stored: in the station's language."""
    from powerdesk.lib.language import station_language

    with station_language():
        return _(PLANNED_TITLE) % {"device": device}


def planned_title(stored: str) -> str:
    """``stored`` (a planned work order's summary) in the active language."""
    return _(PLANNED_TITLE) % {"device": _named(stored, PLANNED_TITLE)}


def planned_title_device(stored: str) -> str:
    """The device ``stored`` (a planned work order's summary) names."""
    return _named(stored, PLANNED_TITLE)


def _named(stored: str, title: str = OUTAGE_TITLE) -> str:
    for prefix, suffix in _forms(title):
        if stored.startswith(prefix) and stored.endswith(suffix):
            return stored[len(prefix) : len(stored) - len(suffix) or None]
    return stored  # not in any known form: the name is the whole of it


@functools.cache
def _forms(title: str) -> list[tuple[str, str]]:
    """The title's text before and after the name, in each of the site's languages."""
    forms = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            prefix, _mark, suffix = _(title).partition("%(device)s")
        forms.add((prefix, suffix))
    # The longest first: a form that is the start of another does not cut it short.
    return sorted(forms, key=lambda f: -len(f[0] + f[1]))
