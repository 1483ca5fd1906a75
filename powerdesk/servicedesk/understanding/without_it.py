"""A need said by what a household cannot do without, and a denial that covers a list: the words
and the reading both readers of a medical need share, the call-note reader (``medical``: urgent
now) and the arrears household check (``arrears.vulnerable``: a cut blocked or escalated).

A denial governs the words that follow it in its clause while only more of the words it lists,
or how they are used, stand between ("家里没有老人和病人", "没有人用呼吸机的", "无卧床病人");
it is no denial when it is denied itself ("不能没有呼吸机", "一刻也不能没有氧", "不是没有病
人") or asked ("有没有老人"), nor when what follows says the household depends on what it
names ("没有制氧机活不了", "没有制氧机就不行", "没了透析机器就得去医院住", "没有呼吸机，他活
不了"). The fifty-sixth round (issue 18): the call-note reader read the first two kinds as
denials (a need missed) and a denial of a list as covering its first word only (a need read in
"停电了，家里没有老人和病人").

>>> note = "停电了，我妈不能没有呼吸机"
>>> need_state(note, re.search("呼吸机", note))
'now'
>>> note = "停电了，老父亲没有制氧机活不了"
>>> need_state(note, re.search("制氧机", note))
'now'
>>> note = "停电了，家里没有老人和病人"
>>> need_state(note, re.search("病人", note))
'denied'
>>> note = "停电了，家里没有制氧机"
>>> need_state(note, re.search("制氧机", note))
'denied'
"""

from __future__ import annotations

import re

from powerdesk.servicedesk.understanding.medical_words import MEDICAL_DEVICES, MEDICAL_PEOPLE
from powerdesk.servicedesk.understanding.readings import _CLAUSE, DENIED, FEARED, NOW, _state

__all__ = [
    "ASKED",
    "DENIAL",
    "DEPENDS",
    "ELDERLY_WORDS",
    "GAP_WORDS",
    "NOT_WITHOUT",
    "denial_denied",
    "depends_after",
    "governing_denial",
    "need_state",
]

_c = re.compile

# A denial just before the words ("家中无老人", "没有用呼吸机", "不属于低保户").
DENIAL = _c(
    r"并没有|也没有|都没有|没有|没得|莫得|冇得?|并无|并非|不属于|不存在|不涉及|不是|不算|不需要?"
    r"|无需|(?:没|未)(?:发现|看到|见到|见)有?|[无没未非不]"
    r"|\b(?:no|not|none|without|never|nor|neither|isn't|aren't|doesn't|don't)\b"
)
# What may stand between a denial and the words it governs: more of the words it lists
# ("无老人独居", "无卧床病人", "没有老人和小孩单独在家"), the machine's use ("没有用呼吸机", "无用电
# 医疗设备"), who ("没有人吸氧"), how many or how old ("没有70岁以上老人"). Anything else (a
# verb, "有", "但") ends its reach: "无人照顾的老人" is an elderly person with nobody to look after
# them.
GAP_WORDS = (
    r"[、和及与跟或/\s]|以及|或者|也|亦|都|均|还|再|任何|什么|啥子?|哪样"
    r"|(?:需要|需|要)(?:特殊)?(?:照顾|照料|关照)的?|需要|使用|在用|正在用|用电|用|依赖|靠|长期|常年"
    r"|的|家庭|家中|家里|屋里|家|户|人员|人口|人|成员|重症|严重|类|等"
    r"|[0-9一二三四五六七八九十]+岁以上|以上|属于|发现|看到|见到"
    r"|\b(?:a|an|any|one|anyone|anybody|person|people|on|using|uses|use|used|need|needs|needing"
    r"|medical|the|who|is|are|at|home|household|member|members|family|in|of|or|and|nor)\b"
)
# A denial asked, not said ("有没有老人", "是不是低保户", "是否"): no denial.
ASKED = _c(r"(有没|是不|是否|用不|在不|有无)$")
# A denial denied: the household cannot be without it ("不能没有呼吸机", "一天也不能没有氧",
# "不是没有病人", "can't live without oxygen").
NOT_WITHOUT = _c(
    r"(不能|不可以?|不得|不行|不敢|不是|并不是|少不了|缺不了|断不了|离不开|离不得)"
    r"(一刻|一天|一时|片刻|一会儿?|一晚)?(也|都)?$"
    r"|\b(?:can't|cannot|can not|couldn't|could not|unable to|won't)\s+(?:\w+\s+){0,2}$"
)
# What follows a machine or a person "without" it that says the household depends on it
# ("没有制氧机活不了", "没有透析机器他就得去医院住", "没有呼吸机的话"): the need affirmed.
DEPENDS = _c(
    r"活不[了成下]|不能活|没法活|会死|就死|没命|要命|不行(?![动走驶使])|不得行|受不了|撑不住"
    r"|熬不住|扛不住|挺不住|喘不[过上赢来动]|憋[得死坏气]|就得|就要|就会|只能|得去医院|得住院"
    r"|要住院|危险|出事|不得了|离不[开得了]|难受|的话"
    r"|\b(?:can't|cannot|would die|will die|dies|die|struggles?)\b"
)
# An elderly person (the household check's kind; to the call-note reader, one more word a denial
# lists before a patient: "家里没有老人和病人").
ELDERLY_WORDS = (
    r"老人(?!机)|老年人|独居|空巢|高龄|孤寡|[七八九]十[多几来]?岁|(?<!\d)[7-9][0-9]岁|百岁"
    r"|\belderly\b|\bold (?:person|people|man|woman|couple)\b|\b(?:lives|living) alone\b"
)
# …and the others a household's people are listed with ("没有老人小孩", "没有孕妇和病人").
_HOUSEHOLD_PEOPLE = rf"{ELDERLY_WORDS}|小孩|孩子|娃娃?|儿童|孕妇|残疾人?"

