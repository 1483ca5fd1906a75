"""A medical need at home: a machine or medicine that needs power or cold, or a person who
depends on it, in a note that says the power is off or failing now (``_medical_need``); not such a
machine only asked about or wished for, the power not off. A household that cannot do without it
needs it ("不能没有呼吸机", "没有制氧机活不了"), and a denial of a list denies each
("家里没有老人和病人"): ``without_it``.
"""

from __future__ import annotations

import re

from powerdesk.servicedesk.understanding import medical_words
from powerdesk.servicedesk.understanding.asked_apart import told_apart
from powerdesk.servicedesk.understanding.bounded import around
from powerdesk.servicedesk.understanding.cues import ASKS
from powerdesk.servicedesk.understanding.cut_held import cut_held_asked
from powerdesk.servicedesk.understanding.machine_fine import said_working
from powerdesk.servicedesk.understanding.medical_asked import (
    _A_CASE,
    _AT_HOSPITAL,
    _BUYING,
    _OUT_NOW,
    _RETURN_ASKED,
    _asked_in_general,
    _asks_or_wishes,
)
from powerdesk.servicedesk.understanding.medical_away import (
    _asked_as_product,
    _done_away,
    _in_hospital,
    _not_at_home,
    _to_be_got,
)
from powerdesk.servicedesk.understanding.medical_none import (
    _ABOUT_THE_BILL,
    _CUT_SPOKEN,
    need_ended,
)
from powerdesk.servicedesk.understanding.medical_power_on import _power_on_now
from powerdesk.servicedesk.understanding.medical_reading import (
    _ANY_OUTAGE,
    _POWER_TROUBLE,
    _state_near,
)
from powerdesk.servicedesk.understanding.readings import _CLAUSE, FEARED, NOW, PAST, _state
from powerdesk.servicedesk.understanding.without_it import need_state

_c = re.compile
_DEVICES = _c(medical_words.MEDICAL_DEVICES)
_AERATOR = _c(medical_words.AERATOR)
_AQUATIC = _c(medical_words.AQUATIC)
_PEOPLE = _c(medical_words.MEDICAL_PEOPLE)
_HABITUAL_BEFORE = _c(medical_words.HABITUAL_BEFORE)
_HABITUAL_AFTER = _c(medical_words.HABITUAL_AFTER)
_CUT_HELD = _c(medical_words.CUT_HELD)
_CUT_HELD_LEAD = _c(medical_words.CUT_HELD_LEAD)
_CUT_HELD_IN_GENERAL = _c(medical_words.CUT_HELD_IN_GENERAL)


# A machine asked about as failing or what to do with it ("制氧机用不了怎么办"): its need is now
# when the power is off now.
_HOW_NOW = _c(rf"[^，。,.？?]{{0,6}}(怎么办|咋办|咋整|怎么弄|停了|{medical_words.MACHINE_FAILING})")


def _out_again(text: str, match: re.Match[str]) -> bool:
    """A machine or a patient told of a time past, and the power told off now after it ("我爸吸氧
    那阵子停电，你们先给我们送的电，这回又停了"): the need is back with the outage."""
    return _state(text, match) == PAST and any(
        m.start() > match.end() and _state_near(text, m) == NOW and not _habitual(text, m)
        for m in _POWER_TROUBLE.finditer(text)
    )


def _need_near(text: str, match: re.Match[str]) -> str:
    """How a machine or a patient is spoken of, read within its reach in a long note: a denial
    denied or followed by dependence is none ("不能没有呼吸机", "没有制氧机活不了"), a denial of a
    list covers each word ("家里没有老人和病人"; ``without_it.need_state``)."""
    return need_state(*around(text, match))


