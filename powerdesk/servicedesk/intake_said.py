"""What the intake page says once a call is saved, about what became of the clerk's choice in
"Then" (``views_intake``): said from what was done, never a silent change of what the page
showed, and never a join promised that will not happen."""

from __future__ import annotations

from django.contrib import messages
from django.utils.translation import gettext as _

from powerdesk.accounts.tenancy import StationRequest
from powerdesk.network.models import GridNode
from powerdesk.outages.desk_signals import power_said_on
from powerdesk.outages.joined import active_outage_of
from powerdesk.outages.models import Signal, SignalType
from powerdesk.outages.prediction_steps import prediction_to_record
from powerdesk.servicedesk.call_take import CallTaken
from powerdesk.servicedesk.intake_record import action_id
from powerdesk.servicedesk.models import Call, Category, WorkOrder

__all__ = [
    "hazard_under_outage_told",
    "not_joined_to_the_outage",
    "other_open_order_told",
    "power_said_on_told",
    "signal_said_on",
    "what_became_of_the_choice",
]


def not_joined_to_the_outage(call: Call, order: WorkOrder | None) -> str:
    """What to say when the clerk left the caller's outage chosen and the call did not join it:
    a call of another category (or one after the restore, or from a caller who says they have
    power) is taken as its category says: said, never joined silently."""
    if order is not None and active_outage_of(order) is not None:
        return ""
    if call.category == Category.FAULT_REPAIR and power_said_on(call.text):
        return _(
            "Not joined to the outage: the caller said they have power, so the call is taken on "
            "its own."
        )
    if call.category == Category.FAULT_REPAIR:
        return _("The outage was restored meanwhile: the call is taken on its own.")
    return _(
        "Not joined to the outage: a %(category)s call is taken as its category says (only a "
        "fault call joins an outage)."
    ) % {"category": call.get_category_display() or _("uncategorised")}


def other_open_order_told(request: StationRequest, call: Call, order: WorkOrder) -> None:
    """A call that opened its own order while its caller has another open (a second, different
    question a minute after the first: walk74 finding 8): the clerk is told, with its link, so
    that the caller hears of both and nobody takes them for one."""
    from django.utils.html import conditional_escape, format_html
    from django.utils.safestring import mark_safe

    from powerdesk.servicedesk.join_fit import own_open_orders

    if order.category in (Category.FAULT_REPAIR, Category.HAZARD):
        # A fault or a danger has its own words at intake: the outage it may belong to, each
        # said once (test_hazard_told_once); the other-question rule is for the other categories.
        return
    other = (
        own_open_orders(station=order.station, customer=call.customer, e164=call.caller_e164)
        .exclude(pk=order.pk)
        .first()
    )
    if other is None:
        return
    said = {
        "link": format_html('<a href="{}">{}</a>', other.get_absolute_url(), other.number),
        "category": conditional_escape(other.get_category_display()),
        "title": conditional_escape(other.title),
    }
    messages.info(
        request,
        mark_safe(  # every value escaped above, the words ours
            conditional_escape(
                _("This caller has another open work order: %(link)s (%(category)s) %(title)s.")
            )
            % said
        ),
    )


def signal_said_on(call: Call, taken: CallTaken | None) -> bool:
    """Whether the call made the engine's sign that the power is on at the caller's
    (``signal_from_call``; ``taken``: the call taken by this request, None for a repeat of the
    page, whose sign is looked up): a customer not placed on the grid makes none (review38,
    11)."""
    if taken is not None:
        return taken.signal is not None and taken.signal.type == SignalType.CALL_ON
    return Signal.objects.filter(
        station_id=call.station_id, type=SignalType.CALL_ON, source_id=f"call-{call.pk}"
    ).exists()


def power_said_on_told(request: StationRequest, call: Call) -> None:
    """A caller under an outage who said they have power (walk38, 2), whose word the engine took
    (``signal_said_on``): no outage script was for them; the clerk is told their word counts
    for the power on there."""
    from powerdesk.outages.joined import nearest_outage_above

    if call.customer is None:
        return
    outage = nearest_outage_above(call.customer)
    if outage is not None:
        messages.info(
            request,
            _(
                "The caller said they have power: taken as a sign that the power is on at their "
                "place, below the outage on %(device)s."
            )
            % {"device": outage.device},
        )


def hazard_under_outage_told(request: StationRequest, order: WorkOrder) -> None:
    """A danger reported in the area of an outage (a line down where the power is off): the
    clerk tells the caller of the possible outage and where its crew is (``outages.hazards``);
    the order stays its own, its page offering to send it to the outage's crew."""
    from powerdesk.outages.hazards import outages_over_hazard

    overs = outages_over_hazard(order)
    for index, over in enumerate(overs):
        # The caller is told the danger's own script (walk38, 1), once however many outages
        # the danger is under (walk45, 2); the clerk, whose crew works each outage (its page
        # offers to send the danger to it).
        if index < len(overs) - 1:
            said = (
                _(
                    "The danger may be part of the outage on %(device)s, which %(crew)s is "
                    "working on."
                )
                if over.crew is not None
                else _("The danger may be part of the outage on %(device)s.")
            )
        elif over.crew is not None:
            said = _(
                "The danger may be part of the outage on %(device)s, which %(crew)s is working "
                "on. Tell the caller: %(tell)s"
            )
        else:
            said = _(
                "The danger may be part of the outage on %(device)s. Tell the caller: %(tell)s"
            )
        messages.warning(
            request,
            said
            % {"device": over.device, "crew": getattr(over.crew, "name", ""), "tell": over.tell},
        )


def what_became_of_the_choice(action: str, call: Call | None, order: WorkOrder | None) -> str:
    """What to say when the prediction the clerk left chosen was not what the call joined:
    never a silent change of what the page showed. Saved under the prediction without the
    button that records it: the call's order joins the outage once someone records it, while
    the engine still shows it (review38, 2); never promised for a caller who says they have
    power, or one the number does not find (``call_take``)."""
    if call is None:
        return ""
    if call.awaits_outage_on_id is not None and order is None:
        return _(
            "The call is kept for the outage on %(device)s: it joins the outage's work order "
            "when staff record it."
        ) % {"device": call.awaits_outage_on}
    if action.startswith("predicted:") and (order is None or active_outage_of(order) is None):
        if call.category != Category.FAULT_REPAIR:
            return _(
                "No outage recorded: a %(category)s call is taken as its category says (only a "
                "fault call records and joins an outage)."
            ) % {"category": call.get_category_display() or _("uncategorised")}
        if power_said_on(call.text):
            return _(
                "No outage recorded or joined: the caller said they have power, so the call is "
                "taken on its own."
            )
        device = _predicted_device(action, call)
        if device is None or prediction_to_record(station=call.station, device=device) is None:
            return _(
                "The engine no longer shows that outage (new signals, or staff set it aside): "
                "the call is taken on its own."
            )
        if call.customer is None:
            return _(
                "The outage on %(device)s is not recorded (nobody was texted), and the number "
                "finds no customer: the call is taken on its own and does not join the outage "
                "when it is recorded."
            ) % {"device": device}
        if order is not None:
            return _(
                "The outage on %(device)s is not recorded (nobody was texted): work order "
                "%(number)s joins it once it is recorded; record it on the board."
            ) % {"device": device, "number": order.number}
    # A repeat order that cannot be joined is refused before anything is saved
    # (``repeats.repeat_refusal``): the clerk chooses again.
    return ""


def _predicted_device(action: str, call: Call) -> GridNode | None:
    return GridNode.objects.filter(
        station_id=call.station_id, pk=action_id(action, "predicted:")
    ).first()
