"""The power off told beside a question of something else, read clause by clause (walk67, H1;
fix69c, 2): "家里没电了，怎么办" (no power, what do I do) and "现在家里停电了，另外想问下这个月
电费怎么这么多" tell the power off now; the question is of what to do or of the bill, not of
the power. The rule of the power off (``medical.outage_told``) read a question word anywhere
in the note as the power itself asked about ("停电了吗"), and so heard no power off in them.

A clause that asks (``cues.ASKS``) of another matter (``_ANOTHER_MATTER``: what to do, the
cause not known or asked, a visit, the bill: "怎么办", "不晓得是哪里的问题", "电费怎么这么多")
and names nothing of the supply (``_OF_THE_SUPPLY``) has its asking words taken out
(``questions_apart``) before the rule reads the note again. The power off must then be told
now in its own clause (``now_in_its_clause``): not past ("上个月停电"), not an outage's time
or notice ("停电时间", "停电通知"), not the cause of a loss ("因为停电，小鸡全死了"), not one to
come ("马上要停电了"), and not a cut for the bill unpaid (``CUT_FOR_THE_BILL``: "欠费停电了，
电费怎么交"). A note of a loss and who pays ("哪个赔"), or a complaint of how outages are
(``_A_LOSS``), is read as before, whole. A clause asking of the power itself ("停电了吗",
"下周停电吗", "你们什么时候来修？") keeps its question: the note is not read as the power off.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from powerdesk.servicedesk.understanding.cues import ASKS
from powerdesk.servicedesk.understanding.medical_words import POWER_TROUBLE

__all__ = [
    "CUT_FOR_THE_BILL",
    "LIGHTS_OUT",
    "now_in_its_clause",
    "questions_apart",
    "told_apart",
]

# The lights out at the caller's ("灯也不亮", "灯都灭了", "电灯不亮了"), not a street lamp's (a
# street lamp is a job of its own, not the household's supply) nor lights dim ("灯不怎么亮").
LIGHTS_OUT = re.compile(r"(?<!路)(?<!街)灯[^，。,.!！?？；;]{0,4}(不亮|没亮|灭|熄)")
# A clause: up to a mark, or up to another errand opened without one ("停电了另外想问下电费").
_CLAUSE = re.compile(r"[^，。,.!！?？；;\n]*[，。,.!！?？；;\n]*")
_ANOTHER_ERRAND = re.compile(r"(?=另外|顺便|还想问|再问|还有(?:就是|个|一个|件|电费|钱|余额|账))")
# The words of the supply itself: the power off or back, the lights, the switch, the line, the
# meter's power, its repair or its notice. A clause asking of none of them asks of something
# else (what to do, the bill, the meter's reading).
_OF_THE_SUPPLY = re.compile(
    POWER_TROUBLE
    + r"|停|断|(来|有|没|通|送|供|复)电(?!费|价|量|表|话)|电压|电源|恢复|闸|灯|亮|黑|线|杆|变压器"
    + r"|保险|抢修|修|师傅|电工|来人"
)
# What such a clause asks of: what to do ("怎么办", "你们看咋个整"), the cause not known ("不晓得
# 是哪里的问题": a question told, not asked), the cause asked ("是不是表坏了"), a visit asked
# ("能不能尽快来看看", "好久来得了"), an opening alone ("麻烦问一下，"), or the bill ("电费怎么这么
# 多") — not what a loss is worth ("哪个赔", ``_A_LOSS``), nor whether or when the power is off.
_ANOTHER_MATTER = re.compile(
    r"(怎么|咋个?|如何|点)(办|整|弄|搞|算|是好)"
    r"|(不晓得|不知道|不清楚|搞不清|说不清|唔知|不懂)[^，。,.!！?？；;]{0,10}(哪|咋|怎|什么|啥|乜|点)"
    r"|(是不是|系唔系|是否)[^，。,.!！?？；;]{0,8}(坏|烧|问题|毛病|打)"
    r"|(能不能|可不可以|好久|多久|什么时候|啥时候|几时)[^，。,.!！?？；;]{0,6}(来|派|到|看|快)"
    r"|^\W*(麻烦)?(请问|问一下|想问一下|问下|咨询一下)\W*$"
    r"|电费|缴费|交费|充值|扣费|扣钱|扣了|扣得|多扣|余额|账单|电价|用电量|度数|多少度|收费|多收|发票"
)
# A loss told and who pays for it ("冰箱里的肉全臭了，哪个来赔"), a complaint of how outages are
# ("我要投诉", "我不服", "停电也不讲原因", "没通知就停电") or of how often ("一个月停了七八回电"):
# its "你们看咋个整" asks for amends, not what to do now; never read apart.
_A_LOSS = re.compile(
    r"赔|损失|负责|说法|投诉|不服|不讲原因|不说一声|(没|不|冇|莫)通知"
    r"|[0-9一二两三四五六七八九十几]+[次回趟]电?|三天两头|老是|总是|经常"
)
# The power off or the lights out as told (the rule's words, less the power come or sent back,
# "来电", "送电": a call is "来电" too), ...
_OFF = re.compile(POWER_TROUBLE + "|" + LIGHTS_OUT.pattern)
_BACK = frozenset({"来电", "送电", "复电", "恢复供电"})
# ... not an outage's time, notice or plan ("停电时间", "停电通知", "停电那天"), nor the cause of
# a loss told ("因为停电，孵的小鸡全死了") ...
_NOT_THE_POWER_OFF = re.compile(
    r"的?(时间|时候|期间|通知|计划|安排|公告|那天|那次|那回|几天)|检修|线|就|的话"  # 没有电线
)
# ... nor one to come or in general ("马上要停电了", "以后停电先打给他", "停了电就干等着"),
# ... nor one not done or a wall blackened by smoke ("没敢拉闸", "墙上都熏黑了").
_NOT_YET = re.compile(
    r"(要|会|将|快|以后|将来|下次|下回|万一|如果|要是|假如|每次|一到)[^，。,.!！?？；;]{0,4}$"
    r"|(没敢|不敢|别|不要|莫|熏|烧|烤|晒)$"
)
_CAUSE_OF = ("因为", "由于", "因", "为了")
# The power cut for the bill unpaid ("欠费停电了，电费怎么交", "余额不足被停了"): the bill's own
# matter, never a fault to mend.
CUT_FOR_THE_BILL = re.compile(
    r"欠费|欠了?[^，。,.]{0,4}电?费|(没|未|忘)交[^，。,.]{0,3}费|余额(不足|不够|用完|没了)|钱用完"
    r"|(被|给)[^，。,.]{0,3}(停|断|拉|掐)"
)
# ... nor under a time past ("上个月停电", "昨天灯不亮") with no "now" between ("昨天交了费，现在
# 又停电了").
_PAST = re.compile(
    r"上个?月|上周|上礼拜|上星期|上次|上回|昨天|昨晚|昨儿|前天|前几天|前段时间|去年|前年|之前|以前"
    r"|那天|那次|那回|[0-9一二三四五六七八九十]+[号日]"
)
_MARK = re.compile(r"[，。,.!！;；]")
_NOW = re.compile(r"现在|目前|眼下|这会|此刻|今天|今晚|刚刚?|又|还|一直|到现在")
# ... nor one a later clause says is over ("刚才停电了，现在好了，怎么办", "停了一下电，现在正常了":
# review69 M1): the clause opens with the power or all being back.
_OVER_SINCE = re.compile(
    r"[，。,.!！;；\s]+(现在|目前|已经|后来|然后|这会儿?)?(又|都|就)?(电)?"
    r"(好了|好啦|正常了|正常啦|没事了|没事啦|来电了|有电了|恢复了|通电了|亮了)"
)


def told_apart(text: str, told: Callable[[str], bool]) -> bool:
    """Whether ``told`` (the rule of the power off, reading any question as the power asked
    about) hears the power off in ``text`` once the questions of something else are taken out
    (``questions_apart``), told now in its own clause, and not cut for the bill unpaid."""
    if _A_LOSS.search(text):
        return False
    apart = questions_apart(text)
    return (
        apart != text
        and not CUT_FOR_THE_BILL.search(apart)
        and told(apart)
        and now_in_its_clause(apart)
    )


def questions_apart(text: str) -> str:
    """``text`` with the asking words taken out of each clause that asks and names nothing of
    the supply and asks of another matter (``_ANOTHER_MATTER``): "家里没电了，怎么办" → "家里没
    电了，"; "另外想问下这个月电费怎么这么多" → "另外下这个月电费这么多"."""
    clauses = [
        part for clause in _CLAUSE.findall(text) for part in _ANOTHER_ERRAND.split(clause) if part
    ]
    return "".join(ASKS.sub(_unasked, part) if _asks_apart(part) else part for part in clauses)


