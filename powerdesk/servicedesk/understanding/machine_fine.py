"""A machine a patient needs said to be working ("我妈瘫在床上，气垫床好好的", "家里老人用制氧机，
机器正常", "mum is on oxygen, the oxygen machine is fine"): in a note that tells no outage, no
medical need (``medical._medical_need``), and the learned detector is not heard over it
(``urgency.Findings.machine_fine``, ``detector.vetoed``).

A machine is said to be working when every one the note names is (each followed by a word of it
working), or when the last machine named, or a word for any machine after it ("机器", "机子",
"设备", "it", "the machine"), is said to be working and nothing in the note says a machine stops
("制氧机停了，呼吸机好好的" is no machine fine); never when a machine is said broken anywhere
("制氧机坏了", "转不动了"). Not asked ("制氧机正常吗"), not failing after it
("制氧机好好的突然就停了"), not but only ("the concentrator is fine but the power keeps going off"
is told trouble, read by the rules as a need).

>>> said_working("我妈瘫在床上，气垫床好好的")
True
>>> said_working("我爸用呼吸机，呼吸机没问题")
True
>>> said_working("老人在做透析，机器都正常")
True
>>> said_working("制氧机好好的突然就停了")
False
>>> said_working("制氧机正常吗")
False
>>> said_working_in_english("mum is on oxygen, the oxygen machine is fine")
True
>>> said_working_in_english("is the oxygen machine ok?")
False
"""

from __future__ import annotations

import re

from powerdesk.servicedesk.understanding import medical_words

__all__ = ["said_working", "said_working_in_english"]

_c = re.compile
_I = re.IGNORECASE

_DEVICES = _c(medical_words.MEDICAL_DEVICES)
# A word for any machine, naming again one named before ("机器都正常", "机子没得问题").
_THE_MACHINE = _c(r"机器|机子|设备|仪器")
# Working, said just after the machine ("好好的", "正常", "没问题", "也是好的"), not asked about
# ("正常吗", "好好的不？") and not failing after it ("好好的突然就停了").
_FINE_AFTER = _c(
    r"[^，。,.!！?？]{0,4}?(好好的|好着的?|(也|都|还)?是好的|正常|没(有|啥|得|什么)?(事|问题|影响)|不受影响"
    r"|照常|照样|能用|还能用|没坏|转着的?|在转)"
    r"(?![吗么嘛呢?？]|不[?？\s]*$)"
    r"(?![^，。,.!！?？]{0,6}(突然|忽然|又|就停|停了|坏|不转|不动|没电|用不了|用不成|报警))"
)
# A machine broken anywhere in the note ("制氧机在转，就是转不动了"; not "没坏") ...
_BROKEN = _c(medical_words.MACHINE_FAILING + r"|(?<![没不])坏|烧了|故障|出问题|出毛病|不行了")
# ... or stopped ("制氧机停了，呼吸机好好的"), where the last machine named is said working.
_STOPPED = _c(r"停了|停掉|关了|断了")


def said_working(text: str) -> bool:
    """Every machine the note names is said to be working, or the last one named (or a word for
    any machine after it) is, and nothing says a machine fails."""
    found = list(_DEVICES.finditer(text))
    if not found or _BROKEN.search(text):
        return False
    if all(_FINE_AFTER.match(text, m.end()) for m in found):
        return True
    last = max(
        [m.end() for m in found] + [m.end() for m in _THE_MACHINE.finditer(text, found[-1].end())]
    )
    return bool(_FINE_AFTER.match(text, last)) and not _STOPPED.search(text)


_DEVICES_IN_ENGLISH = _c(
    r"\b(?:oxygen\s+(?:concentrators?|machines?|generators?|pumps?)|concentrators?|ventilators?"
    r"|respirators?|breathing\s+(?:machines?|apparatus)|c-?pap|bi-?pap|dialysis\s+machines?"
    r"|suction\s+machines?|feeding\s+pumps?|incubators?|nebuli[sz]ers?|air\s+mattress(?:es)?"
    r"|(?:the|her|his|my|our)\s+machines?)\b",
    _I,
)
# The machine named again after it ("dad uses a ventilator, it is working fine").
_THE_MACHINE_IN_ENGLISH = _c(r"\b(?:it|the\s+machine)\b", _I)
_FINE_IN_ENGLISH = _c(
    r"(?:\s+(?:is|are|'s|seems?|looks?))?\s+(?:still\s+)?(?:fine|ok|okay|all\s+right|alright"
    r"|working(?:\s+(?:fine|normally|well|ok))?|running(?:\s+(?:fine|normally|ok))?"
    r"|works?\s+(?:fine|normally|well|ok)|still\s+works?)\b"
    # (not asked, not but or until: "is it ok?", "is fine but the power keeps going off")
    r"(?![^.!?\n]*\?)(?!\s*[,;]?\s*(?:but|until|then|except|till)\b)",
    _I,
)
_FAILING_IN_ENGLISH = _c(
    r"\b(?:stopped|not\s+working|isn't\s+working|broke(?:n)?|won't\s+(?:run|work|start)"
    r"|can't\s+run|beeping|alarm\w*|fail\w*|died|dead)\b",
    _I,
)


def said_working_in_english(text: str) -> bool:
    """``said_working`` in English: the last machine named is said to be working ("the oxygen
    machine is fine", "her concentrator is still working"), and nothing says one fails."""
    found = list(_DEVICES_IN_ENGLISH.finditer(text))
    if not found or _FAILING_IN_ENGLISH.search(text):
        return False
    last = max(
        [found[-1].end()]
        + [m.end() for m in _THE_MACHINE_IN_ENGLISH.finditer(text, found[-1].end())]
    )
    return bool(_FINE_IN_ENGLISH.match(text, last))
