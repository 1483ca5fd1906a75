"""The language of the station's records.

What is stored — a line of a work order's or an outage's history, a cause, a summary — is read
later by everyone at the station, whatever language the page that wrote it was in: a crew
phone without the Chinese locale must not write "Power is back" into a Chinese station's
history. Stored text is composed inside ``station_language()``; what a person is shown on the
page (a confirmation, an error, a label) stays in their own language.

Systems are answered in the station's language too: what the JSON API and the telephone
webhook say (a refusal, a warning) is read in the station's logs and by its integrators, the same
words whatever ``Accept-Language`` the client library sends, and an answer replayed for an
``Idempotency-Key`` is the first one word for word (``SystemAnswersInStationLanguage``).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

__all__ = ["SystemAnswersInStationLanguage", "station_language", "station_language_code"]

# What systems call: the JSON API and the telephone exchange's webhook.
SYSTEM_PATHS = ("/api/", "/desk/cti/")


def station_language_code() -> str:
    """The code of the station's language (``settings.LANGUAGE_CODE``: one for the site)."""
    return settings.LANGUAGE_CODE


def station_language() -> translation.override:
    """Translate in the station's language (``settings.LANGUAGE_CODE``) within the block.

    >>> from django.utils import translation
    >>> with translation.override("en"), station_language():
    ...     translation.get_language()
    'zh-hans'
    """
    return translation.override(station_language_code())


class SystemAnswersInStationLanguage:
    """Middleware (after ``LocaleMiddleware``): a request to ``SYSTEM_PATHS`` is answered in the
    station's language, whatever the request's ``Accept-Language`` or language cookie says
    (walk37, 12: a refusal in English beside one in Chinese)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(SYSTEM_PATHS):
            return self.get_response(request)
        with station_language():
            request.LANGUAGE_CODE = translation.get_language()  # type: ignore[attr-defined]
            response = self.get_response(request)
        response.headers["Content-Language"] = request.LANGUAGE_CODE  # type: ignore[attr-defined]
        return response
