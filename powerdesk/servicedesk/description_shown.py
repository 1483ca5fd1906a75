"""A work order's description in the reader's language: the lines the system wrote into it as
the order was opened from a call ("Where: not asked; the caller's home is 左门·干海", "Caller: …":
``call_orders._description``), stored in the station's language, are recognised by the
station's wording and said again in the reader's (walk37, 19); the caller's words, and anything a
person typed, are shown as written. Old rows are read the same way: nothing is stored anew.

>>> from django.utils import translation
>>> with translation.override("en"):
...     description_shown("家门口电线断了\\n地点未问明；来电人住在左门·干海")
"家门口电线断了\\nWhere: not asked; the caller's home is 左门·干海"
>>> description_shown("换了表箱的锁")
'换了表箱的锁'
"""

from __future__ import annotations

import functools
import re

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

__all__ = ["description_shown"]

# The lines ``call_orders._description`` and ``place_ask.where_not_said`` write (the same
# msgids: one catalogue entry each), the most particular first.
SYSTEM_LINES = (
    gettext_noop(
        "Where: not known yet. Call the caller back for the village, the group or the nearest "
        "pole number."
    ),
    gettext_noop("Where: not asked; the caller's home is %(home)s"),
    gettext_noop("Where: not asked"),
    gettext_noop("Where: %(place)s"),
    gettext_noop("Caller: %(who)s"),
)

_PLACEHOLDER = re.compile(r"%\\\((\w+)\\\)s")


@functools.cache
def _patterns(station: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each line as the station's catalogue words it, as a pattern of its arguments."""
    found = []
    with translation.override(station):
        for msgid in SYSTEM_LINES:
            said = re.escape(gettext(msgid))
            found.append((msgid, re.compile(_PLACEHOLDER.sub(r"(?P<\1>.+)", said))))
    return tuple(found)


def _line_shown(line: str) -> str:
    for msgid, pattern in _patterns(settings.LANGUAGE_CODE):
        matched = pattern.fullmatch(line)
        if matched is not None:
            args = matched.groupdict()
            return gettext(msgid) % args if args else gettext(msgid)
    return line


def description_shown(text: str) -> str:
    """``text`` (an order's description) with the system's lines in the reader's language."""
    if not text:
        return text
    return "\n".join(_line_shown(line) for line in text.split("\n"))
