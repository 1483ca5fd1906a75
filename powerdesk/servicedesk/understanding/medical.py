"""A medical need at home: a machine or medicine that needs power or cold, or a person who
depends on it, in a note that says the power is off or failing now (``_medical_need``); not such a
machine only asked about or wished for, the power not off.
"""

from __future__ import annotations

import re

from powerdesk.servicedesk.understanding import medical_words
from powerdesk.servicedesk.understanding.asked_apart import told_apart
from powerdesk.servicedesk.understanding.bounded import around
from powerdesk.servicedesk.understanding.cues import ASKS
from powerdesk.servicedesk.understanding.cut_held import cut_held_asked
from powerdesk.servicedesk.understanding.machine_fine import said_working
from powerdesk.servicedesk.understanding.medical_none import (
    _ABOUT_THE_BILL,
    _CUT_SPOKEN,
    need_ended,
)
from powerdesk.servicedesk.understanding.readings import (
    _ASKING_OPENS,
    _CLAUSE,
    _INQUIRY,
    _PARTICULAR_TIME,
    _SENTENCE_END,
    FEARED,
    NOW,
    PAST,
    _now_wanted,
    _state,
)

_c = re.compile
_DEVICES = _c(medical_words.MEDICAL_DEVICES)
_AERATOR = _c(medical_words.AERATOR)
_AQUATIC = _c(medical_words.AQUATIC)
_PEOPLE = _c(medical_words.MEDICAL_PEOPLE)
_POWER_TROUBLE = _c(medical_words.POWER_TROUBLE)
_HABITUAL_BEFORE = _c(medical_words.HABITUAL_BEFORE)
_HABITUAL_AFTER = _c(medical_words.HABITUAL_AFTER)
_ANY_OUTAGE = _c(medical_words.ANY_OUTAGE)
_CUT_HELD = _c(medical_words.CUT_HELD)
_CUT_HELD_LEAD = _c(medical_words.CUT_HELD_LEAD)
_CUT_HELD_IN_GENERAL = _c(medical_words.CUT_HELD_IN_GENERAL)
_CLINIC_GONE_TO = _c(medical_words.CLINIC_GONE_TO)


# A machine asked about as failing or what to do with it ("制氧机用不了怎么办"): its need is now
# when the power is off now.
_HOW_NOW = _c(rf"[^，。,.？?]{{0,6}}(怎么办|咋办|咋整|怎么弄|停了|{medical_words.MACHINE_FAILING})")


def _state_near(text: str, match: re.Match[str]) -> str:
    """How a mention is spoken of, read within its reach in a long note (``bounded.around``)."""
    return _state(*around(text, match))


def _out_again(text: str, match: re.Match[str]) -> bool:
    """A machine or a patient told of a time past, and the power told off now after it ("我爸吸氧
    那阵子停电，你们先给我们送的电，这回又停了"): the need is back with the outage."""
    return _state(text, match) == PAST and any(
        m.start() > match.end() and _state_near(text, m) == NOW and not _habitual(text, m)
        for m in _POWER_TROUBLE.finditer(text)
    )


