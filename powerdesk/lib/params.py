"""Reading simple query parameters the same way on every page."""

from __future__ import annotations

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
