"""A read's query string taken as written (probe78 M2): a parameter the operation does not
declare (``GET /api/v1/calls?category=billing``, ``?since=…``, ``?page=0``) is refused with 422
naming it, as a body's unknown field is, never dropped (which answered the whole list to a client
who believed it had filtered). The parameters an operation declares are in the schema
(``/api/v1/openapi.json``); their values are checked by ninja as before.

One check for every read (``api.add_decorator(query_as_declared, mode="view")``): the operation's
declared names are its query models' (ninja's ``__ninja_flatten_map__``). The request's
authentication comes first, so a request without a valid token or session (or from a signed-in
person with no staff role: a liaison) is answered 401 or 403 as before, whatever its query
string.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponseBase
from ninja.errors import ValidationError

__all__ = ["query_as_declared", "query_names"]

# The methods whose query string is checked: the reads (a write's is its operation's to read,
# e.g. the settlement's "kept in the query string" refusal).
_READS = frozenset({"GET", "HEAD"})


def query_names(operation: Any) -> frozenset[str]:
    """The query parameters ``operation`` (a ninja ``Operation``) declares."""
    return frozenset(
        name
        for model in operation.models
        if getattr(model, "__ninja_param_source__", None) == "query"
        for name in getattr(model, "__ninja_flatten_map__", {})
    )


def query_as_declared(run: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """ninja's ``Operation.run`` of one operation, refusing a read's undeclared parameters."""
    operation = run.__self__  # type: ignore[attr-defined]
    declared = query_names(operation)

    @wraps(run)
    def checked(request: HttpRequest, **kw: Any) -> HttpResponseBase:
        if request.method not in _READS:
            return run(request, **kw)
        unknown = [name for name in request.GET if name not in declared]
        if not unknown:
            return run(request, **kw)
        refused = operation._run_checks(request)  # who asks first: 401 (or 403) as before
        if refused is not None:
            return refused  # type: ignore[no-any-return]
        errors = [
            {"type": "extra_forbidden", "loc": ("query", name), "msg": ""} for name in unknown[:20]
        ]
        return operation.api.on_exception(request, ValidationError(errors))  # type: ignore[no-any-return]

    return checked