def _medical_need(text: str) -> bool:
    """A machine or medicine that needs power, or a person who depends on it, and the power off
    or failing now; or such a machine named as in use, in a note that neither asks nor wishes
    ("家里老人用着制氧机，快点来")."""
    aquatic = bool(_AQUATIC.search(text))
    device = any(
        (
            _state_near(text, m) == NOW
            or (_state_near(text, m) == FEARED and _HOW_NOW.match(text, m.end()))
            or _out_again(*around(text, m))
        )
        and not (aquatic and _AERATOR.match(text, m.start()))
        and not _not_at_home(text, m.end())
        and not _done_away(text, m.start())
        and not _to_be_got(text, m.start())
        and not _asked_as_product(text, m)
        for m in _DEVICES.finditer(text)
    )
    people = any(
        (_state_near(text, m) == NOW or _out_again(*around(text, m))) and not _in_hospital(text, m)
        for m in _PEOPLE.finditer(text)
    )
    if not device and not people:
        return False
    if need_ended(text):
        return False  # "我家老人以前用制氧机，人已经走了，想销户": nobody left on the machine
    if _power_on_now(text):
        return False
    if not _asked_in_general(text) and any(
        _state_near(text, m) == NOW and not _habitual(text, m)
        for m in _POWER_TROUBLE.finditer(text)
    ):
        return True
    if (
        (_RETURN_ASKED.search(text) or _OUT_NOW.search(text))
        and not _BUYING.search(text)
        and not _AT_HOSPITAL.search(text)
        and not _A_CASE.search(text)
    ):
        # The power's return asked about, or the power out told in a question, and a machine or a
        # patient at home ("请问电啥时候恢复，家里有制氧机"): the asking is the need.
        return True
    if _ANY_OUTAGE.search(text):
        # An outage on a day named (planned, or for works at the house: "明天换表要停两个钟头")
        # and a machine or a patient there now: the household must plan now, asking or not.
        return True
    if any(_cut_held(text, m) for m in _CUT_HELD.finditer(text)) or cut_held_asked(text):
        # The cut asked to be held ("要办暂停 … 气垫床和吸痰机咋办 先莫停"): one is coming.
        return True
    about_the_bill = _ABOUT_THE_BILL.search(text) and not _CUT_SPOKEN.search(text)
    return device and not _asks_or_wishes(text) and not about_the_bill and not said_working(text)


def _cut_held(text: str, match: re.Match[str]) -> bool:
    """The cut asked to be held at ``match`` ("先莫停") is asked now: read by its first word (the
    rest is the plea's own "莫"), not under a condition ("要是下个月停电 先别停"), not of outages
    to come in general ("建议以后停电 先别停有病人的户")."""
    lead = _CUT_HELD_LEAD.match(text, match.start())
    return (
        lead is not None
        and _state(text, lead) == NOW
        and not _CUT_HELD_IN_GENERAL.search(text, 0, match.start())
    )


def machine_fine(text: str) -> bool:
    """A machine said to be working (``machine_fine.said_working``: "气垫床好好的", "机器正常"),
    and no outage told now, planned or asked about: no need, and the learned detector is not
    heard over it (``Findings.machine_fine``)."""
    return (
        said_working(text)
        and not _OUT_NOW.search(text)
        and not _ANY_OUTAGE.search(text)
        and not _RETURN_ASKED.search(text)
        and not any(_state_near(text, m) == NOW for m in _POWER_TROUBLE.finditer(text))
    )


# A supply still to be made, not an outage ("新房还没通电", "申请增容"): a new connection's words.
_NEW_SUPPLY = _c(r"新房|新屋|新院|新盖|新家|新装|报装|装表|增容|扩容|容量|改线|(没|未)通电|安置点")


def outage_told(text: str) -> bool:
    """The power told to be off or failing now ("还是没有电", "一直黑起的"): not asked about
    (``cues.ASKS``; a question of something else beside it, "家里没电了，怎么办", read apart:
    ``asked_apart``), not a supply still to be made (``_NEW_SUPPLY``), not an outage on a day
    named (planned: ``ANY_OUTAGE``), nor outages in general or as they come each time. With a
    medical need it is a fault to mend now, whatever the note's other words sound like
    (``classifier._suggestion``)."""
    return _told_whole(text) or told_apart(text, _told_whole)


def _told_whole(text: str) -> bool:
    return (
        not ASKS.search(text)
        and not _NEW_SUPPLY.search(text)
        and not _ANY_OUTAGE.search(text)
        and not _asked_in_general(text)
        and any(
            _state_near(text, m) == NOW and not _habitual(text, m)
            for m in _POWER_TROUBLE.finditer(text)
        )
    )


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


def _clause_start(text: str, position: int) -> int:
    return max((m.end() for m in _CLAUSE.finditer(text, 0, position)), default=0)


