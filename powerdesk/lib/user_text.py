"""Text a person typed, cleaned the one way everywhere it is taken (forms and the API alike).

Invisible characters alone are no text: a report, a call or an order of a zero-width space
(U+200B), an ideographic space (U+3000) or another format or space character shows as nothing
(walk56, M3), so they are stripped from both ends and a text with nothing visible left is empty.
Bidirectional controls (a right-to-left override, U+202E, and the others) reorder what staff are
shown ("gnp.exe" shown as "exe.png": walk56, L5): they are taken out wherever they are, in text
and in the names of files uploaded.

>>> cleaned("  \\u3000\\u200b ")
''
>>> cleaned("\\u200b上村路灯坏了\\u3000")
'上村路灯坏了'
>>> cleaned("上村路灯坏了 \\u202egnp.exe")
'上村路灯坏了 gnp.exe'
>>> blank("\\u200b\\u200b\\u3000"), blank("灯")
(True, False)
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["BIDI_CONTROLS", "blank", "cleaned", "without_bidi"]

# The explicit directional marks, embeddings, overrides and isolates (Unicode's Bidi_Control).
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
# Shown as nothing: separators, format characters (zero-width space and joiners, the BOM…),
# controls, and the Hangul and Braille blanks that fonts draw empty.
_UNSEEN_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cf", "Cc"})
_DRAWN_EMPTY = frozenset(map(chr, (0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800)))  # by code point


def _unseen(char: str) -> bool:
    return (
        char.isspace() or char in _DRAWN_EMPTY or unicodedata.category(char) in _UNSEEN_CATEGORIES
    )


def without_bidi(text: str) -> str:
    """``text`` with its bidirectional controls taken out."""
    return _BIDI.sub("", text)


def blank(text: str) -> bool:
    """Whether nothing visible is in ``text``."""
    return all(_unseen(char) for char in text)


def cleaned(text: str) -> str:
    """``text`` without bidirectional controls and without what is unseen at either end; ""
    when nothing visible is left."""
    text = without_bidi(text or "")
    start, end = 0, len(text)
    while start < end and _unseen(text[start]):
        start += 1
    while end > start and _unseen(text[end - 1]):
        end -= 1
    return text[start:end]
