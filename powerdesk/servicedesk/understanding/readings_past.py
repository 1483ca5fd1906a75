"""A danger, a need or an outage told of a time past and dealt with since (``_in_the_past``):
under a marker of the past ("上次", "去年", "捡线头那回"), or long ago, with nothing said to be
still there or come back (``_still_there``) and something done about it — put right, help come,
money or manners complained of, the one in need taken to hospital. ``readings._state`` reads a
mention ``PAST`` by it.
"""

from __future__ import annotations

import re

from powerdesk.servicedesk.understanding import context_words
from powerdesk.servicedesk.understanding.wanted import (
    _clause_start,
    _now_said,
    _now_wanted,
    _under_a_past_marker,
)

_c = re.compile
_CLAUSE = _c(context_words.CLAUSE)
_DONE_RE = _c(context_words.DONE)
_DONE_SINCE = _c(context_words.DONE_SINCE)
_LONG_AGO = _c(context_words.LONG_AGO)
_NOW_AGAIN = _c(context_words.NOW_AGAIN)
# (or a time long gone said after it: "变压器着火那是好几年前的事了")
_THAT_TIME_AFTER = _c(
    r"的?(那回|那次|那一回|那一次|那年|那阵子?)|那是[^，。,.]{0,6}(年前|以前|之前|从前|那年)的事"
)
_STILL = _c(context_words.STILL)
_STILL_THEN = _c(context_words.STILL_THEN)
_RENEWED = _c(context_words.RENEWED)
_FIXED = _c(context_words.FIXED)
_NEGATION_BEFORE_FIX = _c(r"没|不|未|冇|莫")
_FIX_ASKED = _c(r"了?(没有?|吗|么|嘛|不|没得|莫得)")
# The things a danger is told of by, in a clause that says it is still there.
_DANGER_THINGS = _c(r"杆|线|表箱|电箱|变压器|开关|瓷瓶|火|烟|电|麻|漏")


def _in_the_past(text: str, position: int, after: str = "") -> bool:
    """Said of a time past ("上次", "去年"; or "捡线头那回": the time named right after it) and
    dealt with since, with nothing still there."""
    long_ago = list(_LONG_AGO.finditer(text, 0, position))
    if long_ago and not _NOW_AGAIN.search(text, long_ago[-1].end(), position):
        return True
    under = _under_a_past_marker(text, position)
    if under and after.startswith("过"):
        return True  # "以前工地上有人被电打过": told as something that once happened
    if not (under or _THAT_TIME_AFTER.match(after) or _put_right_since(text, position, after)):
        return False
    if _still_there(text):
        return False
    # (or a complaint about its cost: "上次电杆倒了砸坏围墙，到现在赔偿还没下来")
    done = (
        _DONE_RE.search(text)
        or _DONE_SINCE.search(text)
        or _MATTER.search(text)
        or _TAKEN_AWAY.search(text)
    )
    if under and _thanked_then_asked(text, position):
        return True  # thanked for it (what was done then is what the thanks are for)
    return not _now_wanted(text) and bool(done)


_THANKED = _c(context_words.THANKS)
# The one in need taken to hospital then ("只好送到医院去了", "连夜送县医院"): the need at home
# ended with that time; a complaint about it is no need now.
_TAKEN_AWAY = _c(r"送(到|去|进)?[^，。,.]{0,3}(医院|卫生院)|住(进|了)[^，。,.]{0,3}院")


def _thanked_then_asked(text: str, position: int) -> bool:
    """Thanks for the danger put right then, and only after them a request that names no danger
    and nothing come again ("那回线断在路上，没多久就修好了，真是感谢，麻烦你们来看一下")."""
    thanks = [m for m in _THANKED.finditer(text) if m.start() > position]
    if not thanks:
        return False
    said_after = text[thanks[-1].end() :].replace("麻烦", "")
    return (
        not _now_wanted(text[: thanks[0].start()])
        and not _DANGER_THINGS.search(said_after)
        and not _RENEWED.search(text)
        and not _NOW_AGAIN.search(text, position)
    )


def _put_right_since(text: str, position: int, after: str) -> bool:
    """The danger named as what marks a thing since put right ("冒火的电表箱恁们换了",
    "着火的表箱你们是换了")."""
    return after.startswith("的") and bool(_fixes(text, position))


def _fixes(text: str, start: int = 0) -> list[re.Match[str]]:
    """Where the note says something was put right (``context_words.FIXED``): not denied in its
    clause ("一直没有安排师傅过来修好", "不给俺家接好") and not asked ("修好没有", "换了吗")."""
    found = []
    for match in _FIXED.finditer(text, start):
        clause_start = _clause_start(text, match.start())
        following = _CLAUSE.search(text, match.end())
        rest = text[match.end() : following.start() if following else len(text)]
        if _NEGATION_BEFORE_FIX.search(text, clause_start, match.start()):
            continue
        if _FIX_ASKED.match(rest) or "?" in rest or "？" in rest:
            continue
        found.append(match)
    return found


def _still_there(text: str) -> bool:
    """Signs that a danger told of is still there ("还没", "到现在", "还在" said of now). Once the
    note says something was put right, a sign said before that is over; a sign said after it
    counts only in a clause that names the danger's things ("至今还在冒火花", "杆子还没扶"), not
    the matter of a complaint ("墙到现在也没人来补"). A danger come back ("又断了") counts
    always."""
    if _RENEWED.search(text):
        return True
    signs = [m.start() for m in _STILL.finditer(text)]
    signs += [m.start() for m in _STILL_THEN.finditer(text) if _now_said(text, m)]
    if not signs:
        return False
    # (the one in need taken to hospital then ends the need as a fix ends a danger: "…住进了县医
    # 院，到现在也没人给个说法" complains of then)
    fixes = [m.start() for m in _fixes(text)] + [m.start() for m in _TAKEN_AWAY.finditer(text)]
    for sign in signs:
        if _of_a_matter(text, sign):
            continue
        if not fixes:
            return True
        if any(fix > sign for fix in fixes):
            continue  # said before it was put right
        clause_start = _clause_start(text, sign)
        following = _CLAUSE.search(text, sign)
        clause = text[clause_start : following.start() if following else len(text)]
        if _DANGER_THINGS.search(clause):
            return True
    return False


# What a complaint is about after a danger is past: money, papers, or how the staff who came
# behaved ("上回变压器着火 来了就骂我们乱用电 态度太差"; not the report itself: "之前报
# 的杆子歪了，到现在都没个说法" is a danger still there).
_MATTER = _c(r"赔|补偿|发票|退费|退钱|报销|态度(?!好|很好|不错)|骂(我|人|我们)")


def _of_a_matter(text: str, position: int) -> bool:
    """The sign is said of a complaint's matter and names none of the danger's things
    ("到现在赔偿还没下来")."""
    clause_start = _clause_start(text, position)
    following = _CLAUSE.search(text, position)
    clause = text[clause_start : following.start() if following else len(text)]
    return bool(_MATTER.search(clause)) and not _DANGER_THINGS.search(clause)