# The power's return asked about ("电啥时候恢复", "能不能先来电", "有没有发电车", "电来不来").
_RETURN_ASKED = _c(
    r"(什么时候|啥时候|几时|多久|何时|几点|先|快点?|赶紧|尽快|马上)[^，。,.？?]{0,3}"
    r"(来电|恢复|送电|有电|通电|复电)"
    r"|(来电|恢复供电|送电|有电|通电|复电)(吗|么|没|不|了没|呢)"
    r"|电[^，。,.？?]{0,3}(什么时候|啥时候|几时|多久|何时|几点)[^，。,.？?]{0,3}(来|恢复|有|通)"
    r"|电(来不来|来了没|能不能来|恢复了?没|恢复不|有没有来)|发电车|(有没有|有|借|派|拉)[^，。,.？?]{0,3}发电机|电[^，。,.？?]{0,3}撑不住"
)
# The power out now, even in a question ("请问停电了制氧机怎么办").
_OUT_NOW = _c(r"(停电|没电|断电|没有电|莫得电|没得电|么得电|冇电)(了|啦|咯|喽)")
# …but not a machine only to be bought, nor one at the hospital.
_BUYING = _c(r"买|购|租")
_AT_HOSPITAL = _c(r"在医院|住院|去医院|到医院")
# …nor a case that may come or a suggestion ("万一停电了…提前问问", "建议…安排先恢复").
_A_CASE = _c(r"建议|万一|要是|如果|假如|提前|平时|一般")


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


def _sentence_start(text: str, position: int) -> int:
    return max((m.end() for m in _SENTENCE_END.finditer(text, 0, position)), default=0)


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


# A wish or an errand ("我想给…拉一根线", "可以申请…吗", "啥时候装").
_WISH = _c(
    r"(什么时候|啥时候|几时|哪天)(装|办|给|接)|什么样|哪种|想(给|把|办|装|申请|改|登记)|申请|取消|改户名|过户"
)


# A day named, an outage planned for it ("明个停电").
_DAY_NAMED = _c(
    r"明|后天|下周|下个?(星期|礼拜|月)|[0-9一二三四五六七八九十]+[号日]|周[一二三四五六日天]|星期|礼拜"
)
# An outage said to have come ("停电了", "黑起咯").
_OUTAGE_CAME = _c(
    r"(停电|没电|么电|莫电|冇电|无电|断电|跳闸|黑|停|断)(了|啦|咯|哒|喽|嘞)|[没莫么冇]得电"
    # …or named as here, going on, or back again ("家里停电，", "一直停电", "停电三个小时了")
    r"|(家里|屋里|家头|这片|这边|这里|我们这|一直|又|还|老是|总是)[^，。,.？?]{0,3}(停电|没电|断电|停|没有电)"
    r"|停电(中|[0-9一二三四五六七八九十两几半]+)|没有电|电停|电没|电压低|断电"
    # …or its coming back asked about ("来电时间", "电啥时候恢复")
    r"|(来|恢复|送)电(?!问|咨询|询问|反映|说)|电[^，。,.]{0,4}(来|恢复)|发电车|一闪|停电[，,]"
    # …or the time of one coming asked ("问停电时间", "啥时候停电")
    r"|(停电|断电)的?时间|(什么时候|啥时候|几点|哪天|几号)(停电|断电)"
)


def _asked_in_general(text: str) -> bool:
    """A question about outages in general ("请问呼吸机用户停电有没有优先"): the note opens as
    one, names no particular time, says no outage has come and wants nobody now."""
    return bool(
        _ASKING_OPENS.search(text)
        and not _PARTICULAR_TIME.search(text)
        and not _OUTAGE_CAME.search(text)
        and not _DAY_NAMED.search(text)
        and not _now_wanted(text)
    )


def _asks_or_wishes(text: str) -> bool:
    """The note asks or wishes ("请问", "申请", "想给…装")."""
    return bool(_INQUIRY.search(text) or _WISH.search(text))


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


def _habitual(text: str, match: re.Match[str]) -> bool:
    """An outage told of as what happens each time or as a time to prepare for
    (``medical_words.HABITUAL_BEFORE``, ``medical_words.HABITUAL_AFTER``)."""
    clause_start = max((m.end() for m in _CLAUSE.finditer(text, 0, match.start())), default=0)
    return bool(
        _HABITUAL_BEFORE.search(text, clause_start, match.start())
        or _HABITUAL_AFTER.match(text, match.end())
    )
