"""Someone up a pole or a transformer stand who is there to work: a lineman, an electrician, the
station's crew ("师傅在爬电杆修线", "工人在杆子上换瓷瓶", "电工爬上去接线了") is no danger to
life, whatever the words of climbing say (notes43's leftover: "工人在爬杆子" was urgent). Not
when the one up there is hurt or in trouble ("电工在杆子上被电打了", "师傅从杆子上摔下来"), nor a
worker of no one's sending who climbs to connect wires himself ("私自", "偷偷": a danger as before).

>>> import re
>>> at_work("工人在爬杆子，换瓷瓶", re.search("爬杆子", "工人在爬杆子，换瓷瓶"))
True
>>> at_work("有个娃娃在爬杆子", re.search("爬杆子", "有个娃娃在爬杆子"))
False
"""

from __future__ import annotations

import re

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
    r"被电|触电|电到|电倒|电伤|麻|摔|掉下来|跌下来|栽下来|出事|救命|受伤|晕|不动了|下不来|喝醉|醉|私自|偷偷"
    r"|自己(爬|上)|打火|冒烟|着火|火花"
)


def at_work(text: str, match: re.Match[str]) -> bool:
    """The mention (of someone near live equipment) is of a worker up a pole or a stand at work,
    named before it in its sentence, and the sentence tells no trouble."""
    if not _UP_THERE.search(match.group()):
        return False
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, match.start())), default=0)
    following = _SENTENCE_END.search(text, match.end())
    end = following.start() if following else len(text)
    return bool(_WORKER.search(text, start, match.end())) and not _TROUBLE.search(text, start, end)


def at_work_states(text: str, found: list[re.Match[str]], states: list[str]) -> list[str]:
    """``states`` of the mentions ``found`` of someone near live equipment, each of a worker at
    work read ``AT_WORK``."""
    return [AT_WORK if at_work(text, m) else s for s, m in zip(states, found, strict=True)]
