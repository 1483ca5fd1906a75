"""What a call's note says of the power at the caller's: off (``no_power_in``), on however poor
(``power_on_in``), on said outright (``power_said_on``), in Chinese or English. Read by the
desk's signals (``desk_signals.signal_from_call``), the intake's suggestions and the outages a
call joins."""

from __future__ import annotations

import re

__all__ = ["READ_CHARS", "no_power_in", "power_on_in", "power_said_on"]

# How much of a note is read: the intake's longest note. Each word of power on is read with its
# clause, so a longer note (a liaison's report, notes added at a callback) would cost its length
# squared (review39, N2: 42,000 characters took 18 s); what the caller says first is read.
READ_CHARS = 2000

# The power is off at the caller's ("灯都不亮", "还没来电", "电一直没来" too).
_NO_POWER = re.compile(
    r"停电|断电|没电|没有电|无电|掉电|跳闸|黑灯"
    r"|(没|没有|不)来电(?!话)|(没|未|没有)(恢复(供|送)?电|通电|送电)"
    r"|电[^，。,.!！?？]{0,3}没(来|有来)|灯[^，。,.!！?？]{0,6}(不亮|灭|熄)"
    # Off again after it came back ("电来了又停了", "送电了又跳了", "现在又没了": review37, 1).
    r"|又(停|断|跳)|又没(电|了|有电)|电[^，。,.!！?？]{0,2}停了"
)
_NEGATION = re.compile(r"(没有|没|不是|并非|未|不|非)$")
# The power is on at the caller's, said outright ("我家有电", "已经来电了", "灯都亮了")...
_POWER_ON = re.compile(
    r"有电(?![费话器线杆表工箱柜视脑动瓶流站网吗么没不火弧])"
    r"|(来|送|通)电了|电(已经?|又)?(来|通)了|(已经?|都)恢复(供|送)?电|恢复(供|送)?电了"
    r"|灯(是|都|又|已经?)?亮(了|的|着)"
)
# ... or shown by what only a live supply does: lights dim or flickering, the voltage low or
# unsteady, appliances it will not run (walkthrough 37, #21: "电压有点低，灯一闪一闪的").
_WEAK_POWER = re.compile(
    r"电压[^，。,.!！?？]{0,3}(低|高|不稳|不够|不足|不正常|忽高忽低|波动)|电不稳|带不动"
    r"|灯[^，。,.!！?？]{0,4}(闪|暗|不怎么亮|不太亮|发红)|忽明忽暗|时明时暗|忽亮忽暗|时亮时暗"
)
# Power back between an outage said and the state now ("停电修好以后", "来电以后", "现在").
_SINCE = re.compile(r"(修好|来电|复电|送电|恢复(供|送)?电)了?(以后|之后|后)|现在|目前")
# Not the caller's own power ("邻居家有电"), or a question about it ("现在有电吗").
# Nor the power of a wire, a pole or a box ("电线断了还有电": a live danger, not the home's).
_OTHERS = re.compile(
    r"邻居|隔壁|别人|别家|人家|他家|他们|其他|其它|周围|旁边|对面|村里|全村|线|杆|箱|变压器"
)
_QUESTION = re.compile(r"吗|么|？|\?|什么时候|几点|多久|何时|啥时候|有没有|是不是")
_CLAUSE_END = re.compile(r"[，。,.!！?？；;]")

# The same said in English (review38, 10): "the power is back", "power's on", "the lights came
# back on", "we have power now"; never "is the power back?", "the power is not back", "we don't
# have power", "when will the power come back", a neighbour's or a wire's.
_POWER_ON_EN = re.compile(
    r"\b(?:power|electricity|lights?|supply)"
    r"(?:'s|\s+(?:is|are|was|were|has|have|had)(?:\s+(?:been|now|just|already|finally|all))*)"
    r"\s+(?:back|on|restored)\b"
    r"|\b(?:power|electricity|lights?|supply)\s+(?:(?:just|finally|has|have)\s+)?"
    r"(?:came|come|got)\s+back\b"
    # Not "we have power outages/cuts/problems" (review39, M3): a fault, said in the plural too.
    r"|\b(?:have|has|got)\s+(?:power|electricity)\b"
    r"(?![\s-]*(?:outages?|cuts?|failures?|problems?|issues?|troubles?|surges?|shortages?"
    r"|interruptions?|fluctuations?|off|out|lines?|bills?|meters?)\b)",
    re.IGNORECASE,
)
# On, but not steadily or not all of it: "the lights are on and off all day", "power is on
# only in the kitchen" (review39, M3).
_NOT_STEADY_EN = re.compile(
    r"^[\s,-]*(?:on[\s-]*)?(?:(?:and|&|/|or)[\s-]*off\b|only\b)", re.IGNORECASE
)
_NEGATION_EN = re.compile(
    r"(?:n't|\bnot|\bno|\bnever|\bwithout|\bhardly)\s+(?:[a-z']+\s+){0,3}$", re.IGNORECASE
)
_QUESTION_EN = re.compile(
    r"\b(?:when|whether|if|how long|what time|until)\b"
    r"|^\s*(?:is|are|was|has|have|had|did|does|do|will|would|can|could)\b",
    re.IGNORECASE,
)
_OTHERS_EN = re.compile(
    r"\b(?:neighbou?rs?|next door|others?|other houses?|everyone else|the village|street|"
    r"line|wire|cable|pole|transformer|box)\b",
    re.IGNORECASE,
)
# Off again after it was said on ("power was back but went off again", "came back for a minute
# then dark again", "on and off").
_OFF_EN = re.compile(
    r"\b(?:off|out|down|dark)\s+again\b|\bthen\s+(?:off|out|dark)\b"
    r"|\b(?:went|goes|going|gone|go|cut|cuts|cutting|tripped|trips)\s+(?:off|out|dark)\b"
    r"|\bon\s+and\s+off\b|\boff\s+and\s+on\b"
    r"|\bno\s+(?:power|electricity|lights?)\b|\b(?:power|electricity)\s+(?:cut|outage|failure)\b"
    r"|\bblackout\b",
    re.IGNORECASE,
)


