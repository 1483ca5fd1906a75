"""The dangers to life a note typed in English tells, as patterns of words: a line down or low,
something on a line, arcing, smoke, fire, a pole leaning or fallen, equipment fallen, a person or
animal near live equipment, flooding at equipment. The kinds are those of ``danger_words.DANGERS``
(the page says why, and the same safety advice is read); ``english.reading`` reads a note with
them, with the care a denial, a fear or a danger past asks for.
"""

from __future__ import annotations

import re

__all__ = ["DANGERS", "DANGER_RES"]

_c = re.compile
_I = re.IGNORECASE

_LINE = (
    r"(?<!phone )(?<!telephone )(?<!internet )(?<!broadband )(?<!fibre )(?<!fiber )(?<!tv )"
    r"(?<!washing )(?<!clothes )(?<!fishing )(?<!cable )"
    r"(?:power\s*|electric(?:ity|al)?\s+|overhead\s+|live\s+|high[-\s]voltage\s+|service\s+)?"
    r"(?:lines?|wires?|cables?|conductors?|powerlines?)(?!\s*(?:tv|television|internet|broadband))"
)
_POLE = (
    r"(?<!flag )(?<!fishing )(?<!north )(?<!south )(?<!ski )(?<!telegraph )"
    r"(?:power\s+|electric(?:ity)?\s+|utility\s+|wooden\s+|concrete\s+)?(?:poles?|pylons?|towers?)"
    r"(?!\s*vault)"
)
_EQUIPMENT = (
    r"(?:transformers?|meter\s*box(?:es)?|meters?|fuse\s*box(?:es)?|switch\s*(?:board|box|gear)s?"
    r"|distribution\s+box(?:es)?|substations?|cabinets?|(?:power\s+|electric(?:ity)?\s+)?box(?:es)?"
    r"|panels?|sockets?|outlets?|breakers?)"
)
# Words that may stand between a thing and what is wrong with it ("the line is hanging very low").
_BETWEEN = (
    r"(?:\s+(?:is|are|was|were|has|have|had|been|got|gotten|just|now|still|all|right|really|very"
    r"|so|too|quite|dangerously|completely|hanging|half|come|came|it's|it\s+is|'s))*"
)
_DOWN = (
    r"(?:down|fallen|fell|falling|dropped|low|dangling|sagging|sags|snapped|broken|broke"
    r"|lying|trailing|hanging\s+(?:low|down|loose)|touching\s+the\s+ground"
    r"|on\s+the\s+(?:ground|road|street|floor|path|pavement|track|field|roof|car|fence)"
    r"|in\s+the\s+(?:road|street|water|river|pond|puddle|field|paddy|mud|yard))"
)

