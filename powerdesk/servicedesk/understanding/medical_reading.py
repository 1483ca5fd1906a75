"""How the medical rules (``medical``) read a note: a mention's state within its reach in a long
note, the clause and the sentence it stands in, and the power's trouble and an outage on a day
named, compiled once for them all."""

from __future__ import annotations

import re

from powerdesk.servicedesk.understanding import medical_words
from powerdesk.servicedesk.understanding.bounded import around
from powerdesk.servicedesk.understanding.readings import _CLAUSE, _SENTENCE_END, _state

_POWER_TROUBLE = re.compile(medical_words.POWER_TROUBLE)
_ANY_OUTAGE = re.compile(medical_words.ANY_OUTAGE)


def _state_near(text: str, match: re.Match[str]) -> str:
    """How a mention is spoken of, read within its reach in a long note (``bounded.around``)."""
    return _state(*around(text, match))


def _clause_start(text: str, position: int) -> int:
    return max((m.end() for m in _CLAUSE.finditer(text, 0, position)), default=0)


def _sentence_start(text: str, position: int) -> int:
    return max((m.end() for m in _SENTENCE_END.finditer(text, 0, position)), default=0)
