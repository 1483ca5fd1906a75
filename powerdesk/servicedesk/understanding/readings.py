"""How each mention of a danger, a need or the power being off is spoken of: there now, denied,
feared or asked about, or past and dealt with (``mentions``); and the readings of a note's tense
they rest on — a report taken back, a case that may come, a time past and put right since, help
wanted now. The rules of urgency (``urgency``) and of a medical need (``medical``) read every
mention through these.
"""

from __future__ import annotations

import re

from powerdesk.servicedesk.understanding import context_words
from powerdesk.servicedesk.understanding.bounded import around
from powerdesk.servicedesk.understanding.danger_words import DANGERS
from powerdesk.servicedesk.understanding.dealt_with import dealt_with_after
from powerdesk.servicedesk.understanding.laid_down import laid_as_material

# (``_DANGER_THINGS``, ``_STILL`` and ``_STILL_THEN`` were read from here before the readings of
# a time past had their own module: their old import path is kept.)
from powerdesk.servicedesk.understanding.readings_past import _DANGER_THINGS as _DANGER_THINGS
from powerdesk.servicedesk.understanding.readings_past import _STILL as _STILL
from powerdesk.servicedesk.understanding.readings_past import _STILL_THEN as _STILL_THEN
from powerdesk.servicedesk.understanding.readings_past import _in_the_past
from powerdesk.servicedesk.understanding.wanted import (
    _clause_start,
    _now_wanted,
    _under_a_past_marker,
)

# How a danger (or a need, or the power being off) is spoken of, each time it is named.
NOW = "now"  # there now
DENIED = "denied"  # "没有打火", "冒烟倒是没有"
FEARED = "feared"  # feared, asked about, a case that may come: "怕电线被刮断", "会不会漏电"
PAST = "past"  # past and dealt with: "去年变压器着火，你们换了新的"

_c = re.compile
_DANGER_RES = {kind: _c(pattern) for kind, pattern in DANGERS.items()}
# Dangers said in a list share its denial: "没看到打火冒烟", "打火、冒烟都没有".
# …and the duty's short words for a line or pole down, listed after a denial ("无倒杆断线现象",
# "没看到断线倒杆").
_SHORT = "|".join(DANGERS[kind] for kind in ("arcing or sparks", "smoke", "fire"))
_SHORT += "|倒杆|断杆|断线|倒树|杆倒|线断|掉线"
_LISTED_BEFORE = _c(f"(?:{_SHORT}|[和或、也跟及])+$")
_LISTED_AFTER = _c(f"^(?:{_SHORT}|[和或、也及]|跟(?!前))+")  # ("跟前": a place)
_CLAUSE = _c(context_words.CLAUSE)
_SENTENCE_END = _c(context_words.SENTENCE_END)
_NEGATION = _c(context_words.NEGATION)
_NEGATION_AFTER = _c(context_words.NEGATION_AFTER)
# A denial inside the words of a danger, before its last verb: "杆子也不歪", "线都没断".
_DENIED_WITHIN = _c(
    r"(不|没|没有|冇|莫|未)(太|怎么|咋)?(歪|斜|倒|倾|晃|断|掉|垂|低|着|烧|冒|亮|麻)[了的]?$"
)
_PROHIBITION = _c(context_words.PROHIBITION)
_FEARED = _c(context_words.FEARED)
_HEARSAY_ELSEWHERE = _c(context_words.HEARSAY_ELSEWHERE)
_HEARSAY_OVER_THERE = _c(context_words.HEARSAY_OVER_THERE)
_OURS_ASKED = _c(context_words.OURS_ASKED)
_HERE_OR_NOW = _c(context_words.HERE_OR_NOW)
_CONDITION = _c(context_words.CONDITION)
_CONDITION_AFTER = _c(context_words.CONDITION_AFTER)
_WHEN_BEFORE = _c(context_words.WHEN_BEFORE)
_WHEN = _c(context_words.WHEN)
_QUESTION = _c(context_words.QUESTION)
_PARTICULAR_TIME = _c(context_words.PARTICULAR_TIME)
_HOW_TO_TELL = _c(context_words.HOW_TO_TELL)
_ASKING_OPENS = _c(context_words.ASKING_OPENS)
_ASKED_AFTER = _c(context_words.ASKED_AFTER)
_PAST = _c(context_words.PAST)
# Asked inside the danger's own words ("表箱会不会进水").
_ASKED_WITHIN = _c(r"会不会|会否")
_INQUIRY = _c(context_words.INQUIRY)
_FUTURE_AFTER = _c(context_words.FUTURE_AFTER)
_FUTURE_BEFORE = _c(context_words.FUTURE_BEFORE)
_HEARSAY = _c(context_words.HEARSAY)
_MAY = _c(context_words.MAY)
_CASES_HEARD = _c(context_words.CASES_HEARD)
_CASES_AFTER = _c(context_words.CASES_AFTER)
_SAFE_ASKED = _c(context_words.SAFE_ASKED)
_DRILL = _c(context_words.DRILL)
_ONLY_ASKING = _c(context_words.ONLY_ASKING)
_NOW_DENIED = _c(context_words.NOW_DENIED)


