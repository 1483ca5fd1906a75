"""A note about money alone (``Findings.money_only``): what power costs, the bill, the rates, the
balance or paying ("电费多少", "这个月电费咋个这么多", "交电费在哪交", "how much is my bill"),
with nothing told of the power being off, coming back or failing, now, past or to come. Under an
outage such a note is no fault of it (fix44b's leftover: "电费多少" was chosen 故障报修 and joined
to the outage). As ``medical_none.cost_only`` is for a machine named for its cost, with any
machine or none.

>>> money_only("电费多少")
True
>>> money_only("这个月电费咋个这么多")
True
>>> money_only("how much is my bill this month")
True
>>> money_only("有没有电费优惠")
True
>>> money_only("这个月电费跳得厉害")
True
>>> money_only("交了电费怎么还停电")
False
>>> money_only("电费交了，啥时候来电")
False
>>> money_only("欠费了，会不会断电")
False
>>> money_only("no power since 3pm, and the bill is due")
False
>>> money_only("电线断了")
False
"""

from __future__ import annotations

import re

from powerdesk.servicedesk.understanding import money_words
from powerdesk.servicedesk.understanding.medical_none import _power_trouble_told

__all__ = ["money_only"]

_c = re.compile
# Money named: the bill, the rates, the balance, paying, a charge ("多少钱一度").
_MONEY = _c(money_words.MONEY, re.IGNORECASE)
# The power waited for or failing, beyond the words of it off (``medical_none``'s): "啥时候来电",
# "灯不亮", "送电"; in English, off, out, back or cut.
_POWER_AWAITED = _c(
    r"来电(?!话)|送电|复电|恢复|通电|有电(?![费价表])|灯[^，。,.]{0,3}(不亮|没亮|灭)|不亮|黑|闪"
    r"|忽明忽暗|电压"
    r"|\bno\s+(?:power|electricity|lights?)\b|\b(?:power|electricity|lights?)\b[^.,;]{0,20}"
    r"\b(?:off|out|down|back|cut|gone|outage|failure)\b|\bblackout\b|\boutage\b|\bdark\b",
    re.IGNORECASE,
)


def money_only(text: str) -> bool:
    """Whether ``text`` is about money and tells nothing of the power off, awaited or failing."""
    return (
        bool(_MONEY.search(text))
        and not _power_trouble_told(text)
        and not _POWER_AWAITED.search(text)
    )
