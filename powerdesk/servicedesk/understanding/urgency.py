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
or failing now. The words are in ``danger_words``, ``medical_words``, ``context_words`` and
``dialect_words``; junk calls are told apart in ``junk``; how each mention is spoken of (now,
denied, feared, past) is read in ``readings`` (help wanted now in ``wanted``; what a clause
without a thing named is about in ``subjects``), a medical need in ``medical``.

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
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from powerdesk.servicedesk.understanding import context_words
from powerdesk.servicedesk.understanding.at_work import PERSON, at_work_states
from powerdesk.servicedesk.understanding.bounded import around, clauses_bounded
from powerdesk.servicedesk.understanding.box_noise import box_hot, box_noise
from powerdesk.servicedesk.understanding.dialects import as_mandarin, as_xiang_read
from powerdesk.servicedesk.understanding.english import with_english
from powerdesk.servicedesk.understanding.hearth import BURNING, NOT_OURS, hearth_only, of_a_hearth
from powerdesk.servicedesk.understanding.junk import is_junk
from powerdesk.servicedesk.understanding.machine_denied import denied_only
from powerdesk.servicedesk.understanding.medical import (
    _DEVICES,
    _PEOPLE,
    _medical_need,
    machine_fine,
    outage_told,
)
from powerdesk.servicedesk.understanding.medical_none import cost_only, need_ended, need_past
from powerdesk.servicedesk.understanding.money import money_only
from powerdesk.servicedesk.understanding.readings import (
    _BACK_AGAIN,
    _CLAUSE,
    _DANGER_RES,
    _SHORT,
    _STILL,
    _STILL_THEN,
    FEARED,
    NOW,
    PAST,
    _now_wanted,
    mentions,
)
from powerdesk.servicedesk.understanding.said_now import said_now
from powerdesk.servicedesk.understanding.spaced import joined
from powerdesk.servicedesk.understanding.subjects import with_subjects
from powerdesk.servicedesk.understanding.unhidden import unhidden
from powerdesk.servicedesk.understanding.water_tingle import calm_states

__all__ = [
    "Findings",
    "as_mandarin",
    "findings",
    "is_junk",
    "is_urgent",
    "plain_read",
    "with_subjects",
]


_c = re.compile
_CALL_DROPPED = _c(r"断线|掉线")
_THANKS = _c(context_words.THANKS)
_DEALT_WITH = _c(context_words.DEALT_WITH)
_PRAISE = _c(context_words.PRAISE)
# A smell or a fire found to be something else burning ("原来是隔壁烧稻柴").
_SOMETHING_ELSE = (
    r"原来是(?!里面|里头|里边|箱子里|表箱|电箱|线|插座)[^，。,.]{0,10}(烧|烤|熏|煮|炒)"
)
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
# A danger said to be there still, or worse than when it was told ("到今天还斜着，比上礼拜歪得更厉害
# 了"): a complaint, not thanks.
_STILL_THERE = _c(
    r"还(歪|斜|倒|垂|吊|掉|冒|烧|漏|麻)着|(歪|斜|垂)得更(厉害|低)|比[^，。,.]{0,6}(更|还)(歪|斜|低)"
)
_EARLIER_DAY = _c(r"前天|昨天|昨晚|昨夜|前晚|大前天|那天|那晚|那夜|那回|那次|上次|上回")
# Any word of power, equipment, a danger or a need: a note with none ("小朋友：喂，我是小猪佩奇") is
# no hazard call, whatever the model heard (no hazard note of any hand or of the corpus lacks one).
_ANYTHING_OF_POWER = _c(
    r"电|线|杆|表|闸|火|烟|箱|柜|变压|开关|保险|瓷瓶|机|烧|焦|冒|爆|响|闪|亮|触|麻|漏|倒|塌|淹|水"
    r"|救|伤|死|危险|命|病|氧|透析|急|雷|光|热|烫|化|味|声|铁|架|爬|趴|掉|断|歪|台区|配变|台变"
)
# The words a space inside is no clause's end ("制 氧 机", "打\u3000火"; ``unhidden``): a danger
# or a medical need.
_WORDS = (*_DANGER_RES.values(), _c(_SHORT), _DEVICES, _PEOPLE)


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
    # Something said to be going on now, of a thing of power ("现在还有牛在底下卧着"; ``said_now``).
    now_said: bool = False
    # A medical need, and the power told to be off now, not asked about or planned
    # ("还是没有电，我家老人要用制氧机"; ``medical.outage_told``): a fault to mend now.
    outage_need: bool = False
    # The person a machine was for has died, and no power trouble is told (``medical.need_ended``):
    # no need, and the learned detector is not heard over it (a bereaved family is not asked
    # about a machine nobody uses).
    need_ended: bool = False
    # A machine or a patient named, every outage told of a time past and dealt with (thanks or a
    # complaint about then; ``medical.need_past``): no need, as a danger only past is none.
    need_past: bool = False
    # Every burning named said to be a hearth's or nothing of power, and nothing else of power
    # wrong told ("厨房冒烟了，是灶头烧的，跟电没关系"; ``hearth.hearth_only``): no repair.
    not_ours: bool = False
    # A machine named only for what its power costs ("制氧机能不能办个便宜点的电价";
    # ``medical.cost_only``): no need, and the learned detector is not heard over it.
    cost_only: bool = False
    # Money alone asked of (the bill, the rates, paying: "电费多少"), no power trouble told
    # (``money.money_only``): under an outage no fault of it.
    money_only: bool = False
    # A machine said to be working and no outage told now, planned or asked about ("我妈瘫在床上，
    # 气垫床好好的"; ``medical.machine_fine``), no danger: no need, and the learned detector is not
    # heard over it.
    machine_fine: bool = False
    # Every machine and patient named denied, and nothing else a need could be said with
    # ("停电了，家里没有制氧机"; ``machine_denied``): the learned detector is not heard over it.
    machine_denied: bool = False
    # A meter box or a switch humming or buzzing, and no danger (``box_noise``: "我家电表箱有点
    # 响"): not urgent, but the clerk asks at once whether it smells, is hot, crackles or sparks.
    # "told", or "asked" where the caller asks whether it is normal; "" for none.
    box_noise: str = ""

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
    """``findings`` of a note already read as Mandarin (``as_mandarin``); a note typed in English
    is read by the same rules in English (``english``: walk42, 8). Within ``findings_once`` a
    note is read once, whoever asks again.

    The rules read the note ``unhidden``: a word hidden by an invisible character, a space inside
    it or traditional characters is read as the word (probe72, H1).

    >>> findings_read("电线掉了在打\u200b火").dangers
    ('line down or low', 'arcing or sparks')
    >>> findings_read("老人用制 氧 机，停电了").medical
    True
    """
    kept = _READ_ONCE.get()
    if kept is None:
        return _read_unhidden(text)
    found = kept.get(text)
    if found is None:
        found = kept[text] = _read_unhidden(text)
    return found


