"""A time as a person or a system writes it, with its zone (ISO 8601: ``2026-05-01T18:00+08:00``),
read the one way for every time the JSON API takes (probe73 M1, L4).

pydantic's ``AwareDatetime`` alone reads a JSON string of digits ("1800000000") as seconds since
1970 in UTC, and says an impossible date, a full-width digit or an offset of +25:00 in its own
English. ``written_time`` takes only the written form (ASCII digits, a date, ``T`` or a space,
hours and minutes, seconds and their fraction if any, the zone), and refuses anything else with
the station's words: a number of seconds, a date that does not exist, an hour past 23, an offset
beyond ±14:00, a time without its zone, a year outside 2000–2100.

>>> written_time("2026-05-01T18:00+08:00").isoformat()
'2026-05-01T18:00:00+08:00'
>>> for wrong in ("1800000000", "2026-02-30T10:00+08:00", "2026-05-01T18:00+25:00"):
...     try:
...         written_time(wrong)
...     except TimeRefused:
...         print("refused")
refused
refused
refused
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext as _

__all__ = ["TimeRefused", "written_day", "written_time"]

_WRITTEN = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})[Tt ](?P<clock>\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)"
    r"(?P<zone>[Zz]|[+-](?P<hours>\d{2}):?(?P<minutes>\d{2}))?",
    re.ASCII,
)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_SECONDS = re.compile(r"\s*[+-]?\d+(?:\.\d*)?(?:[eE][+-]?\d+)?\s*")
_EXAMPLE = "2026-05-01T18:00:00+08:00"


class TimeRefused(ValueError):
    """A value that is not a time written with its zone; its message says why (pydantic adds
    the field it was at)."""


def written_time(value: object) -> dt.datetime:
    """``value`` (a JSON string) read as the time it says, or ``TimeRefused`` saying why not."""
    if isinstance(value, dt.datetime):
        return _within_bounds(value)
    if isinstance(value, bool) or not isinstance(value, str):
        raise TimeRefused(
            _("Must be written as a time with its zone, e.g. 2026-05-01T18:00:00+08:00.")
        )
    if _SECONDS.fullmatch(value):
        raise TimeRefused(
            _("A number of seconds is not a time: write it with its zone, e.g. %(example)s.")
            % {"example": _EXAMPLE}
        )
    written = _WRITTEN.fullmatch(value)
    if written is None:
        raise TimeRefused(
            _(
                "Must be written as a time with its zone in ASCII digits "
                "(YYYY-MM-DDTHH:MM[:SS]+HH:MM), e.g. %(example)s."
            )
            % {"example": _EXAMPLE}
        )
    if written["zone"] is None:
        raise TimeRefused(_("The time must say its zone, e.g. 2026-12-05T10:00+08:00."))
    if written["hours"] is not None and (
        int(written["hours"]) * 60 + int(written["minutes"]) > 14 * 60
        or int(written["minutes"]) > 59
    ):
        raise TimeRefused(_("Must have a time zone offset within ±14:00."))
    try:
        dt.date.fromisoformat(written["date"])
    except ValueError:
        raise TimeRefused(
            _("%(date)s is not a date of the calendar (its month has no such day).")
            % {"date": written["date"]}
        ) from None
    try:
        at = dt.datetime.fromisoformat(f"{written['date']}T{_clock(written['clock'])}")
    except ValueError:
        raise TimeRefused(
            _("%(clock)s is not a time of day (hours 00–23, minutes and seconds 00–59).")
            % {"clock": written["clock"]}
        ) from None
    zone = written["zone"].upper()
    return _within_bounds(dt.datetime.fromisoformat(f"{at.isoformat()}{zone}"))


def _clock(clock: str) -> str:
    """The clock with at most six digits of a second's fraction, as Python reads it."""
    whole, _dot, fraction = clock.partition(".")
    return f"{whole}.{fraction[:6]}" if fraction else whole


def _within_bounds(at: dt.datetime) -> dt.datetime:
    if at.tzinfo is None:
        raise TimeRefused(_("The time must say its zone, e.g. 2026-12-05T10:00+08:00."))
    if not 2000 <= at.year <= 2100:
        raise TimeRefused(_("Must be a time between the years 2000 and 2100."))
    offset = at.utcoffset()
    if offset is not None and abs(offset) > dt.timedelta(hours=14):
        raise TimeRefused(_("Must have a time zone offset within ±14:00."))
    return at


def written_day(value: object) -> object:
    """A day written as a day ("2026-12-10", ASCII digits), one of the calendar: one with a
    time, a number or anything else is refused naming the field, never cut to its day (walk37,
    13), nor said in pydantic's English (probe73 L4). None and a ``date`` pass as they are."""
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if not isinstance(value, str) or not _DAY.fullmatch(value):
        raise TimeRefused(_("Must be a day written YYYY-MM-DD, without a time."))
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise TimeRefused(
            _("%(date)s is not a date of the calendar (its month has no such day).")
            % {"date": value}
        ) from None
