"""A machine or a patient named only to say there is none, and nothing else in the note that
could be a need (notes57, issue 18): "停电了，家里没有制氧机", "没有人用呼吸机的", "家里没有病人，
也没有制氧机". The rules read no need there (``without_it.need_state``: each mention denied), and
the learned detector is not heard over it (``urgency.Findings.machine_denied``,
``detector.vetoed``): the clerk is not asked to check a machine the caller said is not there.

A reading that cannot lose a need: every machine and patient the note names is denied, and once
each denial and what it covers ("没有…制氧机") is taken out, nothing is left that a need could be
said with — no person of a household (老人, 孩子, 孕妇, 爸, 妈, …: "停电了，没有制氧机，我爸在
床上"), no word of health or the body (病, 身体, 喘, 氧, 药, 医, 憋, 心脏, …), no dependence ("活
不了", "就得", "的话", ``without_it.DEPENDS``), no haste (快, 赶紧, 急, 救), no machine named again
(机器, 设备), no use of it ("没有制氧机用了": the machine is there, the power is not), no turn
("但是", "不过", "只是"), nothing in English. Any of them and the detector is
heard as before (the clerk asked).

>>> denied_only("停电了，家里没有制氧机")
True
>>> denied_only("没有人用呼吸机的")
True
>>> denied_only("停电了，家里没有制氧机，老人喘不上气")
False
>>> denied_only("家里没有制氧机，但是我妈身体不好")
False
>>> denied_only("停电了，家里老人用制氧机")
False
>>> denied_only("停电时候挨家挨户问有没有病人")
False
>>> denied_only("停电了，没有制氧机用了")
False
"""

from __future__ import annotations

import re

from powerdesk.servicedesk.understanding import medical_words
from powerdesk.servicedesk.understanding.bounded import around
from powerdesk.servicedesk.understanding.readings import _CLAUSE, DENIED
from powerdesk.servicedesk.understanding.without_it import (
    ASKED,
    DENIAL,
    DEPENDS,
    ELDERLY_WORDS,
    need_state,
)

__all__ = ["denied_only"]

_c = re.compile
_DEVICES = _c(medical_words.MEDICAL_DEVICES)
_PEOPLE = _c(medical_words.MEDICAL_PEOPLE)
# What a need could still be said with, once the denials are taken out.
_HINT = _c(
    # a person of the household
    rf"{ELDERLY_WORDS}|小孩|孩子|娃|儿童|孕妇|残疾|宝宝|婴儿|老[头太汉伴婆]|[爸妈爹娘爷奶姥]"
    r"|外[婆公]|公公|婆婆|父|母|儿子|女儿|媳妇|老公|老婆|丈夫|妻子|家属"
    # health, the body, care
    r"|病|身体|喘|氧|药|医|诊|护|憋|心脏|肺|血|胰|糖|透|呼吸|痰|疼|痛|晕|昏|烧|咳|瘫|床|躺"
    r"|伤|残|哮|怀|孕|产|月子|住院|出院|手术|插管|管子|冰箱|冷藏"
    # haste, danger
    r"|快|赶紧|赶快|马上|立刻|尽快|急|救|命|死|危|要紧|不行|受不了|难受|不舒服"
    # a machine named again, its use ("没有制氧机用了": the power is what it lacks), a turn, a
    # condition
    r"|用|使|机|设备|仪器|器|但|不过|可是|只是|就是|然而|要是|如果|万一|的话"
    # English
    r"|[A-Za-z]{2,}"
)


def denied_only(text: str) -> bool:
    """Every machine and patient the note names is denied, and nothing else in it could be a need
    (this module's doc)."""
    mentions = [*_DEVICES.finditer(text), *_PEOPLE.finditer(text)]
    if not mentions:
        return False
    spans: list[tuple[int, int]] = []
    for mention in mentions:
        if need_state(*around(text, mention)) != DENIED:
            return False
        span = _denied_span(text, mention)
        if span is None:
            return False
        spans.append(span)
    rest = list(text)
    for start, end in spans:
        rest[start:end] = "，" * (end - start)
    left = "".join(rest)
    return not _HINT.search(left) and not DEPENDS.search(left)


def _denied_span(text: str, mention: re.Match[str]) -> tuple[int, int] | None:
    """From the denial that covers ``mention`` to its end (the last denial before it in its
    clause; else, "制氧机倒是没有", the first after it); None when it has none, or it is asked."""
    start = max((m.end() for m in _CLAUSE.finditer(text, 0, mention.start())), default=0)
    before = list(DENIAL.finditer(text, start, mention.start()))
    following = _CLAUSE.search(text, mention.end())
    end = following.start() if following else len(text)
    after = DENIAL.search(text, mention.end(), end)
    denial = before[-1] if before else after
    if denial is None or ASKED.search(text[start : denial.start()] + denial.group()[:1]):
        return None  # (a denial asked, "有没有病人", denies nothing)
    return min(denial.start(), mention.start()), max(denial.end(), mention.end())
