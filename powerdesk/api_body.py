"""The API's one reader of a JSON body: every operation's (ninja's parser), the signals' and the
SMS gateway's. A key written twice in one object is refused, naming it, rather than taken at its
last value (``{"kept": false, "reason": "x", "kept": true}`` settled a promise kept: probe73 M2).

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

__all__ = ["BodyParser", "DuplicateKey", "read_json"]


class DuplicateKey(ValueError):
    """A key written twice in one JSON object (``key``)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


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
    """ninja's parser, reading the body with ``read_json``."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        return read_json(request.body)  # type: ignore[no-any-return]
