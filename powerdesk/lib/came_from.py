"""Where a form posted from a page shared by several pages goes back to: the page it came from.

The outage board is one drawing shown on the outages page, on its own page and on the home page
(its rows are kept and shared between them: ``outages.board_html``), so its forms cannot name
their page; the page's script adds it as ``next`` (``web/powerdesk.js``, ``data-send-next``).
Without it (no script) the browser's ``Referer`` says the same. Either is taken only when it is
an address of this site (never another site's, nor ``//host`` or ``/\\host``), else the default.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

__all__ = ["came_from", "same_site"]

MAX_CHARS = 2000


def same_site(request: HttpRequest, target: str) -> str | None:
    """``target`` as a path on this site (with its query), or None when it is not one."""
    if not target or len(target) > MAX_CHARS:
        return None
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    parts = urlsplit(target)
    if not parts.path.startswith("/"):
        return None  # a relative address: where it leads depends on the page
    return parts.path + (f"?{parts.query}" if parts.query else "")


def came_from(request: HttpRequest, default: str) -> str:
    """The page the form was sent from: its ``next``, else the ``Referer``, if either is an
    address of this site; otherwise ``default`` (a URL name)."""
    for target in (request.POST.get("next", ""), request.headers.get("Referer", "")):
        found = same_site(request, target)
        if found is not None:
            return found
    return reverse(default)
