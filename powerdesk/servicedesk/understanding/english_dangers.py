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

# A place said between a thing and what is wrong with it ("the pole outside our house is leaning",
# "the wire behind the school is hanging low"): a preposition of where and up to four words, no
# clause's end, no "of" or "from" (the wire *of* a charger is no line); or a part of a place, up
# to six words ("the pole at the end of the road", "the wire on the far side of the field": not
# of a thing in the house); or where it comes from, a place of the grid or the village ("the pole
# from the old road", "the wire from the pole to our house": not the cable from the TV) (review77
# L6).
_WHERE = (
    r"(?:outside|in\s+front\s+of|to|behind|beside|next\s+to|near|by|at|on|over|above|across"
    r"|along|in|up|down|through|opposite|past|beyond)"
)
_PART_OF = (
    r"(?:\s+(?:the|a|our|my|that|this))?\s+(?:far\s+|other\s+|near\s+)?(?:end|edge|side|corner"
    r"|middle|top|bottom|foot|head|entrance)\s+of"
    r"(?!\s+(?:the\s+|a\s+|my\s+|our\s+)?(?:tv|television|fridge|charger|computer|phone|laptop"
    r"|washing|radio|fan|heater|lamp|kettle|bed|desk|table|sofa|room|kitchen|bathroom)\b)"
    r"(?:\s+[\w'-]+){1,3}?"
)
_FROM_PLACE = (
    r"(?:poles?|pylons?|towers?|road|street|lane|path|track|transformer|substation|village|hill"
    r"|field|bridge|river|school|farm|main\s+line)"
)
_PLACE = (
    rf"(?:\s+{_WHERE}(?:{_PART_OF}|(?:\s+[\w'-]+){{1,4}}?)"
    rf"|\s+from(?:\s+(?:the|a|our|that|this))?(?:\s+[\w'-]+){{0,2}}?\s+{_FROM_PLACE}\b"
    r"(?:\s+(?:to|into)(?:\s+[\w'-]+){1,3}?)?)?"
)
# Living things that may come near live equipment, and where.
_SOMEONE = (
    r"(?:someone|somebody|a\s+person|people|a\s+man|a\s+woman|a\s+boy|a\s+girl|a\s+child|child"
    r"|children|kids?|toddlers?|pupils|students|schoolchildren|boys|girls|(?:my|our|his|her|their)"
    r"\s+(?:son|daughter|grandson|granddaughter|boy|girl|kids?|children|little\s+\w+)"
    r"|(?:a\s+|the\s+|our\s+|some\s+)?(?:cows?|cattle|buffalo(?:es)?|oxen|horses?|donkeys?|goats?"
    r"|sheep|pigs?|dogs?|animals?|livestock|chickens?|ducks?|geese))"
)
_LIVE_THING = (
    r"(?:broken\s+|open\s+|fallen\s+|unfenced\s+|old\s+|big\s+)?(?:transformers?|substations?"
    r"|switch\s*(?:gear|box(?:es)?|yard)|distribution\s+(?:box(?:es)?|cabinets?)"
    r"|(?:transformer|electric(?:al)?|power|high[-\s]voltage)\s+(?:box(?:es)?|cabinets?|stations?)"
    r"|live\s+(?:wires?|lines?|cables?|equipment)"
    r"|(?:fallen|broken|downed|snapped|dangling|bare|loose|low)\s+(?:power\s+)?(?:wires?|lines?|cables?))"
)
_CLOSE_TO = (
    r"(?:(?:right|just|very|really|too)\s+)?(?:near|nearby|next\s+to|beside|by|around|round"
    r"|close\s+to|against|under(?:neath)?|below|inside|into|in\s+(?:the\s+)?(?:fence|yard)\s+of)"
)
# What it is doing there ("playing", "grazing", "tied").
_BEING_THERE = (
    r"(?:playing|climbing|standing|sitting|grazing|tied|walking|running|hanging\s+around|poking"
    r"|touching|hiding|sleeping|feeding|waiting|fishing|flying\s+(?:a\s+)?kites?)"
)
# The ground gone from under a pole: washed out, eroded, given way (the seed's first urgent case).
_UNDERMINED = (
    r"(?:being\s+)?(?:undermined|washed\s+(?:out|away)|eroded|eroding|scoured|exposed|hollowed"
    r"(?:\s+out)?|dug\s+(?:out|away)|gave\s+way|giving\s+way|given\s+way|caved\s+in|caving\s+in"
    r"|collapsed|collapsing|crumbl(?:ed|ing)|sinking|sunk|sunken|subsiding|sliding|slid|slipping"
    r"|slipped|gone|taken\s+away|carried\s+away)"
)
_GROUND = (
    r"(?:soil|earth|ground|dirt|mud|bank|slope|hillside|embankment|base|foot|footing|foundations?"
    r"|bottom|concrete\s+base|roots?|stones?|rocks?)"
)
_BELOW = (
    r"(?:around|under|underneath|beneath|below|holding(?:\s+up)?|supporting|at\s+the\s+(?:foot"
    r"|base|bottom)\s+of|of|by|next\s+to)"
)
_THE = r"(?:the\s+|a\s+|that\s+|this\s+|our\s+|one\s+)?"
# The water or the slide that took it.
_TOOK = (
    r"(?:rain|rains|flood(?:s|\s*water)?|water|river|stream|landslide|mudslide|storm|torrent)"
    r"(?:\s+(?:has|have|had|just|all))*\s+(?:washed|took|taken|carried|dug|eaten|ate|scoured"
    r"|eroded|swept)(?:\s+(?:out|away))?\s+(?:all\s+)?(?:the\s+)?"
)
# A line damaged or lying in the way, said in ordinary words: strands broken, frayed, across the
# road (domain.md: "conductor down or across a road, broken strands").
_ROADWAY = (
    r"(?:road|roads|path|street|lane|track|highway|way|driveway|bridge|footpath|entrance|gate"
    r"|yard|village\s+road|main\s+road)"
)
# (not a line wanted: "we need a new cable across the road to the shed"; only after a verb of
# wanting or laying it: "a second line is hanging across the path" is a line down, review77 M2)
_WANTED = "".join(
    f"(?<!{verb} {which})"
    for verb in ("need", "needs", "want", "wants", "run", "lay", "put", "install", "get")
    for which in ("a ", "a new ", "another ", "an extra ", "a second ", "a longer ")
)
_ACROSS = (
    rf"{_WANTED}\b{_LINE}\b(?:\s+(?:is|are|was|were|has|have|been|now|still|just|right|lying|hanging"
    r"|stretched|strung|fallen|fell|down|come|came|lies|lay|dropped))*\s+across\s+(?:the\s+|a\s+"
    rf"|our\s+|my\s+)?{_ROADWAY}\b"
    r"(?!\s+(?:is|are|looks?|seems?)\s+(?:fine|ok|okay|all\s+right|alright|normal|safe|high|good"
    r"|too\s+close|close))"
    rf"|\b{_LINE}\b(?:\s+(?:is|are|was|now|still|just))*\s+(?:blocking|blocks|blocked)\s+"
    rf"(?:the\s+|our\s+)?{_ROADWAY}\b"
)
_STRANDS = (
    r"\b(?:broken|snapped|frayed|loose|split|burst)\s+strands?\b"
    rf"|\bstrands?\b(?:\s+(?:of|on|in)\s+{_THE}{_LINE})?{_PLACE}"
    r"(?:\s+(?:is|are|was|were|has|have|had|been|just|now|all|already|come|coming|got))*\s+(?:broken"
    r"|broke|snapped|frayed|fraying|loose|unravel+(?:ed|ing)?|sticking\s+out|split|come\s+apart"
    r"|coming\s+apart|came\s+apart|come\s+undone|burst)\b"
    rf"|\b{_LINE}\b{_PLACE}{_BETWEEN}\s*(?:frayed|fraying|unravel+(?:ed|ing)?|burnt\s+through"
    r"|burned\s+through|worn\s+through|split\s+open|coming\s+apart|came\s+apart|stripped\s+bare"
    r"|bare|peeled|peeling)\b"
    rf"|\b(?:frayed|fraying|unravell?ing|bare|stripped|peeled|half[-\s]broken|split)\s+{_LINE}\b"
)

