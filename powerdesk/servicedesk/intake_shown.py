"""What the intake page shows as the clerk types: what is known of the caller with the choices
of "Then" (``intake_choices``), and what the note suggests (category, urgency, dangers and the
advice to read), with the outage the caller is under when that is why a fault is likely."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from powerdesk.outages.desk_signals import power_said_on
from powerdesk.outages.joined import outage_told_above
from powerdesk.servicedesk.intake_category import preselected_category, suggesting
from powerdesk.servicedesk.intake_choices import SUGGEST_CHARS, intake_caller
from powerdesk.servicedesk.intake_record import customer_calling
from powerdesk.servicedesk.models import Category
from powerdesk.servicedesk.safety import DANGER_LABELS, dangers_in_order, safety_advice
from powerdesk.servicedesk.second_matter import power_off_too
from powerdesk.servicedesk.understanding.suggest import suggestion_for

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User
    from powerdesk.outages.models import Outage

__all__ = ["caller_shown", "suggestion_for_caller"]


def caller_shown(
    station: Station,
    user: User,
    number: str,
    *,
    action: str | None = None,
    category: str = "",
    then_default: str | None = None,
    text: str = "",
    caller_is: str = "",
) -> dict[str, object]:
    """What the caller panel and the "Then" choices show (``intake_choices``), for a call of
    ``category`` (``then_category``); ``action`` is what the page had chosen (None: a fresh
    page), ``then_default`` what the server had chosen for it; ``caller_is`` who the clerk said
    calls from a household's and a liaison's number ("liaison", else the household)."""
    return intake_caller(
        station=station,
        user=user,
        number=number,
        action=action,
        category=category,
        then_default=then_default,
        text=text[:SUGGEST_CHARS],
        caller_is=caller_is,
    )


def suggestion_for_caller(station: Station, text: str, number: str) -> dict[str, object]:
    """The suggestion, with the outage the caller is under when that is why fault repair is
    likely (looked up only when the classifier is unsure about a fault)."""
    suggested = _suggestion_context(text)
    if _unsure_about_a_fault(suggested["suggestion"]):
        outage = _outage_of_caller(station, number)
        if outage is not None:
            suggested = _suggestion_context(text, outage)
    # With no model loaded, the category the rules give (a danger, a household under an
    # outage), preselected on the page and taken by the save alike.
    rules = preselected_category(station, text, number)
    suggested["rules_category"] = rules
    suggested["rules_label"] = Category(rules).label if rules else ""
    suggested["number"] = number
    # Whether the note says the power is on at the caller's: the caller panel's "tell the
    # caller" follows it (``tell_caller.tell_for_the_call``), drawn again when it changes.
    suggested["power_on"] = power_said_on(text[:SUGGEST_CHARS])
    # The power off told beside another errand (walk58, M3): said as a second matter, with the
    # outage above the caller when there is one, and fault repair offered.
    suggestion: Any = suggested["suggestion"]
    shown = rules if suggestion is None or suggestion.by_hand else suggestion.category
    suggested["power_off_too"] = power_off_too(text[:SUGGEST_CHARS], shown)
    # Unsure between fault repair and another errand (walk64, M4: "电费扣多了，灯也不亮", fault
    # repair 61 %, billing 38 %): the other one, kept with a fault order too, is offered as well.
    second = _errand_beside_fault(suggestion, text)
    suggested["second_category"] = second
    if second:
        suggested["power_off_too"] = True
        suggested["second_label"] = Category(second).label
    suggested["outage_too"] = (
        _outage_of_caller(station, number) if suggested["power_off_too"] else None
    )
    # No model read yet (the first start): the page says suggestions are being prepared.
    suggested["preparing"] = not suggesting()
    return suggested


def _errand_beside_fault(suggestion: Any, text: str) -> str:
    """The errand of an unsure suggestion whose other guess is fault repair, when the note tells
    the power off now beside it; "" otherwise."""
    if not _unsure_about_a_fault(suggestion) or not suggestion.alternative_offered:
        return ""
    other = (
        suggestion.alternative
        if suggestion.category == Category.FAULT_REPAIR
        else suggestion.category
    )
    return other if power_off_too(text[:SUGGEST_CHARS], other) else ""


def _outage_of_caller(station: Station, number: str) -> Outage | None:
    customer = customer_calling(station, number)
    return outage_told_above(customer) if customer is not None else None


def _unsure_about_a_fault(suggestion: Any) -> bool:
    return bool(
        suggestion is not None
        and suggestion.ask
        and Category.FAULT_REPAIR in (suggestion.category, suggestion.alternative)
    )


def _suggestion_context(text: str, outage: Outage | None = None) -> dict[str, object]:
    """What the classifier makes of the note, with labels to show (both when it is unsure).

    ``outage``, the one the caller is under: when the classifier cannot tell fault repair from
    another category, it is shown as the reason fault repair is likely (the clerk still
    chooses)."""
    text = text[:SUGGEST_CHARS].strip()
    suggestion = suggestion_for(text) if text else None
    labels = dict(Category.choices)
    return {
        "outage_hint": _outage_hint_text(outage)
        if outage is not None and _unsure_about_a_fault(suggestion)
        else "",
        "suggestion": suggestion,
        "label": labels.get(suggestion.category, "") if suggestion else "",
        "alternative_label": labels.get(suggestion.alternative, "") if suggestion else "",
        "dangers": [DANGER_LABELS[d] for d in dangers_in_order(suggestion.dangers)]
        if suggestion
        else [],
        "safety_advice": safety_advice(suggestion),
    }


def _outage_hint_text(outage: Outage) -> str:
    return _(
        "The caller is under the outage on %(device)s: a call about no power is likely %(fault)s."
    ) % {"device": outage.device, "fault": Category.FAULT_REPAIR.label}
