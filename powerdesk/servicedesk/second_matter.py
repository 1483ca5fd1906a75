"""A second matter in a call's note: the power off now, told beside another errand (walk58, M3:
"电费卡里钱扣多了，灯也不亮", money taken off the card and the lights out, was suggested billing at
92.7 % and saved as a billing call, the power-off part lost and never joined to the outage above
the caller).

The power is off now when the rules say so (``medical.outage_told``: "家里没电了", "莫得电", not
asked, not planned, not past and dealt with; in English ``english_power.power_off``), the lights
said out now counting as the power ("灯也不亮", "灯都灭了": read by the same rule as "没电了",
so that "昨天灯不亮" or "灯不亮吗" is not). A note of a fault or a danger is already about it; any
other category (billing, a question, a complaint, an application) leaves it unsaid: intake shows the
second matter, offers fault repair instead, and does not save such a note "as suggested" without
the clerk choosing (``intake_shown``, ``views_intake``).

The power off is read in its own clause (walk67, H1; ``asked_apart``, which ``outage_told``
reads through since fix69c): "现在家里停电了，另外想问下这个月电费怎么这么多" was read as a question
whole, the bill asked about cancelling the power off told.
"""

from __future__ import annotations

from powerdesk.outages.desk_signals import power_said_on
from powerdesk.servicedesk.models import Category
from powerdesk.servicedesk.understanding.asked_apart import LIGHTS_OUT
from powerdesk.servicedesk.understanding.dialects import as_mandarin
from powerdesk.servicedesk.understanding.english_power import power_off
from powerdesk.servicedesk.understanding.medical import outage_told

__all__ = ["ALREADY_ABOUT_IT", "power_off_now", "power_off_too"]

# The categories of a call about the power off or a danger on the line: the matter is theirs.
ALREADY_ABOUT_IT = frozenset({Category.FAULT_REPAIR, Category.HAZARD})
# The note's first characters are plenty (as ``intake_choices.SUGGEST_CHARS``).
_READ_CHARS = 4000


def power_off_now(text: str) -> bool:
    """Whether the note tells the power off at the caller's now (and not said back on), a
    question of another matter beside it read apart ("家里没电了，怎么办", "…另外想问下这个月电费
    怎么这么多": ``medical.outage_told``, ``asked_apart``)."""
    text = (text or "")[:_READ_CHARS].strip()
    if not text or power_said_on(text):
        return False
    return _told(as_mandarin(text)) or power_off(text)


def _told(mandarin: str) -> bool:
    # The lights out read as "没电" by the rule of the power off: asked, past, planned or
    # habitual, it is not now.
    lights_as_power = LIGHTS_OUT.sub("没电", mandarin)
    return outage_told(mandarin) or outage_told(lights_as_power)


def power_off_too(text: str, category: str) -> bool:
    """The note tells the power off now, and ``category`` (the suggestion's or the clerk's) is
    not one about it: a second matter for the desk. False with no category (the clerk chooses
    anyway)."""
    if not category or category in ALREADY_ABOUT_IT or category == "other":
        return False
    return power_off_now(text)
