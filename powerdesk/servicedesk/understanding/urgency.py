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
without a thing named is about in ``subjects``), a medical need in ``medical``; which dangers
are there now in ``dangers_now``, and whether the note is said in thanks in ``thanks_read``.

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

from powerdesk.servicedesk.understanding.bounded import clauses_bounded
from powerdesk.servicedesk.understanding.box_noise import box_hot, box_noise
from powerdesk.servicedesk.understanding.dangers_now import dangers as _dangers
from powerdesk.servicedesk.understanding.dangers_now import named_now as _named_now
from powerdesk.servicedesk.understanding.dialects import as_mandarin, as_xiang_read
from powerdesk.servicedesk.understanding.english import with_english
from powerdesk.servicedesk.understanding.hearth import hearth_only
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
    _DANGER_RES,
    _SHORT,
)
from powerdesk.servicedesk.understanding.said_now import said_now
from powerdesk.servicedesk.understanding.spaced import joined
from powerdesk.servicedesk.understanding.subjects import with_subjects
from powerdesk.servicedesk.understanding.thanks_read import said_in_thanks as _said_in_thanks
from powerdesk.servicedesk.understanding.thanks_read import turned_now as _turned_now
from powerdesk.servicedesk.understanding.unhidden import unhidden

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


def is_urgent(text: str, category: str | None = None) -> bool:
    """Urgent: a danger or medical need named (not denied, not in thanks), or a hazard call.

    A note that is junk (a test call, digits only, nothing), or names nothing of power, equipment,
    a danger or a need, is never urgent, whatever the category said.
    """
    return findings(text).urgent_as(category)
