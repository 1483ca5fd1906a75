"""The words a crew records a cause with when the part at fault is already replaced or mended
("低压熔丝老化熔断，已更换"; walk72, 1: 设备老化 recorded so moved the estimate six hours out).
A cause said as mended tells the kind of fault, not a repair still to do: the estimate it gives
is never later than the one before it was recorded (``etr._estimates``)."""

from __future__ import annotations

import re

__all__ = ["said_mended"]

_MENDED = re.compile(
    r"(已经?|都|刚)(更换|换好|换上|换掉|换新|换了|修复|修好|处理好|接好|恢复)"
    r"|(换|修|接|处理)好了"
    r"|(更换|修复)完毕"
)
# "not yet" said before it: a part still to replace ("还没更换", "未更换", "待更换").
_NOT_YET = re.compile(r"(没|未|待|还没有?|尚未)(更换|换|修|处理|接)")


def said_mended(words: str) -> bool:
    """Whether ``words`` say the part at fault is replaced or mended already.

    >>> said_mended("低压熔丝老化熔断，已更换"), said_mended("熔丝换好了")
    (True, True)
    >>> said_mended("变压器烧坏，需更换"), said_mended("绝缘子破损，还没更换")
    (False, False)
    """
    return bool(_MENDED.search(words)) and not _NOT_YET.search(words)
