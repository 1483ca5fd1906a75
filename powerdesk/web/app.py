"""The crew's phone as a web app: the manifest that lets the browser install it, and the
service worker that keeps the crew pages for when there is no signal.

The worker is served from the site's root (``/sw.js``) so that its scope covers the crew pages
under ``/desk/crew/`` and the static files; it is rendered from a template so that it names the
static files as they are served (with their hashed names in production).
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

# Files the crew pages need, kept on the phone when the worker is installed.
CREW_STATIC = (
    "web/powerdesk.css",
    "web/favicon.svg",
    "web/icon-192.png",
    "vendor/htmx/htmx-2.0.11.min.js",
    # The crew page's scripts, in the order the page loads them (crew_jobs.html).
    "servicedesk/crew_store.js",
    "servicedesk/crew_card.js",
    "servicedesk/crew_sync.js",
    "servicedesk/crew_photos.js",
    "servicedesk/crew.js",
    "accounts/crew_locate.js",
)
# Bumped when the worker's own logic changes; the kept files are renewed when they change.
WORKER_VERSION = "2"


@functools.cache
def _version() -> str:
    """The worker's version and its files' content: a new one replaces the phone's copies
    (in development the files keep their names, so the names alone would not tell)."""
    digest = hashlib.sha256(WORKER_VERSION.encode())
    for name in CREW_STATIC:
        path = finders.find(name)
        if isinstance(path, str):
            digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:12]


@require_safe
@cache_control(no_cache=True)  # the browser checks for a new worker on every visit
def service_worker(request: HttpRequest) -> HttpResponse:
    response = render(
        request,
        "web/sw.js",
        {
            "version": _version(),
            "static_json": json.dumps([static(name) for name in CREW_STATIC]),
            "pages_json": json.dumps(
                [reverse("servicedesk:crew_jobs"), reverse("servicedesk:crew_jobs_part")]
            ),
            "login_json": json.dumps(reverse("accounts:login")),
            # The prefix itself, not a file: the manifest storage of production knows no file "".
            "static_prefix_json": json.dumps(settings.STATIC_URL),
        },
        content_type="text/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = "/"
    return response


@require_safe
def manifest(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(
        {
            "name": _("PowerDesk · My jobs"),
            "short_name": _("My jobs"),
            "start_url": reverse("servicedesk:crew_jobs"),
            "scope": "/",
            "display": "standalone",
            "background_color": "#f4f6f8",
            "theme_color": "#0b5cab",
            "icons": [
                {"src": static("web/favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
                {"src": static("web/icon-192.png"), "sizes": "192x192", "type": "image/png"},
                {
                    "src": static("web/icon-512.png"),
                    "sizes": "512x512",
                    "type": "image/png",
                    "purpose": "any maskable",
                },
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )
    response["Content-Type"] = "application/manifest+json"
    return response


@require_safe
@cache_control(public=True, max_age=86400)
def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """``/favicon.ico``, which browsers ask for whatever the page names: the app's icon (the
    manifest's), by its served name. Found, not moved for good: the name changes with the
    file."""
    return HttpResponseRedirect(static("web/icon-192.png"))
