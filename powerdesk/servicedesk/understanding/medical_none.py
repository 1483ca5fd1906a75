"""No medical need, whatever machine or patient a note names: the one it was for has died
(``need_ended``), every outage told of a time past and dealt with (``need_past``), or the
machine named only for what its power costs (``cost_only``). The rules read no need in such a
note, and the learned detector is not heard over it (``detector.vetoed``)."""

from __future__ import annotations

import re

from powerdesk.servicedesk.understanding import medical_words, money_words
from powerdesk.servicedesk.understanding.readings import PAST, _state

__all__ = ["cost_only", "need_ended", "need_past", "use_over"]

_c = re.compile
_DEVICES = _c(medical_words.MEDICAL_DEVICES)
_PEOPLE = _c(medical_words.MEDICAL_PEOPLE)
_POWER_TROUBLE = _c(medical_words.POWER_TROUBLE)
_ANY_OUTAGE = _c(medical_words.ANY_OUTAGE)


# The person the machine was for has died ("人已经走了", "老人去世了"), said by words that tell
# nothing else: not "走了/不在了" going on to where ("我爸已经走了去镇上", "我妈走了去找人": gone
# out, not dead).
_DIED = _c(
    r"去世|过世|逝世|病故|已故|人没了"
    r"|(人|老人|老伴|他|她|爸|妈|爹|娘|爷爷|奶奶|老汉|婆婆)(已经|都|早就?)?(走了|不在了)(?!了?[去到出])"
)
# ... and the need dropped only when the note tells no power trouble at all, past, now or to come
# (the account closed or its name changed: "人已经走了，想销户"); an outage said as begun in the
# past ("早上停的电") is still on.
# (not "电费有没有优惠": a question)
_ANY_POWER_TROUBLE = _c(
    r"停[的了]?电|断[的了]?电|电[^，。,.]{0,2}(停|断|(?<!有)没)|没电|黑[了起]|停了"
)


def _power_trouble_told(text: str) -> bool:
    return bool(
        _POWER_TROUBLE.search(text) or _ANY_OUTAGE.search(text) or _ANY_POWER_TROUBLE.search(text)
    )


# A machine told as used once ("原来用呼吸机", "以前用制氧机") and its use over since: the one it
# was for in hospital now, or better, or the machine no longer used ("已经住院了，家里不用了",
# "现在好了不用了"), whatever the power does; not taken up again ("又用上了", "离不开").
_USED_ONCE = _c(
    r"(原来|以前|之前|早前|早先|过去|前年|去年|那阵子?|那时候?|前些年)[^，。,.!！?？]{0,6}"
    r"(用|吸|靠|做|离不开|离不得)"
)
_USE_OVER = _c(
    r"(家里|屋里|屋头|现在|已经|早就|都)?(不用了|没用了|用不着了|不再用|没再用|停用了|用不上了|无用"
    r"|住院了|住进医院|住到医院|住去医院|住去老人院|在医院住)"
)
_TAKEN_UP_AGAIN = _c(
    r"又(用|吸|开始|离不|要用|喘|犯)|重新(用|吸)|还(在|得|要)用|离不(开|得)了|出院|回(家|来|屋)了|接回"
)


# …or given up, said with 已经/早就/不再 next to the machine ("已经不用制氧机了", "呼吸机早就不用
# 了"); not a machine that cannot be used ("用不了", "不能用": the power is off), nor "不用怕".
_DEVICE = f"(?:{medical_words.MEDICAL_DEVICES})"
_GIVEN_UP = _c(
    r"(已经|早就|早都|早已|早)(不用|不再用|没再用|停用|不吸|不做)了?(家里的?|那台|那个|这个)?"
    rf"{_DEVICE}|{_DEVICE}[^，。,.!！?？]{{0,3}}?(已经|早就|早都|早已|早)(不用|不再用|停用|不吸|不做)了"
    r"|不再用(家里的?|那台|那个|这个)?" + _DEVICE
)


def use_over(text: str) -> bool:
    """A machine used once and its use told over since ("我妈原来用呼吸机，已经住院了，家里不用
    了"), or given up ("已经不用制氧机了"), and not taken up again: nobody at home needs it now,
    whatever the power does."""
    given_up = _GIVEN_UP.search(text)
    if given_up and not _TAKEN_UP_AGAIN.search(text, given_up.end()):
        return True
    once = _USED_ONCE.search(text)
    if not once or not _DEVICES.search(text):
        return False
    over = _USE_OVER.search(text, once.end())
    return over is not None and not _TAKEN_UP_AGAIN.search(text, over.end())


def need_ended(text: str) -> bool:
    """The person a machine was for has died, and the note tells no power trouble; or its use is
    told over (``use_over``): whatever machine it names, nobody needs it now ("我家老人以前用制
    氧机，人已经走了，想销户")."""
    return (bool(_DIED.search(text)) and not _power_trouble_told(text)) or use_over(text)


def need_past(text: str) -> bool:
    """A machine or a patient named, and every outage told of a time past and dealt with
    ("我爸吸氧那阵停电，你们先给我们送的电", "上回停电…连夜送县医院，这事你们要负责"): thanks or a
    complaint about then, no need now (``_medical_need`` reads the outage as past)."""
    troubles = [_state(text, m) for m in _POWER_TROUBLE.finditer(text)]
    return (
        bool(_DEVICES.search(text) or _PEOPLE.search(text))
        and bool(troubles)
        and all(state == PAST for state in troubles)
    )


# A note about what a machine's power costs ("我妈用制氧机，这个月电费多了一百多"): no need now,
# unless the power is to be cut for it ("余额负五块，啥时候会断").
_CUT_SPOKEN = _c(r"断|停|欠|余额|拉闸")
# (what it costs asked or said: ``money_words.COST_ASKED``, the words of money the note about
# money alone reads too)
_ABOUT_THE_BILL = _c(money_words.COST_ASKED)


def cost_only(text: str) -> bool:
    """A machine named only for what its power costs, and no power trouble told, past, now or to
    come ("家里有台制氧机，用电多，能不能办个便宜点的电价"): no need, heard or learned."""
    return (
        bool(_DEVICES.search(text))
        and bool(_ABOUT_THE_BILL.search(text))
        and not _CUT_SPOKEN.search(text)
        and not _power_trouble_told(text)
    )
