"""A machine or a patient not at home now, in a note about a medical need (``medical``): a
machine only to be got (bought, hired), given back, no longer used or used at a hospital, a
treatment gone to elsewhere, a person in hospital, a machine asked about as a thing to buy."""

from __future__ import annotations

import re

from powerdesk.servicedesk.understanding import medical_words
from powerdesk.servicedesk.understanding.medical_asked import _OUT_NOW
from powerdesk.servicedesk.understanding.medical_reading import (
    _POWER_TROUBLE,
    _clause_start,
    _sentence_start,
    _state_near,
)
from powerdesk.servicedesk.understanding.readings import _SENTENCE_END, NOW, _now_wanted

_c = re.compile
_CLINIC_GONE_TO = _c(medical_words.CLINIC_GONE_TO)


# A machine only to be bought, hired or fitted ("老人想买个制氧机", "打算给我爸租台呼吸机"): none at
# home yet: a wish or plan comes before it in its clause ...
# (not one bought, hired or given before: "租的呼吸机退了", "去年租台呼吸机", "医院给配个制氧机",
# "刚买个制氧机，现在停电了")
_TO_BE_GOT = _c(r"(买|购买|租|配)(个|台|一台|一个|套|一套|部)?$")
_WISHED = _c(r"想|打算|准备|计划|要不要")
# ... and no past, no machine given, and no outage told now.
_GOT_ALREADY = _c(r"刚|已经|已|去年|前年|上个?月|上周|上礼拜|年前|之前|以前|给[^，。,.]{0,4}配|了")


def _to_be_got(text: str, position: int) -> bool:
    """The machine named at ``position`` only wished or planned to be got."""
    start = _clause_start(text, position)
    before = text[start:position]
    return bool(
        _TO_BE_GOT.search(before)
        and _WISHED.search(before)
        and not _GOT_ALREADY.search(before)
        and not _OUT_NOW.search(text)
    )


# A machine given back, no longer used, or used at the hospital ("呼吸机已经退了", "透析在医院做").
_NOT_AT_HOME = _c(
    r"[^，。,.]{0,3}(退了|还了|还回去|不用了|没用了|停用了|用不上了|不需要了|在医院|去医院|到医院"
    # (at a hospital named: "在县医院洗", "到镇卫生院做"; taken at a clinic: "吸氧是去卫生院吸的")
    r"|在[^，。,.]{1,3}(医院|卫生院)|(去|到)[^，。,.]{0,3}(卫生院|卫生所|诊所|医院))"
)
# …not denied or asked ("不在医院", "不用了？"), not said of one machine while another is used
# ("还了一台，还有一台在用", "带回家用"), never with an outage now.
_NOT_AT_HOME_ASKED = _c(r"[了的]?(是假的|[？?吗么])")
_NOT_AT_HOME_UNDONE = _c(r"还有|在用|要用|用着|带回|回家|在家|离不开|不行")
# …unless no need at home is said too ("家里没有机器", "停电不要紧").
_NO_NEED_AT_HOME = _c(
    r"(家里|屋里|家头)(没有|没|冇)[^，。,.]{0,2}(机器|机子)|不要紧|没关系|不碍事|不影响"
)


# A person said to be in hospital, in the sentence that names them ("我家老人有尘肺病，但是他在医
# 院住着"; not "刚出院", "从医院回来").
_IN_HOSPITAL = _c(
    r"(在医院(住|躺)|(还|正|正在|现在|在)住院|住院(着|呢)|住着院)(?![^。.!！?？]{0,6}(回来|回家|出来|出院))"
)


def _in_hospital(text: str, match: re.Match[str]) -> bool:
    gone = _CLINIC_GONE_TO.search(text, max(0, match.start() - 4), match.end())
    if gone and _NO_NEED_AT_HOME.search(text):  # ("吸氧是去卫生院吸的 屋里没机器")
        return True
    following = _SENTENCE_END.search(text, match.end())
    return bool(
        _IN_HOSPITAL.search(
            text,
            _sentence_start(text, match.start()),
            following.start() if following else len(text),
        )
    )


# A treatment gone to elsewhere ("我去芒市陪我妈做透析了", "到县医院去做透析"): no machine at home,
# unless the power is said to be off now.
_GONE_TO_DO = _c(r"(去|到)(?!家|屋)[^，。,.]{1,6}(陪[^，。,.]{0,4})?去?做$")


def _done_away(text: str, position: int) -> bool:
    before = text[_clause_start(text, position) : position]
    return bool(_GONE_TO_DO.search(before)) and not any(
        _state_near(text, m) == NOW for m in _POWER_TROUBLE.finditer(text)
    )


def _not_at_home(text: str, position: int) -> bool:
    """The machine named just before ``position`` given back, no longer used, or used at the
    hospital, and no outage reported now."""
    found = _NOT_AT_HOME.match(text, position)
    if not found or text[found.start(1) - 1 : found.start(1)] in ("不", "没"):
        return False
    if _NOT_AT_HOME_ASKED.match(text, found.end()) or _NOT_AT_HOME_UNDONE.search(text, found.end()):
        return False
    if _NO_NEED_AT_HOME.search(text, found.end()):
        return True  # "透析在医院做，家里没有机器，停电不要紧"
    return not any(_state_near(text, m) == NOW for m in _POWER_TROUBLE.finditer(text))


# A machine asked about as a thing to buy ("鱼跃的制氧机好不好用，想买一台", "哪个牌子的呼吸机好"):
# whether it is any good or what it costs, said of it; its brand asked, or a plan to buy or hire
# it, just before it.
_PRODUCT_AFTER = _c(
    r"[^，。,.？?]{0,4}(好不好用|好用(吗|不|么)|耐不耐用|多少钱一?(台|个)|哪里(买|有卖)|在哪里?买)"
)
_PRODUCT_BEFORE = _c(
    r"((哪个|什么|啥)(牌子|品牌|型号)的?|(想|打算|准备|计划)[^，。,.？?]{0,3}(买|购买|租)(个|台|一台|一个|部)?)$"
)


def _asked_as_product(text: str, match: re.Match[str]) -> bool:
    """The machine named at ``match`` asked about as a thing to buy, in a note that wants nobody
    now and tells no outage."""
    before = text[_clause_start(text, match.start()) : match.start()]
    return (
        bool(_PRODUCT_AFTER.match(text, match.end()) or _PRODUCT_BEFORE.search(before))
        and not _now_wanted(text)
        and not _OUT_NOW.search(text)
    )