def _read_unhidden(text: str) -> Findings:
    plain = plain_read(text)
    return with_english(_findings_read(plain), plain)


def plain_read(text: str) -> str:
    """A note already read as Mandarin (``as_mandarin``) as the rules read it: ``unhidden`` with
    the rules' words (a space is taken out of a danger's or a need's word, not between clauses),
    and read as Mandarin again where that changed it (a dialect's words were hidden too). The
    model and the learned detector read the same (``features.for_model``); read twice, the same.

    >>> plain_read("電 線掉了，在打\u200b火")
    '电线掉了，在打火'
    """
    plain = unhidden(text, _WORDS, clauses_spaced=True)
    return as_mandarin(plain) if plain != text else plain


# The notes read within a request (``findings_once``); None outside one: nothing is kept.
_READ_ONCE: ContextVar[dict[str, Findings] | None] = ContextVar("findings_once", default=None)


@contextmanager
def findings_once() -> Iterator[None]:
    """Within it, each note is read by the rules once (``findings_read``): a request whose
    readings each ask of the same note (the caller panel: the category, the "Then" choices,
    the dangers told; fix60a, 0.6-1.2 s for 2,000 characters) reads it once. The rules are
    the same; their answer (a frozen ``Findings``) is kept until the block ends."""
    token = _READ_ONCE.set({})
    try:
        yield
    finally:
        _READ_ONCE.reset(token)


def _findings_read(text: str) -> Findings:
    text = joined(text.strip())
    text = as_xiang_read(text)
    text = clauses_bounded(text)
    # A danger or a need there now is never put down as a call that went nowhere, whatever words
    # of one it has ("孩子打的，说屋里一股焦糊味"); the call's own dropping ("喂……(断线)") is no
    # line down.
    if is_junk(text) and not _named_now(_CALL_DROPPED.sub("", text)):
        return Findings(junk=True)
    dangers, spoken_of = _dangers(text)
    if not dangers and box_hot(text):
        # A meter box hot, told after it is named ("表箱响，箱子摸着烫手"): as "电表箱发烫" is.
        dangers = ("fire",)
    medical = _medical_need(text)
    return Findings(
        dangers=dangers,
        medical=medical,
        in_thanks=_said_in_thanks(text) and not ((dangers or medical) and _turned_now(text)),
        spoken_of=spoken_of,
        power_named=bool(_ANYTHING_OF_POWER.search(text)),
        now_said=said_now(text),
        outage_need=medical and outage_told(text),
        need_ended=need_ended(text),
        need_past=not medical and need_past(text),
        not_ours=not dangers and not medical and hearth_only(with_subjects(text)),
        cost_only=not dangers and not medical and cost_only(text),
        money_only=not dangers and not medical and money_only(text),
        machine_fine=not dangers and not medical and machine_fine(text),
        machine_denied=not dangers and not medical and denied_only(text),
        box_noise="" if dangers or medical else box_noise(text),
    )