def mentions(pattern: re.Pattern[str], text: str) -> list[str]:
    """How each occurrence of ``pattern`` in ``text`` is spoken of: ``NOW``, ``DENIED``,
    ``FEARED`` or ``PAST``."""
    return [_state(*around(text, match)) for match in pattern.finditer(text)]


def _state(text: str, match: re.Match[str]) -> str:
    start, end = match.span()
    clause_start = max((m.end() for m in _CLAUSE.finditer(text, 0, start)), default=0)
    following = _CLAUSE.search(text, end)
    clause_end = following.start() if following else len(text)
    before = _LISTED_BEFORE.sub("", text[clause_start:start].replace(" ", ""))
    after = _LISTED_AFTER.sub("", text[end:clause_end].replace(" ", ""))
    if (
        _NEGATION.search(before[-8:])
        or _PROHIBITION.search(match.group())
        or _DENIED_WITHIN.search(match.group())
    ):
        return DENIED
    if _NEGATION_AFTER.fullmatch(after):
        return DENIED
    if laid_as_material(text, match):
        return DENIED  # "电杆倒过来放在路边": new poles laid there to be put up
    if _FEARED.search(before[-12:]) or _asked_within(text, match):
        return FEARED
    if _ASKED_AFTER.fullmatch(after) and not _what_to_do_now(text, after):
        return FEARED
    if _HEARSAY_ELSEWHERE.search(before[-12:]) and not _HERE_OR_NOW.search(text):
        return FEARED
    if (
        _HEARSAY_OVER_THERE.search(before[-14:])
        and _OURS_ASKED.search(text, end)
        and not _HERE_OR_NOW.search(text)
        and not _now_wanted(text)
    ):
        return FEARED
    if _HEARSAY.search(before) and _MAY.search(before + match.group() + after):
        return FEARED
    if _cases_heard(text, before, after):
        return FEARED
    if _FUTURE_AFTER.match(after) or _FUTURE_BEFORE.match(before):
        return FEARED
    if _conditional(text, start, after):
        return FEARED
    if _taken_back(text, start, end):
        return DENIED
    if _ONCE_ONLY.search(match.group()) and not _ONCE_AGAIN.search(text, end):
        return PAST  # "去年电杆倒过，现在修好了": once, nothing told again or unmended
    once = _ONCE.search(match.group())
    if (
        once
        and _under_a_past_marker(text, start + once.start())
        and not _SINCE_THEN.search(text, start + once.end())
    ):
        return PAST  # "孩子以前爬过电杆": told as something that once happened
    put_right = _PUT_RIGHT_AFTER.match(text, end)
    if (
        put_right
        and not _now_wanted(_ROUTINE_ASKED.sub("", text))
        and not _BACK_AGAIN.search(text, put_right.end())
    ):
        return PAST  # "冒烟 已排除", "杆歪，已扶正"
    if dealt_with_after(text, end):
        return PAST  # "电线掉下来了，已经处理好了", "你们的人修好了" (not "我们自己用棍子挑开了")
    # A past marker inside the danger's own words ("杆子上回歪了") governs it too.
    inside = list(_PAST.finditer(match.group()))
    if _in_the_past(text, start + inside[-1].end() if inside else start, after):
        return PAST
    return NOW


# A report said before ("刚才报的", "我以为", "他们说") and taken back after it ("其实是晾衣绳",
# "搞错了", "我去看过，没事"), with no help wanted now.
_SAID_BEFORE = _c(context_words.SAID_BEFORE)
_CORRECTED = _c(context_words.CORRECTED)
# …and, after the caller's own report, a plain word that all is well ("刚才报的打火是工地在电焊，
# 没事"; not "他手被电了一下，人倒是没事": someone unhurt).
_SAID_BY_ME = _c(r"刚才?(打电话|打来)?(说|报|讲|反映)的?|刚报的?")
# (straw, rubbish or leaves burnt: no fire of ours)
_BURNING_WASTE = _c(r"[在烧烤熏]+[^，。,.]{0,2}(秸秆|稻草|稻柴|柴|垃圾|树叶|叶子|纸|草|麦秆)")
_OURS_OR_STILL = _c(r"我们|我家|这边|这儿|本村|还在|仍")
_WELL = _c(r"(?<![人倒])没事(?![吧吗么嘛])|不好意思|对不起|抱歉|打扰了")
# …nor wiring or heat, once the harmless lines are set aside ("其实是墙里面的线，墙都烫手了"; not
# "其实是晾衣绳", "是网线").
_HARMLESS_LINES = _c(context_words.HARMLESS_LINES)
_WIRING = _c(r"线")
# …or something found burnt or broken ("去看了，是里面的开关烧了", "是断了一根").
_HEAT = _c(r"烫|发热|发烫|烧焦|焦味|糊味|焦糊|烧(了|坏|黑|焦|化|着|起)|断了")


