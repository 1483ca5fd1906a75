"""A note in written Cantonese, Wu, Minnan or Xiang read as Mandarin (``dialect_words``):
``as_mandarin`` for the rules and the model alike, ``as_xiang_read`` for the rules alone (Xiang,
Gan and Ningbo-Zhoushan Wu).
"""

from __future__ import annotations

import re

from powerdesk.servicedesk.understanding import dialect_words

_c = re.compile
# Characters only written Cantonese uses: a note without them is left as it is.
_CANTONESE_MARK = _c(
    "咗|喺|嘅|唔|佢|啲|嚟|睇|哋|冇|啱|畀|俾电|电电亲|电亲[我佢手脚]|冧|燶|郁|掂|仲|冒紧|落紧|系咪|细路"
)
# …and only written Wu uses.
_WU_MARK = _c(
    "侬|阿拉(?![善乡镇村沟山尔丁伯克木斯坦湖河街])|伊拉|覅|勿(?:是|要|晓得|好|会|来事)|辰光"
    r"|屋里[向厢]|搿|迭个|[呒嘸]没|今朝|明朝|上趟|下趟|啥人|伐晓得|(?:断|跳|烧|坏|挂|倒|掉|落|吹|刮|塌)脱"
)
_SIMPLIFIED = str.maketrans(dialect_words.TRADITIONAL, dialect_words.SIMPLIFIED)
_WU = tuple((_c(pattern), mandarin) for pattern, mandarin in dialect_words.WU)
# …and only written Minnan uses ("阮厝", "袂", "佇", "攏", "囡仔", "这马", "电火柱").
_MINNAN_MARK = _c(
    "厝|袂|佇|伫|攏|毋(?!庸|须|宁)|[囡囝]仔|(?:这|即)马|按怎|[遮遐]尔|电火[柱杆线]|半暝|土脚|眠床|顶摆"
    # "汝" ("you"; not the places 汝州, 汝阳, 汝南, 汝城), "顶懸" ("above"), "头壳" ("the head")
    "|汝(?![州阳南城河窑瓷])|顶[懸悬]|头壳"
    "|阮(?=厝|兜|阿|某|翁|老[爸母父]|爸|母|欲|咧|无|攏|袂|毋|田|遮|遐|彼|拢)"
)
_MINNAN = tuple((_c(pattern), mandarin) for pattern, mandarin in dialect_words.MINNAN)
# …and only Xiang ("掉哒", "么子", "细伢子", "咯根"): read so by the rules alone
# (``as_xiang_read``).
_XIANG_MARK = _c(
    r"(?<![哒嘀滴吧么啪])哒(?!哒)|么子|伢[子崽]|细伢|娭毑|嗲嗲|老倌|咯(?=[根个只条些里边])"
)
_XIANG = tuple((_c(pattern), mandarin) for pattern, mandarin in dialect_words.XIANG)
# …and only Gan ("箇只", "箇下", "许根", "倒哩"): read so by the rules alone too.
_GAN_MARK = _c(
    r"箇(?=[只根个条块些里边下阵回样次])|(?<![也或允少准特默期几兴应称容赞])许(?=[只根条块里])"
    r"|(?<=[倒断歪掉落炸松淹烧停])哩"
)
_GAN = tuple((_c(pattern), mandarin) for pattern, mandarin in dialect_words.GAN)
# …and Ningbo-Zhoushan Wu: the delta's words (``_WU_MARK``), 格 said for 的 ("增氧机格线"), 勿
# before a verb that is no written prohibition ("勿动了", not "请勿靠近"), or 一记 ("碰了一记").
_SOUTHERN_WU_MARK = _c(
    f"{_WU_MARK.pattern}|{dialect_words.SOUTHERN_WU_GE}|(?<![请切])勿(?![忘扰施庸])|一记"
)
_SOUTHERN_WU = _WU + tuple(
    (_c(pattern), mandarin) for pattern, mandarin in dialect_words.SOUTHERN_WU
)
_TRANSFORMER_NAMES = _c(dialect_words.TRANSFORMER_NAMES)
_CHILD_NAMES = _c(dialect_words.CHILD_NAMES)


def as_mandarin(text: str) -> str:
    """The note with written Cantonese, Wu or Minnan read as Mandarin (``dialect_words.CANTONESE``,
    ``dialect_words.WU``, ``dialect_words.MINNAN``).

    >>> as_mandarin("条线断咗，跌喺鱼塘度")
    '条线断了，掉在鱼塘度'
    >>> as_mandarin("线浪向火星噼啪，侬快点来，勿要拖")
    '线上火星噼啪，你快点来，不要拖'
    >>> as_mandarin("请勿靠近")
    '请勿靠近'
    >>> as_mandarin("恁紧来，阮厝头前的电线断去，落佇路边")
    '你们快来，我们家头前的电线断了，掉在路边'
    >>> as_mandarin("阮老爸咧用制氧机，厝里无电")
    '我们老爸在用制氧机，家里没电'
    """
    text = text.translate(_SIMPLIFIED)
    if _CANTONESE_MARK.search(text):
        for cantonese, mandarin in dialect_words.CANTONESE:
            text = text.replace(cantonese, mandarin)
    if _WU_MARK.search(text):
        for pattern, mandarin in _WU:
            text = pattern.sub(mandarin, text)
    if _MINNAN_MARK.search(text):
        for pattern, mandarin in _MINNAN:
            text = pattern.sub(mandarin, text)
    return _TRANSFORMER_NAMES.sub("变压器", text)


def as_xiang_read(text: str) -> str:
    """The note with Xiang (and Gan) read as Mandarin, when it has a word only Xiang (or Gan)
    writes.

    >>> as_xiang_read("咯根杆子歪哒，应该么子办")
    '这根杆子歪了，应该怎么办'
    >>> as_xiang_read("香港来的师傅")
    '香港来的师傅'
    >>> as_xiang_read("箇只电杠子朝我屋里栽过来哩")
    '这只电杆往我屋里倒过来了'
    >>> as_xiang_read("也许明天来")
    '也许明天来'

    Whatever the speech, a transformer called by its look (``dialect_words.TRANSFORMER_NAMES``:
    "黑罐子", the north's and the west's name for the drum on the pole) is read as one:

    >>> as_xiang_read("村口那个黑罐子在漏油")
    '村口那个变压器在漏油'

    …and a child called as the south calls one (``dialect_words.CHILD_NAMES``), not a beast's
    young:

    >>> as_xiang_read("几个细崽在变压器底下耍，猪崽崽在圈里")
    '几个小孩在变压器底下耍，猪崽崽在圈里'

    Ningbo-Zhoushan Wu too (``dialect_words.SOUTHERN_WU``), where 格 is said for 的:

    >>> as_xiang_read("老人以前用格制氧机现在勿用了")
    '老人以前用的制氧机现在不用了'
    >>> as_xiang_read("网格员讲电价格外高")
    '网格员讲电价格外高'
    """
    if _XIANG_MARK.search(text):
        for pattern, mandarin in _XIANG:
            text = pattern.sub(mandarin, text)
    if _GAN_MARK.search(text):
        for pattern, mandarin in _GAN:
            text = pattern.sub(mandarin, text)
    if _SOUTHERN_WU_MARK.search(text):
        for pattern, mandarin in _SOUTHERN_WU:
            text = pattern.sub(mandarin, text)
    return _CHILD_NAMES.sub("小孩", _TRANSFORMER_NAMES.sub("变压器", text))
