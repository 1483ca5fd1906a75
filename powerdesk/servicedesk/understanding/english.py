"""The safety rules for a note typed in English: the dangers to life and the medical need at home
the Chinese rules of ``urgency`` hear, said in English ("line down near school, sparks", "mum is on
an oxygen concentrator and the power is off"), read with the same care: a danger denied ("no
sparks", "not sparking"), only feared or asked about ("afraid the pole will fall", "is it safe if
the line is low?"), past and dealt with ("the pole that fell last week was fixed"), or remembered
in thanks ("thanks for fixing the line down so fast") is no danger now. The kinds are those of
``danger_words.DANGERS`` (the words of each: ``english_dangers``), so the page says why and
the same safety advice is read.

``urgency.findings_read`` consults it (``with_english``) for every note; a note with no Latin
letters is not read here. Also told here: a note of keys struck at random along the keyboard's
rows ("asdfgh qwerty"), a call that went nowhere.

>>> reading("line down near school, sparks").dangers
('line down or low', 'arcing or sparks')
>>> reading("no power, no sparks, line is fine").dangers
()
>>> reading("no power and the wire is down").dangers
('line down or low',)
>>> reading("my mother is on an oxygen concentrator and the power is off").medical
True
>>> reading("power is out, dad can't live without his oxygen machine").medical
True
>>> reading("power is out, we have no oxygen machine").medical
False
>>> reading("no power, can't use the ventilator").medical
True
>>> reading("no power no oxygen machine working").medical
True
>>> reading("thanks for fixing the fallen pole so fast").dangers
()
>>> reading("asdfgh qwerty").struck_at_random
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from powerdesk.servicedesk.understanding.bounded import around
from powerdesk.servicedesk.understanding.english_dangers import DANGER_RES
from powerdesk.servicedesk.understanding.english_machine import died_of_a_person as _died
from powerdesk.servicedesk.understanding.english_machine import fails_after, use_given_up
from powerdesk.servicedesk.understanding.english_people import IN_NEED
from powerdesk.servicedesk.understanding.machine_fine import said_working_in_english
from powerdesk.servicedesk.understanding.without_it import NOT_WITHOUT, depends_after

__all__ = ["EnglishReading", "reading", "with_english"]

_c = re.compile
_I = re.IGNORECASE

# A note is read here only when it has a word in Latin letters.
_LATIN_WORD = _c(r"[A-Za-z]{2,}")

# A machine or a person that needs power at home.
_MEDICAL = _c(
    r"\b(?:oxygen\s+(?:concentrators?|machines?|generators?|pumps?)|(?:on|uses?|using|needs?)\s+oxygen"
    r"|concentrators?|ventilators?|respirators?|breathing\s+(?:machines?|apparatus)|life\s+support"
    r"|c-?pap|bi-?pap|(?:home\s+)?dialysis|suction\s+machines?|feeding\s+pumps?|incubators?"
    r"|nebuli[sz]ers?|insulin|(?:patient|[a-z]+)\s+(?:is\s+)?on\s+(?:a|the|his|her)\s+machines?"
    r"|(?:patient|[a-z]+)\s+(?:is\s+)?(?:on|needs?)\s+(?:a|the|his|her)\s+(?:breathing\s+)?machines?)\b",
    _I,
)
# The power off or failing now, or the machine failing.
_POWER_TROUBLE = _c(
    r"\b(?:no\s+(?:power|electricity|lights?|supply)|(?:power|electricity|supply|lights?)(?:'s|\s+is"
    r"|\s+are|\s+has|\s+have|\s+went|\s+just|\s+keeps?)*\s+(?:off|out|down|gone|cut|failed|failing"
    r"|going\s+(?:off|out)|dropped)|power\s*(?:cut|failure|outage)s?|outages?|blackouts?"
    r"|without\s+(?:power|electricity)|lost\s+(?:power|electricity)|(?:it's|it\s+is|all)\s+dark"
    r"|(?:stopped|not\s+working|won't\s+(?:run|work|start)|can't\s+run|battery\s+(?:is\s+)?"
    r"(?:low|dying|running\s+(?:out|low)|flat)))\b",
    _I,
)
# (the power off is said with its own "no": "no power")
_TROUBLE = "power trouble"
_MACHINE = "a machine"  # (its user died: ``english_machine.died_of_a_person``)
# Any word of power, equipment, a danger or a need.
_POWER_NAMED = _c(
    r"\b(?:power|electric\w*|outages?|blackouts?|lights?|lamps?|meters?|bills?|wires?|lines?"
    r"|cables?|poles?|transformers?|breakers?|fuses?|switch\w*|sockets?|fires?|smoke|smoking"
    r"|sparks?|sparking|shocks?|volt\w*|supply|dark|oxygen|ventilators?|dialysis|concentrators?"
    r"|machines?|burn\w*|flood\w*)\b",
    _I,
)

# Clauses: punctuation, and the words that join one clause to the next.
_CLAUSE = _c(r"[,.;:!?()\n]|\s(?:and|but|so|because|though|although|while|yet|then)\s", _I)
_SENTENCE = _c(r"[.!?\n]")
# A denial before the danger in its clause ("no sparks", "not sparking", "can't see any smoke",
# "there is no sign of fire"), after the dangers listed with it ("no smoke or sparks").
_NEGATION = _c(
    r"\b(?:no|not|never|nothing|none|without|nor|neither|isn't|aren't|wasn't|weren't|don't|doesn't"
    r"|didn't|haven't|hasn't|hadn't|can't|cannot|couldn't|won't|no\s+longer|n't"
    # (typed without the apostrophe: "dont", "isnt", "cant")
    r"|dont|doesnt|didnt|isnt|arent|wasnt|werent|cant|couldnt|wont|havent|hasnt)\b",
    _I,
)
_LISTED = _c(
    r"(?:\s|\b(?:or|any|sign|signs|of|smoke|sparks?|sparking|arcing|fire|flames?|burning"
    r"|visible|obvious|see|seen|saw|smell|smelt|there|is|are|was|were)\b|,)*$",
    _I,
)
_NEGATION_AFTER = _c(
    r"^\W*(?:none|no|nope|not\s+(?:now|any\s*more)|gone|stopped|has\s+stopped|have\s+stopped"
    r"|is\s+out|was\s+out|put\s+out|went\s+out|died\s+down)\b",
    _I,
)
# Nobody who uses a machine ("nobody here uses a ventilator", "no one at home is on an oxygen
# machine"): the denial of a household's list, as "没有人用呼吸机的" (``without_it``); only the
# words of who and how stand between.
_NOBODY = _c(
    r"\b(?:nobody|no\s*-?\s*one|none\s+of\s+us)(?:\s+(?:here|at|in|the|our|this|house|home"
    r"|household|family|uses?|using|is|are|on|a|an|needs?|needing|any|of|us))*\s*$",
    _I,
)
# Feared, asked about, a case that may come: in the danger's sentence before it.
_FEARED = _c(
    r"\b(?:if|in\s+case|what\s+if|afraid|worried|worry|worries|fear|fears|scared|concerned"
    r"|might|may|could|would|whether|risk\s+of|danger\s+of|prevent|avoid|before\s+it)\b",
    _I,
)
# Reassurance is no fear: "don't worry, a wire is down in the road" tells a danger now
# (review77, M3).
_REASSURED = _c(
    r"\b(?:(?:don'?t|do\s+not|no\s+need\s+to|not|never)\s+(?:be\s+)?(?:worr(?:y|ied)|afraid"
    r"|scared|concerned)|no\s+worries)\b",
    _I,
)


def _feared(text: str, start: int, end: int) -> bool:
    """Whether a word of fear stands in ``text[start:end]`` outside words of reassurance.

    >>> _feared("dont worry, a wire is down", 0, 12), _feared("worried a wire may fall", 0, 8)
    (False, True)
    """
    calm = [m.span() for m in _REASSURED.finditer(text, start, end)]
    return any(
        not any(a <= m.start() < b for a, b in calm) for m in _FEARED.finditer(text, start, end)
    )


# A question about no particular time ("is it safe to…?", "can a wet meter box spark?").
_ASKS = _c(
    r"^\s*(?:is|are|was|were|do|does|can|could|will|would|should|might|may|what\s+if"
    r"|what\s+happens\s+if|how\s+(?:do|can|would)\s+(?:i|we|you)\s+(?:know|tell))\b",
    _I,
)
# Past, and dealt with ("last week", "yesterday" … "you fixed it").
_PAST = _c(
    r"\b(?:last\s+(?:time|week|month|year|night|winter|summer)|yesterday|ago|the\s+other\s+day"
    r"|previously|earlier\s+this|once|before)\b",
    _I,
)
_DEALT_WITH = _c(
    r"\b(?:fixed|repaired|sorted(?:\s+out)?|dealt\s+with|put\s+right|replaced|cleared|removed"
    r"|restored|mended|straightened|(?:came|coming|come)\s+(?:so\s+)?(?:fast|quickly|quick|straight\s+away|at\s+once)"
    r"|fixing|repairing|replacing|clearing|removing|sorting)\b",
    _I,
)
_THANKS = _c(
    r"\b(?:thanks?|thank\s+you|grateful|appreciate[ds]?|well\s+done|great\s+job|good\s+job"
    r"|praise|compliment|kudos|cheers)\b",
    _I,
)
# A sign the danger is there now, or back ("still", "again", "but now").
_NOW = _c(
    r"\b(?:still|again|right\s+now|now|today|this\s+morning|tonight|just\s+now|at\s+the\s+moment"
    r"|currently|hurry|quick(?:ly)?|urgent(?:ly)?|come\s+(?:now|quickly|fast|at\s+once)|help)\b",
    _I,
)
# Smoke or fire that is no power's ("burning rubbish", "smoke from the chimney").
_NOT_OURS = _c(
    r"\b(?:from|of|in)\s+(?:the\s+|a\s+|our\s+|my\s+)?(?:chimney|stove|cooker|fireplace|bonfire"
    r"|campfire|barbecue|bbq|kiln|oven)\b|\bburn(?:ing|t|ed)?\s+(?:rubbish|trash|garbage|leaves|straw"
    r"|stubble|fields?|grass|incense|candles?)\b|\bcigarettes?\b|\bsmokers?\b|\bcooking\b",
    _I,
)
# A denial said right after a question or a colon ("sparks? no", "smoke: none").
_ANSWERED_NO = _c(r"\s*[?:\-]\s*(?:none|no|nope|not\s+any)\b", _I)
# Keys struck along a keyboard's rows ("asdfgh", "qwerty", "zxcv").
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


@dataclass(frozen=True)
class EnglishReading:
    """What the English rules found: the dangers there now, the dangers only spoken of (denied,
    feared, past), a medical need, thanks, and the other readings ``urgency.Findings`` has."""

    dangers: tuple[str, ...] = ()
    spoken_of: tuple[str, ...] = ()
    medical: bool = False
    in_thanks: bool = False
    power_named: bool = False
    outage_told: bool = False
    need_ended: bool = False
    struck_at_random: bool = False
    machine_fine: bool = False


def reading(text: str) -> EnglishReading:
    """The English rules' reading of ``text`` (nothing for a note with no word in Latin
    letters)."""
    text = text or ""
    if not _LATIN_WORD.search(text):
        return EnglishReading()
    if _struck_at_random(text):
        return EnglishReading(struck_at_random=True)
    thanked = _in_thanks(text)
    dangers: list[str] = []
    spoken_of: list[str] = []
    for kind, pattern in DANGER_RES.items():
        states = [_state(*around(text, m), kind, thanked) for m in pattern.finditer(text)]
        if "now" in states:
            dangers.append(kind)
        elif states:
            spoken_of.append(kind)
    trouble = [
        m
        for m in _POWER_TROUBLE.finditer(text)
        if _state(*around(text, m), _TROUBLE, False) == "now"
    ]
    # (a machine that stopped is one failing, not denied; one no longer used is no need)
    named = [around(text, m) for m in _MEDICAL.finditer(text)]
    given_up = [use_given_up(*t_m) for t_m in named]
    devices = [t_m for t_m, over in zip(named, given_up, strict=True) if not over]
    devices = [t_m for t_m in devices if _state(*t_m, _MACHINE, thanked) == "now"]
    failing = any(fails_after(*t_m) for t_m in named)
    need_ended = (_died(text) and not trouble) or (bool(named) and all(given_up))
    # ("the oxygen machine is fine" and no trouble told: ``machine_fine``)
    fine = bool(devices) and not trouble and said_working_in_english(text)
    asked = not trouble and bool(devices) and _asks(*devices[0])
    medical = bool(devices) and not need_ended and not fine and not asked
    # (a person bedridden, dependent on the power…, with the power off now: ``english_people``)
    medical = medical or (bool(trouble) and not _died(text) and _in_need_now(text, thanked))
    return EnglishReading(
        dangers=tuple(dangers),
        spoken_of=tuple(spoken_of),
        medical=medical,
        in_thanks=thanked and not dangers and not medical,
        power_named=bool(_POWER_NAMED.search(text)),
        outage_told=bool(trouble) or (failing and bool(devices)),
        need_ended=need_ended,
        machine_fine=fine and not dangers,
    )


def _clause(text: str, match: re.Match[str]) -> tuple[str, str]:
    """The words of the match's clause before it, and after it."""
    start = max((m.end() for m in _CLAUSE.finditer(text, 0, match.start())), default=0)
    following = _CLAUSE.search(text, match.end())
    return text[start : match.start()], text[match.end() : following.start() if following else None]


