"""Words read in the light of what the caller does with them: ask, or ask for.

The hardest boundaries between categories are not about the matter but about the caller's
purpose: "过户要带哪样材料" asks about an errand (a consultation), "帮我办个过户" asks for it (a
business request); "装光伏要多少钱" asks about a new supply, "申请装一块表" asks for one; "电费
怎么交" asks, "电费交错了" tells. A linear model over words alone cannot say "过户 in a question";
so each word of a note that asks (``ASKS``) or asks for something (``ASKS_FOR``) is given once more
with that mark ("Q_过户", "I_过户", "QI_过户"), and the mark itself is a feature. Measured left one
hand out (``bench/notes_cv.py``; DATA_CARD.md, "Eighth round").

>>> marks("过户要带哪样材料？")
'Q'
>>> marks("帮我办个过户")
'I'
>>> marks("家里停电了")
''
"""

from __future__ import annotations

import re

__all__ = ["ASKS", "ASKS_FOR", "RHETORICAL", "marks"]

# A question, or a note said to be one.
ASKS = re.compile(
    r"[?？]|吗|咋|怎么|怎样|如何|哪里|哪儿|哪个|哪些|多少|几天|多久|要不要|能不能|可不可以|是不是"
    r"|有没有|行不行|不\s*$|想问|问一下|问问|请问|咨询"
)
# Something asked for: the caller's own errand or a visit wanted.
ASKS_FOR = re.compile(r"我要|我想办|帮我|给我|申请|麻烦|请.{0,4}(办|来|装|换|移|挪|送)|安排")


# A grievance said as a question that wants no answer (notes59): whether a thing is fair or
# reasonable (合理不, 公不公平, 像话吗), whether anyone minds (到底管不管, 还有没有人管), by
# what right (凭什么), whether one can live so (还要不要人活, 让不让人过), who answers for it
# (负得起责任不), whether it must come to harm first (难道…, 是不是要等出了事才…). Not "你们管
# 不管这个" (who looks after a thing is asked), only "到底管不管". The caller does not want to
# know: it tells a wrong, so it is not a question ("Q") but a grievance ("G").
RHETORICAL = re.compile(
    r"(合理|公平|像话|讲理|讲道理|有道理|说得过去)(不|吗|嘛|没有|么)"
    r"|合不合理|公不公平|像不像话|讲不讲(道)?理|有没有(天理|王法)|还有(天理|王法)"
    r"|凭(什么|啥|哪样)"
    r"|(还|又)?(要不要|让不让|叫不叫)(人|我们|我)(活|过|睡|做|吃)"
    r"|(叫|让)(人|我们|我)(怎么|咋个|咋|哪门)(活|过)|日子(怎么|咋个|咋)过"
    r"|(到底|还)管不管|还有没有人管|就没(有)?人管(吗|啊|嘛)"
    r"|负(得|不)起(这个)?责(任)?|担得起(这个)?责(任)?"
    r"|难道|(是不是|非)要等.{0,12}(出事|出了事|死人|出人命|烧了|着火|电死|伤了人).{0,4}才"
    r"|(什么|啥子|哪样|啥)态度|有(你们)?这样(办事|做事|服务|收费|当)"
)


def marks(text: str) -> str:
    """ "Q" if the note asks, "I" if it asks for something, "QI" for both, "" for neither;
    "G" after them when it tells a grievance as a question that wants no answer
    (``RHETORICAL``): that question is not read as asking.

    >>> marks("天天跳闸，冰箱里的肉都臭了，还让不让人过")
    'G'
    >>> marks("抄表的每回都估个数，这样搞公平吗？单子上到底是多少？")
    'QG'
    """
    grievance = RHETORICAL.search(text)
    asked = RHETORICAL.sub("", text) if grievance else text
    return (
        ("Q" if ASKS.search(asked) else "")
        + ("I" if ASKS_FOR.search(text) else "")
        + ("G" if grievance else "")
    )
