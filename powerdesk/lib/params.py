"""Reading simple query parameters the same way on every page."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone


def year_param(request: HttpRequest, name: str = "year") -> int:
    """The year asked for in ``?year=``; this year when it is missing or not a sensible year."""
    try:
        year = int(request.GET.get(name, ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year