def _sentence(text: str, position: int) -> tuple[int, int]:
    start = max((m.end() for m in _SENTENCE.finditer(text, 0, position)), default=0)
    following = _SENTENCE.search(text, position)
    return start, following.end() if following else len(text)


def _state(text: str, match: re.Match[str], kind: str, thanked: bool) -> str:
    """How the mention is spoken of: "now", "denied", "feared" or "past"."""
    before, after = _clause(text, match)
    listed = _LISTED.search(before)
    # (a reassurance, "don't worry", denies nothing: review77, M3)
    near = _REASSURED.sub(" ", before[: listed.start() if listed else len(before)])
    window = " ".join(near.split()[-3:])
    if kind != _TROUBLE and (
        (
            _NEGATION.search(window)
            and not (
                kind == _MACHINE and (_cannot_do_without(text, match) or _out_of_use(text, match))
            )
        )
        or _NEGATION.search(match.group())
        or (_NEGATION_AFTER.search(after) and not (kind == _MACHINE and fails_after(text, match)))
        or _ANSWERED_NO.match(text, match.end())
        or (kind == _MACHINE and _NOBODY.search(before))
    ):
        return "denied"
    start, end = _sentence(text, match.start())
    said = text[start:end]
    if _feared(text, start, match.start()) or _asks(text, match):
        return "feared"
    if kind in ("smoke", "fire") and _NOT_OURS.search(said):
        return "past"  # a stove's, a chimney's, rubbish burning: nothing of power
    if thanked:
        return "past"
    if _PAST.search(said) and _DEALT_WITH.search(text) and not _NOW.search(said):
        return "past"
    return "now"


