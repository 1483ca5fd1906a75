"""A page asked for with GET that only takes a form (a typed or bookmarked address of an action,
such as ``/outages/reorder/``): Django's ``require_POST`` answers 405 with an empty body, which
the browser shows as its own English error page. The product's own small page says so in the
user's language, with a link home; the status stays 405 and the ``Allow`` header is kept. The
API and the machines' addresses keep their own answers."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

# Addresses for machines, not people: their 405 stays as it is.
MACHINE_PREFIXES = ("/api/", "/healthz")
MACHINE_VIEWS = frozenset({"servicedesk:cti"})


class MethodNotAllowedPageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code != 405
            or request.method not in ("GET", "HEAD")
            or getattr(response, "streaming", False)
            or response.content
            or request.path.startswith(MACHINE_PREFIXES)
        ):
            return response
        match = request.resolver_match
        if match is not None and match.view_name in MACHINE_VIEWS:
            return response
        page = render(request, "405.html", status=405)
        if "Allow" in response:
            page["Allow"] = response["Allow"]
        return page
