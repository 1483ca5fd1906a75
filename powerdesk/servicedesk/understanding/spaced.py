"""A note spoken into the phone and put down by speech-to-text word by word ("变压器 着 了 火 苗子
老高 了"): the spaces between its words are no clause's ends, and are taken out before the rules
read it (``urgency.findings``)."""

from __future__ import annotations

import re

__all__ = ["joined"]

_c = re.compile

# Speech-to-text that puts a space between words ("变压器 着 了 火 苗子 老高 了"): a space
# there is no clause's end. Told apart from a duty's note whose spaces do part its clauses
# ("遂川 左安镇 瘫床上 电热毯冇电") by its many words of one character (fillers set aside).
_HAN = "[\u4e00-\u9fff\U00020000-\U0002ffff]"
_SPACE_IN_WORDS = _c(f"(?<={_HAN})\\s+(?={_HAN})")
_FILLER = _c("[嗯啊哦噢呃喂对好哎唉诶]")
_ONE_WORD = _c(_HAN)


def joined(text: str) -> str:
    """The note with the spaces between its words taken out when speech-to-text spaced it word by
    word.

    >>> joined("高压线 落 在 玉米 地 里 了")
    '高压线落在玉米地里了'
    >>> joined("杆倒线断 路口")
    '杆倒线断 路口'
    """
    words = text.split()
    if len(_SPACE_IN_WORDS.findall(text)) < 4:
        return text
    ones = sum(1 for w in words if _ONE_WORD.fullmatch(w) and not _FILLER.fullmatch(w))
    return _SPACE_IN_WORDS.sub("", text) if ones >= 0.25 * len(words) else text
