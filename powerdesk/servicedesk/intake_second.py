"""A note's second matter at intake (``second_matter``, ``second_order``): the power off told
beside another errand. The page says it and offers, in one click, to keep the call as its own
category (with its order) and open a fault-repair order too; saved "as suggested" without that
choice, the clerk is asked to choose; kept as the other category alone, the clerk is told to
open the fault order from the call. What intake then says names both orders, for the caller to
be told both."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.tenancy import StationRequest
from powerdesk.servicedesk.forms import IntakeForm
from powerdesk.servicedesk.models import Call, Category
from powerdesk.servicedesk.second_matter import power_off_too
from powerdesk.servicedesk.second_order import callers_open_fault_order, fault_order_open_said

__all__ = [
    "category_kept_with_fault",
    "fault_too_told",
    "nearest_outage_said",
    "open_order_with_fault",
    "power_off_left_told",
    "power_off_unchosen",
]


def category_kept_with_fault(data: Any, suggested: dict[str, Any]) -> None:
    """The one click ("keep it as billing and open a fault repair order too"): the category
    the page showed is the call's, unless the clerk chose one."""
    if not data.get("fault_too") or data.get("category"):
        return
    suggestion = suggested.get("suggestion")
    if suggestion is not None and not suggestion.by_hand and not suggestion.ask:
        data["category"] = suggestion.category
    elif suggested.get("rules_category"):
        data["category"] = suggested["rules_category"]


def nearest_outage_said(category: str, text: str) -> str:
    """How intake's "Known now" names the outage above the caller for a call of ``category``
    that, as the page has it, does not join it (walk61, M4): with the power off told beside the
    errand, what would join it and what happens otherwise."""
    if power_off_too(text, category):
        return _(
            "The outage above the caller (the call joins it taken as %(fault)s, or saved with "
            "a %(fault)s order too; as %(category)s alone it does not)"
        ) % {"fault": Category.FAULT_REPAIR.label, "category": Category(category).label}
    return _("The outage above the caller (this call, as chosen, does not join it)")


def open_order_with_fault(action: str, fault_too: bool) -> bool | None:
    """``call_take``'s ``open_order`` for intake's "Then": both matters kept, the call's own
    category has its order too (a billing question with its own owner and deadline), unless the
    clerk chose to log it only or to join an order."""
    chosen = {"new": True, "log": False}.get(action)
    if chosen is None and fault_too and not action:
        return True
    return chosen


def power_off_unchosen(form: IntakeForm, suggested: dict[str, Any]) -> bool:
    """Whether the note tells the power off beside the errand suggested and the clerk chose
    nothing (walk58, M3): not saved "as suggested" as the other errand alone, the power-off
    part lost; the clerk is asked to choose (the error says how)."""
    if not suggested.get("power_off_too"):
        return False
    form.add_error(
        "category",
        _(
            "The note also says the power is off: choose %(fault)s, keep it as %(suggested)s "
            "and open a %(fault)s order too, or choose %(suggested)s to take it as that."
        )
        % {
            "fault": Category.FAULT_REPAIR.label,
            # Unsure between fault repair and an errand: the errand (``second_category``).
            "suggested": suggested.get("second_label") or suggested["label"],
        },
    )
    return True


def fault_too_told(request: StationRequest, call: Call, *, asked: bool = False) -> None:
    """Said once the call is saved with its second matter: both orders, to tell the caller;
    asked for (``asked``) while the caller's fault order is open, that order's number."""
    fault = call.fault_order
    if fault is None:
        if asked:
            _open_fault_told(request, call)
        return
    first = call.work_order
    if first is not None:
        messages.success(
            request,
            _(
                "Two work orders for the call: %(first)s (%(category)s) and %(fault)s (fault "
                "repair). Tell the caller both numbers."
            )
            % {
                "first": first.number,
                "category": first.get_category_display(),
                "fault": fault.number,
            },
        )
    else:
        messages.success(
            request,
            _("Fault repair order %(fault)s opened for the call: tell the caller its number.")
            % {"fault": fault.number},
        )
    from powerdesk.outages.joined import active_outage_of

    outage = active_outage_of(fault)
    if outage is not None:
        messages.info(
            request,
            _("Fault repair order %(fault)s joined the outage on %(device)s.")
            % {"fault": fault.number, "device": outage.device},
        )


def _open_fault_told(request: StationRequest, call: Call) -> bool:
    """The caller's fault order open from the last hours, said for the clerk to tell the
    caller its number (none opened beside it: ``second_order``); False when there is none."""
    already = callers_open_fault_order(call)
    if already is None:
        return False
    messages.warning(request, fault_order_open_said(already))
    return True


def power_off_left_told(request: StationRequest, call: Call) -> None:
    """Taken as another errand alone, the power off told beside it (walk58, M3): the fault
    order is offered from the call, not lost; the caller's open one named if they have one
    (walk61, L5: a second one was suggested)."""
    if call.fault_order_id is not None or not power_off_too(call.text, call.category):
        return
    if _open_fault_told(request, call):
        return
    messages.warning(
        request,
        _(
            "The note also says the power is off: if it is off now, open a %(fault)s order "
            "from the call (Calls › %(time)s)."
        )
        % {
            "fault": Category.FAULT_REPAIR.label,
            "time": timezone.localtime(call.received_at).strftime("%H:%M"),
        },
    )
