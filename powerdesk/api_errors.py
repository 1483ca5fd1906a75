"""The API's refusals in the station's language (walk37, 12; walk38, 11): the schema check's 422
(pydantic's English, ``loc`` with the internal name of the body's parameter), a body that is
not JSON (ninja's "Cannot parse request body", which said not where), an id that names nothing.

A schema check's 422 keeps its shape (``{"detail": [{"type", "loc", "msg", ...}]}``): ``loc``
is where the value is (``["body", "due_at"]``, ``["query", "limit"]``), ``type`` pydantic's
kind of error for a program to read, ``msg`` the message in the station's language for the
common kinds (a field the schema does not have, missing, of the wrong type, too long, out of its
range, not one of its choices, a time without its zone), else pydantic's own.

>>> said = said_error({"type": "extra_forbidden", "loc": ("body", "payload", "at"), "msg": "x"})
>>> said["loc"], said["field"]
(['body', 'at'], 'at')
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from ninja.errors import HttpError

from powerdesk.api_body import DuplicateKey, NotJson, json_sent

__all__ = [
    "body_json_sent",
    "body_not_json",
    "body_not_object",
    "body_not_read",
    "said_error",
    "said_errors",
]

# The name the operations give their JSON body (``def create_call(request, payload: CallIn)``):
# not the client's to know.
_BODY_PARAMETERS = frozenset({"payload"})

# A value of the wrong kind: what it must be instead, by pydantic's type of error's prefix.
_KINDS = {
    "int": lambda: _("a whole number (not text)"),
    "float": lambda: _("a number (not text)"),
    "decimal": lambda: _("a number (not text)"),
    "bool": lambda: _("true or false"),
    "string": lambda: _("text (a JSON string)"),
    "datetime": lambda: _("a date and time with its zone (ISO 8601, e.g. 2026-12-05T10:00+08:00)"),
    "date": lambda: _("a date (YYYY-MM-DD, without a time)"),
    "time": lambda: _("a time of day (HH:MM)"),
    "list": lambda: _("a list"),
    "dict": lambda: _("a JSON object"),
    "model": lambda: _("a JSON object"),
    "uuid": lambda: _("a UUID"),
    "url": lambda: _("a web address"),
}


def _message(error: dict[str, Any]) -> str:
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        return _("This field is not one the operation takes (see /api/v1/openapi.json).")
    if kind == "missing":
        return _("This field is required.")
    if kind == "timezone_aware":
        return _("The time must say its zone, e.g. 2026-12-05T10:00+08:00.")
    if kind == "date_from_datetime_inexact":
        return _("Must be a date (YYYY-MM-DD, without a time).")
    if kind in ("enum", "literal_error") and "expected" in ctx:
        return _("Must be one of: %(choices)s.") % {"choices": _choices(str(ctx["expected"]))}
    if kind == "string_too_long" and "max_length" in ctx:
        return _("At most %(count)s characters.") % {"count": ctx["max_length"]}
    if kind == "string_too_short" and "min_length" in ctx:
        return _("At least %(count)s characters.") % {"count": ctx["min_length"]}
    bounds = {
        "greater_than_equal": ("ge", lambda: _("Must be at least %(bound)s.")),
        "greater_than": ("gt", lambda: _("Must be more than %(bound)s.")),
        "less_than_equal": ("le", lambda: _("Must be at most %(bound)s.")),
        "less_than": ("lt", lambda: _("Must be less than %(bound)s.")),
    }
    if kind in bounds and bounds[kind][0] in ctx:
        name, said = bounds[kind]
        return said() % {"bound": ctx[name]}
    own = _OWN.get(kind)
    if own is not None:
        return own(ctx)
    for suffix in ("_type", "_parsing"):
        if kind.endswith(suffix) and kind.removesuffix(suffix) in _KINDS:
            return _("Must be %(kind)s.") % {"kind": _KINDS[kind.removesuffix(suffix)]()}
    if kind in ("value_error", "assertion_error"):
        msg = str(error.get("msg", ""))  # our own validators' words, already said
        return msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    # Never pydantic's English (probe73 L4): what is wrong by its kind, for a program to read.
    return _("This value is not valid here (%(type)s).") % {"type": kind}


# pydantic's kinds of error said in our words (probe73 L4: amounts of too many digits, NaN, a
# string that is not Unicode text, a list too long, a date or time that does not exist).
_OWN: dict[str, Any] = {
    "decimal_max_digits": lambda ctx: (
        _("At most %(count)s digits in all.") % {"count": ctx.get("max_digits", "?")}
    ),
    "decimal_max_places": lambda ctx: (
        _("At most %(count)s digits after the decimal point.")
        % {"count": ctx.get("decimal_places", "?")}
    ),
    "decimal_whole_digits": lambda ctx: (
        _("At most %(count)s digits before the decimal point.")
        % {"count": ctx.get("whole_digits", "?")}
    ),
    "finite_number": lambda ctx: _("Must be a finite number (not NaN or infinity)."),
    "string_unicode": lambda ctx: _(
        "Must be Unicode text: a lone surrogate (such as \\ud800) is no character."
    ),
    "int_from_float": lambda ctx: _("Must be a whole number, without a fraction."),
    "int_parsing_size": lambda ctx: _("The number is too large."),
    "too_long": lambda ctx: _("At most %(count)s items.") % {"count": ctx.get("max_length", "?")},
    "too_short": lambda ctx: _("At least %(count)s items.") % {"count": ctx.get("min_length", "?")},
    "datetime_from_date_parsing": lambda ctx: _(
        "Must be written as a time with its zone, e.g. 2026-05-01T18:00:00+08:00."
    ),
    "date_from_datetime_parsing": lambda ctx: _(
        "Must be a day written YYYY-MM-DD, without a time."
    ),
    "datetime_parsing": lambda ctx: _(
        "Must be written as a time with its zone, e.g. 2026-05-01T18:00:00+08:00."
    ),
    "date_parsing": lambda ctx: _("Must be a day written YYYY-MM-DD, without a time."),
    "string_pattern_mismatch": lambda ctx: _("Not written in the form this field takes."),
    "json_invalid": lambda ctx: _("Not valid JSON."),
}


def _choices(expected: str) -> str:
    """pydantic's English list of choices ("'a', 'b' or 'c'") as the values alone, joined the
    station's way ("a, b, c")."""
    values = [v.strip().strip("'\"") for v in re.split(r", | or ", expected) if v.strip()]
    return pgettext("list separator", ", ").join(values)


