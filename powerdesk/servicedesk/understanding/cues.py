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

__all__ = ["ASKS", "ASKS_FOR", "marks"]

# A question, or a note said to be one.
ASKS = re.compile(
    r"[?？]|吗|咋|怎么|怎样|如何|哪里|哪儿|哪个|哪些|多少|几天|多久|要不要|能不能|可不可以|是不是"
    r"|有没有|行不行|不\s*$|想问|问一下|问问|请问|咨询"
)
# Something asked for: the caller's own errand or a visit wanted.
ASKS_FOR = re.compile(r"我要|我想办|帮我|给我|申请|麻烦|请.{0,4}(办|来|装|换|移|挪|送)|安排")


def marks(text: str) -> str:
    """ "Q" if the note asks, "I" if it asks for something, "QI" for both, "" for neither."""
    return ("Q" if ASKS.search(text) else "") + ("I" if ASKS_FOR.search(text) else "")
