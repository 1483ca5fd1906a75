"""Feet or legs put in water and tingling, with or without a pump or a line named: a danger to life
(fifty-second round). Water that tingles is stray voltage until shown otherwise — an aerator's or a
pump's lead in a pond, a line down in a flooded field, a leak nobody has seen — and a caller who
rings the power station about it is telling of current ("脚泡在水里有点麻", "下到塘里脚就麻了";
walk64 M3, where the model alone made the first urgent). ``danger_shapes._WATER_TINGLE`` keeps the
tingle with a word of current, a device or a flood; ``WATER_TINGLE`` here needs none of them.

Not a tingle denied ("脚泡在水里也不麻"), nor 麻 in another word (麻烦, 麻将, 芝麻, 麻辣), nor
one with a calm cause told in its sentence and no word of current there (``calm_states``): sitting
or squatting long, cold or hot water, a cramp, a day of work in the field, a foot bath, an illness
or a medicine ("坐久了脚麻", "水太冰了脚泡进去都麻了", "田里插秧一天腿杆都麻了").

>>> import re
>>> bool(re.search(WATER_TINGLE, "脚泡在水里有点麻"))
True
>>> bool(re.search(WATER_TINGLE, "下到鱼塘里 脚底板麻麻的"))
True
>>> bool(re.search(WATER_TINGLE, "脚泡在水里也不麻"))
False
>>> bool(re.search(WATER_TINGLE, "麻烦你们把水泵修一下"))
False
"""

from __future__ import annotations

import re

from powerdesk.servicedesk.understanding.context_words import SENTENCE_END

__all__ = ["CALM_CAUSE", "WATER_TINGLE", "calm_states"]

# How such a mention is spoken of when a calm cause is told beside it (not ``readings.NOW``).
CALM_CAUSE = "calm cause"

_c = re.compile
_SENTENCE_END = _c(SENTENCE_END)

_BODY = (
    r"(脚杆|脚板|脚底板|脚底|脚丫子?|脚背|脚趾头?|脚|腿杆|腿肚子?|腿|小腿"
    r"|手脚|手|身上|浑身|全身)子?"
)
# Put in, stood or waded in (not 下 of time or of rain: "下午", "下雨").
_INTO = r"((泡|站|踩|浸|踏|蹚|趟|蹲)(在|到|进|着|入)?|(下|走|放|伸|插)(到|进|去|入|在))"
_WATER = (
    r"(水里|水头|水中|水坑|水田|田里|田头|塘里|塘头|鱼塘|虾塘|蟹塘|池塘|塘|河里|河边|沟里|渠里|积水"
    r"|水(?![泥费表价管龙电壶杯瓶果库务利]))"
)
# 麻 as a tingle, not in another word: 麻烦, 麻将, 麻袋, 麻绳, 麻雀, 麻花, 麻辣, 麻油, 麻酱, 麻椒,
# 麻药, 麻醉, 麻子 (芝麻, 亚麻, 大麻 have 麻 second and no body part before it).
# A character before the tingle, not a denial ("也不麻", "没麻"; but "不知道为啥有点麻" is told).
_GAP = r"(?:(?!没|未|冇|不(?!知|晓|清楚))[^。!！?？])"
_TINGLE = r"(?<![芝亚大胡天])麻(?![烦将袋绳雀花辣油酱椒药醉子])"
WATER_TINGLE = (
    # (the body part first: "脚泡在水里有点麻", "腿站到田里就发麻")
    rf"{_BODY}[^，。,.!！?？没不未冇]{{0,2}}{_INTO}[^，。,.!！?？]{{0,4}}{_WATER}"
    rf"{_GAP}{{0,8}}{_TINGLE}"
    # (…or the going in first: "下到塘里 脚就麻了", "站在水田里脚麻麻的")
    rf"|{_INTO}[^，。,.!！?？]{{0,4}}{_WATER}[^。!！?？]{{0,10}}{_BODY}{_GAP}{{0,6}}{_TINGLE}"
)
_BARE = _c(WATER_TINGLE)
# A calm cause of the tingle, told AS its cause in its sentence — never a bare word that may say
# something else: 坐 of "坐在塘边", 一天 of how long it has tingled ("麻了一天了"), 冷 of the caller
# feeling cold ("好冷"), 久了, 累 (review68, 1: each made a real tingle calm).
_CALM = _c(
    r"(坐|蹲|跪)(了|得|的)?(很|好|太|那么)?(久|长时间|半天|一天)|坐麻|蹲麻"
    r"|水(太|好|很|特别|有点|真|也)?(冰|冷|凉|烫)|冰水|冷水|凉水|热水|温水"
    r"|抽筋"
    r"|(插秧|栽秧|干活|做活|劳动|干农活|薅秧|割稻)[^，。,]{0,3}"
    r"(一天|一整天|半天|一上午|一下午|太久|很久|好久|太累|累了)"
    r"|干了(一|大半|半)?(天|整天|上午|下午)的?农?活"
    r"|(插|栽|薅|割)了?(一|大半|半|一整)?(天|整天|上午|下午)的?(秧|稻|谷|活)"
    r"|麻药|麻醉|中风|高血压|血糖|糖尿病|风湿|痛风|吃了药|打了针|泡脚|洗脚|足浴|按摩"
)
# A word of current in the sentence: the tingle is electric whatever else is said.
_CURRENT = _c(
    r"(?<![没无不冇])(?<!不是)(?<!没有)(漏电|触电|带电|有电|过电|通电|电到|电着|电人|电麻|麻电|像(过|触)电"
    r"|电线|导线|电缆|火线|线头|水泵|抽水机|抽水泵|潜水泵|增氧机|打氧机|电机|马达|电表|电箱|表箱|变压器|电杆)"
)


def calm_states(text: str, found: list[re.Match[str]], states: list[str]) -> list[str]:
    """``states`` of the mentions ``found`` of someone near live equipment, each a tingle in water
    with no word of current and a calm cause in its sentence read ``CALM_CAUSE``.

    >>> import re
    >>> note = "坐久了，脚泡在水里有点麻"
    >>> calm_states(note, [re.search(WATER_TINGLE, note)], ["now"])
    ['calm cause']
    >>> note = "水太冰了。脚泡在水里有点麻"
    >>> calm_states(note, [re.search(WATER_TINGLE, note)], ["now"])
    ['now']
    >>> note = "坐久了，脚泡在水里有点麻，水泵就在边上"
    >>> calm_states(note, [re.search(WATER_TINGLE, note)], ["now"])
    ['now']
    """
    return [CALM_CAUSE if _calm(text, m) else state for state, m in zip(states, found, strict=True)]


def _calm(text: str, match: re.Match[str]) -> bool:
    if not _BARE.search(match.group()):
        return False
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, match.start())), default=0)
    following = _SENTENCE_END.search(text, match.end())
    sentence = text[start : following.start() if following else len(text)]
    return bool(_CALM.search(sentence)) and not _CURRENT.search(sentence)