def _wiring_or_heat(rest: str) -> bool:
    """Wiring named as what it really was (in the correction's own clause: "其实是墙里面的线"; not
    "其实是树枝，线还好好挂在杆上"), or heat felt anywhere after it."""
    following = _CLAUSE.search(rest)
    own = rest[: following.start() if following else len(rest)]
    return bool(_WIRING.search(_HARMLESS_LINES.sub("", own)) or _HEAT.search(rest))


# A thing done once, under a marker of the past ("以前爬过电杆").
# (挨: touched, in south-western Mandarin: "以前有牛挨过拉线")
_ONCE = _c(r"(爬|攀|碰|摸|踩|钻|倒|断|歪|烧|着|挨)过")
# A pole once fallen, a line once broken: told only as what happened, never as now ("倒过",
# "断过"; not "倒过来", a thing turned over).
_ONCE_ONLY = _c(r"(倒|断)过$")
# …unless told after it to be so again or never mended ("现在又歪了", "到现在还没人来换"; not
# feared again: "会不会又倒", nor the danger asked of: "现在还有冇隐患").
_ONCE_AGAIN = _c(
    r"(?<![会怕要])又[^，。,.会]{0,3}(倒|断|歪|斜|掉|垂|冒|打火|烧)了|(?<![会怕要])又(在|开始)"
    r"|还[^，。,.]{0,2}(歪|斜|倒|吊|垂|掉)着|还没(人)?(来)?(修|换|扶|弄|处理|管)"
    r"|(到现在|至今)(都|也|还)?没(人)?(来)?(修|换|扶|管|处理)"
)
# …unless something after it is told as now or again ("今天又踩到了", "这会儿又爬上去了").
_SINCE_THEN = _c(
    r"又|再|这会儿?|这下|刚才|刚刚|现在(?![不没也])|今天|今早|今晚|今年(?![^，。,.]{0,2}(还|都|也)?(没事|好好的|正常))|还在"
)
# Put right, said right after the danger in a duty's note ("冒烟 已排除", "杆歪，已扶正"); not a
# line made safe for now ("已拉闸，请派人接线").
_PUT_RIGHT_AFTER = _c(context_words.PUT_RIGHT_AFTER)
# …and no help wanted for it (a routine errand asked for is none: "着火已扑灭，现场安全，请安排
# 抄表").
_ROUTINE_ASKED = _c(context_words.ROUTINE_ASKED)
# …and not come back after it ("已扶正的那根又歪了", "已扑灭 又复燃了", "越烧越大").
_BACK_AGAIN = _c(r"又|还在|仍|再次|复燃|越[^，。,.]{0,2}越|还没")


# What to do asked right after a danger, of one's own thing or now, not in general
# (``context_words.WHAT_TO_DO``).
_WHAT_TO_DO = _c(context_words.WHAT_TO_DO)
_OF_ONE_S_OWN = _c(context_words.OF_ONE_S_OWN)
_IN_GENERAL = _c(context_words.IN_GENERAL)


def _what_to_do_now(text: str, after: str) -> bool:
    """What to do asked right after the danger, of the caller's own thing or of now."""
    return bool(
        _WHAT_TO_DO.fullmatch(after) and _OF_ONE_S_OWN.search(text) and not _IN_GENERAL.search(text)
    )


def _taken_back(text: str, start: int, end: int) -> bool:
    """Told as what was reported before, and taken back after it ("刚才说电线掉了，其实是晾衣
    绳"), with no help wanted now."""
    clause_start = _clause_start(text, start)
    sentence_start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    opening = min(clause_start, sentence_start)
    said = _SAID_BEFORE.search(text, opening, start)
    if not said or _now_wanted(text):
        return False
    corrected = _CORRECTED.search(text, end)
    if corrected:
        # (not when the correction names a danger or our place: "其实是我们村的，线在村口地上")
        rest = _BURNING_WASTE.sub("", text[corrected.end() :])
        return (
            not _OURS_OR_STILL.search(rest)
            and not _wiring_or_heat(rest)
            and not any(danger.search(rest) for danger in _DANGER_RES.values())
        )
    return bool(_SAID_BY_ME.search(text, opening, start) and _WELL.search(text, end))


