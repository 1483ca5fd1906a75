"""A machine a life needs, said in English to have stopped or to be no longer used.

A ventilator, an oxygen concentrator or a dialysis machine that "stopped", "stopped working",
"went off", "died", "won't start" or "cut out" is a machine failing: the need is there, whether the
note says why ("the ventilator stopped, no power") or not (the machine runs on the power). The word
that denies a danger after it ("sparks? stopped", "the smoke has stopped") does not deny a machine
(``fails_after``), and "died" said of the machine is no one's death (``died_of_a_person``).

"Stopped" denies the need only where it says the machine is no longer used: "she stopped using the
oxygen machine last year", "he no longer needs the ventilator", "the concentrator is not used any
more" (``use_given_up``); not where the power made them stop ("had to stop using the ventilator
when the power went").

>>> import re
>>> text = "the ventilator stopped, no power"
>>> fails_after(text, re.search("ventilator", text))
True
>>> text = "she stopped using the oxygen machine last year"
>>> use_given_up(text, re.search("oxygen machine", text))
True
>>> text = "had to stop using the ventilator when the power went"
>>> use_given_up(text, re.search("ventilator", text))
False
>>> died_of_a_person("the concentrator died, power is out")
False
>>> died_of_a_person("grandma passed away, the oxygen machine can go")
True
"""

from __future__ import annotations

import re

__all__ = ["died_of_a_person", "fails_after", "use_given_up"]

_c = re.compile
_I = re.IGNORECASE

# What a machine's own name may be followed by before the verb ("the ventilator has just…").
_ON_THE_WAY = (
    r"(?:\s+(?:machine|unit|pump|is|was|has|had|have|just|suddenly|now|already|completely|all"
    r"|it|then|'s|also|keeps?|kept))*"
)
# The machine failing: stopped, went off, died, won't start, cut out, shut down…
FAILING = (
    r"(?:stopped(?:\s+(?:working|running|pumping|breathing))?|stops|stopping|quit|went\s+(?:off|dead"
    r"|out|quiet)|gone\s+(?:off|dead|quiet)|goes\s+off|going\s+off|died|dead|dies|dying|cut\s+out"
    r"|cuts\s+out|cutting\s+out|cut\s+off|shut\s+(?:off|down)|shuts\s+(?:off|down)|turned\s+off"
    r"|switched\s+off|packed\s+(?:up|in)|gave\s+out|give\s+out|conked\s+out|off"
    r"|won'?t\s+(?:start|run|work|turn\s+on|come\s+on|switch\s+on|go)|can'?t\s+(?:start|run|work)"
    r"|not\s+(?:working|running|starting|on)|isn'?t\s+(?:working|running|on)|failed|failing"
    r"|beeping|alarm(?:ing)?)\b"
)
_FAILS_AFTER = _c(rf"^{_ON_THE_WAY}\s*(?:'s\s+)?{FAILING}", _I)