def _medical_need(text: str) -> bool:
    """A machine or medicine that needs power, or a person who depends on it, and the power off
    or failing now; or such a machine named as in use, in a note that neither asks nor wishes
    ("家里老人用着制氧机，快点来")."""
    aquatic = bool(_AQUATIC.search(text))
    device = any(
        (
            _need_near(text, m) == NOW
            or (_need_near(text, m) == FEARED and _HOW_NOW.match(text, m.end()))
            or _out_again(*around(text, m))
        )
        and not (aquatic and _AERATOR.match(text, m.start()))
        and not _not_at_home(text, m.end())
        and not _done_away(text, m.start())
        and not _to_be_got(text, m.start())
        and not _asked_as_product(text, m)
        for m in _DEVICES.finditer(text)
    )
    people = any(
        (_need_near(text, m) == NOW or _out_again(*around(text, m))) and not _in_hospital(text, m)
        for m in _PEOPLE.finditer(text)
    )
    if not device and not people:
        return False
    if need_ended(text):
        return False  # "我家老人以前用制氧机，人已经走了，想销户": nobody left on the machine
    if _power_on_now(text):
        return False
    if not _asked_in_general(text) and any(
        _state_near(text, m) == NOW and not _habitual(text, m)
        for m in _POWER_TROUBLE.finditer(text)
    ):
        return True
    if (
        (_RETURN_ASKED.search(text) or _OUT_NOW.search(text))
        and not _BUYING.search(text)
        and not _AT_HOSPITAL.search(text)
        and not _A_CASE.search(text)
    ):
        # The power's return asked about, or the power out told in a question, and a machine or a
        # patient at home ("请问电啥时候恢复，家里有制氧机"): the asking is the need.
        return True
    if _ANY_OUTAGE.search(text):
        # An outage on a day named (planned, or for works at the house: "明天换表要停两个钟头")
        # and a machine or a patient there now: the household must plan now, asking or not.
        return True
    if any(_cut_held(text, m) for m in _CUT_HELD.finditer(text)) or cut_held_asked(text):
        # The cut asked to be held ("要办暂停 … 气垫床和吸痰机咋办 先莫停"): one is coming.
        return True
    about_the_bill = _ABOUT_THE_BILL.search(text) and not _CUT_SPOKEN.search(text)
    return device and not _asks_or_wishes(text) and not about_the_bill and not said_working(text)


def _cut_held(text: str, match: re.Match[str]) -> bool:
    """The cut asked to be held at ``match`` ("先莫停") is asked now: read by its first word (the
    rest is the plea's own "莫"), not under a condition ("要是下个月停电 先别停"), not of outages
    to come in general ("建议以后停电 先别停有病人的户")."""
    lead = _CUT_HELD_LEAD.match(text, match.start())
    return (
        lead is not None
        and _state(text, lead) == NOW
        and not _CUT_HELD_IN_GENERAL.search(text, 0, match.start())
    )


def machine_fine(text: str) -> bool:
    """A machine said to be working (``machine_fine.said_working``: "气垫床好好的", "机器正常"),
    and no outage told now, planned or asked about: no need, and the learned detector is not
    heard over it (``Findings.machine_fine``)."""
    return (
        said_working(text)
        and not _OUT_NOW.search(text)
        and not _ANY_OUTAGE.search(text)
        and not _RETURN_ASKED.search(text)
        and not any(_state_near(text, m) == NOW for m in _POWER_TROUBLE.finditer(text))
    )


# A supply still to be made, not an outage ("新房还没通电", "申请增容"): a new connection's words.
_NEW_SUPPLY = _c(r"新房|新屋|新院|新盖|新家|新装|报装|装表|增容|扩容|容量|改线|(没|未)通电|安置点")


def outage_told(text: str) -> bool:
    """The power told to be off or failing now ("还是没有电", "一直黑起的"): not asked about
    (``cues.ASKS``; a question of something else beside it, "家里没电了，怎么办", read apart:
    ``asked_apart``), not a supply still to be made (``_NEW_SUPPLY``), not an outage on a day
    named (planned: ``ANY_OUTAGE``), nor outages in general or as they come each time. With a
    medical need it is a fault to mend now, whatever the note's other words sound like
    (``classifier._suggestion``)."""
    return _told_whole(text) or told_apart(text, _told_whole)


def _told_whole(text: str) -> bool:
    return (
        not ASKS.search(text)
        and not _NEW_SUPPLY.search(text)
        and not _ANY_OUTAGE.search(text)
        and not _asked_in_general(text)
        and any(
            _state_near(text, m) == NOW and not _habitual(text, m)
            for m in _POWER_TROUBLE.finditer(text)
        )
    )


def _habitual(text: str, match: re.Match[str]) -> bool:
    """An outage told of as what happens each time or as a time to prepare for
    (``medical_words.HABITUAL_BEFORE``, ``medical_words.HABITUAL_AFTER``)."""
    clause_start = max((m.end() for m in _CLAUSE.finditer(text, 0, match.start())), default=0)
    return bool(
        _HABITUAL_BEFORE.search(text, clause_start, match.start())
        or _HABITUAL_AFTER.match(text, match.end())
    )
