"""A burning that is no fire of power: the sparks, smoke or fire of a hearth, a stove, a kiln,
incense or fireworks, or of a temper, said just before it in its clause; or said after it, in its
sentence, to be a hearth's or nothing of power (``of_a_hearth``)."""

from __future__ import annotations

import re

from powerdesk.servicedesk.understanding.danger_words import DANGERS
from powerdesk.servicedesk.understanding.medical_words import POWER_TROUBLE
from powerdesk.servicedesk.understanding.readings import _CLAUSE, _SENTENCE_END

_c = re.compile

# Fire, sparks or smoke of a hearth, a stove, a kiln, incense or fireworks, said just before them in
# their clause with nothing of power between ("隔壁火塘的火星子溅到楼板上", "烧炭的窑子冒烟"; not
# "灶台边的插座冒火星").
BURNING = ("arcing or sparks", "smoke", "fire")
NOT_OURS = "not ours"
_HEARTH = _c(
    r"(火塘|火坑|火炉|炉子|炉灶|灶台?|柴火|烧炭|炭窑|砖窑|窑子?|烟囱|火盆|烤火|鞭炮|炮仗|烟花|蚊香|蜡烛"
    r"|香火|烧纸|烧香|电焊|焊)[^，。,.!！?？电线杆箱表插座开关变闸机]{0,6}$"
)


# Smoke or fire of a temper, said right before it ("我气得冒烟", "急得冒火"): no fire at all.
_TEMPER = _c(r"(?<![压电])(气|急|恼|躁)得(直|要|都|快)?$")


# ... or said after it, in its sentence, to be a hearth's ("火星子是打铁铺那边的", "后来发现是灶头烧
# 的": 是, the hearth, and the clause closing on it or on 的 with nothing of power or of a place
# after it) or nothing of power ("跟电没关系"); not "不是灶头的", nor what lies beneath ("下面堆的是
# 柴火"), nor where the thing of power is ("是灶台后面那个插座", "是在烤火的那家旁边", "是火塘上面
# 拉的那根线", "是窑厂那根线"), nor asked or guessed ("是不是电焊引起的？", "不知道是不是烧草引起
# 的", "是不是烧柴火的烟？不像").
_SAID_A_HEARTHS = _c(
    r"(?<![不没])是(?!不是)[^，。,.!！?？\s]{0,6}?(火塘|火坑|火炉|炉子|炉灶|灶|烧柴火?|柴火(?=烧|冒|引|烟)|烧炭"
    r"|炭窑|砖窑|窑|烟囱|火盆|烤火|鞭炮|炮仗|烟花|蚊香|蜡烛|香火|烧纸钱?|烧香|电焊|打铁|铁匠"
    r"|烧(稻草|秸秆|垃圾|树叶|草))(?P<rest>[^，,。.;；！!?？\s]*)"
)
# (what may follow the hearth to its clause's end: nothing, or a few words closing on 的 and
# perhaps what burned: "是灶头烧的", "是打铁铺那边的", "是烟囱冒的烟")
_HEARTHS_CLOSE = _c(r"([^的]{0,6}的(烟|火|火星子?|火花|味道?|灰)?)?(啊|呀|哦|嘛|了)?")
_PLACE_OR_POWER = (
    r"旁边|附近|门口|边上|后面|上面|下面|那家|上头|下头|底下|前面|对面|背后|里头|里面|隔壁"
    r"|线|电|表|箱|插|杆|变压器|开关|闸|灯"
)
_A_PLACE_OR_POWER = _c(_PLACE_OR_POWER)
# (... or in the words after a space: "是灶台 后面那个插座")
_GOES_ON_TO = _c(rf"\s+的?[那这]?[个根条家只]?({_PLACE_OR_POWER})")
# (nothing of power: "跟电没关系", "不关电的事", "不是电" said alone or of what happened: "烧煤 不是
# 电", "不是电的事"; not "不是电压的问题", "不是电焊")
_NOTHING_OF_POWER = _c(
    r"(跟|和|与)电(力|路|线)?(没得?|无|冇|莫得?)(有)?(关系?|啥关系|事)|不关电的事"
    r"|不是电(?=的|引起|造成|[，,。.!！\s]|$)"
)
# (asked or guessed before the saying or in its clause: no saying what it was)
_UNSURE = _c(r"吗|么|吧|不知道|不晓得|不清楚|可能|不像|是不是|会不会|好像|也许|或许|说不定|估计")


def _said_not_of_power(text: str, start: int, end: int) -> bool:
    """The sentence after a burning, ``text[start:end]``, says it was a hearth's or nothing of
    power, and does not ask or guess it."""
    for said in [
        *_NOTHING_OF_POWER.finditer(text, start, end),
        *_SAID_A_HEARTHS.finditer(text, start, end),
    ]:
        clause_end = _CLAUSE.search(text, said.end())
        stop = clause_end.start() if clause_end else len(text)
        if _UNSURE.search(text, start, stop) or text[stop : stop + 1] in ("?", "？"):
            continue
        if said.re is _SAID_A_HEARTHS and (
            _A_PLACE_OR_POWER.search(said.group("rest"))
            or not _HEARTHS_CLOSE.fullmatch(said.group("rest"))
            or _GOES_ON_TO.match(text, said.end())
        ):
            continue
        return True
    return False


def of_a_hearth(text: str, match: re.Match[str]) -> bool:
    clause_start = max((m.end() for m in _CLAUSE.finditer(text, 0, match.start())), default=0)
    following = _SENTENCE_END.search(text, match.end())
    return bool(
        _HEARTH.search(text, clause_start, match.start())
        or _TEMPER.search(text, clause_start, match.start())
        or _said_not_of_power(text, match.end(), following.start() if following else len(text))
    )


_BURNINGS = [_c(DANGERS[kind]) for kind in BURNING]
# Anything else of power wrong told beside it ("…跟电没关系，但是屋里停电了", "…插座也烫", "…不是
# 电 主要是木有电"): a fault all the same.
_POWER_WRONG = _c(
    POWER_TROUBLE + r"|[木冇]有电|电压|闪|不亮|烫|漏电|麻(?!烦)|线[^，。,.]{0,3}(断|掉|垂|烧)"
)


def hearth_only(text: str) -> bool:
    """Every burning the note names is a hearth's or nothing of power (``of_a_hearth``), and
    nothing else of power is told wrong: a call to say so, no repair to make
    ("厨房冒烟了，是灶头烧的，跟电没关系")."""
    found = [m for burning in _BURNINGS for m in burning.finditer(text)]
    return (
        bool(found) and all(of_a_hearth(text, m) for m in found) and not _POWER_WRONG.search(text)
    )
