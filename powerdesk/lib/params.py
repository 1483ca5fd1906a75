"""Reading simple query parameters the same way on every page."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, QueryDict
from django.utils import timezone


def year_param(request: HttpRequest, name: str = "year") -> int:
    """The year asked for in ``?year=``; this year when it is missing or not a sensible year."""
    return year_value(request.GET, name)


def year_value(params: QueryDict, name: str = "year") -> int:
    """``year_param`` of a query string (a list's export reads its page's parameters)."""
    try:
        year = int(params.get(name, ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def month_or_none(params: QueryDict, name: str = "month") -> tuple[int, int] | None:
    """The month asked for in ``?month=YYYY-MM``, or None when missing or not a sensible month
    (a filter that is not understood filters nothing rather than hiding every row)."""
    raw = params.get(name, "").strip()
    parts = raw.split("-")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        return None
    year, month = int(parts[0]), int(parts[1])
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        return None
    return year, month


def month_bounds(year: int, month: int) -> tuple[dt.datetime, dt.datetime]:
    """The first instant of the month and of the next, in the station's time zone."""
    tz = timezone.get_current_timezone()
    start = dt.datetime(year, month, 1, tzinfo=tz)
    end = dt.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=tz)
    return start, end
