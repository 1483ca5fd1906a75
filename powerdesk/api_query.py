"""A query string taken as written (probe78 M2): a parameter the operation does not declare
(``GET /api/v1/calls?category=billing``, ``?since=…``, ``?page=0``) is refused with 422 naming
it, as a body's unknown field is, never dropped (which answered the whole list to a client who
believed it had filtered). A write's too (desk79, item 4: ``POST /api/v1/calls?urgent=true``
logged the call and dropped the word, nothing said), before anything is changed. The
parameters an operation declares are in the schema (``/api/v1/openapi.json``); their values are
checked by ninja as before. Headers (``Idempotency-Key``, ``X-CSRFToken``) are no query string.

One check for every operation (``api.add_decorator(query_as_declared, mode="view")``): the
operation's declared names are its query models' (ninja's ``__ninja_flatten_map__``). The
request's authentication comes first, so a request without a valid token or session (or from a
signed-in person with no staff role: a liaison) is answered 401 or 403 as before, whatever its
query string. An operation that refuses some names in its address with its own sentence (the
promise settlement's "kept is taken from the JSON body") says so with ``query_refused_here``: a
query string of only such names is left to it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponseBase
from ninja.errors import ValidationError

__all__ = ["query_as_declared", "query_names", "query_refused_here"]

_OWN = "__query_refused_here__"


def query_refused_here(*names: str) -> Callable[[Any], Any]:
    """Mark a view function that refuses ``names`` in its query string itself, with its own
    sentence at its field (before it changes anything)."""

    def mark(view: Any) -> Any:
        setattr(view, _OWN, frozenset(names))
        return view

    return mark


def query_names(operation: Any) -> frozenset[str]:
    """The query parameters ``operation`` (a ninja ``Operation``) declares."""
    return frozenset(
        name
        for model in operation.models
        if getattr(model, "__ninja_param_source__", None) == "query"
        for name in getattr(model, "__ninja_flatten_map__", {})
    )


def query_as_declared(run: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """ninja's ``Operation.run`` of one operation, refusing its undeclared parameters."""
    operation = run.__self__  # type: ignore[attr-defined]
    declared = query_names(operation)
    own: frozenset[str] = getattr(operation.view_func, _OWN, frozenset())

    @wraps(run)
    def checked(request: HttpRequest, **kw: Any) -> HttpResponseBase:
        unknown = [name for name in request.GET if name not in declared]
        if not unknown or set(unknown) <= own:
            return run(request, **kw)
        refused = operation._run_checks(request)  # who asks first: 401 (or 403) as before
        if refused is not None:
            return refused  # type: ignore[no-any-return]
        errors = [
            {"type": "extra_forbidden", "loc": ("query", name), "msg": ""} for name in unknown[:20]
        ]
        return operation.api.on_exception(request, ValidationError(errors))  # type: ignore[no-any-return]

    return checked
