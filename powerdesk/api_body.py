"""The API's one reader of a JSON body: every operation's (ninja's parser), the signals' and the
SMS gateway's. A key written twice in one object is refused, naming it, rather than taken at its
last value (``{"kept": false, "reason": "x", "kept": true}`` settled a promise kept: probe73 M2).

A body is read only when its ``Content-Type`` says JSON (``application/json``, or a JSON kind
such as ``application/merge-patch+json``); one sent as text, as a form or with no type is refused
with 415 (``NotJson``), as the API's documents say it takes JSON (probe73 L5: a JSON body sent as
``text/plain`` made a work order). A request without a body is not asked its type.

>>> read_json('{"a": 1, "b": {"c": 2}}')
{'a': 1, 'b': {'c': 2}}
>>> read_json('{"kept": false, "kept": true}')
Traceback (most recent call last):
...
powerdesk.api_body.DuplicateKey: kept
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from ninja.parser import Parser

__all__ = ["BodyParser", "DuplicateKey", "NotJson", "json_sent", "read_json"]


class DuplicateKey(ValueError):
    """A key written twice in one JSON object (``key``)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class NotJson(ValueError):
    """A body sent with a ``Content-Type`` that is not JSON (``sent``: its type, "" for none)."""

    def __init__(self, sent: str) -> None:
        super().__init__(sent)
        self.sent = sent


def json_sent(request: HttpRequest) -> None:
    """``NotJson`` unless the request's ``Content-Type`` says its body is JSON.

    >>> from django.test import RequestFactory
    >>> json_sent(RequestFactory().post("/", "{}", "application/json; charset=utf-8"))
    >>> json_sent(RequestFactory().post("/", "{}", "text/plain"))
    Traceback (most recent call last):
    ...
    powerdesk.api_body.NotJson: text/plain
    """
    sent = str(request.META.get("CONTENT_TYPE", "")).split(";", 1)[0].strip().lower()
    kind, _slash, subtype = sent.partition("/")
    if kind == "application" and (subtype == "json" or subtype.endswith("+json")):
        return
    raise NotJson(sent[:100])


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    taken: dict[str, Any] = {}
    for key, value in pairs:
        if key in taken:
            raise DuplicateKey(key)
        taken[key] = value
    return taken


def read_json(raw: bytes | str) -> Any:
    """``raw`` read as JSON; ``DuplicateKey`` when an object names a key twice, else as
    ``json.loads`` (``JSONDecodeError``, ``UnicodeDecodeError``, ``RecursionError``)."""
    return json.loads(raw, object_pairs_hook=_object)


class BodyParser(Parser):
    """ninja's parser (asked only for a body that is not empty), reading the body with
    ``read_json`` once its type says JSON (``json_sent``)."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        json_sent(request)
        return read_json(request.body)  # type: ignore[no-any-return]