def _said_on_english(text: str) -> bool:
    """Whether an English note says outright that the power is on at the caller's, with the
    Chinese words' guards: not asked, not denied, not a neighbour's or a wire's, not off after."""
    found = []
    for m in _POWER_ON_EN.finditer(text):
        before, after = _clause(text, m.start(), m.end())
        if (
            _NEGATION_EN.search(before)
            or _NOT_STEADY_EN.search(after)
            or _OTHERS_EN.search(before)
            or _QUESTION_EN.search(before)
            or _QUESTION.search(before + m.group() + after)
        ):
            continue
        found.append(m)
    if not found:
        return False
    off = list(_OFF_EN.finditer(text))
    return not off or any(m.start() >= off[-1].end() for m in found)


def _clause(text: str, start: int, end: int) -> tuple[str, str]:
    """The words of the clause around ``text[start:end]``: before it, and after it."""
    before = _CLAUSE_END.split(text[:start])[-1]
    after = _CLAUSE_END.split(text[end:])[0]
    # A question mark ends the clause it asks.
    mark = text[end + len(after) : end + len(after) + 1]
    return before, after + (mark if mark in "?？" else "")


def _said_off(text: str) -> list[re.Match[str]]:
    return [
        m
        for m in _NO_POWER.finditer(text)
        if not _NEGATION.search(text[max(0, m.start() - 2) : m.start()])
    ]


def _said_on(text: str, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    found = []
    for m in pattern.finditer(text):
        before, after = _clause(text, m.start(), m.end())
        if _OTHERS.search(before) or _QUESTION.search(before + m.group() + after):
            continue
        found.append(m)
    return found


def no_power_in(text: str) -> bool | None:
    """Whether a call's note says the power is off (in Chinese, or in English: "no power", "the
    power is out"): True, False when it only says that it is
    not ("没有停电", "不是停电", or power at the caller's: ``power_on_in``), None when it
    says nothing about it. Reads the first ``READ_CHARS`` characters."""
    text = text[:READ_CHARS]
    if power_on_in(text):
        return False
    if _said_off(text) or _off_in_english(text):
        return True
    return False if _NO_POWER.search(text) else None


def _off_in_english(text: str) -> bool:
    """The power off now said in English ("the line is down and we have no power"), read as the
    intake reads it (``english_power.power_off``: not denied, feared, asked, past or back)."""
    # (imported here: ``english_power`` reads ``power_said_on`` from this module)
    from powerdesk.servicedesk.understanding.english_power import power_off

    return power_off(text)


def power_on_in(text: str) -> bool:
    """Whether a call's note says the power is on at the caller's: said outright ("我家有电",
    "已经来电了"), or by lights dim or flickering, the voltage low ("电压有点低，灯一闪一闪的":
    a live supply, however poor). Not a neighbour's ("邻居家有电"), nor a question ("现在有电
    吗"). A note that also says the power is off says it is off, unless it is on after (said
    outright, or after the power came back: "停电修好以后灯一闪一闪的"); "灯一闪一闪，然后就停电了"
    is off. Reads the first ``READ_CHARS`` characters."""
    text = text[:READ_CHARS]
    if _said_on_english(text):
        return True
    on = _said_on(text, _POWER_ON)
    weak = _said_on(text, _WEAK_POWER)
    if not on and not weak:
        return False
    off = _said_off(text)
    if not off:
        return True
    last_off = off[-1].end()
    if any(m.start() >= last_off for m in on):
        return True
    later = [m.start() for m in weak if m.start() >= last_off]
    return bool(later) and any(
        last_off <= m.start() <= later[0] for m in _SINCE.finditer(text, last_off)
    )


def power_said_on(text: str) -> bool:
    """Whether a call's note says outright that the power is on at the caller's ("我家有电",
    "已经来电了", in English "the power is back", "we have power now"), after any word of it off;
    lights dim or flickering alone are not said so. Reads the first ``READ_CHARS``
    characters."""
    text = text[:READ_CHARS]
    if _said_on_english(text):
        return True
    on = _said_on(text, _POWER_ON)
    if not on:
        return False
    off = _said_off(text)
    return not off or any(m.start() >= off[-1].end() for m in on)