DANGERS: dict[str, str] = {
    "line down or low": (
        rf"\b{_LINE}\b{_PLACE}{_BETWEEN}\s*(?:'s\s+)?{_DOWN}\b|{_ACROSS}|{_STRANDS}"
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
        rf"\b{_POLE}\b{_PLACE}{_BETWEEN}\s*(?:leaning|leans|leant|tilting|tilted|tilts|fallen|fell|falling"
        r"|down|broken|broke|snapped|cracked|bent|collapsed|knocked\s+(?:over|down)|about\s+to\s+fall"
        r"|going\s+to\s+fall|rotten|rotting|swaying|wobbly|wobbling|loose|crooked|over)\b"
        rf"|\b(?:leaning|fallen|broken|snapped|tilted|tilting|downed|crooked|collapsed)\s+{_POLE}\b"
        # the ground gone from under it ("the pole undermined by the rain", "the soil around the
        # pole washed away", "the pole's base has given way", "the flood took the earth from under
        # the pylon")
        rf"|\b{_POLE}\b{_PLACE}{_BETWEEN}\s*{_UNDERMINED}\b"
        rf"|\b{_POLE}(?:'s|\s+has\s+its)?\s+{_GROUND}\b{_BETWEEN}\s*{_UNDERMINED}\b"
        rf"|\b{_GROUND}\s+{_BELOW}\s+{_THE}{_POLE}\b{_BETWEEN}\s*(?:been\s+)?{_UNDERMINED}\b"
        rf"|\b{_TOOK}(?:{_GROUND}\s+)?(?:(?:away|out)\s+)?(?:from\s+)?{_BELOW}\s+{_THE}{_POLE}\b"
        rf"|\b{_TOOK}{_POLE}(?:'s)?\s+{_GROUND}\b"
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
        # near it, said with near, next to, by, beside, around ("the children play right next to
        # the transformer", "a cow grazing by the fallen wire"), or the thing first ("beside the
        # substation, boys are climbing the fence")
        rf"|\b{_SOMEONE}\b(?:(?!\bused\s+to\b)[\w\s']){{0,30}}?\b{_CLOSE_TO}\s+{_THE}{_LIVE_THING}\b"
        rf"|\b{_CLOSE_TO}\s+{_THE}{_LIVE_THING}\b[\w\s',]{{0,24}}?\b{_SOMEONE}\b"
        rf"(?:\s+(?:are|is|keep|keeps|always|often))*\s+{_BEING_THERE}\b"
        rf"|\b{_LIVE_THING}\b[\w\s',]{{0,30}}?\b{_SOMEONE}\b(?:\s+(?:are|is|keep|keeps|always|often))*"
        rf"\s+{_BEING_THERE}\s+(?:right\s+)?(?:around|near|next\s+to|under|by|on|beside|in)\s+it\b"
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
