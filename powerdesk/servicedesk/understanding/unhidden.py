"""A text as the readers read it: what hides a word from them taken away (probe72, H1). The call
notes' urgency rules (``urgency``) and the arrears household check (``arrears.vulnerable``) read
through it; the text stored and shown stays as it was typed.

Text pasted from a chat app, or typed to get past a reader, hides a word in ways a person does
not see: an invisible character inside it ("制\\u200b氧机": a zero-width space, a joiner, a word
joiner, a byte-order mark, a soft hyphen), a space inside it ("制 氧 机", an ideographic space),
full-width or compatibility forms, or traditional characters ("製氧機", "癱瘓"). Read here:

- compatibility forms as their plain ones (NFKC: "ＣＰＡＰ" is "CPAP", "１２" is "12"), punctuation
  and symbols left as typed (the rules know "，" and "," alike, and the model learned them as
  written);
- format characters (Unicode's Cf: zero-width spaces and joiners, the word joiner, the BOM, the
  soft hyphen, bidirectional controls) and variation selectors taken out; the Hangul and Braille
  blanks that fonts draw empty read as a space;
- traditional characters, and Taiwan's and Hong Kong's forms, of the characters the word lists are
  written with, read as simplified (``traditional_chars``);
- a space between two Chinese characters taken out where a reader's word runs across it (the
  ``words`` given), or every such space when no words are given. The call notes' rules read a
  space as a clause's end ("杆倒线断 路口", "没电 线断了"), so they give their words and
  ``clauses_spaced``: a space a keyboard types is taken out of a word only beside a piece of one
  character ("制 氧 机", "电 线掉了", "透 析"), never between two of more ("没电 线断了" stays two
  clauses); an ideographic, a no-break or another space no keyboard types between words
  ("制\u3000氧机") wherever a word runs across it. The household check does not read spaces so,
  and gives its words alone.

>>> unhidden("老人用制\\u200b氧机，停电了")
'老人用制氧机，停电了'
>>> unhidden("家裡老人用製氧機，停電了")
'家里老人用制氧机，停电了'
>>> unhidden("呼\\u00ad吸\\u2060机 透\\u3000析")
'呼吸机透析'
>>> import re
>>> unhidden("老人用制 氧 机 门口 打 火", words=[re.compile("制氧机")])
'老人用制氧机 门口 打 火'
>>> unhidden("没电 线断了 电 线掉了", words=[re.compile("电线")], clauses_spaced=True)
'没电 线断了 电线掉了'
>>> unhidden("冒\u3000烟了，路口\u3000电线", words=[re.compile("冒烟")], clauses_spaced=True)
'冒烟了，路口 电线'
>>> unhidden("１２号杆，ＯＫ！")
'12号杆，OK！'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from powerdesk.servicedesk.understanding.traditional_chars import SIMPLIFIED, TRADITIONAL

__all__ = ["unhidden"]

_SIMPLIFIED = str.maketrans(TRADITIONAL, SIMPLIFIED)
_HAN = "[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ffff]"
_SPACE_IN_HAN = re.compile(f"(?<={_HAN})\\s+(?={_HAN})")
# Drawn empty by fonts though no space (Hangul fillers, the Braille blank): read as a space no
# keyboard types between words (as an ideographic or a no-break space).
_DRAWN_EMPTY = str.maketrans(dict.fromkeys("\u115f\u1160\u3164\uffa0\u2800", "\u3000"))
# The spaces a keyboard types between words and clauses.
_TYPED_SPACES = frozenset(" \t\r\n")
# Variation selectors and the combining grapheme joiner: marks that change no word.
_SELECTORS = re.compile("[\u034f\ufe00-\ufe0f\U000e0100-\U000e01ef]")
_KEPT_AS_TYPED = ("P", "S")  # punctuation and symbols


def unhidden(
    text: str, words: Sequence[re.Pattern[str]] | None = None, *, clauses_spaced: bool = False
) -> str:
    """``text`` as the readers read it (this module's doc); ``words``: the patterns of the words
    a space between two Chinese characters is taken out of (every such space when None);
    ``clauses_spaced``: a space a keyboard types only beside a piece of one character."""
    if text.isascii():
        return text
    text = _SELECTORS.sub("", text.translate(_DRAWN_EMPTY))
    text = "".join(
        char
        if unicodedata.category(char)[0] in _KEPT_AS_TYPED or char.isspace()
        else unicodedata.normalize("NFKC", char)
        for char in text
        if unicodedata.category(char) != "Cf"
    )
    text = unicodedata.normalize("NFC", text).translate(_SIMPLIFIED)
    text = _spaces_in_words(text, words, clauses_spaced)
    return "".join(unicodedata.normalize("NFKC", c) if c.isspace() else c for c in text)


def _spaces_in_words(
    text: str, words: Sequence[re.Pattern[str]] | None, clauses_spaced: bool
) -> str:
    """``text`` without the spaces between two Chinese characters that a word of ``words`` runs
    across (every such space when ``words`` is None); with ``clauses_spaced``, only those beside
    a piece of one character."""
    spaces = list(_SPACE_IN_HAN.finditer(text))
    if clauses_spaced:
        spaces = [
            space
            for space in spaces
            if not _TYPED_SPACES.issuperset(space.group()) or _beside_one(text, space)
        ]
    if not spaces:
        return text
    if words is None:
        return _SPACE_IN_HAN.sub("", text)
    squeezed = "".join(
        text[start:end]
        for start, end in zip(
            (0, *(space.end() for space in spaces)),
            (*(space.start() for space in spaces), len(text)),
            strict=True,
        )
    )
    # Where each space was, in the text without them.
    points, taken = [], 0
    for space in spaces:
        points.append(space.start() - taken)
        taken += space.end() - space.start()
    joined: set[int] = set()
    for pattern in words:
        for match in pattern.finditer(squeezed):
            joined.update(i for i, at in enumerate(points) if match.start() < at < match.end())
    if not joined:
        return text
    out, last = [], 0
    for i, space in enumerate(spaces):
        if i in joined:
            out.append(text[last : space.start()])
            last = space.end()
    out.append(text[last:])
    return "".join(out)


_PIECE_END = re.compile(r"[\s\W]")


def _beside_one(text: str, space: re.Match[str]) -> bool:
    """Whether the piece before ``space`` or the piece after it (up to a space or a mark) is one
    character."""
    before = space.start() - 1
    after = space.end() + 1
    return (before == 0 or bool(_PIECE_END.match(text, before - 1))) or (
        after == len(text) or bool(_PIECE_END.match(text, after))
    )
