"""A person at home whose life leans on the power, said in English without a machine named:
bedridden or bed-bound, paralysed, on an air (anti-bedsore) mattress, kept alive or hooked up to a
machine, dependent on the power, gravely ill, just out of surgery, a newborn or premature baby.
As the Chinese rules read "家里有卧床病人，停电了" (``medical_words.MEDICAL_PEOPLE``), such a person
is a medical need when the power is off or failing now, said in the note ("my mother is bedridden
and the power is off"); alone ("grandpa is bedridden, can I pay his bill?") it is no need.
``english.reading`` reads each mention with the care a denial asks for ("no one here is
bedridden", "she is not bedridden any more"), or a question or a fear ("if someone is bedridden,
do you come first?").

>>> import re
>>> bool(IN_NEED.search("Bedridden patient here, the lights went out"))
True
>>> bool(IN_NEED.search("she relies on the electricity to breathe"))
True
>>> bool(IN_NEED.search("the bed in the spare room is broken"))
False
"""

from __future__ import annotations

import re

__all__ = ["IN_NEED"]

_BED = r"(?:(?:a|the|her|his|their|my|our)\s+)?bed"
_A_MACHINE = r"(?:(?:a|an|the|his|her|their|some)\s+)?(?:machines?|pumps?|monitors?|drips?|tubes?)"
IN_NEED = re.compile(
    rf"\b(?:bed[-\s]?ridden|bed[-\s]?bound|confined\s+to\s+{_BED}"
    r"|(?:can'?t|cannot|couldn'?t|unable\s+to|not\s+able\s+to)\s+(?:get\s+(?:out\s+of|up\s+from)"
    rf"|leave|move\s+from)\s+{_BED}"
    rf"|(?:lies|lying|stays?|staying|kept)\s+in\s+{_BED}\s+all\s+(?:day|the\s+time)"
    r"|paraly[sz]ed|quadriplegic|tetraplegic|in\s+a\s+coma"
    r"|(?:air|pressure|ripple|anti[-\s]?bed[-\s]?sore|alternating[-\s]pressure|inflatable)"
    r"\s+mattress(?:es)?|bed[-\s]?sores?|pressure\s+sores?"
    rf"|(?:hooked|plugged|wired|connected)\s+up\s+to\s+{_A_MACHINE}"
    r"|kept\s+alive\s+(?:by|on)|on\s+(?:a\s+|an\s+)?(?:drip|feeding\s+tube)"
    r"|(?:depends?|depending|dependent|relies|rely|relying|reliant)\s+on\s+(?:the\s+)?(?:power"
    rf"|electricity|mains)|(?:depends?|dependent|relies|relying|reliant)\s+on\s+{_A_MACHINE}"
    r"|needs?\s+(?:the\s+)?(?:power|electricity)\s+to\s+(?:breathe|live|stay\s+alive|keep\s+"
    r"(?:\w+\s+)?alive)|(?:power|electricity)\s+to\s+(?:breathe|stay\s+alive)"
    r"|(?:terminally|seriously|critically|gravely|very\s+seriously)\s+(?:ill|sick)"
    r"|(?:just\s+)?(?:had|out\s+of|back\s+from|after)\s+(?:an?\s+|her\s+|his\s+)?(?:operation"
    r"|surgery)|new[-\s]?born(?:\s+baby)?|premature\s+baby|preemie)\b",
    re.IGNORECASE,
)