# How far a denial reaches: a list of a few kinds ("无老人独居、卧床病人、用电医疗设备"), no more.
_GAP_CHARS = 24
# How far into the next clause dependence said after them is read ("没有呼吸机，他活不了").
_NEXT_CHARS = 10


def governing_denial(
    text: str, start: int, position: int, gap: re.Pattern[str]
) -> re.Match[str] | None:
    """The denial that governs the words at ``position`` in their clause (from ``start``): the
    last denial before them, nothing but ``gap`` between (its list, the words' use), not asked;
    whether it is itself denied is ``denial_denied``."""
    denials = list(DENIAL.finditer(text, start, position))
    if not denials:
        return None
    denial = denials[-1]
    before = text[start : denial.start()]
    if (
        position - denial.end() <= _GAP_CHARS
        and gap.fullmatch(text, denial.end(), position) is not None
        and not ASKED.search(before + denial.group()[:1])
    ):
        return denial
    return None


def denial_denied(text: str, start: int, denial: re.Match[str]) -> re.Match[str] | None:
    """The words that deny ``denial`` (in its clause, from ``start``): "不能没有", "一刻也离不开
    没有" … (None when it is not denied)."""
    return NOT_WITHOUT.search(text[start : denial.start()])


def depends_after(text: str, position: int, end: int, clause_end: re.Pattern[str]) -> bool:
    """What follows the words (from ``position`` to their clause's ``end``, or opening the next
    clause) says the household depends on them ("没有制氧机活不了", "没有呼吸机，他活不了")."""
    if DEPENDS.search(text, position, end):
        return True
    following = clause_end.search(text, end)
    after = end + 1 if following is not None and following.start() == end else end
    return bool(DEPENDS.search(text[after : after + _NEXT_CHARS]))


# The words a denial may list before a machine or a patient, for the call-note reader.
_NEED_GAP = _c(rf"(?:{GAP_WORDS}|(?:{MEDICAL_DEVICES})|(?:{MEDICAL_PEOPLE})|{_HOUSEHOLD_PEOPLE})*")
# A use given up, said with a word of time ("已经不用制氧机了", "不再用呼吸机"): no denial of a
# list, but what ``medical_none.use_over`` reads (and a use taken up again after it, "这两天又用上
# 了", is a need).
_GIVEN_UP_BEFORE = _c(r"(?:已经|早就|早都|早已|早)$")
_GIVEN_UP_AFTER = _c(r"再")
# "没有呼吸机的话…", "没有透析机器的话": the condition is the denial's ("without it"), read away
# with it.
_ITS_CONDITION = _c(r"的话")
_CONDITION_REACH = 6


def need_state(text: str, match: re.Match[str]) -> str:
    """How a machine or a patient at ``match`` is spoken of, for a medical need: as
    ``readings._state`` reads it, but a denial denied, or followed by dependence, is no denial
    (the mention read again without it: now, or past in praise of a time past), and a denial
    over a list covers each word of it."""
    state = _state(text, match)
    start = max((m.end() for m in _CLAUSE.finditer(text, 0, match.start())), default=0)
    following = _CLAUSE.search(text, match.end())
    end = following.start() if following else len(text)
    if state == DENIED:
        # (the denial the readings heard, or one after it: "制氧机倒是没有")
        denials = list(DENIAL.finditer(text, start, match.start()))
        denial = denials[-1] if denials else None
    elif state in (NOW, FEARED):
        # (a denial of a list, "没有老人和病人"; or under its condition, "不用制氧机的话活不了")
        denial = governing_denial(text, start, match.start(), _NEED_GAP)
    else:
        return state
    if denial is None:
        return state
    denied = denial_denied(text, start, denial)
    if denied is None and not depends_after(text, match.end(), end, _CLAUSE):
        if _GIVEN_UP_BEFORE.search(text, start, denial.start()) or _GIVEN_UP_AFTER.match(
            text, denial.end()
        ):
            return state  # a use given up ("已经不用制氧机了"): ``medical_none.use_over`` reads it
        return DENIED if state == NOW else state
    return _without_it(text, match, end, denial, start + denied.start() if denied else None)


def _without_it(
    text: str, match: re.Match[str], end: int, denial: re.Match[str], denied_at: int | None
) -> str:
    """The mention read again without its denial (and the words that deny it, "不能"; and its
    condition, "的话"): the household cannot do without it."""
    cut_from = denied_at if denied_at is not None else denial.start()
    condition = _ITS_CONDITION.search(text, match.end(), min(end, match.end() + _CONDITION_REACH))
    tail = (
        text[match.end() : condition.start()] + text[condition.end() :]
        if condition
        else text[match.end() :]
    )
    again = text[:cut_from] + text[denial.end() : match.end()] + tail
    reread = match.re.match(again, match.start() - (denial.end() - cut_from))
    if reread is None:
        return NOW  # (the words read otherwise without their denial: the need, on the safe side)
    return _state(again, reread)