# Thanks, and then a turn to what is wrong now ("感谢上个月换了表，不过今天表箱那里冒火星"): a
# word that turns; or a clause after the thanks that opens on now (``_turned_now``).
_TURNED_NOW = _c(
    r"(不过|但是|可是|只是|就是)[^。.!！?？]{0,4}(今天|今早|今晚|现在|这会|刚才|刚刚|这两天|这几天)"
    # …said with one character at a clause's start ("谢谢上回来修，可这两天…", "但今早…")
    r"|(?<=[，,。.!！；;\s])[可但却](?![以能惜怜爱])[^。.!！?？]{0,2}"
    r"(今天|今早|今晚|现在|这会|刚才|刚刚|这两天|这几天)"
    # …or to another matter ("另外刚才发现…", "今天想说一下…"), or a danger or outage come again
    # ("这回又停电了", "线又断了")
    r"|另外|今天想说|还有(个|一个|件|一件)事|顺便(说|讲|提)|(?<![会怕再])又(倒|断|冒|着火|起火|烧起|打火|歪|掉|斜|停电|没电|断电|停)了"
    r"|(这回|这次)又(停|断|倒|冒|歪|斜|掉|没电|着|烧)"
)


def _dangers(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The kinds of danger the note names as there now, and those it speaks of otherwise."""
    dangers: list[str] = []
    spoken_of: list[str] = []
    read = with_subjects(text)
    for kind, pattern in _DANGER_RES.items():
        found = list(pattern.finditer(read))
        states = mentions(pattern, read)
        # (guarded against: "提前停电 免得断线伤人", "竹子砍一砍 免得压线")
        states = [
            FEARED if _guarded(*around(read, m)) else state
            for state, m in zip(states, found, strict=True)
        ]
        if kind in BURNING:
            # (a hearth's sparks, a kiln's smoke: no fire of ours)
            states = [
                NOT_OURS if of_a_hearth(*around(read, m)) else state
                for state, m in zip(states, found, strict=True)
            ]
        if kind == PERSON:  # (a lineman up a pole at work: "工人在爬杆子，换瓷瓶")
            states = at_work_states(read, found, states)
            states = calm_states(read, found, states)  # ("坐久了 脚泡在水里有点麻")
        over = _OVER.get(kind)
        overs = [m.end() for m in over.finditer(read)] if over is not None else []
        if overs:
            # (a mention after it that says again or still is not: "已经扑灭了一处，另一处还在
            # 烧", "火已经灭了又着起来了")
            states = [
                PAST if state == NOW and not _back_after(read, overs[-1], m) else state
                for state, m in zip(states, found, strict=True)
            ]
        if NOW in states:
            dangers.append(kind)
        elif states:
            spoken_of.append(kind)
    return tuple(dangers), tuple(spoken_of)


# A danger named only as what a step would guard against, in its clause (not a machine: "快来修，
# 免得我妈的制氧机停了" is a need).
_GUARDED = _c(r"(免得|省得|以免|以防|防止|避免|预防)[^，。,.!！?？]{0,8}$")


def _guarded(text: str, match: re.Match[str]) -> bool:
    clause_start = max((m.end() for m in _CLAUSE.finditer(text, 0, match.start())), default=0)
    return bool(_GUARDED.search(text, clause_start, match.end()))


def _back_after(text: str, over: int, match: re.Match[str]) -> bool:
    """The danger named after the note said it was over, and said to be back or still there."""
    return match.start() >= over and bool(_BACK_AGAIN.search(text, over, match.end()))


def _named_now(text: str) -> bool:
    return bool(_dangers(text)[0]) or _medical_need(text)


def is_urgent(text: str, category: str | None = None) -> bool:
    """Urgent: a danger or medical need named (not denied, not in thanks), or a hazard call.

    A note that is junk (a test call, digits only, nothing), or names nothing of power, equipment,
    a danger or a need, is never urgent, whatever the category said.
    """
    return findings(text).urgent_as(category)


# A clause opening on now after the thanks ("那段时间你们辛苦了，今天早上电线掉下来了",
# "谢谢你们上次的帮忙，刚刚变压器冒烟了"): the thanks are for then, the danger is now.
_CLAUSE_NOW = _c(r"[，。,.!！；;]\s*(今天|今早|今晚|今儿|现在|这会|刚才|刚刚|这两天|这几天)")


def _turned_now(text: str) -> bool:
    """After thanks, the note turns to what is wrong now: a word that turns to now or to another
    matter (``_TURNED_NOW``), or a clause after the last words of thanks or praise that opens on
    now and tells, from there, a danger or a medical need of its own, nothing of it dealt with
    (not "现在一点事都没有了")."""
    if _TURNED_NOW.search(text):
        return True
    ends = [m.end() for m in _THANKS.finditer(text)] + [m.end() for m in _PRAISE.finditer(text)]
    if not ends:
        return False
    now = _CLAUSE_NOW.search(text, max(ends))
    if now is None:
        return False
    told = text[now.start() + 1 :].strip()
    if _DEALT_WITH.search(told):
        return False  # "现在砍了我也放心了，不然哪天起火都不晓得": thanks still
    return bool(_dangers(told)[0]) or _medical_need(told)


def _said_in_thanks(text: str) -> bool:
    """Praise ("我要表扬"), or a word of thanks about something dealt with; and no call for help
    now."""
    if _now_wanted(text) or _AGAIN_NOW.search(text) or _STILL_THERE.search(text):
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