# Python's words for what is wrong in JSON, in the station's language; others by place only.
_JSON_WHAT = {
    "Expecting value": lambda: _("a value is missing"),
    "Expecting ',' delimiter": lambda: _("a comma is missing"),
    "Expecting ':' delimiter": lambda: _("a colon is missing"),
    "Expecting property name enclosed in double quotes": lambda: _(
        "a name in double quotes is expected"
    ),
    "Extra data": lambda: _("something follows the JSON"),
    "Unterminated string starting at": lambda: _("a string is not closed"),
    "Invalid control character at": lambda: _("a control character is in a string"),
    "Invalid \\escape": lambda: _("a backslash escape is not valid"),
}


def said_error(error: dict[str, Any]) -> dict[str, Any]:
    """One entry of a schema check's 422, said for the client (see the module)."""
    loc = list(error.get("loc", ()))
    if len(loc) > 2 and loc[0] == "body" and loc[1] in _BODY_PARAMETERS:
        del loc[1]
    said = {**error, "loc": loc, "msg": _message(error)}
    fields = [part for part in loc[1:] if isinstance(part, str)]
    if fields:
        said["field"] = fields[-1]
    return said


def said_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [said_error(error) for error in errors]


# pydantic's kinds of error of a value that is not an object where one is needed.
_NOT_AN_OBJECT = frozenset({"model_attributes_type", "model_type", "dict_type"})


def body_not_object(errors: list[dict[str, Any]]) -> str | None:
    """What is wrong with a body that is JSON but not an object (a string, a list, a number:
    ``"{bad"`` sent quoted by a client library), said as a body not read is (a 400, never
    pydantic's English 422: walk56, L1); None when the schema refused values inside it."""
    for error in errors:
        loc = list(error.get("loc", ()))
        if (
            len(loc) == 2
            and loc[0] == "body"
            and loc[1] in _BODY_PARAMETERS
            and error.get("type") in _NOT_AN_OBJECT
        ):
            return _(
                "The body is JSON but not a JSON object: send the fields in braces, "
                'e.g. {"text": "…"}.'
            )
    return None


def body_not_read(exc: BaseException | None) -> str | None:
    """What is wrong with a body ninja could not parse (its ``HttpError``'s cause), or None when
    the error is not about the body."""
    if isinstance(exc, DuplicateKey):
        return _("The body names “%(key)s” twice: send each field once.") % {"key": exc.key[:100]}
    if isinstance(exc, json.JSONDecodeError):
        what = _JSON_WHAT.get(exc.msg)
        where = {"line": exc.lineno, "column": exc.colno}
        if what is None:
            return _("The body is not valid JSON at line %(line)s, column %(column)s.") % where
        return _("The body is not valid JSON: %(what)s at line %(line)s, column %(column)s.") % {
            "what": what(),
            **where,
        }
    if isinstance(exc, UnicodeDecodeError):
        return _("The body is not UTF-8 text (byte %(position)s).") % {"position": exc.start + 1}
    if isinstance(exc, RecursionError):
        return _("The body is not JSON of the expected shape: nested too deeply.")
    if exc is not None:
        return _("The body is not JSON that can be read.")
    return None


def body_not_json(exc: NotJson) -> str:
    """Why a body sent with a type that is not JSON was not read (answered 415)."""
    if not exc.sent:
        return _(
            "The body must be sent as JSON, with the header “Content-Type: application/json”; "
            "it was sent without a Content-Type."
        )
    return _(
        "The body must be sent as JSON, with the header “Content-Type: application/json”; "
        "it was sent as “%(type)s”."
    ) % {"type": exc.sent}


def body_json_sent(request: HttpRequest, raw: bytes) -> None:
    """For an operation that reads its body itself (the signals, the SMS gateway's): 415 when
    ``raw``, the body, is not empty and not sent as JSON, as ninja's parser answers."""
    if not raw:
        return
    try:
        json_sent(request)
    except NotJson as exc:
        raise HttpError(415, body_not_json(exc)) from exc