DANGERS: dict[str, str] = {
    "line down or low": (
        rf"\b{_LINE}\b{_BETWEEN}\s*(?:'s\s+)?{_DOWN}\b"
        rf"|\b(?:down(?:ed)?|fallen|broken|snapped|sagging|dangling|low[-\s]hanging|hanging)\s+{_LINE}\b"
        r"|\blive\s+(?:wires?|lines?|cables?)\b"
    ),
    "tree or object on a line": (
        r"\b(?:tree|trees|branch(?:es)?|bamboo|kite|balloon|sheet|plastic|roof|debris|trampoline)"
        r"\b[\w\s']{0,20}?\b(?:on|onto|against|across|in|into|touching|caught\s+(?:in|on)"
        r"|tangled\s+(?:in|with)|hanging\s+(?:on|from)|resting\s+on|fell\s+on|fallen\s+on)\s+"
        rf"(?:the\s+|a\s+|our\s+)?{_LINE}\b"
    ),
    "arcing or sparks": (
        r"\b(?<!spark\s)(?:sparks?|sparking|sparked|sparky|arcing|arced|arcs?)\b(?!\s*plugs?)"
        rf"|\b(?:flash(?:es|ing)?|bang(?:s|ing)?)\s+(?:from|at|on|in)\s+(?:the\s+)?(?:{_EQUIPMENT}|{_LINE}|{_POLE})\b"
    ),
    "smoke": (
        r"\bsmok(?:e|es|ing|ed|y)\b(?!\s*(?:alarm|detector|free|break))"
        r"|\b(?:burning|burnt|burned|melting)\s+(?:smell|plastic|rubber)"
        r"|\bsmell(?:s|ing)?\s+(?:of\s+)?(?:burning|burnt|melting)\b"
    ),
    "fire": (
        r"\b(?:on\s+fire|caught\s+fire|catching\s+fire|in\s+flames|flames?|blaze|ablaze"
        r"|fire(?!\s*(?:brigade|station|fighters?|man|men|works|place|wood|truck|engine"
        r"|extinguisher|alarm|drill|door|exit|insurance|service|department|safety|proof|wall|pit)))\b"
        r"|\bburn(?:ing|s)\b(?!\s+(?:smell|rubbish|trash|leaves|straw|stubble|incense|candles?|wood"
        r"|coal|garbage|grass|fields?))"
        r"|\b(?:exploded|explosion|blew\s+up|blown\s+up)\b"
    ),
    "pole leaning or fallen": (
        rf"\b{_POLE}\b{_BETWEEN}\s*(?:leaning|leans|leant|tilting|tilted|tilts|fallen|fell|falling"
        r"|down|broken|broke|snapped|cracked|bent|collapsed|knocked\s+(?:over|down)|about\s+to\s+fall"
        r"|going\s+to\s+fall|rotten|rotting|swaying|wobbly|wobbling|loose|crooked|over)\b"
        rf"|\b(?:leaning|fallen|broken|snapped|tilted|tilting|downed|crooked|collapsed)\s+{_POLE}\b"
    ),
    # a transformer knocked over or fallen from its pole ("the box transformer was knocked over
    # by a truck", "transformer fell off the pole", "a fallen transformer"): not a fuse fallen
    "equipment fallen": (
        r"\b(?:(?:pole[-\s]mounted|pad[-\s]mounted|box|ground)\s+)?transformers?\b"
        rf"(?:\s+(?:box|unit|station|on\s+the\s+pole))?{_BETWEEN}\s*(?:fallen|fell|falling\s+(?:off|down)"
        r"|knocked\s+(?:over|down|off)|toppled|tipped\s+over|turned\s+over|overturned|come\s+down"
        r"|came\s+down|dropped\s+(?:off|down|to)|crashed\s+down|down\s+on\s+the\s+ground"
        r"|lying\s+(?:on|in)\s+the\s+(?:ground|road|field|ditch|mud))\b"
        r"|\b(?:fallen|toppled|overturned|knocked[-\s]over)\s+(?:box\s+)?transformers?\b"
    ),
    "person or animal near live equipment": (
        r"\b(?:someone|somebody|a\s+person|a\s+man|a\s+woman|a\s+boy|a\s+girl|a\s+child|child|children"
        r"|kids?|people|he|she|they|my\s+\w+|(?:a\s+|the\s+|our\s+)?(?:cows?|cattle|buffalo(?:es)?"
        r"|horses?|goats?|sheep|dogs?|cats?|pigs?|animals?|livestock|monkeys?))\b[\w\s']{0,16}?"
        r"\b(?:touch(?:ed|es|ing)?|hold(?:ing)?|grabbed|stuck\s+(?:to|on)|hanging\s+(?:on|from)"
        r"|climb(?:ed|ing|s)?(?:\s+up)?|up|on)\s+(?:the\s+|a\s+|that\s+)?"
        rf"(?:{_LINE}|{_POLE}|{_EQUIPMENT})\b"
        r"|\b(?:electrocuted|electric\s+shock|got\s+(?:a\s+)?shock(?:ed)?|shocked\s+by|was\s+shocked"
        r"|got\s+zapped)\b"
    ),
    "flooding at equipment": (
        r"\b(?:flood(?:ed|ing|s)?|under\s*water|submerged|water)\b[\w\s']{0,20}?"
        r"\b(?:at|in|inside|into|around|over|under|up\s+to|reached|reaching|covering|round)\s+"
        rf"(?:the\s+|a\s+|our\s+)?{_EQUIPMENT}\b"
        rf"|\b{_EQUIPMENT}\b{_BETWEEN}\s*(?:flooded|under\s*water|submerged|in\s+(?:the\s+)?water"
        r"|full\s+of\s+water|in\s+the\s+flood)\b"
    ),
}
DANGER_RES = {kind: _c(pattern, _I) for kind, pattern in DANGERS.items()}
