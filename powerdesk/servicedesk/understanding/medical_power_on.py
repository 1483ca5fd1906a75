"""The power said to be on now in a note about a medical need (``medical``): no need now,
unless the power is off again, its return asked, an outage planned, or the machine failing or
the patient in distress after it."""

from __future__ import annotations

import re

from powerdesk.servicedesk.understanding import medical_words
from powerdesk.servicedesk.understanding.medical_asked import _RETURN_ASKED
from powerdesk.servicedesk.understanding.medical_reading import (
    _ANY_OUTAGE,
    _POWER_TROUBLE,
    _clause_start,
    _state_near,
)
from powerdesk.servicedesk.understanding.readings import NOW

_c = re.compile


# The power said to be on now ("现在有电的", "电是好的", "目前供电正常", "现在电也来了", "现在电好好
# 的", "孙奶奶家来电了"), not asked ("现在有电了吗"), denied ("现在还没来电", "没有电的"), wanted
# ("我要你们现在就来电") or said of a place ("有电的地方"): a question, thanks or a complaint about
# a patient with the power on is no need now ...
_POWER_ON = _c(
    r"(现在|目前|眼下|这会儿?|如今|而今)[^，。,.？?！!没冇不未木莫还就快尽能要]{0,4}(有电|来电|供电正常|电(也|都|已经)?(是)?(好好|好|正常|来|有)(的|了))"
    r"|(有电(的|冇事|没事|不要紧)|电是好的|电(还)?好好的|供电正常|家里?(已经)?来电了)(?![^\s，。,.！!？?])"
)
# (wanted, not said: "我要你们现在就来电", "让现在来电")
_POWER_WANTED = _c(r"(要|让|请|希望|能不能|求)[^，。,.！!？?]{0,4}$")
# (asked or denied right after it: "现在有电了吗", "有电不？"; not "有电没事")
_POWER_ON_ASKED = _c(r"[吗么？?]|没(?!事)|不(?!要紧|怕)")
_POWER_ON_UNDONE = _c(r"又|电压|一闪|忽|时有时|跳闸|停了|没电")
# ... unless an outage is told after it ("现在有电了，刚才又停了", "有电的，但电压低，制氧机开
# 不起来") or the return of the power is asked, or an outage is planned (``_ANY_OUTAGE``); or,
# after it, the machine fails or the patient is in distress: the surge after a restore ("家里来
# 电了，制氧机坏了，老人喘不上气", "现在有电了，机器显示电源故障", "呼吸机烧坏了，人在喘").
_FAILING_AFTER = _c(
    rf"{medical_words.MACHINE_FAILING}|坏|烧|故障|开不|不亮"
    r"|喘|憋|透不过气|上不来气|难受|昏|晕|不行了|出问题|出毛病"
)
_FAILING_SPAN = 30


def _power_on_now(text: str) -> bool:
    """The note says the power is on now, and nothing after it says it is off or failing."""
    found = list(_POWER_ON.finditer(text))
    if not found:
        return False
    last = found[-1]
    following = text[last.end() : last.end() + 12]
    preceding = text[max(0, last.start() - 3) : last.start()]
    if (
        _POWER_ON_ASKED.match(following)
        or _POWER_ON_UNDONE.search(following)
        or _FAILING_AFTER.search(text, last.end(), last.end() + _FAILING_SPAN)
        or preceding.endswith(("不", "没", "冇", "木", "莫", "未", "还", "是不是"))
        or _POWER_WANTED.search(text, _clause_start(text, last.start()), last.start())
    ):
        return False
    if _ANY_OUTAGE.search(text) or _RETURN_ASKED.search(text, last.end()):
        return False
    return not any(
        _state_near(text, m) == NOW and m.start() > last.end()
        for m in _POWER_TROUBLE.finditer(text)
    )
