"""The page of a form refused for its security token (``CSRF_FAILURE_VIEW``): a page left open
too long, or kept open across a new login (a phone's tab from yesterday), sends a token that is
no longer the session's. Said in the site's layout and language, with the way back to the page
to send it again, and no technical words (walk56, M5: Django's bare English page, which asked
to turn debugging on)."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

log = logging.getLogger("powerdesk.security")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    # Logged for the administrator (a forged form from another site looks the same to the user).
    log.warning(
        "form refused for its security token: %s %s (%s)", request.method, request.path, reason
    )
    return render(request, "csrf_failure.html", {"back": _back(request)}, status=403)


def _back(request: HttpRequest) -> str:
    """The page the form was sent from (this site's only), else the user's home."""
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return reverse("web:root")
