"""What a note about a medical need asks, wishes or tells of outages (``medical``): the power's
return asked about, the power out now, a case that may come, a wish or an errand, a question
about outages in general."""

from __future__ import annotations

import re

from powerdesk.servicedesk.understanding.readings import (
    _ASKING_OPENS,
    _INQUIRY,
    _PARTICULAR_TIME,
    _now_wanted,
)

_c = re.compile


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
