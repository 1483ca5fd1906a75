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

Control characters (C0 and C1: a bell, an escape that starts a terminal's colour or clear-screen
sequence, a backspace that hides what came before it) are taken out too, wherever they are
(probe76, L9); a newline and a tab stay (a text of several lines), and NUL is left to be
refused where it is (a database cannot keep it).

>>> cleaned("ab\\u0007\\u001b[31mred\\bevil\\u0085"), cleaned("第一行\\n\\t第二行")
('ab[31mredevil', '第一行\\n\\t第二行')

What a person typed anywhere else (an order's description, a step's note, a callback's comment,
a hard problem, an outage's words, a text message received: fix58a) is read by ``typed``: the
same cleaning, and a text of invisible characters alone is refused (``InvisibleOnly``: nothing
would show of it), while plain spaces alone are nothing typed, as ever.

>>> typed("  \\u200b箱变倒了\\u202e "), typed("   "), typed("停电了")
('箱变倒了', '', '停电了')
>>> typed("\\u200b\\u2060")
Traceback (most recent call last):
...
powerdesk.lib.user_text.InvisibleOnly: only invisible characters
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "BIDI_CONTROLS",
    "InvisibleOnly",
    "blank",
    "cleaned",
    "typed",
    "without_bidi",
    "without_controls",
]

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


# C0 and C1 controls but NUL, tab, newline and carriage return; and DEL.
_CONTROLS = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def without_controls(text: str) -> str:
    """``text`` with its control characters taken out (``_CONTROLS``)."""
    return _CONTROLS.sub("", text)


def without_bidi(text: str) -> str:
    """``text`` with its bidirectional controls taken out."""
    return _BIDI.sub("", text)


def blank(text: str) -> bool:
    """Whether nothing visible is in ``text``."""
    return all(_unseen(char) for char in text)


def cleaned(text: str) -> str:
    """``text`` without bidirectional controls nor control characters, and without what is
    unseen at either end; "" when nothing visible is left."""
    text = without_controls(without_bidi(text or ""))
    start, end = 0, len(text)
    while start < end and _unseen(text[start]):
        start += 1
    while end > start and _unseen(text[end - 1]):
        end -= 1
    return text[start:end]


class InvisibleOnly(ValueError):
    """Something was typed, and nothing of it shows (``typed``)."""

    def __init__(self) -> None:
        super().__init__("only invisible characters")


def typed(text: str) -> str:
    """``text`` as a person typed it, ``cleaned``; "" for nothing or plain spaces alone, and
    ``InvisibleOnly`` raised for invisible characters alone (a zero-width space, a joiner, a
    Braille blank: refused with why, never stored as an empty-looking record). Bound the text's
    length before: this reads every character."""
    text = text or ""
    if not text.strip():
        return ""
    found = cleaned(text)
    if not found:
        raise InvisibleOnly
    return found
