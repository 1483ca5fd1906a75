"""Whether a note says something is going on now, of a thing of power: an idea or a grievance
that tells of a danger under way as it is spoken ("建议变压器周围加围栏，现在还有牛在底下卧着",
"建议换个表箱，刚才看见娃往里伸手").

A marker of now (``context_words.HAPPENING``: 现在, 今天, 刚才, 正在, 这会儿…) counts where the
rules would count a danger's own words as there now: not after a denial, a fear or a question
("没有…", "怕现在…", "会不会"), not in a case that may come ("万一现在…"), and not followed in its
clause by a denial ("现在没有娃去爬", "现在不冒烟了"; "现在修好了" is no marker at all); and only
in a sentence that names a thing a danger is told of by (a line, a pole, a box, a transformer,
fire, smoke, power: ``readings._DANGER_THINGS``). The detector (``detector.overheard``) is then
heard over a suggestion from ``detector.URGENT_AT``: whether the thing going on is a danger is
its to say. Thanks, praise and junk are read by ``urgency`` and silence it all the same.

>>> said_now("建议变压器周围加围栏 俺这台子没有 现在还有牛在底下卧着")
True
>>> said_now("建议变压器周围加围栏，现在倒是没有娃娃去爬")
False
>>> said_now("建议变压器周围加个围栏，怕以后娃娃去爬")
False
>>> said_now("建议营业厅现在多开一个窗口")
False
"""

from __future__ import annotations

import re

from powerdesk.servicedesk.understanding import context_words
from powerdesk.servicedesk.understanding.readings import (
    _CLAUSE,
    _DANGER_THINGS,
    _FEARED,
    _NEGATION,
    _SENTENCE_END,
    _conditional,
)
from powerdesk.servicedesk.understanding.wanted import _NO_DANGER

__all__ = ["said_now"]

_HAPPENING = re.compile(context_words.HAPPENING)
# A denial after the marker in its clause: the words of ``wanted`` ("没", "莫得", "冇"…), and a
# bare "不" before what a danger does ("现在不冒烟了").
_DENIED_AFTER = re.compile(_NO_DANGER.pattern + r"|不(再|冒|打|烧|漏|歪|斜|淹|会|用)")


def said_now(text: str) -> bool:
    """The note (read as Mandarin) says something is going on now, in a sentence that names a
    thing a danger is told of by."""
    for marker in _HAPPENING.finditer(text):
        start, end = marker.span()
        clause_start = max((m.end() for m in _CLAUSE.finditer(text, 0, start)), default=0)
        following = _CLAUSE.search(text, end)
        clause_end = following.start() if following else len(text)
        before = text[clause_start:start].replace(" ", "")
        after = text[end:clause_end]
        if _NEGATION.search(before[-8:]) or _FEARED.search(before[-12:]):
            continue
        if _conditional(text, start, after) or _DENIED_AFTER.search(after):
            continue
        sentence_start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
        following_end = _SENTENCE_END.search(text, end)
        sentence_end = following_end.end() if following_end else len(text)
        if _DANGER_THINGS.search(text, sentence_start, sentence_end):
            return True
    return False
