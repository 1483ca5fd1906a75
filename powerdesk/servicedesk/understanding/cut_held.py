"""A cut asked to be held, said as a polite question ("能不能莫停他电", "可不可以先别给我们停"):
a cut coming to this household, a medical need now with a machine or a person who depends on it
(``medical``, as ``medical_words.CUT_HELD``'s "先莫停"). The fiftieth round's, from a training
hand's need the rules missed: a 过户 for a bedridden man on oxygen, the cut asked to be held while
the errand is done.

Asked now ("家里老人用制氧机 能不能莫停我家电"), or during an errand or works the caller is
arranging ("办的时候能不能莫停他电", "换表的时候能不能别停电"); not under a condition ("要是下个
月停电 能不能莫停"), nor of outages to come in general ("以后停电能不能别停有病人的户"), nor
outages complained of as a habit ("能不能别老停电": 老 is no cut held).
"""

from __future__ import annotations

import re

from powerdesk.servicedesk.understanding import context_words, medical_words
from powerdesk.servicedesk.understanding.readings import _CLAUSE, FEARED, NOW, _state

_c = re.compile
_ASKED = _c(
    r"(能不能|可不可以|可以不可以|能否|可否)(请你们|你们|请)?(先|暂时)?(莫|别|不要|莫要|甭)(忙着?|急着?)?"
    r"(给[^，。,.!！?？]{0,4})?(停|断|拉闸|拆表)(?![水车工课下止留])"
)
_EMPTY = _c("")
# An errand or works the caller is arranging, and its time ("办的时候", "换表那天"): a cut coming.
_DURING_ERRAND = _c(
    r"(办|过户|换表|装表|迁表|移表|拆表|改线|施工|检修|动工|修|弄)[^，。,.!！?？]{0,6}"
    r"(的时候|那天|那会儿?|期间|时)$"
)
_CONDITION = _c(context_words.CONDITION)
_IN_GENERAL = _c(medical_words.CUT_HELD_IN_GENERAL)


def cut_held_asked(text: str) -> bool:
    """A cut asked to be held as a question, now or during an errand being arranged."""
    for match in _ASKED.finditer(text):
        at = _EMPTY.match(text, match.start())
        assert at is not None
        state = _state(text, at)
        clause_start = max((m.end() for m in _CLAUSE.finditer(text, 0, match.start())), default=0)
        before = text[clause_start : match.start()].replace(" ", "")
        during = state == FEARED and _DURING_ERRAND.search(before) and not _CONDITION.search(before)
        if (state == NOW or during) and not _IN_GENERAL.search(text, 0, match.start()):
            return True
    return False
