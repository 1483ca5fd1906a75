"""A second matter in a call's note: the power off now, told beside another errand (walk58, M3:
"电费卡里钱扣多了，灯也不亮", money taken off the card and the lights out, was suggested billing at
92.7 % and saved as a billing call, the power-off part lost and never joined to the outage above
the caller).

The power is off now when the rules say so (``medical.outage_told``: "家里没电了", "莫得电", not
asked, not planned, not past and dealt with; in English ``english_power.power_off``), the lights
said out now counting as the power ("灯也不亮", "灯都灭了": read by the same rule as "没电了",
so that "昨天灯不亮" or "灯不亮吗" is not). A note of a fault or a danger is already about it; any
other category (billing, a question, a complaint, an application) leaves it unsaid: intake shows the
second matter, offers fault repair instead, and does not save such a note "as suggested" without
the clerk choosing (``intake_shown``, ``views_intake``).

The power off is read in its own clause (walk67, H1): "现在家里停电了，另外想问下这个月电费怎么这么
多" was read as a question whole, the bill asked about cancelling the power off told. A clause
asking of the bill and naming nothing of the supply (``_THE_BILL``, ``_OF_THE_SUPPLY``: "电费怎么
这么多", "余额咋个扣得这么快") has its asking words taken out before the rule reads the note; the
power off must then be told now in its own clause (``_now_in_its_clause``): not past ("上个月停
电"), not an outage's time or notice ("停电时间", "停电通知"), not the cause of a loss, and not a
cut for the bill unpaid ("欠费停电了"). A clause asking of the power itself ("停电了吗", "下周停电
吗") still makes it not now.
"""

from __future__ import annotations

import re

from powerdesk.outages.desk_signals import power_said_on
from powerdesk.servicedesk.models import Category
from powerdesk.servicedesk.understanding.cues import ASKS
from powerdesk.servicedesk.understanding.dialects import as_mandarin
from powerdesk.servicedesk.understanding.english_power import power_off
from powerdesk.servicedesk.understanding.medical import outage_told
from powerdesk.servicedesk.understanding.medical_words import POWER_TROUBLE

__all__ = ["ALREADY_ABOUT_IT", "power_off_now", "power_off_too"]

# The categories of a call about the power off or a danger on the line: the matter is theirs.
ALREADY_ABOUT_IT = frozenset({Category.FAULT_REPAIR, Category.HAZARD})
# The note's first characters are plenty (as ``intake_choices.SUGGEST_CHARS``).
_READ_CHARS = 4000
# The lights out at the caller's ("灯也不亮", "灯都灭了", "电灯不亮了"), not a street lamp's (a
# street lamp is a job of its own, not the household's supply) nor lights dim ("灯不怎么亮").
_LIGHTS_OUT = re.compile(r"(?<!路)(?<!街)灯[^，。,.!！?？；;]{0,4}(不亮|没亮|灭|熄)")
# A clause: up to a mark, or up to another errand opened without one ("停电了另外想问下电费").
_CLAUSE = re.compile(r"[^，。,.!！?？；;\n]*[，。,.!！?？；;\n]*")
_ANOTHER_ERRAND = re.compile(r"(?=另外|顺便|还想问|再问|还有(?:就是|个|一个|件|电费|钱|余额|账))")
# The bill, its money or the meter's reading: the errand a clause asks of beside the power off
# ("这个月电费怎么这么多", "余额怎么扣这么快", "用电量咋个这么大") ...
_THE_BILL = re.compile(
    r"电费|缴费|交费|充值|扣费|扣钱|扣了|扣得|多扣|余额|账单|电价|用电量|度数|多少度|收费|多收|发票"
)
# ... and with no word of the supply itself: the power off or back, the lights, the switch, the
# line, the meter's power, its repair or its notice.
_OF_THE_SUPPLY = re.compile(
    POWER_TROUBLE
    + r"|停|断|(来|有|没|通|送|供|复)电(?!费|价|量|表|话)|电压|电源|恢复|闸|灯|亮|黑|线|杆|变压器"
    + r"|保险|抢修|修|师傅|电工|来人"
)
# The power off or the lights out as told (the rule's words, less the power come or sent back,
# "来电", "送电": a call is "来电" too), ...
_OFF = re.compile(POWER_TROUBLE + "|" + _LIGHTS_OUT.pattern)
_BACK = frozenset({"来电", "送电", "复电", "恢复供电"})
# ... not an outage's time, notice or plan ("停电时间", "停电通知", "停电那天"), nor the cause of
# a loss told ("因为停电，孵的小鸡全死了") ...
_NOT_THE_POWER_OFF = re.compile(r"的?(时间|时候|期间|通知|计划|安排|公告|那天|那次|那回|几天)")
_CAUSE_OF = ("因为", "由于", "因", "为了")
# The power cut for the bill unpaid ("欠费停电了，电费怎么交", "余额不足被停了"): the bill's own
# matter, never a fault to mend.
_CUT_FOR_THE_BILL = re.compile(
    r"欠费|欠了?[^，。,.]{0,4}电?费|(没|未|忘)交[^，。,.]{0,3}费|余额(不足|不够|用完|没了)|钱用完"
    r"|(被|给)[^，。,.]{0,3}(停|断|拉|掐)"
)
# ... nor under a time past ("上个月停电", "昨天灯不亮") with no "now" between ("昨天交了费，现在
# 又停电了").
_PAST = re.compile(
    r"上个?月|上周|上礼拜|上星期|上次|上回|昨天|昨晚|昨儿|前天|前几天|前段时间|去年|前年|之前|以前"
    r"|那天|那次|那回|[0-9一二三四五六七八九十]+[号日]"
)
_NOW = re.compile(r"现在|目前|眼下|这会|此刻|今天|今晚|刚刚?|又|还|一直|到现在")


