"""Whether a note is said in thanks: praise, or thanks for something dealt with, with no call for
help now, no danger come back or still there, and no turn after the thanks to what is wrong now
("感谢上个月换了表，不过今天表箱那里冒火星"). ``urgency``'s reading of thanks, split from it by
topic (notes58); ``urgency.findings`` asks it.

>>> said_in_thanks("上次电杆倒了，你们半夜就来了，谢谢")
True
>>> turned_now("谢谢你们上回来修，可今天杆子又歪了")
True
"""

from __future__ import annotations

import re

from powerdesk.servicedesk.understanding import context_words
from powerdesk.servicedesk.understanding.dangers_now import dangers
from powerdesk.servicedesk.understanding.medical import _medical_need
from powerdesk.servicedesk.understanding.readings import _STILL, _STILL_THEN, _now_wanted

__all__ = ["said_in_thanks", "turned_now"]

_c = re.compile
_THANKS = _c(context_words.THANKS)
_DEALT_WITH = _c(context_words.DEALT_WITH)
_PRAISE = _c(context_words.PRAISE)
# A danger come back ("今天那根杆子又歪了"): thanks for the last time do not cover it.
_AGAIN_NOW = _c(
    r"(?<!会)又(倒|断|冒|着火|打火|歪|斜|淹)了|(?<!会)又[^，。,.]{0,8}(歪了|斜了|垂了|往下垂|掉下来|耷拉|打手|麻)"
    # "今天又开始歪", "又在冒火星", "又有一根线被车挂下来了" (not "又帮我们修好了歪杆")
    r"|(?<!会)又(开始|在|有)[^，。,.修换扶弄立]{0,10}(歪|斜|冒火|火星|冒烟|打火|挂下来|掉下来|淹|漏电)"
    # "this time" after the last ("上回…换好了表箱，这回杆子歪得厉害")
    r"|(这回|这次)[^，。,.修换扶弄立]{0,8}(歪|斜|断|倒|冒|打火|着火|淹|垂|掉)"
)
# A danger said to be there still, or worse than when it was told ("到今天还斜着，比上礼拜歪得更厉害
# 了"): a complaint, not thanks.
_STILL_THERE = _c(
    r"还(歪|斜|倒|垂|吊|掉|冒|烧|漏|麻)着|(歪|斜|垂)得更(厉害|低)|比[^，。,.]{0,6}(更|还)(歪|斜|低)"
)
_EARLIER_DAY = _c(r"前天|昨天|昨晚|昨夜|前晚|大前天|那天|那晚|那夜|那回|那次|上次|上回")

# Thanks, and then a turn to what is wrong now ("感谢上个月换了表，不过今天表箱那里冒火星"): a
# word that turns; or a clause after the thanks that opens on now (``_turned_now``).
_TURNED_NOW = _c(
    r"(不过|但是|可是|只是|就是)[^。.!！?？]{0,4}(今天|今早|今晚|现在|这会|刚才|刚刚|这两天|这几天)"
    # …said with one character at a clause's start ("谢谢上回来修，可这两天…", "但今早…")
    r"|(?<=[，,。.!！；;\s])[可但却](?![以能惜怜爱])[^。.!！?？]{0,2}"
    r"(今天|今早|今晚|现在|这会|刚才|刚刚|这两天|这几天)"
    # …or to another matter ("另外刚才发现…", "今天想说一下…"), or a danger or outage come again
    # ("这回又停电了", "线又断了")
    r"|另外|今天想说|还有(个|一个|件|一件)事|顺便(说|讲|提)|(?<![会怕再])又(倒|断|冒|着火|起火|烧起|打火|歪|掉|斜|停电|没电|断电|停)了"
    r"|(这回|这次)又(停|断|倒|冒|歪|斜|掉|没电|着|烧)"
)


# A clause opening on now after the thanks ("那段时间你们辛苦了，今天早上电线掉下来了",
# "谢谢你们上次的帮忙，刚刚变压器冒烟了"): the thanks are for then, the danger is now.
_CLAUSE_NOW = _c(r"[，。,.!！；;]\s*(今天|今早|今晚|今儿|现在|这会|刚才|刚刚|这两天|这几天)")


def turned_now(text: str) -> bool:
    """After thanks, the note turns to what is wrong now: a word that turns to now or to another
    matter (``_TURNED_NOW``), or a clause after the last words of thanks or praise that opens on
    now and tells, from there, a danger or a medical need of its own, nothing of it dealt with
    (not "现在一点事都没有了")."""
    if _TURNED_NOW.search(text):
        return True
    ends = [m.end() for m in _THANKS.finditer(text)] + [m.end() for m in _PRAISE.finditer(text)]
    if not ends:
        return False
    now = _CLAUSE_NOW.search(text, max(ends))
    if now is None:
        return False
    told = text[now.start() + 1 :].strip()
    if _DEALT_WITH.search(told):
        return False  # "现在砍了我也放心了，不然哪天起火都不晓得": thanks still
    return bool(dangers(told)[0]) or _medical_need(told)


def said_in_thanks(text: str) -> bool:
    """Praise ("我要表扬"), or a word of thanks about something dealt with; and no call for help
    now."""
    if _now_wanted(text) or _AGAIN_NOW.search(text) or _STILL_THERE.search(text):
        return False
    if _PRAISE.search(text) or (_THANKS.search(text) and _DEALT_WITH.search(text)):
        return True
    # Thanks after the story of a day before ("前天冰把线压断了，你们连夜爬杆子…谢谢你们"), with
    # nothing said to be still there.
    earlier = _EARLIER_DAY.search(text)
    thanks = list(_THANKS.finditer(text))
    return bool(
        earlier
        and thanks
        and thanks[-1].start() > earlier.end()
        and not _STILL.search(text)
        and not _STILL_THEN.search(text)
    )
