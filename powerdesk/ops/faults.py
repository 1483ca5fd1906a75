"""When the database cannot be reached: 503 with ``Retry-After`` and a page that says so, not a
server error.

``DatabaseDownMiddleware`` turns a lost or refused database connection (``OperationalError``,
``InterfaceError``: the server down or restarting, the network cut, SQLite busy past its
timeout) raised while a request is answered into a 503. The request's transaction was rolled
back, so nothing of it is half stored. A page posted (a call being logged) is shown again with
what the clerk typed under the form's labels (``KEPT_FORMS``), to send once more in a moment;
the API and the telephone system get JSON.
The page is rendered without the database: no user, no station, no session.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

__all__ = ["RETRY_AFTER", "DatabaseDownMiddleware", "database_down_response", "server_error"]

logger = logging.getLogger("powerdesk.faults")

RETRY_AFTER = 30  # seconds: a database restart, a failover
DATABASE_DOWN = (OperationalError, InterfaceError)
# Fields not shown back on the page (they are sent again, hidden).
_HIDDEN = {"csrfmiddlewaretoken", "form_token"}


class DatabaseDownMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DATABASE_DOWN):
            return database_down_response(request, exception)
        return None


def wants_json(request: HttpRequest) -> bool:
    return (
        request.path.startswith(("/api/", "/desk/cti/"))
        or request.content_type == "application/json"
        or "application/json" in request.headers.get("Accept", "")
    )


def database_down_response(request: HttpRequest, exception: BaseException) -> HttpResponse:
    # The class only: a driver's message can name the host, or quote a statement's values.
    logger.error(
        "database unavailable (%s) at %s %s", type(exception).__name__, request.method, request.path
    )
    response: HttpResponse
    if wants_json(request):
        response = JsonResponse(
            {
                "error": _("The database is not reachable; nothing was stored. Try again."),
                "retry_after": RETRY_AFTER,
            },
            status=503,
        )
    else:
        kept: list[tuple[str, str]] = []
        if request.method == "POST":
            try:
                kept = [(k, v) for k, values in request.POST.lists() for v in values]
            except Exception:  # a body already read or too large: nothing to show back
                kept = []
        shown, hidden = typed_back(request.path, kept)
        response = HttpResponse(
            render_to_string(
                "ops/database_down.html",
                {
                    "retry_after": RETRY_AFTER,
                    "posted": request.method == "POST",
                    "action": request.path,
                    "shown": shown,
                    "hidden": hidden,
                },
            ),
            status=503,
        )
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


@dataclass(frozen=True)
class Typed:
    """A field posted, as the page shows it back: under its label, to edit (``editable``) or
    as ``text`` with the value sent again unchanged (a choice, a box ticked)."""

    name: str
    value: str
    label: str
    editable: bool = True
    text: str = ""


def typed_back(path: str, posted: list[tuple[str, str]]) -> tuple[list[Typed], list[Typed]]:
    """What was posted to ``path``, split into what the page shows (under the form's labels)
    and what it only sends again (tokens, buttons, hidden fields). Without the database: the
    labels are the form class's own, not an instance's."""
    form = _form_of(path)
    shown: list[Typed] = []
    hidden: list[Typed] = []
    for name, value in posted:
        if name in _HIDDEN:
            hidden.append(Typed(name, value, name))
            continue
        if form is None:  # a page without a known form: its field names are all there is
            if value.strip():
                shown.append(Typed(name, value, name))
            continue
        field = form.base_fields.get(name)
        if field is None or not field.label or isinstance(field.widget, forms.HiddenInput):
            hidden.append(Typed(name, value, name))
        elif value.strip():
            shown.append(_typed_field(name, value, field))
    return shown, hidden


def _typed_field(name: str, value: str, field: forms.Field) -> Typed:
    label = str(field.label)
    if isinstance(field, forms.BooleanField):
        return Typed(name, value, label, editable=False, text=_("yes"))
    if isinstance(field, forms.ModelChoiceField):
        # Naming the choice needs the database.
        return Typed(name, value, label, editable=False, text=_("as chosen (sent again)"))
    if isinstance(field, forms.ChoiceField):
        choices = {str(k): str(v) for k, v in field.choices}  # type: ignore[misc,union-attr]
        return Typed(name, value, label, editable=False, text=choices.get(value, value))
    return Typed(name, value, label)


# The pages whose posts are shown back field by field, by URL name: the form that names them.
KEPT_FORMS = {
    "servicedesk:intake": "powerdesk.servicedesk.forms.IntakeForm",
}


def _form_of(path: str) -> type[forms.Form] | None:
    try:
        name = resolve(path).view_name
    except Resolver404:
        return None
    dotted = KEPT_FORMS.get(name)
    return import_string(dotted) if dotted else None  # type: ignore[no-any-return]


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: a lost database raised outside a view (a middleware, the session being
    saved) is a 503 too; anything else is the plain server error."""
    from django.views.defaults import server_error as default

    found = sys.exc_info()[1]
    if isinstance(found, DATABASE_DOWN):
        return database_down_response(request, found)
    return default(request)