_USED_TO = _c(r"\bused\s+to\s+be(?:\s+\w+)?\s*$|\bwas\s+once\s*$", _I)


def _in_need_now(text: str, thanked: bool) -> bool:
    """A person whose life leans on the power (``english_people.IN_NEED``) said to be so now: not
    denied ("no one here is bedridden"), asked about, feared or only once ("she used to be
    bedridden")."""
    for found in IN_NEED.finditer(text):
        part, match = around(text, found)
        if _USED_TO.search(_clause(part, match)[0]):
            continue
        if _state(part, match, _MACHINE, thanked) == "now" and not _asks(part, match):
            return True
    return False


def _cannot_do_without(text: str, match: re.Match[str]) -> bool:
    """A machine the household cannot do without ("dad can't live without his oxygen machine",
    "mum can't do without her ventilator") or depends on, said after it ("without the ventilator
    she would die"): the "without" is no denial (``without_it``, as the Chinese rules read
    "不能没有呼吸机", "没有制氧机活不了")."""
    start = max((m.end() for m in _CLAUSE.finditer(text, 0, match.start())), default=0)
    denials = list(_NEGATION.finditer(text, start, match.start()))
    if not denials or denials[-1].group().lower() != "without":
        return False
    following = _CLAUSE.search(text, match.end())
    end = following.start() if following else len(text)
    return bool(NOT_WITHOUT.search(text[start : denials[-1].start()])) or depends_after(
        text, match.end(), end, _CLAUSE
    )


