"""A work order's title from what the caller said: its first line or sentence, kept short.

Lists and notices show the title on one line; the whole note stays in the description.
"""

from __future__ import annotations

import re

__all__ = ["SUMMARY_LENGTH", "summary_from_note"]

SUMMARY_LENGTH = 60

# Where a sentence ends, in Chinese or Latin punctuation.
_SENTENCE_END = re.compile(r"[。！？!?；;]|\.(?:\s|$)")
_SPACE = re.compile(r"\s+")


def summary_from_note(text: str, *, limit: int = SUMMARY_LENGTH) -> str:
    """The first line or sentence of ``text``, cut at ``limit`` characters with "…".

    Latin text is cut at a word boundary; Chinese, which has none, at a character.

    >>> summary_from_note("停电了。邻居家也没电，麻烦快点来")
    '停电了'
    >>> summary_from_note("The meter box is burning\\nplease come")
    'The meter box is burning'
    >>> summary_from_note("word " * 30, limit=20)
    'word word word word…'
    >>> summary_from_note("  ")
    ''
    """
    lines = (line.strip() for line in (text or "").splitlines())
    first = next((line for line in lines if line), "")
    match = _SENTENCE_END.search(first)
    if match and match.start() > 0:
        first = first[: match.start()]
    first = _SPACE.sub(" ", first).strip()
    if len(first) <= limit:
        return first
    cut = first[: limit - 1]
    space = cut.rfind(" ")
    # A word boundary near the end is nicer; far back it would lose too much.
    if first[limit - 1] != " " and space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,，、") + "…"
