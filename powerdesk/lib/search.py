"""Searches that may hold a phone or an account number, kept out of the page's address.

An address (with its query string) is written to the web server's access log, the browser's
history and any proxy's log, where a customer's phone number has no business. A list page
decorated with ``search_kept(...)`` takes its search fields by POST (the form posts them) or,
from an old link, in the query string, keeps them in the user's session, and redirects to the
address without them; the view then reads them from ``request.GET`` as before.

A list's export (``accounts:export``) takes the page's search from the same place
(``search_of_page``): its links carry the page's other filters only.

A kept search is shown on the page with a button that clears it (``web/_search_kept.html``, from
``request.kept_search``), and the navigation menu opens a list afresh (``?fresh=1``): a clerk
who comes back from the menu expects the whole list, not a customer searched an hour ago, while
one who comes back from an order (back, the breadcrumb, the next page) finds the search still on.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.urls import NoReverseMatch, resolve, reverse

__all__ = ["SEARCH_CHARS", "KeptSearch", "SearchOfPage", "search_kept", "search_of_page"]

_MAX = 200  # characters kept of one search field
# What a search box's view reads of it: all that is kept, never less (a search cut shorter,
# by a ``maxlength`` or the view, looked for what was not typed).
SEARCH_CHARS = _MAX
FRESH = "fresh"  # in a list's address: drop its kept search (the navigation's links)


@dataclass(frozen=True)
class KeptSearch:
    """The search applied to a page from the session, as the page shows it: its values, and
    what a form that clears it sends (the page's other filters, the search fields empty)."""

    values: dict[str, str]
    others: list[tuple[str, str]]
    fields: tuple[str, ...]

    @property
    def text(self) -> str:
        return " · ".join(self.values.values())


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
            if FRESH in request.GET:
                request.session.pop(key, None)
                return HttpResponseRedirect(_without(request.path, (*names, FRESH), request.GET))
            if any(name in request.GET for name in names):
                return _keep(request, key, names, request.GET)
            kept: dict[str, str] = request.session.get(key, {})
            request.kept_search = None  # type: ignore[attr-defined]
            if kept:
                others = [
                    (name, value)
                    for name, values in request.GET.lists()
                    for value in values
                    if name not in names and name != "page"
                ]
                request.kept_search = KeptSearch(  # type: ignore[attr-defined]
                    values={n: kept[n] for n in names if n in kept}, others=others, fields=names
                )
                query = request.GET.copy()
                for name, value in kept.items():
                    query[name] = value
                request.GET = query  # type: ignore[assignment]
            request.searched = frozenset(kept)  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        wrapper.search_fields = names  # type: ignore[attr-defined]
        return wrapper

    return decorate


def _keep(request: HttpRequest, key: str, names: tuple[str, ...], data: Any) -> HttpResponse:
    _store(request, key, names, data)
    return HttpResponseRedirect(_without(request.path, names, data))


def _store(request: HttpRequest, key: str, names: tuple[str, ...], data: Any) -> None:
    kept = {name: data.get(name, "").strip()[:_MAX] for name in names}
    kept = {name: value for name, value in kept.items() if value}
    if kept:
        request.session[key] = kept
    else:
        request.session.pop(key, None)


def _without(path: str, names: tuple[str, ...], data: Any) -> str:
    rest = [
        (name, value)
        for name, value in data.lists()
        for value in value
        if name not in names and name not in ("csrfmiddlewaretoken", "page")
    ]
    return path + (f"?{urlencode(rest)}" if rest else "")


class SearchOfPage:
    """The search fields of a list page (``url_name``) and what the user searched there."""

    def __init__(self, request: HttpRequest, url_name: str) -> None:
        self.request = request
        self.fields: tuple[str, ...] = ()
        try:
            self.path = reverse(url_name)
        except NoReverseMatch:  # a page of one record (a village's): no kept search
            self.path = ""
            return
        self.fields = getattr(resolve(self.path).func, "search_fields", ())

    def redirect_from_address(self) -> HttpResponse | None:
        """An address that carries the search (an old link): the search is kept for the page,
        and the answer sends the browser to the address without it."""
        if not any(name in self.request.GET for name in self.fields):
            return None
        _store(self.request, f"search:{self.path}", self.fields, self.request.GET)
        return HttpResponseRedirect(_without(self.request.path, self.fields, self.request.GET))

    def params(self) -> QueryDict:
        """The address's filters with the page's kept search added."""
        params = self.request.GET.copy()
        if self.fields:
            for name, value in self.request.session.get(f"search:{self.path}", {}).items():
                if name in self.fields:
                    params[name] = value
        return params


def search_of_page(request: HttpRequest, url_name: str) -> SearchOfPage:
    return SearchOfPage(request, url_name)
