"""Free text that goes out to households (a text message, the public status page) as plain
words: markup characters (``<`` and ``>``) and control characters are refused where staff type
it, and never carried out even when stored before the check (walkthrough 36, #8: a cause typed
as "lightning<script>...</script>" was texted to every household below the fault and shown on the
public page as typed)."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext as _

__all__ = ["NOT_PLAIN", "PlainText", "not_plain", "plain"]

# Markup's angle brackets (either width) and control characters (a line break or a tab is
# kept for a field that allows them; a cause or a notice is one line and loses them).
NOT_PLAIN = re.compile(r"[<>\uff1c\uff1e\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BREAKS = re.compile(r"[\t\r\n]+")


def not_plain(label: Any, value: str, *, lines: bool = False) -> str:
    """Why ``value`` is refused for ``label``'s field ("" when it is plain words): markup
    characters or control characters (``lines``: line breaks and tabs allowed)."""
    if NOT_PLAIN.search(value) or (not lines and _BREAKS.search(value.strip())):
        return _(
            "%(label)s may not hold < or > or control characters: write it in plain words."
        ) % {"label": capfirst(str(label))}
    return ""


def plain(value: str) -> str:
    """``value`` as plain words for a text message or a public page: markup and control
    characters dropped, line breaks and tabs made spaces.

    >>> plain("lightning<script>alert(1)</script>")
    'lightningscriptalert(1)/script'
    """
    return " ".join(NOT_PLAIN.sub("", _BREAKS.sub(" ", value)).split())


class PlainText:
    """A form field's validator: refuses what ``not_plain`` refuses, naming the field."""

    def __init__(self, label: Any) -> None:
        self.label = label

    def __call__(self, value: str) -> None:
        said = not_plain(self.label, value or "")
        if said:
            raise ValidationError(said, code="not_plain")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PlainText) and other.label == self.label

    def __hash__(self) -> int:
        return hash(str(self.label))