# A machine said to be out of use, not absent: "can't use the ventilator", "no oxygen machine
# working", "no oxygen machine running now" (review74 H1): the power is what it lacks.
_USE_BEFORE = _c(
    r"\b(?:can'?t|cannot|couldn'?t|unable\s+to|not\s+able\s+to)\s+(?:use|run|turn\s+on|start"
    r"|power)\s+(?:(?:the|a|an|her|his|their|our|my|\w+'s)\s+)?$",
    _I,
)
_USE_AFTER = _c(r"^\s*(?:(?:is|are)\s+(?:not\s+)?)?(?:working|running|to\s+use)\b", _I)


def _out_of_use(text: str, match: re.Match[str]) -> bool:
    """The machine ``match`` names is said not to work or not to be usable, not to be absent."""
    start = max((m.end() for m in _CLAUSE.finditer(text, 0, match.start())), default=0)
    return bool(_USE_BEFORE.search(text[start : match.start()])) or bool(
        _USE_AFTER.match(text[match.end() :])
    )


def _asks(text: str, match: re.Match[str]) -> bool:
    """Said in a question about no particular time ("is it dangerous if…?")."""
    start, end = _sentence(text, match.start())
    return text[end - 1 : end] == "?" and bool(_ASKS.search(text[start:end]))


