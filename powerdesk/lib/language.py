"""The language of the station's records.

What is stored — a line of a work order's or an outage's history, a cause, a summary — is read
later by everyone at the station, whatever language the page that wrote it was in: a crew
phone without the Chinese locale must not write "Power is back" into a Chinese station's
history. Stored text is composed inside ``station_language()``; what a person is shown on the
page (a confirmation, an error, a label) stays in their own language.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

__all__ = ["station_language"]


def station_language() -> translation.override:
    """Translate in the station's language (``settings.LANGUAGE_CODE``) within the block.

    >>> from django.utils import translation
    >>> with translation.override("en"), station_language():
    ...     translation.get_language()
    'zh-hans'
    """
    return translation.override(settings.LANGUAGE_CODE)
