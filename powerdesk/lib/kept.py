"""What a refused form has to say, kept for the address it is drawn for.

A refused form is answered with a redirect (so a reload sends nothing again); what the page then
says (the form as sent, why) is kept in the session under a token put in the redirect's address
(``?kept=<token>``). The page drawn at that address reads it (never uses it up); the page drawn
plainly shows none. A double click sends the form twice: the first answer's drawing, which the
browser drops, no longer takes what the second one shows (it was taken once with
``session.pop``). Both answers carry the same token, made from what was sent (review39, S5:
each kept its own, and when the two requests loaded the session before either saved it, the
one saved last could be the first's, while the browser drew the second's address, which then
said nothing). Dropped when the form is next sent and taken (``drop_kept``), by a newer
refusal of the same form, or after ``KEPT_SECONDS``: whatever is kept longer than that, of
any form, is dropped when anything is next kept.

htmx's refreshes of part of a page read the token from the page's address (``HX-Current-URL``).
"""

from __future__ import annotations

import json
import secrets
import time
from typing import Any
from urllib.parse import parse_qs, urlsplit, urlunsplit

from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.crypto import salted_hmac

__all__ = [
    "KEPT_PARAM",
    "KEPT_SECONDS",
    "drop_kept",
    "keep",
    "kept",
    "kept_address",
    "kept_dict",
    "kept_redirect",
]

KEPT_PARAM = "kept"
# Long enough to read the page and retype; a page drawn later shows the form as new.
KEPT_SECONDS = 30 * 60

_PREFIX = "kept:"


def keep(request: HttpRequest, key: str, value: object) -> str:
    """Keep ``value`` (JSON-able) as what ``key``'s form has to say; the token of the address
    it is drawn for (``kept_address``): the same for the same form sent again as it was (a
    double click), whichever of the two answers is saved last."""
    now = time.time()
    session = request.session
    # (SessionBase has no __iter__: keys() it is.)
    for name in [name for name in session.keys() if name.startswith(_PREFIX)]:  # noqa: SIM118
        if not _fresh(session.get(name), now):
            del session[name]
    token = _sent_token(request, key)
    session[_PREFIX + key] = {"token": token, "at": now, "value": value}
    return token


# The form's own fields that differ from one drawing of the page to the next.
_NOT_OF_THE_SUBMISSION = frozenset({"csrfmiddlewaretoken"})


def _sent_token(request: HttpRequest, key: str) -> str:
    """The token for ``key``'s form as ``request`` sent it: made from the fields sent (and the
    files' names and sizes), keyed by the site's secret, so that both requests of a double
    click make the same one; a random one for a request that sent no form."""
    if request.method != "POST" or not (request.POST or request.FILES):
        return secrets.token_urlsafe(8)
    fields = sorted(
        (name, request.POST.getlist(name))
        for name in request.POST
        if name not in _NOT_OF_THE_SUBMISSION
    )
    files = sorted(
        (name, [(f.name, f.size) for f in request.FILES.getlist(name)]) for name in request.FILES
    )
    sent = json.dumps([key, fields, files], ensure_ascii=False)
    return salted_hmac("powerdesk.lib.kept", sent, algorithm="sha256").hexdigest()[:16]


def _fresh(entry: object, now: float) -> bool:
    """An entry kept, not older than ``KEPT_SECONDS``."""
    at = entry.get("at") if isinstance(entry, dict) else None
    return isinstance(at, (int, float)) and now - at <= KEPT_SECONDS


def kept_address(url: str, token: str) -> str:
    """``url`` (maybe with a query and a fragment) with the token added to its query."""
    parts = urlsplit(url)
    query = "&".join(q for q in parts.query.split("&") if q and not q.startswith(KEPT_PARAM + "="))
    query = f"{query}&{KEPT_PARAM}={token}" if query else f"{KEPT_PARAM}={token}"
    return urlunsplit(parts._replace(query=query))


def kept_redirect(request: HttpRequest, key: str, value: object, url: str) -> HttpResponseRedirect:
    """Keep ``value`` for ``key`` and send the browser to ``url`` drawn for it."""
    return redirect(kept_address(url, keep(request, key, value)))


def _token(request: HttpRequest) -> str:
    token = request.GET.get(KEPT_PARAM, "")
    if not token and request.headers.get("HX-Request"):
        # A part of the page refreshed in place: the page's own address says it.
        current = request.headers.get("HX-Current-URL", "")
        token = (parse_qs(urlsplit(current).query).get(KEPT_PARAM) or [""])[0]
    return token


def kept(request: HttpRequest, key: str) -> object | None:
    """What ``key``'s form has to say on this drawing: kept for this address and not too old;
    else None."""
    entry = request.session.get(_PREFIX + key)
    if not isinstance(entry, dict):
        return None
    if not _fresh(entry, time.time()):
        request.session.pop(_PREFIX + key, None)
        return None
    token = _token(request)
    if not token or token != entry.get("token"):
        return None
    return entry.get("value")


def kept_dict(request: HttpRequest, key: str) -> dict[str, Any]:
    """``kept``, as the dict a form's refusal keeps ({} when none)."""
    value = kept(request, key)
    return value if isinstance(value, dict) else {}


def drop_kept(request: HttpRequest, key: str) -> None:
    """The form was sent again and taken: what its refusal said is said no more."""
    if _PREFIX + key in request.session:
        del request.session[_PREFIX + key]
