"""Urgency from the words of a call: every hazard is urgent, and so is any danger named."""

from __future__ import annotations

import re

__all__ = ["DANGER_WORDS", "is_urgent"]

# Dangers of the "three mosts": poles down or undermined, conductors down or across a road,
# broken strands, sparks, smoke and fire, and people in danger.
DANGER_WORDS = (
    "倒杆",
    "断杆",
    "电杆倒",
    "杆子倒",
    "电杆歪",
    "杆子歪",
    "倾斜",
    "被冲",
    "冲垮",
    "掏空",
    "断线",
    "线断",
    "掉线",
    "电线掉",
    "线掉",
    "落地",
    "垂到地",
    "拖地",
    "跨越公路",
    "横在路",
    "挡在路",
    "压在路",
    "断股",
    "散股",
    "冒火",
    "打火",
    "火花",
    "起火",
    "着火",
    "冒烟",
    "烧起来",
    "爆炸",
    "炸了",
    "触电",
    "电到人",
    "电死",
    "漏电",
    "放电",
    "树碰线",
    "碰到电线",
    "挂在树",
    "小孩",
    "牲口",
    "牛被电",
)
_NEGATED = re.compile(r"(没有|没|不|未|无)(在)?(" + "|".join(map(re.escape, DANGER_WORDS)) + ")")
_DANGER = re.compile("|".join(map(re.escape, DANGER_WORDS)))


def is_urgent(text: str, category: str | None = None) -> bool:
    """Whether the call names a danger (not negated), or is a hazard at all."""
    if category == "hazard":
        return True
    cleaned = _NEGATED.sub("", text)
    return bool(_DANGER.search(cleaned))
