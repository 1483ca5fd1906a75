"""The dangers a note names as there now, and those it only speaks of (denied, feared or asked
about, past and dealt with, a hearth's, guarded against, over by now): ``urgency``'s reading of
each kind of ``danger_words``, split from it by topic (notes58). ``urgency.findings`` asks it.

>>> dangers("电线断了掉在地上")
(('line down or low',), ())
>>> dangers("风大得很，怕电线被刮断")
((), ('line down or low',))
"""

from __future__ import annotations

import re

from powerdesk.servicedesk.understanding.at_work import PERSON, at_work_states
from powerdesk.servicedesk.understanding.bounded import around
from powerdesk.servicedesk.understanding.hearth import BURNING, NOT_OURS, of_a_hearth
from powerdesk.servicedesk.understanding.medical import _medical_need
from powerdesk.servicedesk.understanding.readings import (
    _BACK_AGAIN,
    _CLAUSE,
    _DANGER_RES,
    FEARED,
    NOW,
    PAST,
    mentions,
)
from powerdesk.servicedesk.understanding.subjects import with_subjects
from powerdesk.servicedesk.understanding.water_tingle import calm_states

__all__ = ["dangers", "named_now"]

_c = re.compile
# A smell or a fire found to be something else burning ("原来是隔壁烧稻柴").
_SOMETHING_ELSE = (
    r"原来是(?!里面|里头|里边|箱子里|表箱|电箱|线|插座)[^，。,.]{0,10}(烧|烤|熏|煮|炒)"
)
# A danger the note says is over by now, whatever it said before ("水退了以后…").
_OVER = {
    "flooding at equipment": _c(r"水退|退水|水已经?退|没水浸|水消了|水排干"),
    "smoke": _c(r"(现在|已经|这会儿?)(不|没)(冒|有)?烟了|烟(已经)?(散|没)了|" + _SOMETHING_ELSE),
    # …the tree cut away.
    "tree or object on a line": _c(
        r"(已经|早就?|都)(被)?[^，。,.]{0,4}(锯|砍|清|移|拖|搬)(走|掉|开)了"
    ),
    "fire": _c(r"火(早就?|已经|早已|都)?(灭|熄|扑灭)了|(扑|打)灭了|" + _SOMETHING_ELSE),
}


def dangers(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The kinds of danger the note names as there now, and those it speaks of otherwise."""
    dangers: list[str] = []
    spoken_of: list[str] = []
    read = with_subjects(text)
    for kind, pattern in _DANGER_RES.items():
        found = list(pattern.finditer(read))
        states = mentions(pattern, read)
        # (guarded against: "提前停电 免得断线伤人", "竹子砍一砍 免得压线")
        states = [
            FEARED if _guarded(*around(read, m)) else state
            for state, m in zip(states, found, strict=True)
        ]
        if kind in BURNING:
            # (a hearth's sparks, a kiln's smoke: no fire of ours)
            states = [
                NOT_OURS if of_a_hearth(*around(read, m)) else state
                for state, m in zip(states, found, strict=True)
            ]
        if kind == PERSON:  # (a lineman up a pole at work: "工人在爬杆子，换瓷瓶")
            states = at_work_states(read, found, states)
            states = calm_states(read, found, states)  # ("坐久了 脚泡在水里有点麻")
        over = _OVER.get(kind)
        overs = [m.end() for m in over.finditer(read)] if over is not None else []
        if overs:
            # (a mention after it that says again or still is not: "已经扑灭了一处，另一处还在
            # 烧", "火已经灭了又着起来了")
            states = [
                PAST if state == NOW and not _back_after(read, overs[-1], m) else state
                for state, m in zip(states, found, strict=True)
            ]
        if NOW in states:
            dangers.append(kind)
        elif states:
            spoken_of.append(kind)
    return tuple(dangers), tuple(spoken_of)


# A danger named only as what a step would guard against, in its clause (not a machine: "快来修，
# 免得我妈的制氧机停了" is a need).
_GUARDED = _c(r"(免得|省得|以免|以防|防止|避免|预防)[^，。,.!！?？]{0,8}$")


def _guarded(text: str, match: re.Match[str]) -> bool:
    clause_start = max((m.end() for m in _CLAUSE.finditer(text, 0, match.start())), default=0)
    return bool(_GUARDED.search(text, clause_start, match.end()))


def _back_after(text: str, over: int, match: re.Match[str]) -> bool:
    """The danger named after the note said it was over, and said to be back or still there."""
    return match.start() >= over and bool(_BACK_AGAIN.search(text, over, match.end()))


def named_now(text: str) -> bool:
    return bool(dangers(text)[0]) or _medical_need(text)
