"""Reading simple query parameters the same way on every page."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, IntegerField, Value, When
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


def month_value(params: QueryDict, name: str = "month") -> dt.date | None:
    """``?month=YYYY-MM`` as the first day of that month; ``None`` when missing or not a month."""
    text = params.get(name, "").strip()
    try:
        year, month = (int(part) for part in text.split("-"))
        first = dt.date(year, month, 1)
    except ValueError:
        return None
    return first if 2000 <= first.year <= 2100 else None


def period_value(params: QueryDict) -> tuple[dt.datetime, dt.datetime] | None:
    """The period a figure's drill-down names, in the station's time: ``?month=YYYY-MM``, else
    ``?year=YYYY``; ``None`` when the query names neither (the list's own default applies)."""
    tz = timezone.get_current_timezone()
    month = month_value(params)
    if month is not None:
        following = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
        return (
            dt.datetime.combine(month, dt.time(), tzinfo=tz),
            dt.datetime.combine(following, dt.time(), tzinfo=tz),
        )
    if params.get("year", "").strip():
        year = year_value(params)
        return dt.datetime(year, 1, 1, tzinfo=tz), dt.datetime(year + 1, 1, 1, tzinfo=tz)
    return None


def month_text(first: dt.date) -> str:
    """A month as the drill-down links write it: ``2026-03``."""
    return f"{first.year:04d}-{first.month:02d}"


def month_of(field: str, year: int) -> Case:
    """The station's month (1 to 12) of ``field``, for rows within ``year``: ``field`` compared
    with each month's first moment, in SQL. (``TruncMonth`` gives the same months, but SQLite
    runs it in Python, row by row: most of the service figures' time, speed73.)"""
    tz = timezone.get_current_timezone()
    return Case(
        *(
            When(**{f"{field}__lt": dt.datetime(year, m + 1, 1, tzinfo=tz)}, then=Value(m))
            for m in range(1, 12)
        ),
        default=Value(12),
        output_field=IntegerField(),
    )
