"""The power off at the caller's, said in English (walk44, 1): "no power", "the power is out",
"blackout", "the lights went out", "the breaker tripped", "when will the power be back?". Read
with the care of the English danger rules (``english``): denied ("not a power cut", "no
outage here"), only feared or asked about ("what if the power goes out?", "is there a planned
outage tomorrow?"), past and dealt with ("we had a power cut last week, fixed quickly"), or
said to be back after ("the power was out but it's back now", ``said_on.power_said_on``) is no
power off now. A bill asked about is no power off ("how much is my bill?").

The call classifier reads Chinese and is blind to English: a note whose words of power are all
English (``english_only``) and that tells the power off now is a fault report by rule
(``classifier``), as the Chinese "家里没电了" is to the model.

>>> power_off("no sparks, just no power")
True
>>> power_off("my father is on an oxygen concentrator and the power is out")
True
>>> power_off("the power was out but it's back now")
False
>>> power_off("what if the power goes out tonight?")
False
>>> power_off("how much is my bill this month")
False
>>> english_only("no power at 左门上村")
True
>>> english_only("停电了, no power")
False
"""

from __future__ import annotations

import re

from powerdesk.outages.said_on import power_said_on
from powerdesk.servicedesk.understanding.english import (
    _LATIN_WORD,
    _NEGATION,
    _PAST,
    _clause,
    _sentence,
)

__all__ = ["english_only", "power_off"]

_c = re.compile
_I = re.IGNORECASE

_SUPPLY = r"(?:the\s+|our\s+|my\s+|all\s+the\s+)?(?:power|electricity|lights?|supply|current|mains)"
# The power off at the caller's.
_OFF = _c(
    # "no power", "without electricity", "lost power" (not "no power cut": that one is denied)
    r"\b(?:no|without|lost|losing)\s+(?:any\s+)?(?:power|electricity|lights?|supply|current|mains)\b"
    r"(?!\s*(?:cuts?|outages?|failures?|problems?|issues?|bills?|lines?|poles?))"
    # "the power is out", "power's been off since 3", "lights went out", "electricity cut off"
    rf"|\b{_SUPPLY}(?:'s|\s+(?:is|are|was|were|has|have|had|been|just|all|still|keeps?|kept|went"
    r"|goes|go|gone|got|completely|totally|suddenly|now))*\s+(?:off|out|down|gone|cut(?:\s+off)?"
    r"|failed|failing|dead|dropped|tripped|went\s+(?:off|out))\b"
    # "the power is not back yet", "the lights still aren't on"
    rf"|\b{_SUPPLY}(?:\s+still)?(?:\s+(?:is|are|was|has|have|had))?(?:\s+still)?(?:n't|\s+not)(?:\s+(?:been|come"
    r"|yet|got))*\s+(?:back|on|restored)\b"
    r"|\bpower\s*(?:cuts?|failures?|outages?|loss)\b|\boutages?\b|\bblack[\s-]?outs?\b"
    # "the breaker tripped", "the switch keeps tripping", "the fuse blew"
    r"|\b(?:breakers?|switch(?:es)?|fuses?|trip\s+switch|power)\s+(?:has\s+|have\s+|had\s+|just\s+"
    r"|keeps?\s+|kept\s+)*(?:tripped|trips|tripping|blown|blew)\b"
    # "it's all dark", "the whole house is dark", "sitting in the dark"
    r"|\b(?:it's|it\s+is|all|everything\s+is|house\s+is|village\s+is|we\s+are|we're)\s+"
    r"(?:all\s+|completely\s+|totally\s+|pitch\s+)?dark\b|\bin\s+the\s+dark\b"
    # "went off again" after it came back
    r"|\b(?:went|gone|goes)\s+(?:off|out)\s+again\b"
    # "when will the power be back?", "when is the electricity coming back"
    rf"|\bwhen\s+(?:will|is|does|can)\s+{_SUPPLY}\s+(?:be\s+|come\s+|coming\s+)?"
    r"(?:back|restored|on)\b",
    _I,
)
# Feared, planned, asked about: in the mention's sentence before it ("if", "in case", "tomorrow").
_FEARED = _c(
    r"\b(?:if|in\s+case|what\s+if|afraid|worried|worry|fear|scared|concerned|whether|might"
    r"|risk\s+of|prevent|avoid|planned|scheduled|tomorrow|next\s+(?:week|month|time)"
    r"|will\s+there\s+be|going\s+to\s+be)\b",
    _I,
)
# A question of no particular time ("will the power go off if it rains?"); "is the power out in
# the whole village?" is a caller in the dark asking, as "是不是全村都停电了" is.
_ASKS = _c(r"^\s*(?:can|could|would|should|might|may|will|does|do)\b", _I)
# The power back after it was off ("it's back now", "it came back on").
_BACK = _c(
    r"\b(?:power|electricity|lights?|supply|it)(?:'s|\s+(?:is|are|was|were|has|have|just|now"
    r"|finally|already|all|been|came|come|got))*\s+(?:back(?:\s+on)?|restored|on\s+again)\b"
    r"|\bcame\s+back(?:\s+on)?\b",
    _I,
)
_DEALT_WITH = _c(r"\b(?:fixed|repaired|restored|sorted|back\s+on|came\s+back|come\s+back)\b", _I)
_STILL = _c(r"\b(?:still|again|now|right\s+now|today|tonight|since)\b", _I)
# A Chinese character of power or of its lack: a note with one is read by the model.
_CHINESE_OF_POWER = _c(r"[电线杆表闸火烟灯黑停断亮箱]|变压")


def power_off(text: str) -> bool:
    """Whether ``text`` tells, in English, the power off at the caller's now."""
    text = text or ""
    if not _LATIN_WORD.search(text):
        return False
    now = [m for m in _OFF.finditer(text) if _said_now(text, m)]
    if not now or power_said_on(text):
        return False
    return not any(_back_now(text, m) for m in _BACK.finditer(text, now[-1].end()))


def english_only(text: str) -> bool:
    """Whether the note's words of power, if any, are all English: it has words in Latin letters
    and no Chinese of power for the model to read ("no power at 左门上村")."""
    return bool(_LATIN_WORD.search(text or "")) and not _CHINESE_OF_POWER.search(text or "")


def _said_now(text: str, match: re.Match[str]) -> bool:
    """The mention is of the power off now: not denied, feared or asked, past and dealt with."""
    words = match.group().lower()
    if not words.startswith(("no ", "without")):
        before, _after = _clause(text, match)
        if _NEGATION.search(" ".join(before.split()[-3:])):
            return False  # "not a power cut", "there's no outage"
    start, end = _sentence(text, match.start())
    if _FEARED.search(text, start, match.start()):
        return False
    said = text[start:end]
    if said.rstrip().endswith("?") and _ASKS.search(said):
        return False
    return not (_PAST.search(said) and _DEALT_WITH.search(text) and not _STILL.search(said))


def _back_now(text: str, match: re.Match[str]) -> bool:
    """The power said back, not asked about nor denied ("is it back?", "it's not back")."""
    before, _after = _clause(text, match)
    start, end = _sentence(text, match.start())
    return not (
        text[start:end].rstrip().endswith("?")
        or _NEGATION.search(" ".join(before.split()[-3:]))
        or re.search(r"\bwhen\b", text[start : match.start()], _I)
    )
