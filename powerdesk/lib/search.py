"""Searches that may hold a phone or an account number, kept out of the page's address.

An address (with its query string) is written to the web server's access log, the browser's
history and any proxy's log, where a customer's phone number has no business. A list page
decorated with ``search_kept(...)`` takes its search fields by POST (the form posts them) or,
from an old link, in the query string, keeps them in the user's session, and redirects to the
address without them; the view then reads them from ``request.GET`` as before.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

__all__ = ["search_kept"]

_MAX = 200  # characters kept of one search field


def search_kept(
    *names: str, check: Callable[..., object] | None = None
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Keep the fields ``names`` of a list page's search in the session, not in its address.

    A POST stores every field it sends under the page's path (an empty field clears it) and
    redirects to the page with the other fields (filters such as a state) in the query string.
    A page of one record names ``check(request, *args, **kwargs)``, which looks the record up
    for the user (404 otherwise) before anything is kept.
    """

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            key = f"search:{request.path}"
            if check is not None and (request.method == "POST" or request.GET):
                check(request, *args, **kwargs)
            if request.method == "POST":
                return _keep(request, key, names, request.POST)
            if any(name in request.GET for name in names):
                return _keep(request, key, names, request.GET)
            kept: dict[str, str] = request.session.get(key, {})
            if kept:
                query = request.GET.copy()
                for name, value in kept.items():
                    query[name] = value
                request.GET = query  # type: ignore[assignment]
            request.searched = frozenset(kept)  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def _keep(request: HttpRequest, key: str, names: tuple[str, ...], data: Any) -> HttpResponse:
    kept = {name: data.get(name, "").strip()[:_MAX] for name in names}
    kept = {name: value for name, value in kept.items() if value}
    if kept:
        request.session[key] = kept
    else:
        request.session.pop(key, None)
    rest = [
        (name, value)
        for name, value in data.lists()
        for value in value
        if name not in names and name not in ("csrfmiddlewaretoken", "page")
    ]
    target = request.path + (f"?{urlencode(rest)}" if rest else "")
    response = HttpResponseRedirect(target)
    return response
