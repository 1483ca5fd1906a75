"""The page of something not found: a plain 404, or, for a page of another station the user
also works at, the offer to switch to it and open the page (walkthrough 34, finding 5)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from powerdesk.accounts.tenancy import AtOtherStation


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    other = exception.station if isinstance(exception, AtOtherStation) else None
    return render(
        request,
        "404.html",
        {"other_station": other, "next": request.get_full_path()},
        status=404,
    )
