"""The category intake chooses for the clerk while no call classifier is loaded (the first start,
or after an upgrade until the task worker has trained one): what the rules alone can tell.

- a danger the rules hear in the note ("电线断了掉在地上，还在冒火花") is a hazard call;
- a call from a household under an outage it may join (or one the clerk chose to join to the
  outage or to the engine's prediction) is a fault call: only "no power" joins an outage; unless
  the note says the caller has power ("我家有电，问电费": walk39, 1), which is no fault of the
  outage: a billing question when it names the bill, else the clerk chooses; nor a note about
  money alone, power off not told ("电费多少": ``Findings.money_only``), a billing question
  when it names the bill; and unless it tells
  nothing a fault would be (a call that went nowhere, a machine's user dead and no power trouble
  told, nothing of power named: walk42, 9), chosen for as with no outage;
- with no outage, a note that tells the power off now and nothing else ("家里没电了", "莫得电",
  "黑起了", "no power": walk45, 6) is a fault call;
- anything else is left to the clerk.

The page shows the choice preselected (``_suggestion.html``) and the save takes the same choice
when the page sent none (a note saved before its suggestion came back): one rule for both. With
a model loaded, its suggestion is the page's, and nothing is chosen here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from powerdesk.outages.desk_signals import power_said_on
from powerdesk.servicedesk.models import Category
from powerdesk.servicedesk.understanding.dialects import as_mandarin
from powerdesk.servicedesk.understanding.english_power import power_off
from powerdesk.servicedesk.understanding.medical import outage_told
from powerdesk.servicedesk.understanding.store import ready_classifier
from powerdesk.servicedesk.understanding.suggest import suggestion_for
from powerdesk.servicedesk.understanding.urgency import findings

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station
    from powerdesk.servicedesk.understanding.classifier import Suggestion
    from powerdesk.servicedesk.understanding.urgency import Findings

__all__ = ["OUTAGE_ACTIONS", "category_by_rules", "preselected_category", "suggesting"]

# The "Then" choices that join a call to an outage (the caller's, or the engine's prediction).
OUTAGE_ACTIONS = ("outage:", "predicted:")
# The note's first characters are plenty to read (as ``intake_choices.SUGGEST_CHARS``).
_READ_CHARS = 4000
# A note that names the bill ("问电费", "交费", "欠费"), from a caller who says they have power.
_BILL = re.compile(r"电费|电价|交费|缴费|欠费|余额|账单|\bbill|\bcharges?\b", re.IGNORECASE)


def suggesting() -> bool:
    """Whether this process has a call classifier to suggest categories (else the clerk, helped
    by the rules, chooses)."""
    return ready_classifier() is not None


def category_by_rules(suggestion: Suggestion | None, *, under_outage: bool, text: str = "") -> str:
    """The category the rules give a note (``text``) the classifier made nothing of
    (``by_hand``): hazard for a danger heard, fault repair under an outage unless the note says
    the caller has power (``power_said_on``) or asks of money alone (``Findings.money_only``):
    billing when it names the bill, else none; with no outage, fault repair for a note that tells
    the power off now and nothing else (``_power_off_alone``); ""
    otherwise, and always "" while a model suggests (its suggestion is the page's)."""
    if suggestion is None or not suggestion.by_hand:
        return ""
    if suggestion.dangers:
        return Category.HAZARD
    text = text[:_READ_CHARS]
    if under_outage and text.strip():
        found = findings(text)
        if _no_power_trouble(text, found):
            return ""
        if not power_said_on(text) and not found.money_only:
            return Category.FAULT_REPAIR
        return Category.BILLING if _BILL.search(text) else ""
    if text.strip() and _power_off_alone(text):
        return Category.FAULT_REPAIR
    return ""


# Another errand beside the power off ("没电了，顺便问下电费", "为什么老是停电": a complaint,
# "想申请…", "谢谢"): the clerk chooses.
_ANOTHER_ERRAND = re.compile(
    r"电费|电价|交费|缴费|欠费|余额|账单|过户|开户|报装|装表|申请|办理|投诉|表扬|感谢|谢谢|建议|意见"
    r"|为什么|为啥|凭什么|咋老|怎么老|老是|总是|经常|天天|三天两头|每次|计划|通知|赔|\bbill|\bcharges?\b"
    r"|\bwhy\b|\bthanks?\b|\bcomplain",
    re.IGNORECASE,
)


def _power_off_alone(text: str) -> bool:
    """The note tells the power off at the caller's now, in Chinese or its dialects ("家里没电了",
    "莫得电", "黑起了": ``medical.outage_told``) or in English ("no power": ``english_power``),
    and nothing else is read in it: no other errand, no power said on, nothing a fault would not
    be (walk45, 6: with no model and no outage it was left to the clerk)."""
    found = findings(text)
    if found.junk or found.need_ended or found.money_only or found.cost_only or found.not_ours:
        return False
    if _ANOTHER_ERRAND.search(text) or power_said_on(text):
        return False
    return outage_told(as_mandarin(text)) or power_off(text)


# Words of the supply or of its lack beyond the rules' words of power (``Findings.power_named``):
# "屋里黑了", "啥时候来电".
_SUPPLY = re.compile(r"电|黑|暗|灯|亮|停|断")


def _no_power_trouble(text: str, found: Findings) -> bool:
    """The note tells nothing a fault of the outage would be (walk42, 9): a call that went nowhere
    ("asdfgh qwerty"), a machine's user dead and no power trouble told ("用制氧机的老人已经走了"),
    or nothing of power, equipment, a danger or a need named at all. Such a note is chosen for
    as if there were no outage."""
    if found.junk or found.need_ended:
        return True
    return not found.power_named and not _SUPPLY.search(text)


def preselected_category(station: Station, text: str, number: str, action: str = "") -> str:
    """``category_by_rules`` for the intake's note, the caller's number and the "Then" choice
    the page has (``action``)."""
    text = text[:_READ_CHARS].strip()
    if not text:
        return ""
    suggestion = suggestion_for(text)
    if not suggestion.by_hand or suggestion.dangers:
        return category_by_rules(suggestion, under_outage=False)
    under = action.startswith(OUTAGE_ACTIONS) or _under_outage(station, number)
    return category_by_rules(suggestion, under_outage=under, text=text)


def _under_outage(station: Station, number: str) -> bool:
    from powerdesk.outages.joined import nearest_outage_above
    from powerdesk.servicedesk.intake_record import customer_calling

    if not number.strip():
        return False
    customer = customer_calling(station, number)
    return customer is not None and nearest_outage_above(customer) is not None