def _asked_within(text: str, match: re.Match[str]) -> bool:
    """Asked in its own clause, in a note that asks ("表箱会不会进水…就是问一下"); not a fear
    said before a fact ("这杆子会不会倒哦，歪得厉害", "配电房会不会被淹，水已经漫到门口了")."""
    if _whether_within(text, match):
        return True
    asked = list(_ASKED_WITHIN.finditer(match.group()))
    if not asked or _CLAUSE.search(match.group(), asked[-1].end()):
        return False
    # …or one whose question is all there is after it ("下雨表箱会不会进水漏电？").
    following = _CLAUSE.search(text, match.end())
    return bool(_INQUIRY.search(text)) or bool(
        _NOTHING_MORE.fullmatch(text, following.start() if following else len(text))
    )


_NOTHING_MORE = _c(r"[\s，,。.!！?？啊呀哦吧呢嘛哈]*")
# "是不是" inside a danger's words, with nothing after it in its sentence but the caller's not
# knowing ("电线杆是不是歪了我也不清楚"): asked, not told (not "电杆是不是要倒了，歪得厉害", nor
# "…是不是歪了，你们快来看看", nor "拉线是不是带电了？" after a beast fell there).
_WHETHER_WITHIN = _c(r"是不是|是否")
_UNSURE_ONLY = _c(
    r"(了|没有?)?[\s，,啊呀哦吧呢嘛哈]*((我|俺)?(也|都|还)?(不清楚|不知道|不晓得|搞不清楚?|说不准|说不清楚?|拿不准"
    r"|看不清楚?)[\s，,。.!！?？啊呀哦吧呢嘛哈]*)"
)


def _whether_within(text: str, match: re.Match[str]) -> bool:
    asked = list(_WHETHER_WITHIN.finditer(match.group()))
    if not asked or _CLAUSE.search(match.group(), asked[-1].end()):
        return False
    following = _SENTENCE_END.search(text, match.end())
    end = following.start() if following else len(text)
    return bool(_UNSURE_ONLY.fullmatch(text, match.end(), end))


def _conditional(text: str, start: int, after: str) -> bool:
    """Said as a case that may come: under "要是", "万一" … in its sentence, or ending its clause
    with "的话"; or, in a question or wish about no particular time, after "遇到" or with "的时候"
    ("下大雨的时候表箱进水会不会有危险", "停电的时候优先照顾")."""
    sentence_start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    following = _SENTENCE_END.search(text, start)
    sentence = text[sentence_start : following.end() if following else len(text)]
    if _CONDITION.search(text, sentence_start, start) or _CONDITION_AFTER.search(after):
        return True
    if _how_to_tell_asked(text, after):
        return True
    if (
        _DRILL.search(text)
        and (_QUESTION.search(sentence) or _INQUIRY.search(text))
        and not _now_wanted(text)
    ):
        return True  # asked for a drill ("问下屋里起火了是先拉闸还是先泼水 学校要搞消防演练")
    if _ONLY_ASKING.search(text):
        # "…现在水还没来 先问问": the case denied now is no particular time of it
        sentence = _NOW_DENIED.sub("", sentence)
    if not _QUESTION.search(sentence) or _PARTICULAR_TIME.search(sentence):
        return False
    # "…的时候" counts in the danger's own clause: "洗澡的时候也麻" beside "外壳摸到麻手" tells
    # when it happens, not a case that may come.
    clause_start = max((m.end() for m in _CLAUSE.finditer(text, 0, start)), default=0)
    following = _CLAUSE.search(text, start)
    clause = text[clause_start : following.start() if following else len(text)]
    return bool(_WHEN_BEFORE.search(text, sentence_start, start) or _WHEN.search(clause))


def _cases_heard(text: str, before: str, after: str) -> bool:
    """Cases heard of ("听讲有着火的") in a note that asks ("电动车在屋里充电安全不") and says
    nothing of here or now: a kind of thing that happens, not a danger there."""
    return bool(
        _CASES_HEARD.search(before)
        and _CASES_AFTER.fullmatch(after)
        and (_QUESTION.search(text) or _INQUIRY.search(text) or _SAFE_ASKED.search(text))
        and not _HERE_OR_NOW.search(text)
        and not _now_wanted(text)
    )


def _how_to_tell_asked(text: str, after: str) -> bool:
    """How to tell such a thing asked right after it, in a note that opens as a question, names no
    particular time and wants nobody now ("咨询电热水器漏电怎么判断")."""
    return bool(
        _HOW_TO_TELL.match(after)
        and _ASKING_OPENS.search(text)
        and not _PARTICULAR_TIME.search(text)
        and not _now_wanted(text)
    )