# Its use given up, before the machine ("stopped using the", "no longer needs a"; not "the power
# stopped the ventilator")…
_GIVE_UP = r"\b(?:stopped|stop|quit|gave\s+up|given\s+up|no\s+longer|doesn'?t|don'?t|didn'?t|never)"
_GIVEN_UP_BEFORE = _c(
    rf"{_GIVE_UP}\s+(?:\w+\s+){{0,2}}?(?:using|use|uses|used|needing|needs?|needed|on)"
    r"(?:\s+(?:the|a|an|her|his|their|our|my|that|any|\w+'s))*\s*$",
    _I,
)
# …or right before a machine named by its use ("stopped using oxygen", "no longer on oxygen").
_GIVEN_UP_USE = _c(rf"{_GIVE_UP}\s*$", _I)
_BY_ITS_USE = _c(r"(?:on|uses?|using|needs?)\b", _I)
# …or after it ("the concentrator is no longer used", "isn't needed any more").
_GIVEN_UP_AFTER = _c(
    r"^(?:\s+(?:machine|is|was|has|been|now|just))*\s+(?:no\s+longer\s+(?:used|needed|in\s+use)"
    r"|not\s+(?:used|needed|in\s+use)\s+any\s*more|isn'?t\s+(?:used|needed)\s+any\s*more"
    r"|(?:was\s+)?given\s+(?:back|away)|(?:was\s+)?returned|(?:was\s+)?taken\s+away)\b",
    _I,
)
# …or used once and no more, said in its sentence ("she used to be on a ventilator but not any
# more", as "以前用过制氧机，现在不用了" is read: ``medical_none.use_over``).
_USED_TO_BEFORE = _c(
    r"\bused\s+to\s+(?:be\s+on|use|need)(?:\s+(?:the|a|an|her|his|their|our|my|that|\w+'s))*\s*$",
    _I,
)
_NO_MORE_AFTER = _c(
    r"^[^.!?\n]*?\b(?:not|no|n't|never)\b[^.!?\n]{0,20}?\bany\s*more\b|^[^.!?\n]*?\bno\s+longer\b",
    _I,
)
# …unless the power made them stop ("had to stop using it", "because the power went").
_FORCED = _c(
    r"\b(?:had\s+to|have\s+to|has\s+to|forced\s+to|couldn'?t|can'?t|could\s+not)\b"
    r"|\b(?:because|when|since|as|after)\s+(?:of\s+)?(?:the\s+)?(?:power|electricity|lights?"
    r"|outage|blackout|cut)",
    _I,
)
_CLAUSE_END = _c(r"[,;:!?\n]|\s(?:and|but|so|though|although|while|yet|then)\s", _I)
_SENTENCE = _c(r"[.!?\n]")


def fails_after(text: str, match: re.Match[str]) -> bool:
    """The machine ``match`` names is said right after it to have stopped, gone off, died, not to
    start ("the ventilator stopped", "oxygen machine has just cut out")."""
    return bool(_FAILS_AFTER.match(text[match.end() :]))


def use_given_up(text: str, match: re.Match[str]) -> bool:
    """The machine ``match`` names is said no longer used or needed, not because of the power."""
    start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, match.start())), default=0)
    before = text[start : match.start()]
    by_use = bool(_BY_ITS_USE.match(match.group())) and bool(_GIVEN_UP_USE.search(before))
    given_up = (
        by_use
        or bool(_GIVEN_UP_BEFORE.search(before))
        or bool(_GIVEN_UP_AFTER.match(text[match.end() :]))
        or (
            bool(_USED_TO_BEFORE.search(before)) and bool(_NO_MORE_AFTER.match(text[match.end() :]))
        )
    )
    if not given_up:
        return False
    s_start = max((m.end() for m in _SENTENCE.finditer(text, 0, match.start())), default=0)
    following = _SENTENCE.search(text, match.end())
    return not _FORCED.search(text[s_start : following.start() if following else None])


# "Died" said of a machine ("the concentrator died"), not a person.
_MACHINE_DIED = _c(
    r"\b(?:machine|concentrator|ventilator|respirator|pump|c-?pap|bi-?pap|dialysis|incubator"
    r"|nebuli[sz]er|battery|batteries|it|unit|generator|power|lights?|phone)"
    r"(?:\s+(?:has|had|just|suddenly|then|also))*\s+(?:died|is\s+dead|dead)\b",
    _I,
)
_A_DEATH = _c(r"\b(?:passed\s+away|died|has\s+died|is\s+dead|deceased|passed\s+on)\b", _I)


def died_of_a_person(text: str) -> bool:
    """A death told in ``text`` that is not a machine's or a battery's ("the concentrator died")."""
    machines = [m.span() for m in _MACHINE_DIED.finditer(text)]
    return any(not any(s <= m.start() < e for s, e in machines) for m in _A_DEATH.finditer(text))
