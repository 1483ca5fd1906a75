"""What the system itself wrote into a call's note, told apart from the caller's own words.

A report from the public outage page is stored as the page's line ("公开停电信息页报告：没电",
``public.services.public_report``) and, on the next line, what the villager wrote. The line is
the station's, not the villager's: it is no topic of the voice of the customer and no title.
"""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

__all__ = ["caller_words", "system_line"]

# The template the public page's line is made from; its text before the problem is the marker.
_PUBLIC_LINE = "Public outage page: %(problem)s"


@cache
def _markers() -> tuple[str, ...]:
    found = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            marker = _(_PUBLIC_LINE).split("%(problem)s")[0]
        if marker.strip():
            found.append(marker)
    return tuple(found)


def system_line(note: str) -> tuple[str, str]:
    """(the system's own line's marker, what follows it on that line), or ("", "") when the
    note does not begin with one."""
    first = (note or "").lstrip().split("\n", 1)[0]
    for marker in _markers():
        if first.startswith(marker):
            return marker, first[len(marker) :].strip()
    return "", ""


def caller_words(note: str) -> str:
    """The note without the line the system wrote: what the villager wrote, else the problem
    they chose on the page ("没电"); any other note as it is.

    >>> caller_words("公开停电信息页报告：其他用电问题\\n电表箱门坏了")
    '电表箱门坏了'
    >>> caller_words("公开停电信息页报告：没电")
    '没电'
    >>> caller_words("家里停电了")
    '家里停电了'
    """
    marker, chosen = system_line(note)
    if not marker:
        return note
    rest = (note or "").lstrip().split("\n", 1)[1:]
    written = rest[0].strip() if rest else ""
    return written or chosen
