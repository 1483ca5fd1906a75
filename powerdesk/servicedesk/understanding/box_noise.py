"""A meter box or a switch that makes a noise, and nothing more (fifty-first round).

"我家电表箱有点响", "表箱里嗡嗡的", "总闸那里有声音": a caller who hears a meter box, a switch
box or the main switch hum or buzz tells no danger to life by that alone (a loose terminal, a
contactor, a relay), but it can be the start of one: a box that crackles, sizzles, smells of
burning, feels hot, smokes or sparks is arcing or on fire, and the rules already read those as
dangers, urgent (a box hot in the clause after it too: ``box_hot``). So a careful clerk neither
marks the noise alone urgent nor files it as a question: it is a fault to look at, and the clerk
asks the caller at once whether it smells, is hot, crackles or sparks (``Findings.box_noise``:
the suggestion asks the clerk to check, ``Suggestion.learned``, with advice to read; a question
the model took it for is made a fault report unless the caller asks whether it is normal). A
prepaid meter that beeps ("电表滴滴叫", "报警") is its balance, not a noise of this kind; a noise
denied ("不响了", "没声音") or told in thanks is none.
"""

from __future__ import annotations

import re

__all__ = ["box_hot", "box_noise"]

_c = re.compile

# The box, the meter in it, or the switches it holds.
_BOX = r"(?:电表箱|表箱|计量箱|配电箱|开关箱|闸箱|电闸|总闸|总开关|空开|漏保|闸刀|电表)"
# A noise: it rings, hums, buzzes, whines ("响", "嗡嗡", "吱吱", "有声音", "异响"); not 影响,
# 音响, a bang once ("响了一声"), nor 叫 as "by" or "called" ("叫风刮掉了").
_NOISE = (
    r"(?:(?<![影音])响(?!应|了一声|了一下)|嗡|吱吱|嗤嗤|咔咔"
    r"|(?:[吱嗡嘶咔]|直|在|乱)叫|有声音?|声音|异响)"
)
_BOX_NOISE = _c(rf"{_BOX}[^。！？!?；;]{{0,8}}?{_NOISE}")
# A meter's beep is its balance ("电表滴滴叫，是不是没钱了"), not a noise of this kind.
_BEEP = _c(r"滴|嘀|哔|嘟|报警|提示音|余额|欠费|没钱|充值|缴费|交费")
# The noise denied or over ("不响了", "没有声音", "不叫了").
_DENIED = _c(r"(?:不|没有?|没得|莫得|冇)(?:再|得)?(?:响|声音?|叫|嗡)|声音?都(?:冇|没|莫|不)|无声")
# The caller asks whether it is normal, rather than telling a fault ("正常吗", "要紧吗").
_ASKED = _c(
    r"正常[吗伐嘛不么]|正不正常|要紧[吗伐嘛不么]|要不要紧|是不是|咋回事|怎么回事"
    r"|什么声音|啥声音|为什么|为啥"
)

# The box hot, told in the clause after it ("表箱响，箱子摸着烫手", "外壳发烫"): a box read hot
# in its own clause ("电表箱发烫") the rules already take for a fire; not denied ("也不烫") or
# asked ("烫不烫").
_HEAT = r"(?:发烫|烫手|烫得|烫人|摸上去烫|摸着烫|外壳烫|箱子烫|很烫|好烫|有点烫|热得烫|发热)"
_BOX_THEN_HOT = _c(rf"{_BOX}[^。！？!?；;]{{0,14}}?{_HEAT}(?![不吗么伐没])")
_HEAT_AT_END = _c(f"{_HEAT}$")
# A word that denies the heat within the five characters before it ("未见漏电发热", "非发热",
# "也不烫").
_HEAT_DENIED = _c(r"[不没冇莫勿未非无]")

# …nor a time past and dealt with ("上次表箱响，外壳发烫，换了就好了").
_PAST = _c(r"上次|上回|上趟|以前|之前|去年|前年|修好|换好|换了新|已经好|好了|现在不|现在没")


def box_hot(text: str) -> bool:
    """Whether a meter box or a switch named is said to be hot in a clause after it: a danger
    (read as "fire", as "电表箱发烫" is).

    >>> box_hot("表箱响，箱子摸着烫手")
    True
    >>> box_hot("表箱有点响，外壳发烫")
    True
    >>> box_hot("表箱有点响，没闻到味道，也不烫")
    False
    >>> box_hot("表箱响，烫不烫没摸")
    False
    >>> box_hot("上次表箱响，外壳发烫，换了新的就好了")
    False
    >>> box_hot("表箱锈烂了 门关不上 未见漏电发热")
    False
    """
    if _PAST.search(text):
        return False
    for match in _BOX_THEN_HOT.finditer(text):
        heat = match.group(0)
        # The five characters before the heat word (the match ends with it).
        word = _HEAT_AT_END.search(heat)
        start = match.start() + (word.start() if word else len(heat))
        if not _HEAT_DENIED.search(text[max(match.start(), start - 5) : start]):
            return True
    return False


def box_noise(text: str) -> str:
    """ "told" where the note tells a meter box or a switch making a noise (not beeping, not
    denied), "asked" where the caller asks too whether it is normal or what it is, else "".

    >>> box_noise("我家电表箱有点响")
    'told'
    >>> box_noise("表箱里面有声音 像小虫子叫")
    'told'
    >>> box_noise("电表箱有点响 正常吗")
    'asked'
    >>> box_noise("电表滴滴叫 是不是没钱了")
    ''
    >>> box_noise("电表箱前两天有点响，现在不响了")
    ''
    >>> box_noise("停电影响电表箱吗")
    ''
    >>> box_noise("表箱门叫风刮掉了")
    ''
    >>> box_noise("表箱里一点声音都没有，屋里也没电")
    ''
    """
    if not _BOX_NOISE.search(text) or _BEEP.search(text) or _DENIED.search(text) or box_hot(text):
        return ""
    return "asked" if _ASKED.search(text) else "told"
