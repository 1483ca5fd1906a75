"""Urgency by rule: a danger to life or a medical need named in a call makes it urgent.

The rules stand beside the model, not behind it: a call naming a line on the ground is urgent
whatever category the model gives it, and a danger the caller says is *not* there ("没有打火",
"没看到冒烟", "不冒烟了吗？" is still a question) does not count. A danger remembered in a word of
thanks ("上次电杆倒了，你们半夜就来了，谢谢") is not a call about a danger, nor is one the caller
says is past and dealt with ("去年变压器着火，你们换了新的"), nor one they only fear ("怕电线被
刮断"). The tense of a note is read simply: a marker of the past ("上次", "去年", "以前") reaches
forward until a marker of now ("现在", "又"); any sign that the danger is still there or that help
is wanted now ("还没", "到现在", "快来") makes every danger named current again.

A medical need is a machine or medicine at home that needs power or cold (an oxygen
concentrator, a ventilator, dialysis, insulin in the fridge, a newborn's incubator), or a person
who depends on it (a patient, someone bedridden, a newborn) in a note that says the power is off
or failing now. The words are in ``words``; junk calls are told apart in ``junk``.

>>> findings("电线断了掉在地上").dangers
('line down or low',)
>>> findings("凌晨停电了，没有看到冒烟，也没有打火").dangers
()
>>> findings("冒烟倒是没有，就是停电了").dangers
()
>>> findings("风大得很，怕电线被刮断").dangers
()
>>> findings("上次电杆倒了，你们来得快，处理好了").dangers
()
>>> findings("上次报修的电杆歪了，到现在还没人来").dangers
('pole leaning or fallen',)
>>> findings("家里老人用制氧机，停电了").medical
True
>>> findings("我爸瘫在床上，停电两个钟头了").medical
True
>>> findings("我爸瘫在床上，想办个代扣").medical
False
>>> findings("万一电线掉在地上，我们该咋个办").spoken_of
('line down or low',)
>>> is_urgent("测试号码")
False
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from powerdesk.servicedesk.understanding import words
from powerdesk.servicedesk.understanding.junk import is_junk
from powerdesk.servicedesk.understanding.words import DANGERS, MEDICAL

__all__ = ["DANGERS", "MEDICAL", "Findings", "findings", "is_junk", "is_urgent"]

# How a danger (or a need, or the power being off) is spoken of, each time it is named.
NOW = "now"  # there now
DENIED = "denied"  # "没有打火", "冒烟倒是没有"
FEARED = "feared"  # feared, asked about, a case that may come: "怕电线被刮断", "会不会漏电"
PAST = "past"  # past and dealt with: "去年变压器着火，你们换了新的"

_c = re.compile
_DANGER_RES = {kind: _c(pattern) for kind, pattern in DANGERS.items()}
# Dangers said in a list share its denial: "没看到打火冒烟", "打火、冒烟都没有".
# …and the duty's short words for a line or pole down, listed after a denial ("无倒杆断线现象",
# "没看到断线倒杆").
_SHORT = "|".join(DANGERS[kind] for kind in ("arcing or sparks", "smoke", "fire"))
_SHORT += "|倒杆|断杆|断线|倒树|杆倒|线断|掉线"
_LISTED_BEFORE = _c(f"(?:{_SHORT}|[和或、也跟及])+$")
_LISTED_AFTER = _c(f"^(?:{_SHORT}|[和或、也及]|跟(?!前))+")  # ("跟前": a place)
_DEVICES = _c(words.MEDICAL_DEVICES)
_AERATOR = _c(words.AERATOR)
_CALL_DROPPED = _c(r"断线|掉线")
_AQUATIC = _c(words.AQUATIC)
_PEOPLE = _c(words.MEDICAL_PEOPLE)
_POWER_TROUBLE = _c(words.POWER_TROUBLE)
_CLAUSE = _c(words.CLAUSE)
_SENTENCE_END = _c(words.SENTENCE_END)
_NEGATION = _c(words.NEGATION)
_NEGATION_AFTER = _c(words.NEGATION_AFTER)
# A denial inside the words of a danger, before its last verb: "杆子也不歪", "线都没断".
_DENIED_WITHIN = _c(
    r"(不|没|没有|冇|莫|未)(太|怎么|咋)?(歪|斜|倒|倾|晃|断|掉|垂|低|着|烧|冒|亮|麻)[了的]?$"
)
_PROHIBITION = _c(words.PROHIBITION)
_FEARED = _c(words.FEARED)
_HEARSAY_ELSEWHERE = _c(words.HEARSAY_ELSEWHERE)
_HERE_OR_NOW = _c(words.HERE_OR_NOW)
_CONDITION = _c(words.CONDITION)
_CONDITION_AFTER = _c(words.CONDITION_AFTER)
_WHEN_BEFORE = _c(words.WHEN_BEFORE)
_WHEN = _c(words.WHEN)
_QUESTION = _c(words.QUESTION)
_PARTICULAR_TIME = _c(words.PARTICULAR_TIME)
_HOW_TO_TELL = _c(words.HOW_TO_TELL)
_ASKING_OPENS = _c(words.ASKING_OPENS)
_ASKED_AFTER = _c(words.ASKED_AFTER)
_THANKS = _c(words.THANKS)
_DONE_RE = _c(words.DONE)
_DONE_SINCE = _c(words.DONE_SINCE)
_PAST = _c(words.PAST)
_DEALT_WITH = _c(words.DEALT_WITH)
_LONG_AGO = _c(words.LONG_AGO)
# A smell or a fire found to be something else burning ("原来是隔壁烧稻柴").
_SOMETHING_ELSE = r"原来是[^，。,.]{0,10}(烧|烤|熏|煮|炒)"
# A danger the note says is over by now, whatever it said before ("水退了以后…").
_OVER = {
    "flooding at equipment": _c(r"水退|退水|水已经?退|没水浸|水消了|水排干"),
    "smoke": _c(r"(现在|已经|这会儿?)(不|没)(冒|有)?烟了|烟(已经)?(散|没)了|" + _SOMETHING_ELSE),
    # …the tree cut away.
    "tree or object on a line": _c(
        r"(已经|早就?|都)(被)?[^，。,.]{0,4}(锯|砍|清|移|拖|搬)(走|掉|开)了"
    ),
    "fire": _c(r"火(早就?|已经|早已|都)?(灭|熄|扑灭)了|(扑|打)灭了|" + _SOMETHING_ELSE),
}
# A danger come back ("今天那根杆子又歪了"): thanks for the last time do not cover it.
_AGAIN_NOW = _c(
    r"(?<!会)又(倒|断|冒|着火|打火|歪|斜|淹)了|(?<!会)又[^，。,.]{0,8}(歪了|斜了|垂了|往下垂|掉下来|耷拉|打手|麻)"
    # "今天又开始歪", "又在冒火星", "又有一根线被车挂下来了" (not "又帮我们修好了歪杆")
    r"|(?<!会)又(开始|在|有)[^，。,.修换扶弄立]{0,10}(歪|斜|冒火|火星|冒烟|打火|挂下来|掉下来|淹|漏电)"
    # "this time" after the last ("上回…换好了表箱，这回杆子歪得厉害")
    r"|(这回|这次)[^，。,.修换扶弄立]{0,8}(歪|斜|断|倒|冒|打火|着火|淹|垂|掉)"
)
_EARLIER_DAY = _c(r"前天|昨天|昨晚|昨夜|前晚|大前天|那天|那晚|那夜|那回|那次|上次|上回")
_NOW_AGAIN = _c(words.NOW_AGAIN)
_THAT_TIME_AFTER = _c(r"的?(那回|那次|那一回|那一次|那年|那阵子?)")
_STILL = _c(words.STILL)
_STILL_THEN = _c(words.STILL_THEN)
_RENEWED = _c(words.RENEWED)
_FIXED = _c(words.FIXED)
_NEGATION_BEFORE_FIX = _c(r"没|不|未|冇|莫")
_FIX_ASKED = _c(r"了?(没有?|吗|么|嘛|不|没得|莫得)")
# Asked inside the danger's own words ("表箱会不会进水").
_ASKED_WITHIN = _c(r"会不会|会否")
# Help asked for and given in the same breath: the story of a time past ("后来请你们来修好了").
_ASKED_AND_DONE = _c(
    r"(请|麻烦)[^，。,.]{0,6}来[^，。,.!！?？]{0,2}(修|接|扶|换|弄|搞|处理)(好|完)了(?!的)"
)
# The things a danger is told of by, in a clause that says it is still there.
_DANGER_THINGS = _c(r"杆|线|表箱|电箱|变压器|开关|瓷瓶|火|烟|电|麻|漏")
_HABITUAL_BEFORE = _c(words.HABITUAL_BEFORE)
_HABITUAL_AFTER = _c(words.HABITUAL_AFTER)
_NO_DANGER = _c(r"不是|没|无|莫得|不会|冇")
_NOW = _c(words.NOW)
_NOW_THEN = _c(words.NOW_THEN)
_PRAISE = _c(words.PRAISE)
_INQUIRY = _c(words.INQUIRY)
_FUTURE_AFTER = _c(words.FUTURE_AFTER)
_FUTURE_BEFORE = _c(words.FUTURE_BEFORE)
_HEARSAY = _c(words.HEARSAY)
_MAY = _c(words.MAY)
_FAMILY_USE = _c(words.FAMILY_USE)
_ANY_OUTAGE = _c(words.ANY_OUTAGE)
# Characters only written Cantonese uses: a note without them is left as it is.
_CANTONESE_MARK = _c("咗|喺|嘅|唔|佢|啲|嚟|睇|哋|冇|啱|畀|郁|掂|仲|冒紧|落紧|系咪|细路")
# …and only written Wu uses.
_WU_MARK = _c(
    "侬|阿拉(?![善乡镇村沟山尔丁伯克木斯坦湖河街])|伊拉|覅|勿(?:是|要|晓得|好|会|来事)|辰光"
    r"|屋里[向厢]|搿|迭个|[呒嘸]没|今朝|明朝|上趟|下趟|啥人|伐晓得|(?:断|跳|烧|坏|挂|倒|掉|落|吹|刮|塌)脱"
)
_WU = tuple((_c(pattern), mandarin) for pattern, mandarin in words.WU)
# …and only written Minnan uses ("阮厝", "袂", "佇", "攏", "囡仔", "这马", "电火柱").
_MINNAN_MARK = _c(
    "厝|袂|佇|伫|攏|毋(?!庸|须|宁)|[囡囝]仔|(?:这|即)马|按怎|[遮遐]尔|电火[柱杆线]|半暝|土脚|眠床|顶摆"
    # "汝" ("you"; not the places 汝州, 汝阳, 汝南, 汝城), "顶懸" ("above"), "头壳" ("the head")
    "|汝(?![州阳南城河窑瓷])|顶[懸悬]|头壳"
    "|阮(?=厝|兜|阿|某|翁|老[爸母父]|爸|母|欲|咧|无|攏|袂|毋|田|遮|遐|彼|拢)"
)
_MINNAN = tuple((_c(pattern), mandarin) for pattern, mandarin in words.MINNAN)


# Any word of power, equipment, a danger or a need: a note with none ("小朋友：喂，我是小猪佩奇") is
# no hazard call, whatever the model heard (no hazard note of any hand or of the corpus lacks one).
_ANYTHING_OF_POWER = _c(
    r"电|线|杆|表|闸|火|烟|箱|柜|变压|开关|保险|瓷瓶|机|烧|焦|冒|爆|响|闪|亮|触|麻|漏|倒|塌|淹|水"
    r"|救|伤|死|危险|命|病|氧|透析|急|雷|光|热|烫|化|味|声|铁|架|爬|趴|掉|断|歪|台区|配变|台变"
)


@dataclass(frozen=True)
class Findings:
    """What the rules found in a note: the dangers there now, a medical need, thanks, junk; and
    the dangers only spoken of (denied, feared or asked about, past and dealt with)."""

    dangers: tuple[str, ...] = ()
    medical: bool = False
    in_thanks: bool = False
    junk: bool = False
    spoken_of: tuple[str, ...] = ()
    # A word of power, equipment, a danger or a need somewhere in the note.
    power_named: bool = True
    # A machine or a person who needs power named only in a question or a wish, the power not
    # off ("用呼吸机的人家可以申请保电吗"): no need now, and the detector is vetoed too.
    machine_asked: bool = False

    @property
    def urgent(self) -> bool:
        return not self.junk and not self.in_thanks and (bool(self.dangers) or self.medical)

    def urgent_as(self, category: str | None) -> bool:
        """Urgent when the call is taken for ``category``: a danger or a need named, or a hazard
        call — but not in thanks, not a junk call, and not a note that names nothing of power,
        equipment, a danger or a need (a child's voice or a cough the junk rules do not know)."""
        if self.junk:
            return False
        return self.urgent or (category == "hazard" and not self.in_thanks and self.power_named)


def findings(text: str) -> Findings:
    """The dangers and medical need a note names as there now (not denied, feared or past)."""
    return findings_read(as_mandarin((text or "").strip()))


def findings_read(text: str) -> Findings:
    """``findings`` of a note already read as Mandarin (``as_mandarin``)."""
    text = text.strip()
    # A danger or a need there now is never put down as a call that went nowhere, whatever words
    # of one it has ("孩子打的，说屋里一股焦糊味"); the call's own dropping ("喂……(断线)") is no
    # line down.
    if is_junk(text) and not _named_now(_CALL_DROPPED.sub("", text)):
        return Findings(junk=True)
    dangers, spoken_of = _dangers(text)
    medical = _medical_need(text)
    return Findings(
        dangers=dangers,
        medical=medical,
        in_thanks=_said_in_thanks(text) and not ((dangers or medical) and _TURNED_NOW.search(text)),
        spoken_of=spoken_of,
        power_named=bool(_ANYTHING_OF_POWER.search(text)),
        machine_asked=not medical and _machine_asked(text),
    )


# Thanks, and then a turn to what is wrong now ("感谢上个月换了表，不过今天表箱那里冒火星").
_TURNED_NOW = _c(
    r"(不过|但是|可是|只是|就是)[^。.!！?？]{0,4}(今天|今早|今晚|现在|这会|刚才|刚刚|这两天|这几天)"
)


def _dangers(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The kinds of danger the note names as there now, and those it speaks of otherwise."""
    dangers: list[str] = []
    spoken_of: list[str] = []
    read = with_subjects(text)
    for kind, pattern in _DANGER_RES.items():
        states = mentions(pattern, read)
        over = _OVER.get(kind)
        if over is not None and over.search(read):
            states = [PAST if state == NOW else state for state in states]
        if NOW in states:
            dangers.append(kind)
        elif states:
            spoken_of.append(kind)
    return tuple(dangers), tuple(spoken_of)


# What a danger is said of: a line, a pole, a box, a transformer. A clause that says what happens
# without saying to what ("那根线，就是去年换过的那根，又断了，掉在路上") is about the last of them
# named in its sentence.
_THING = _c(
    r"拉线|保险|熔断器|跌落|空开|闸|路灯|电表|"
    r"电线杆|电杆|线杆|杆子|水泥杆|木杆|电线|导线|变压气|高压线|低压线|电缆|进户线|线头|表箱|电箱|配电箱|变压器"
    r"|箱变|插座|开关|(?<![网话纤视])线|杆|树|竹子|竹|树枝|树杈"
)
_SUBJECTLESS = _c(
    r"(另一根|另外一根|其中一根|有一根|一根|那根|这根|那条|这条)?"
    r"(又|还|也|都|就|已经|到现在|至今|目前|早就|现在|今天|今早|今晚|昨晚|昨天|今天早上|早上|晚上|刚才|刚刚|这回|这次|这两天"
    r"|这几天|最近|突然|老是|总是|天天|一直|正在|在|又在|还在|[被叫让给][^，。,.]{0,6}|一下雨就?|下雨就?"
    r"|风一吹就?|一刮风就?|一合闸就?|从[^，。,.]{0,6}开始)*"
    r"(断|倒|歪|斜|掉|垂|耷|吊|刮|趴|压在|搭在|拖(在|到|地)|冒|打火|着火|起火|烧|晃|摇|裂|往[^，。,.]{0,6}[倒歪斜]|漏电"
    r"|带电|有电|闪|滋|噼|泡在)"
)


_CARRIED = _c(
    r"电线杆|电杆|线杆|杆子|水泥杆|木杆|电线|导线|变压气|高压线|低压线|电缆|进户线|线头|表箱|电箱|配电箱"
    r"|变压器|箱变|插座|开关|线|杆|树|竹子|竹|树枝|树杈"
)


_LYING_ON = _c(r"(压|搭|挂|倒|靠|砸)(在|到)")
_BESIDE = _c(
    r"(的)?(旁边|边上|旁|下面|下头|底下|上面|上头|上挂|上贴|上的|下的|里的|附近|前面|后面|对面|那边)"
)


def with_subjects(text: str) -> str:
    """The note with each clause that tells of a danger without saying to what given the last
    thing named before it in its sentence: "那根电杆，你们上回来看过，现在往路这边斜得更厉害了" is
    read "…，电杆现在往路这边斜得更厉害了"."""
    pieces = re.split(f"({words.CLAUSE})", text)
    last = ""
    out = []
    for piece in pieces:
        if _SENTENCE_END.fullmatch(piece):
            last = ""
        elif not _CLAUSE.fullmatch(piece or " "):
            things = list(_THING.finditer(piece))
            lying = _LYING_ON.match(piece)  # "压在线上了": the line is where it lies
            if last and _SUBJECTLESS.match(piece) and (not things or lying):
                piece = last + piece
            if things:
                # (a stay wire, a fuse, a switch told of is no line or pole: nothing carried;
                # nor a thing that only says where another is: "电线杆旁边那堵墙",
                # "电线上挂着的灯笼")
                thing = things[-1]
                carried = _CARRIED.fullmatch(thing.group()) and not _BESIDE.match(
                    piece, thing.end()
                )
                last = thing.group() if carried else ""
        out.append(piece)
    return "".join(out)


def _named_now(text: str) -> bool:
    return bool(_dangers(text)[0]) or _medical_need(text)


def as_mandarin(text: str) -> str:
    """The note with written Cantonese, Wu or Minnan read as Mandarin (``words.CANTONESE``,
    ``words.WU``, ``words.MINNAN``).

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
    if _CANTONESE_MARK.search(text):
        for cantonese, mandarin in words.CANTONESE:
            text = text.replace(cantonese, mandarin)
    if _WU_MARK.search(text):
        for pattern, mandarin in _WU:
            text = pattern.sub(mandarin, text)
    if _MINNAN_MARK.search(text):
        for pattern, mandarin in _MINNAN:
            text = pattern.sub(mandarin, text)
    return text


def is_urgent(text: str, category: str | None = None) -> bool:
    """Urgent: a danger or medical need named (not denied, not in thanks), or a hazard call.

    A note that is junk (a test call, digits only, nothing), or names nothing of power, equipment,
    a danger or a need, is never urgent, whatever the category said.
    """
    return findings(text).urgent_as(category)


def mentions(pattern: re.Pattern[str], text: str) -> list[str]:
    """How each occurrence of ``pattern`` in ``text`` is spoken of: ``NOW``, ``DENIED``,
    ``FEARED`` or ``PAST``."""
    return [_state(text, match) for match in pattern.finditer(text)]


def _state(text: str, match: re.Match[str]) -> str:
    start, end = match.span()
    clause_start = max((m.end() for m in _CLAUSE.finditer(text, 0, start)), default=0)
    following = _CLAUSE.search(text, end)
    clause_end = following.start() if following else len(text)
    before = _LISTED_BEFORE.sub("", text[clause_start:start].replace(" ", ""))
    after = _LISTED_AFTER.sub("", text[end:clause_end].replace(" ", ""))
    if (
        _NEGATION.search(before[-8:])
        or _PROHIBITION.search(match.group())
        or _DENIED_WITHIN.search(match.group())
    ):
        return DENIED
    if _NEGATION_AFTER.fullmatch(after):
        return DENIED
    if _FEARED.search(before[-12:]) or _ASKED_AFTER.fullmatch(after) or _asked_within(text, match):
        return FEARED
    if _HEARSAY_ELSEWHERE.search(before[-12:]) and not _HERE_OR_NOW.search(text):
        return FEARED
    if _HEARSAY.search(before) and _MAY.search(before + match.group() + after):
        return FEARED
    if _FUTURE_AFTER.match(after) or _FUTURE_BEFORE.match(before):
        return FEARED
    if _conditional(text, start, after):
        return FEARED
    if _taken_back(text, start, end):
        return DENIED
    once = _ONCE.search(match.group())
    if (
        once
        and _under_a_past_marker(text, start + once.start())
        and not _SINCE_THEN.search(text, end)
    ):
        return PAST  # "孩子以前爬过电杆": told as something that once happened
    put_right = _PUT_RIGHT_AFTER.match(text, end)
    if put_right and not _now_wanted(text) and not _BACK_AGAIN.search(text, put_right.end()):
        return PAST  # "冒烟 已排除", "杆歪，已扶正"
    # A past marker inside the danger's own words ("杆子上回歪了") governs it too.
    inside = list(_PAST.finditer(match.group()))
    if _in_the_past(text, start + inside[-1].end() if inside else start, after):
        return PAST
    return NOW


# A report said before ("刚才报的", "我以为", "他们说") and taken back after it ("其实是晾衣绳",
# "搞错了", "我去看过，没事"), with no help wanted now.
_SAID_BEFORE = _c(
    r"刚才?(打电话|打来)?(说|报|讲|反映)的?|刚报的?|我?以为|(他们|他|她|有人|邻居|别人)(说|讲)"
)
_CORRECTED = _c(
    r"(其实|原来|结果)(只?是|就是)|(搞|弄|看|听|报|说)错了|误报|不用来了|不用派人"
    r"|(看|查|检查)(过|了)[^。.]{0,4}(没事|没问题|好好的|正常)"
)
# …and, after the caller's own report, a plain word that all is well ("刚才报的打火是工地在电焊，
# 没事"; not "他手被电了一下，人倒是没事": someone unhurt).
_SAID_BY_ME = _c(r"刚才?(打电话|打来)?(说|报|讲|反映)的?|刚报的?")
# (straw, rubbish or leaves burnt: no fire of ours)
_BURNING_WASTE = _c(r"[在烧烤熏]+[^，。,.]{0,2}(秸秆|稻草|稻柴|柴|垃圾|树叶|叶子|纸|草|麦秆)")
_OURS_OR_STILL = _c(r"我们|我家|这边|这儿|本村|还在|仍")
_WELL = _c(r"(?<![人倒])没事(?![吧吗么嘛])|不好意思")
# A thing done once, under a marker of the past ("以前爬过电杆").
_ONCE = _c(r"(爬|攀|碰|摸|踩|钻|倒|断|歪|烧|着)过")
# …unless something after it is told as now or again ("今天又踩到了", "这会儿又爬上去了").
_SINCE_THEN = _c(r"又|再|这会儿?|这下|刚才|刚刚|现在(?![不没也])|今天|今早|今晚|今年|还在")
# Put right, said right after the danger in a duty's note ("冒烟 已排除", "杆歪，已扶正"); not a
# line made safe for now ("已拉闸，请派人接线").
_PUT_RIGHT_AFTER = _c(
    r"[，,。.;；\s]*(已经?|都已经?|早已|现已)(排除|处理好?|修复|扶正|扶起来|接好|修好|换好|解决|消除|扑灭|灭了)"
    # (not asked, "已经处理了吗", nor failed, "已扑灭不了", "已排除失败")
    r"(?![^，。,.]{0,3}(吗|么|没|不了|不掉|不住|不下|失败|[?？]))"
)
# …and not come back after it ("已扶正的那根又歪了", "已扑灭 又复燃了", "越烧越大").
_BACK_AGAIN = _c(r"又|还在|仍|再次|复燃|越[^，。,.]{0,2}越|还没")


def _taken_back(text: str, start: int, end: int) -> bool:
    """Told as what was reported before, and taken back after it ("刚才说电线掉了，其实是晾衣
    绳"), with no help wanted now."""
    clause_start = _clause_start(text, start)
    sentence_start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    opening = min(clause_start, sentence_start)
    said = _SAID_BEFORE.search(text, opening, start)
    if not said or _now_wanted(text):
        return False
    corrected = _CORRECTED.search(text, end)
    if corrected:
        # (not when the correction names a danger or our place: "其实是我们村的，线在村口地上")
        rest = _BURNING_WASTE.sub("", text[corrected.end() :])
        return not _OURS_OR_STILL.search(rest) and not any(
            danger.search(rest) for danger in _DANGER_RES.values()
        )
    return bool(_SAID_BY_ME.search(text, opening, start) and _WELL.search(text, end))


def _asked_within(text: str, match: re.Match[str]) -> bool:
    """Asked in its own clause, in a note that asks ("表箱会不会进水…就是问一下"); not a fear
    said before a fact ("这杆子会不会倒哦，歪得厉害", "配电房会不会被淹，水已经漫到门口了")."""
    asked = list(_ASKED_WITHIN.finditer(match.group()))
    if not asked or _CLAUSE.search(match.group(), asked[-1].end()):
        return False
    # …or one whose question is all there is after it ("下雨表箱会不会进水漏电？").
    following = _CLAUSE.search(text, match.end())
    return bool(_INQUIRY.search(text)) or bool(
        _NOTHING_MORE.fullmatch(text, following.start() if following else len(text))
    )


_NOTHING_MORE = _c(r"[\s，,。.!！?？啊呀哦吧呢嘛哈]*")


def _conditional(text: str, start: int, after: str) -> bool:
    """Said as a case that may come: under "要是", "万一" … in its sentence, or ending its clause
    with "的话"; or, in a question or wish about no particular time, after "遇到" or with "的时候"
    ("下大雨的时候表箱进水会不会有危险", "停电的时候优先照顾")."""
    sentence_start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    following = _SENTENCE_END.search(text, start)
    sentence = text[sentence_start : following.end() if following else len(text)]
    if _CONDITION.search(text, sentence_start, start) or _CONDITION_AFTER.search(after):
        return True
    if _how_to_tell_asked(text, after):
        return True
    if not _QUESTION.search(sentence) or _PARTICULAR_TIME.search(sentence):
        return False
    # "…的时候" counts in the danger's own clause: "洗澡的时候也麻" beside "外壳摸到麻手" tells
    # when it happens, not a case that may come.
    clause_start = max((m.end() for m in _CLAUSE.finditer(text, 0, start)), default=0)
    following = _CLAUSE.search(text, start)
    clause = text[clause_start : following.start() if following else len(text)]
    return bool(_WHEN_BEFORE.search(text, sentence_start, start) or _WHEN.search(clause))


def _how_to_tell_asked(text: str, after: str) -> bool:
    """How to tell such a thing asked right after it, in a note that opens as a question, names no
    particular time and wants nobody now ("咨询电热水器漏电怎么判断")."""
    return bool(
        _HOW_TO_TELL.match(after)
        and _ASKING_OPENS.search(text)
        and not _PARTICULAR_TIME.search(text)
        and not _now_wanted(text)
    )


def _in_the_past(text: str, position: int, after: str = "") -> bool:
    """Said of a time past ("上次", "去年"; or "捡线头那回": the time named right after it) and
    dealt with since, with nothing still there."""
    long_ago = list(_LONG_AGO.finditer(text, 0, position))
    if long_ago and not _NOW_AGAIN.search(text, long_ago[-1].end(), position):
        return True
    under = _under_a_past_marker(text, position)
    if under and after.startswith("过"):
        return True  # "以前工地上有人被电打过": told as something that once happened
    if not (under or _THAT_TIME_AFTER.match(after) or _put_right_since(text, position, after)):
        return False
    if _still_there(text):
        return False
    # (or a complaint about its cost: "上次电杆倒了砸坏围墙，到现在赔偿还没下来")
    done = _DONE_RE.search(text) or _DONE_SINCE.search(text) or _MATTER.search(text)
    return not _now_wanted(text) and bool(done)


def _put_right_since(text: str, position: int, after: str) -> bool:
    """The danger named as what marks a thing since put right ("冒火的电表箱恁们换了",
    "着火的表箱你们是换了")."""
    return after.startswith("的") and bool(_fixes(text, position))


def _fixes(text: str, start: int = 0) -> list[re.Match[str]]:
    """Where the note says something was put right (``words.FIXED``): not denied in its clause
    ("一直没有安排师傅过来修好", "不给俺家接好") and not asked ("修好没有", "换了吗")."""
    found = []
    for match in _FIXED.finditer(text, start):
        clause_start = _clause_start(text, match.start())
        following = _CLAUSE.search(text, match.end())
        rest = text[match.end() : following.start() if following else len(text)]
        if _NEGATION_BEFORE_FIX.search(text, clause_start, match.start()):
            continue
        if _FIX_ASKED.match(rest) or "?" in rest or "？" in rest:
            continue
        found.append(match)
    return found


def _still_there(text: str) -> bool:
    """Signs that a danger told of is still there ("还没", "到现在", "还在" said of now). Once the
    note says something was put right, a sign said before that is over; a sign said after it
    counts only in a clause that names the danger's things ("至今还在冒火花", "杆子还没扶"), not
    the matter of a complaint ("墙到现在也没人来补"). A danger come back ("又断了") counts
    always."""
    if _RENEWED.search(text):
        return True
    signs = [m.start() for m in _STILL.finditer(text)]
    signs += [m.start() for m in _STILL_THEN.finditer(text) if _now_said(text, m)]
    if not signs:
        return False
    fixes = [m.start() for m in _fixes(text)]
    for sign in signs:
        if _of_a_matter(text, sign):
            continue
        if not fixes:
            return True
        if any(fix > sign for fix in fixes):
            continue  # said before it was put right
        clause_start = _clause_start(text, sign)
        following = _CLAUSE.search(text, sign)
        clause = text[clause_start : following.start() if following else len(text)]
        if _DANGER_THINGS.search(clause):
            return True
    return False


# What a complaint is about after a danger is past: money, papers (not the report itself: "之前报
# 的杆子歪了，到现在都没个说法" is a danger still there).
_MATTER = _c(r"赔|补偿|发票|退费|退钱|报销")


def _of_a_matter(text: str, position: int) -> bool:
    """The sign is said of a complaint's matter and names none of the danger's things
    ("到现在赔偿还没下来")."""
    clause_start = _clause_start(text, position)
    following = _CLAUSE.search(text, position)
    clause = text[clause_start : following.start() if following else len(text)]
    return bool(_MATTER.search(clause)) and not _DANGER_THINGS.search(clause)


def _clause_start(text: str, position: int) -> int:
    return max((m.end() for m in _CLAUSE.finditer(text, 0, position)), default=0)


def _under_a_past_marker(text: str, position: int) -> bool:
    pasts = list(_PAST.finditer(text, 0, position))
    return bool(pasts) and not _NOW_AGAIN.search(text, pasts[-1].end(), position)


def _now_said(text: str, match: re.Match[str]) -> bool:
    return not _under_a_past_marker(text, match.start())


def _now_wanted(text: str) -> bool:
    """Help wanted now ("快来"; "派人" unless in a story of a time past: "那次电线掉了，你们马上
    派人来守着")."""
    if any(not _ASKED_AND_DONE.match(text, m.start()) for m in _NOW.finditer(text)):
        return True
    return any(_now_said(text, m) and not _danger_denied(text, m) for m in _NOW_THEN.finditer(text))


def _danger_denied(text: str, match: re.Match[str]) -> bool:
    """ "危险" said not to be there ("我不是讲现在有哪样危险", "没啥危险")."""
    if match.group() != "危险":
        return False
    clause_start = max((m.end() for m in _CLAUSE.finditer(text, 0, match.start())), default=0)
    return bool(_NO_DANGER.search(text, clause_start, match.start()))


# A machine asked about as failing or what to do with it ("制氧机用不了怎么办"): its need is now
# when the power is off now.
_HOW_NOW = _c(r"[^，。,.？?]{0,6}(怎么办|咋办|咋整|怎么弄|用不了|开不起来|不转了|停了)")


def _medical_need(text: str) -> bool:
    """A machine or medicine that needs power, or a person who depends on it, and the power off
    or failing now; or such a machine named as in use, in a note that neither asks nor wishes
    ("家里老人用着制氧机，快点来")."""
    aquatic = bool(_AQUATIC.search(text))
    device = any(
        (_state(text, m) == NOW or (_state(text, m) == FEARED and _HOW_NOW.match(text, m.end())))
        and not (aquatic and _AERATOR.match(text, m.start()))
        and not _not_at_home(text, m.end())
        for m in _DEVICES.finditer(text)
    )
    if not device and NOW not in mentions(_PEOPLE, text):
        return False
    if not _asked_in_general(text) and any(
        _state(text, m) == NOW and not _habitual(text, m) for m in _POWER_TROUBLE.finditer(text)
    ):
        return True
    if _ANY_OUTAGE.search(text):
        # An outage on a day named (planned, or for works at the house: "明天换表要停两个钟头")
        # and a machine or a patient there now: the household must plan now, asking or not.
        return True
    about_the_bill = _ABOUT_THE_BILL.search(text) and not _CUT_SPOKEN.search(text)
    return device and not _asks_or_wishes(text) and not about_the_bill


# A machine given back, no longer used, or used at the hospital ("呼吸机已经退了", "透析在医院做").
_NOT_AT_HOME = _c(
    r"[^，。,.]{0,3}(退了|还了|还回去|不用了|没用了|停用了|用不上了|不需要了|在医院|去医院|到医院)"
)
# …not denied or asked ("不在医院", "不用了？"), not said of one machine while another is used
# ("还了一台，还有一台在用", "带回家用"), never with an outage now.
_NOT_AT_HOME_ASKED = _c(r"[了的]?(是假的|[？?吗么])")
_NOT_AT_HOME_UNDONE = _c(r"还有|在用|要用|用着|带回|回家|在家|离不开|不行")
# …unless no need at home is said too ("家里没有机器", "停电不要紧").
_NO_NEED_AT_HOME = _c(
    r"(家里|屋里|家头)(没有|没|冇)[^，。,.]{0,2}(机器|机子)|不要紧|没关系|不碍事|不影响"
)


def _not_at_home(text: str, position: int) -> bool:
    """The machine named just before ``position`` given back, no longer used, or used at the
    hospital, and no outage reported now."""
    found = _NOT_AT_HOME.match(text, position)
    if not found or text[found.start(1) - 1 : found.start(1)] in ("不", "没"):
        return False
    if _NOT_AT_HOME_ASKED.match(text, found.end()) or _NOT_AT_HOME_UNDONE.search(text, found.end()):
        return False
    if _NO_NEED_AT_HOME.search(text, found.end()):
        return True  # "透析在医院做，家里没有机器，停电不要紧"
    return not any(_state(text, m) == NOW for m in _POWER_TROUBLE.finditer(text))


# A wish or an errand ("我想给…拉一根线", "可以申请…吗", "啥时候装").
_WISH = _c(
    r"(什么时候|啥时候|几时|哪天)(装|办|给|接)|什么样|哪种|想(给|把|办|装|申请|改|登记)|申请|取消|改户名|过户"
)


# A day named, an outage planned for it ("明个停电").
_DAY_NAMED = _c(
    r"明|后天|下周|下个?(星期|礼拜|月)|[0-9一二三四五六七八九十]+[号日]|周[一二三四五六日天]|星期|礼拜"
)
# An outage said to have come ("停电了", "黑起咯").
_OUTAGE_CAME = _c(
    r"(停电|没电|么电|莫电|冇电|无电|断电|跳闸|黑|停|断)(了|啦|咯|哒|喽|嘞)|[没莫么冇]得电"
    # …or named as here, going on, or back again ("家里停电，", "一直停电", "停电三个小时了")
    r"|(家里|屋里|家头|这片|这边|这里|我们这|一直|又|还|老是|总是)[^，。,.？?]{0,3}(停电|没电|断电|停|没有电)"
    r"|停电(中|[0-9一二三四五六七八九十两几半]+)|没有电|电停|电没|电压低|断电"
    # …or its coming back asked about ("来电时间", "电啥时候恢复")
    r"|(来|恢复|送)电|电[^，。,.]{0,4}(来|恢复)|发电车|一闪|停电[，,]"
)
# Any word of an outage or a cut, in any tense ("下午就停", "先别断", "余额只剩三块", "周四检修").
_OUTAGE_WORD = _c(r"停|断|没电|么电|莫电|冇电|无电|黑|欠费|余额|没钱|跳闸|拉闸|拆表|换表|检修")


def _asked_in_general(text: str) -> bool:
    """A question about outages in general ("请问呼吸机用户停电有没有优先"): the note opens as
    one, names no particular time, says no outage has come and wants nobody now."""
    return bool(
        _ASKING_OPENS.search(text)
        and not _PARTICULAR_TIME.search(text)
        and not _OUTAGE_CAME.search(text)
        and not _DAY_NAMED.search(text)
        and not _now_wanted(text)
    )


def _asks_or_wishes(text: str) -> bool:
    """The note asks or wishes ("请问", "申请", "想给…装")."""
    return bool(_INQUIRY.search(text) or _WISH.search(text))


# The power coming back asked for, the machine failing, a person short of breath or using the
# machine now: never "only asked about" ("请问电啥时候恢复", "有没有办法先来电，我爸在用呼吸机").
_IN_NEED_NOW = _c(
    r"来电|电[^，。,.]{0,4}(来|恢复|撑)|恢复|发电车|电压低|一闪|报警|用不了|开不起来|停着|撑不住"
    r"|胸闷|喘|在用|用着|插着|吸着|离不开|火花|冒火|打火"
)


def _machine_asked(text: str) -> bool:
    """A machine or a person who needs power named, in a note that asks or wishes and names no
    outage or cut at all, or asks about outages in general."""
    if not (_DEVICES.search(text) or _PEOPLE.search(text)):
        return False
    if _OUTAGE_WORD.search(text) and not _asked_in_general(text):
        return False
    if _IN_NEED_NOW.search(text):
        return False
    return _asks_or_wishes(text)


# A note about what a machine's power costs ("我妈用制氧机，这个月电费多了一百多"): no need now,
# unless the power is to be cut for it ("余额负五块，啥时候会断").
_CUT_SPOKEN = _c(r"断|停|欠|余额|拉闸")
_ABOUT_THE_BILL = _c(
    r"多少|正常吗|正不正常|优惠|补贴|峰谷|核算|电费[^，。,.]{0,4}(高|多了|贵|涨|怎么算)"
)


def _habitual(text: str, match: re.Match[str]) -> bool:
    """An outage told of as what happens each time or as a time to prepare for
    (``words.HABITUAL_BEFORE``, ``words.HABITUAL_AFTER``)."""
    clause_start = max((m.end() for m in _CLAUSE.finditer(text, 0, match.start())), default=0)
    return bool(
        _HABITUAL_BEFORE.search(text, clause_start, match.start())
        or _HABITUAL_AFTER.match(text, match.end())
    )


def _used_at_home(text: str) -> bool:
    """A machine named as used by someone of the household, not in a question or a wish."""
    for match in _DEVICES.finditer(text):
        clause_start = max((m.end() for m in _CLAUSE.finditer(text, 0, match.start())), default=0)
        if _state(text, match) == NOW and _FAMILY_USE.search(text, clause_start, match.start()):
            return True
    return False


def _said_in_thanks(text: str) -> bool:
    """Praise ("我要表扬"), or a word of thanks about something dealt with; and no call for help
    now."""
    if _now_wanted(text) or _AGAIN_NOW.search(text):
        return False
    if _PRAISE.search(text) or (_THANKS.search(text) and _DEALT_WITH.search(text)):
        return True
    # Thanks after the story of a day before ("前天冰把线压断了，你们连夜爬杆子…谢谢你们"), with
    # nothing said to be still there.
    earlier = _EARLIER_DAY.search(text)
    thanks = list(_THANKS.finditer(text))
    return bool(
        earlier
        and thanks
        and thanks[-1].start() > earlier.end()
        and not _STILL.search(text)
        and not _STILL_THEN.search(text)
    )
