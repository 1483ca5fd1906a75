"""Structured logs that hold no personal data.

Every line is one JSON object: time, level, logger, message, and the request it belongs to
(request id, user, station). ``RequestLogMiddleware`` writes one line per request with its
method, path (never the query string, where a phone number could travel), status and duration.

``MaskPersonalData`` runs on every record before it is written: a run of five or more digits
(a telephone or account number, however it is spaced) becomes ``***`` (a record's id as a
segment of a path, ``/desk/orders/12345/``, is kept), and fields named like a
phone, an account number or a note are dropped whole. A log line is read by people who may not
see a customer's record, and log files are kept and copied where the database's rights do not
follow them.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

__all__ = ["JsonFormatter", "MaskPersonalData", "RefusedTooLarge", "RequestLogMiddleware", "mask"]

request_log = logging.getLogger("powerdesk.request")

_current: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar(
    "powerdesk_request", default=None
)

# Five digits or more, spaces, dashes, dots or brackets allowed between them: "0878-1234567",
# "+86 138 1234 5678", "5325 0000 123". Four digits (a year, a count) stay.
# Digits inside a word of Latin letters (a task id, a hash) are not a number anyone dials.
_DIGIT_RUN = re.compile(r"(?<![A-Za-z0-9])\+?\d(?:[ \-.()]{0,2}\d){4,}(?![A-Za-z0-9])")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A record's id as a path segment ("/desk/orders/12345/"): kept, a log reader needs it. A
# phone or an account number in that place is still masked: a mobile or an account has 11
# digits or more, a landline with its area code starts with 0, and a number written with spaces
# or dashes is not an id. (A local landline number alone, 7 or 8 digits, as a path segment
# would be kept; no page of ours puts one there.)
_RECORD_ID = re.compile(r"[1-9]\d{4,9}")
_AFTER_SEGMENT = frozenset("/?#\"' \t\n")
MASK = "***"
# Fields (``extra=`` or a record's own) whose whole value is personal.
PERSONAL_FIELDS = frozenset(
    {
        "caller_number",
        "caller_e164",
        "phone",
        "number",
        "account",
        "account_number",
        "text",
        "note",
        "notes",
        "body",
        "address",
        "caller_name",
    }
)
# What the formatter copies from a record into the JSON object, when present.
_FIELDS = ("method", "path", "status", "duration_ms", "request_id", "user", "station", "kind")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def mask(text: str) -> str:
    """``text`` with every run of five digits or more replaced by ``***`` (dates, and records'
    ids as segments of a path, kept)."""

    def replace(match: re.Match[str]) -> str:
        found = match.group(0)
        if _ISO_DATE.fullmatch(found):
            return found
        if _RECORD_ID.fullmatch(found) and _is_path_segment(match):
            return found
        return MASK

    return _DIGIT_RUN.sub(replace, text)


def _is_path_segment(match: re.Match[str]) -> bool:
    """The digits fill a segment of a path: after a slash, before a slash or the path's end
    (not in a query string, ``?q=...``, where searches travel)."""
    text, start, end = match.string, match.start(), match.end()
    if start == 0 or text[start - 1] != "/":
        return False
    return end == len(text) or text[end] in _AFTER_SEGMENT


class MaskPersonalData(logging.Filter):
    """Masks digit runs in the message and the traceback; drops personal fields."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: log what there is rather than nothing
            message = str(record.msg)
        record.msg, record.args = mask(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text)
        for field in PERSONAL_FIELDS & set(vars(record)):
            setattr(record, field, MASK)
        if isinstance(getattr(record, "path", None), str):
            record.path = mask(record.path)  # type: ignore[attr-defined]
        return True


class RefusedTooLarge(logging.Filter):
    """A request refused for its size (a body past ``DATA_UPLOAD_MAX_MEMORY_SIZE``, too many
    fields or files): Django logs it as an ERROR with its traceback, so anyone who can reach a
    form fills the error log and its alerts (probe78 L6: 40 bodies, 51 tracebacks). The client's
    doing, answered (400, or the API's 413), not the site's fault: a WARNING line, without the
    traceback, one a request."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.levelno, record.levelname = logging.WARNING, logging.getLevelName(logging.WARNING)
        record.exc_info, record.exc_text = None, None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line, with the current request's id, user and station."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(_request_fields(_current.get()))
        for field in _FIELDS:
            value = getattr(record, field, None)
            if value is not None:
                entry[field] = value
        if record.exc_info or record.exc_text:
            entry["exception"] = record.exc_text or self.formatException(record.exc_info)  # type: ignore[arg-type]
        return json.dumps(entry, ensure_ascii=False, default=str)


def _request_fields(request: HttpRequest | None) -> dict[str, Any]:
    if request is None:
        return {}
    fields: dict[str, Any] = {"request_id": getattr(request, "request_id", None)}
    # Only a user already loaded: a log line must not query the database.
    user = getattr(request, "_cached_user", None)
    if user is not None and user.is_authenticated:
        fields["user"] = user.get_username()
    station = getattr(request, "station", None)
    if station is not None:
        fields["station"] = station.code
    return fields


# Asked by machines every few seconds (systemd, a load balancer, ``make run`` waiting for the
# site to answer): a line each would bury the people's requests. Its answer says what is wrong.
UNLOGGED_PATHS = frozenset({"/healthz"})


class RequestLogMiddleware:
    """Gives each request an id (``X-Request-ID``, kept from the proxy when it sent a sane one)
    and logs one line when it is answered (not for ``UNLOGGED_PATHS``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        request.request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex  # type: ignore[attr-defined]
        token = _current.set(request)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.request_id  # type: ignore[attr-defined]
            if request.path in UNLOGGED_PATHS:
                return response
            request_log.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            return response
        finally:
            _current.reset(token)