def _asks_apart(clause: str) -> bool:
    return bool(
        ASKS.search(clause) and _ANOTHER_MATTER.search(clause) and not _OF_THE_SUPPLY.search(clause)
    )


def _over_since(text: str, end: int) -> bool:
    """Whether a clause after ``end`` (the power off told) says it is over."""
    return any(_OVER_SINCE.match(text, mark.start()) for mark in _MARK.finditer(text, end))


def _unasked(asking: re.Match[str]) -> str:
    # A question mark stays a clause's end; the words go.
    return "。" if asking.group() in "?？" else ""


def now_in_its_clause(text: str) -> bool:
    """A power off in ``text`` told as it is now: not an outage's time or notice, not the cause
    of a loss, and under no time past that a "now" has not followed."""
    for off in _OFF.finditer(text):
        if off.group() in _BACK or _NOT_THE_POWER_OFF.match(text, off.end()):
            continue
        if text[max(0, off.start() - 2) : off.start()].endswith(_CAUSE_OF):
            continue
        if _NOT_YET.search(text, max(0, off.start() - 8), off.start()):
            continue
        past = list(_PAST.finditer(text, 0, off.start()))
        if past and not _NOW.search(text, past[-1].end(), off.start()):
            continue
        if _over_since(text, off.end()):
            continue
        return True
    return False