def _in_thanks(text: str) -> bool:
    """Thanks or praise for something dealt with, and no turn to what is wrong now ("thanks for
    fixing the line last week, but now the pole is leaning")."""
    thanks = list(_THANKS.finditer(text))
    if not thanks:
        return False
    if not (_DEALT_WITH.search(text) or _PAST.search(text)):
        return False
    return not _NOW.search(text)


def _struck_at_random(text: str) -> bool:
    """Latin letters alone, each word a run of keys along one of the keyboard's rows."""
    if re.search(r"[^\sA-Za-z,.;!?]", text):
        return False
    words = re.findall(r"[A-Za-z]+", text.lower())
    return bool(words) and all(
        len(w) >= 3 and any(w in row or w in row[::-1] for row in _ROWS) for w in words
    )


def with_english[F](found: F, text: str) -> F:
    """``found`` (the rules' ``urgency.Findings``) with what the English rules read in
    ``text`` added: its dangers, medical need, thanks and the rest. A note the Chinese rules
    took for a call that went nowhere is one that names a danger or a need in English all the
    same; keys struck at random are a call that went nowhere."""
    english = reading(text)
    if english == EnglishReading():
        return found
    if english.struck_at_random:
        return replace(found, **{**_nothing(found), "junk": True})  # type: ignore[type-var]
    current: Any = found
    if current.junk:
        if not (english.dangers or english.medical):
            return found
        current = replace(current, **_nothing(current))
    dangers = tuple(dict.fromkeys(current.dangers + english.dangers))
    spoken_of = tuple(
        k for k in dict.fromkeys(current.spoken_of + english.spoken_of) if k not in dangers
    )
    medical = current.medical or english.medical
    return replace(  # type: ignore[no-any-return]
        current,
        dangers=dangers,
        spoken_of=spoken_of,
        medical=medical,
        in_thanks=current.in_thanks or (english.in_thanks and not dangers and not medical),
        power_named=current.power_named or english.power_named,
        outage_need=current.outage_need or (medical and english.outage_told),
        need_ended=current.need_ended or english.need_ended,
        machine_fine=(current.machine_fine or english.machine_fine) and not medical and not dangers,
        machine_denied=current.machine_denied and not medical and not dangers,
    )


def _nothing(found: Any) -> dict[str, Any]:
    """Every reading of ``found`` as a note of nothing has it."""
    return {f: type(found).__dataclass_fields__[f].default for f in found.__dataclass_fields__}