def power_off_now(text: str) -> bool:
    """Whether the note tells the power off at the caller's now (and not said back on)."""
    text = (text or "")[:_READ_CHARS].strip()
    if not text or power_said_on(text):
        return False
    mandarin = as_mandarin(text)
    if _told(mandarin) or power_off(text):
        return True
    # Another errand asked beside it: the power off read in its own clause, and told now there.
    unasked = _other_questions_unasked(mandarin)
    return (
        unasked != mandarin
        and not _CUT_FOR_THE_BILL.search(unasked)
        and _told(unasked)
        and _now_in_its_clause(unasked)
    )


def _told(mandarin: str) -> bool:
    # The lights out read as "没电" by the rule of the power off: asked, past, planned or
    # habitual, it is not now.
    lights_as_power = _LIGHTS_OUT.sub("没电", mandarin)
    return outage_told(mandarin) or outage_told(lights_as_power)


def power_off_too(text: str, category: str) -> bool:
    """The note tells the power off now, and ``category`` (the suggestion's or the clerk's) is
    not one about it: a second matter for the desk. False with no category (the clerk chooses
    anyway)."""
    if not category or category in ALREADY_ABOUT_IT or category == "other":
        return False
    return power_off_now(text)


def _other_questions_unasked(text: str) -> str:
    """``text`` with the asking words taken out of each clause that asks of the bill and not of
    the supply ("另外想问下这个月电费怎么这么多" → "另外下这个月电费这么多")."""
    clauses = [
        part for clause in _CLAUSE.findall(text) for part in _ANOTHER_ERRAND.split(clause) if part
    ]
    return "".join(ASKS.sub(_unasked, part) if _the_bill_asked(part) else part for part in clauses)


def _the_bill_asked(clause: str) -> bool:
    return bool(
        ASKS.search(clause) and _THE_BILL.search(clause) and not _OF_THE_SUPPLY.search(clause)
    )


def _unasked(asking: re.Match[str]) -> str:
    # A question mark stays a clause's end; the words go.
    return "。" if asking.group() in "?？" else ""


def _now_in_its_clause(text: str) -> bool:
    """A power off in ``text`` told as it is now: not an outage's time or notice, and under no
    time past that a "now" has not followed."""
    for off in _OFF.finditer(text):
        if off.group() in _BACK or _NOT_THE_POWER_OFF.match(text, off.end()):
            continue
        if text[max(0, off.start() - 2) : off.start()].endswith(_CAUSE_OF):
            continue
        past = list(_PAST.finditer(text, 0, off.start()))
        if past and not _NOW.search(text, past[-1].end(), off.start()):
            continue
        return True
    return False
