"""Someone up a pole or a transformer stand who is there to work: a lineman, an electrician, the
station's crew ("师傅在爬电杆修线", "工人在杆子上换瓷瓶", "电工爬上去接线了") is no danger to
life, whatever the words of climbing say (notes43's leftover: "工人在爬杆子" was urgent). Not
when the one up there is hurt or in trouble ("电工在杆子上被电打了", "师傅从杆子上摔下来"), nor a
worker of no one's sending who climbs to connect wires himself ("私自", "偷偷": a danger as before).
The work must be said ("换瓷瓶", "修线", "接线", "干活"…), and a trouble said anywhere in the note
keeps it a danger (review46: "工人在爬杆子。现在挂在上面不动了", "电工一个人在爬杆子", "…一身酒气",
"…没系安全带", "…变压器还嗡嗡响" had become calm): a danger to life is never read away on a guess.

>>> import re
>>> at_work("工人在爬杆子，换瓷瓶", re.search("爬杆子", "工人在爬杆子，换瓷瓶"))
True
>>> at_work("有个娃娃在爬杆子", re.search("爬杆子", "有个娃娃在爬杆子"))
False
>>> hung = "工人在爬杆子。现在挂在上面不动了"
>>> at_work(hung, re.search("爬杆子", hung))
False
"""

from __future__ import annotations

import re

from powerdesk.servicedesk.understanding.bounded import around
from powerdesk.servicedesk.understanding.readings import _SENTENCE_END

__all__ = ["AT_WORK", "PERSON", "at_work", "at_work_states"]

PERSON = "person or animal near live equipment"
AT_WORK = "at work"  # how such a mention is spoken of (``readings``: not ``NOW``)

_c = re.compile

# The one there to work, named in the mention's sentence before it.
_WORKER = _c(
    r"师傅|工人|电工|线路工|抢修(队|班|的)|检修(队|班|的)|施工(队|的)|维修(工|的|队)|供电所的|电力公司的"
    r"|你们的人|你们(的)?(工作人员|员工)|班组|电力局的|国家电网的|南方电网的"
)
# The mention is of climbing or being up there (not of a touch, a shock, a fall).
_UP_THERE = _c(r"爬|攀|[在到]\S{0,6}(上|顶)")
# …at work, or nothing else said ("师傅在爬电杆修线", "工人在杆子上", "他们爬上去接线了").
_TROUBLE = _c(
    r"被电|触电|电到|电倒|电伤|麻|摔|掉下来|跌下来|栽下来|出事|救命|受伤|晕|不动|下不来|喝醉|醉|私自|偷偷"
    r"|自己(爬|上)|打火|冒烟|着火|火花|冒火|烧|闪|响|叫|喊|应|反应|挂在|吊在|卡在|悬在|一个人|独自|单独|自个"
    r"|酒|喝了|安全带|没系|没戴|没穿|不戴|不系|危险|吓|怕|快来|赶紧|快点|娃|孩|小孩|老人|牛|羊|狗|猪"
)
# The work said: what a worker up there does (not only that he is there).
_WORK = _c(
    r"换|修|接线|接电|拉线|架线|检修|维修|施工|作业|干活|紧线|装|拆|检查|巡线|测|挂牌|挂线|剪|砍树|清理"
)


def at_work(text: str, match: re.Match[str]) -> bool:
    """The mention (of someone near live equipment) is of a worker up a pole or a stand at work,
    named before it in its sentence, the work said, and the note tells no trouble anywhere."""
    if not _UP_THERE.search(match.group()):
        return False
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, match.start())), default=0)
    return (
        bool(_WORKER.search(text, start, match.end()))
        and bool(_WORK.search(text))
        and not _TROUBLE.search(text)
    )


def at_work_states(text: str, found: list[re.Match[str]], states: list[str]) -> list[str]:
    """``states`` of the mentions ``found`` of someone near live equipment, each of a worker at
    work read ``AT_WORK``."""
    return [AT_WORK if at_work(*around(text, m)) else s for s, m in zip(states, found, strict=True)]
