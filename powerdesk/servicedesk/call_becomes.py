"""What a call taken becomes (``call_take``'s rule, after the call is logged): feedback, a
join to the order or the outage the clerk chose (refused when it is not the caller's:
``join_fit``), the outage's one order for a fault call under it, the caller's order of a few
hours ago, an order of its own, or kept for the desk to give it one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, may
from powerdesk.outages.desk_signals import power_said_on
from powerdesk.servicedesk.call_orders import (
    FEEDBACK_CATEGORIES,
    ORDER_CATEGORIES,
    caller_repeat_order,
    order_from_call,
)
from powerdesk.servicedesk.call_outcome import CallTaken
from powerdesk.servicedesk.call_prediction import outage_from_prediction, recorded_at_intake
from powerdesk.servicedesk.followup import feedback_from_call
from powerdesk.servicedesk.join_fit import (
    device_covers_call,
    is_own_order,
    join_problem,
    not_the_callers,
    outage_not_the_callers,
)
from powerdesk.servicedesk.models import Call, Category, WorkOrder
from powerdesk.servicedesk.order_again import work_order_join_call
from powerdesk.servicedesk.repeats import repeat_made_urgent, repeat_refusal
from powerdesk.servicedesk.services import WorkOrderError

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User
    from powerdesk.network.models import GridNode
    from powerdesk.outages.models import Outage

__all__ = ["call_becomes", "kept_for_the_desk"]


def call_becomes(
    call: Call,
    *,
    station: Station,
    user: User | None,
    open_order: bool | None,
    join: WorkOrder | None,
    join_outage: Outage | None,
    record_outage_on: GridNode | None,
    keep_for_prediction: GridNode | None,
    repeat_of: WorkOrder | None,
    by_liaison: bool,
    unless_repeat: bool = False,
    on_arrears_case: bool = False,
) -> CallTaken:
    """What the call taken becomes, as its category and the clerk's choice say (``call_take``).
    ``unless_repeat``: the order ``open_order`` asks for is the caller's order of a few hours
    ago when this call is about the same matter (intake's one click of a second matter).
    ``on_arrears_case``: the note's need was recorded on the household's arrears case
    (``arrears.from_calls``), the reason an urgent question needs no order of its own."""
    if call.category in FEEDBACK_CATEGORIES:
        return CallTaken(call, feedback=feedback_from_call(call=call))
    from powerdesk.outages.joined import nearest_outage_above, outage_order_for_call

    _chosen_checked(
        call,
        join=join,
        repeat_of=repeat_of,
        join_outage=join_outage,
        record_outage_on=record_outage_on,
        keep_for_prediction=keep_for_prediction,
    )
    if keep_for_prediction is not None and call.customer is None:
        # A caller the number does not find: an order in no household's name never joins the
        # outage when it is recorded (``outages.joined``), so it is not kept for it: taken as
        # its category says (review38, 1).
        keep_for_prediction = None
    if power_said_on(call.text):
        # The caller says they have power (walk39, 1): not one of the outage's callers, whatever
        # was chosen; their word is the engine's sign of power on there (``signal_from_call``).
        join_outage = record_outage_on = keep_for_prediction = None
        power_on = True
    else:
        power_on = False
    if join is not None:
        work_order_join_call(work_order=join, call=call, user=user)
        repeat_made_urgent(join, call, user)
        return CallTaken(call, work_order=join, joined=True)
    if repeat_of is not None and open_order is None:
        # The clerk chose to add the call to this order: added, or refused with why (the
        # whole call with it), for the clerk to choose again; never a second order instead.
        chosen = WorkOrder.objects.select_for_update().get(pk=repeat_of.pk)
        refused = repeat_refusal(call, chosen)
        if refused:
            raise WorkOrderError(refused)
        work_order_join_call(work_order=chosen, call=call, user=user)
        repeat_made_urgent(chosen, call, user)
        return CallTaken(call, work_order=chosen, joined=True, repeat=call.is_repeat)
    if open_order is None and call.category == Category.FAULT_REPAIR:
        # A caller under an outage already known joins its one order ("a new matter" is
        # ``open_order=True``): one order per outage, not one per caller.
        outage = None
        recorded = False
        if record_outage_on is not None:
            outage, recorded = outage_from_prediction(call, record_outage_on, user)
        elif keep_for_prediction is not None:
            # Recorded meanwhile (by another clerk, on the board): joined; else never here.
            outage, _recorded = outage_from_prediction(
                call, keep_for_prediction, user, record=False
            )
        elif join_outage is not None:
            join_outage.refresh_from_db(fields=["status"])  # restored since the page was shown?
            still_off = (join_outage.status, join_outage.kind) == (
                join_outage.Status.ACTIVE,
                join_outage.Kind.UNPLANNED,
            )
            outage = join_outage if still_off else None
        elif call.customer is not None and not power_on:
            outage = nearest_outage_above(call.customer)
        if outage is not None:
            order = outage_order_for_call(outage=outage, call=call, user=user)
            if recorded:
                recorded_at_intake(order, outage, call, user)
            # A danger or a medical need at home joined to a routine order of the outage (the
            # caller's own, or the outage's) makes it urgent, as on every other join (walk37, 1).
            if repeat_made_urgent(order, call, user):
                order.refresh_from_db()
            return CallTaken(
                call,
                work_order=order,
                joined=True,
                outage=outage,
                outage_recorded=recorded,
                repeat=call.is_repeat,
            )
    if (open_order is None or unless_repeat) and not by_liaison and repeat_of is None:
        # Nothing chosen (the API, "as its category says"), or the outage chosen was no place
        # for this call (another category, or gone meanwhile): the caller's order of a few
        # hours ago, if this call is about the same matter, rather than a second order.
        repeat = caller_repeat_order(call, order_asked=unless_repeat)
        if repeat is not None:
            work_order_join_call(work_order=repeat, call=call, user=user)
            repeat_made_urgent(repeat, call, user)
            return CallTaken(call, work_order=repeat, joined=True, repeat=call.is_repeat)
    if open_order is None:
        # A liaison's question was answered by nobody yet: it becomes work for the station
        # (someone calls the villager back), never a call "answered" with no answer.
        wants_order = call.category in ORDER_CATEGORIES or (by_liaison and bool(call.category))
    else:
        wants_order = open_order and bool(call.category)
    if (
        not wants_order
        and open_order is None
        and call.text.strip()
        and (by_liaison or (not call.category and not call.suggested_category))
    ):
        # No category: no model was loaded to suggest one (the first minutes after a start or an
        # upgrade) and nobody chose one (the API, a text message, a liaison's report). The call
        # is kept for the desk, who give it one and open its order; never left as answered.
        # (Not a call the rules heard as a test call or a wrong number, nor one logged only —
        # unless a village liaison sent it: a known person, whose report a clerk reads even
        # when it reads as nothing, "😀😀⚡️".)
        return kept_for_the_desk(call)
    if call.urgent and open_order is None and not on_arrears_case and call.category:
        # An urgent question (a danger, a medical need at home, named while asking about a
        # bill) is not left answered on the call: it gets its order, or waits for the desk to
        # open one, the dispatchers told (walk73, H1 b: "no caller is left ignored"). The clerk
        # who chose "log only" said so; a need recorded on the household's arrears case is the
        # reason said with it (``intake_take``).
        wants_order = True
    if not wants_order:
        return CallTaken(call)
    if not by_liaison and not may(user, station, Do.ORDER_CREATE):
        # A role that takes calls but opens no orders (the administrator answering the phone):
        # the call is kept, with its note, for the desk to act on; never lost to a refusal.
        # Below a prediction, it waits for the outage: joined to its order once recorded.
        # (Not an urgent one: a danger or a medical need goes to the desk at once, below.)
        if (
            (record_outage_on or keep_for_prediction) is not None
            and call.category == Category.FAULT_REPAIR
            and not call.urgent
        ):
            call.awaits_outage_on = record_outage_on or keep_for_prediction
            call.save(update_fields=["awaits_outage_on"])
            return CallTaken(call, waits=True)
        return kept_for_the_desk(call)
    return CallTaken(call, work_order=order_from_call(call, user, by_liaison=by_liaison))


def _chosen_checked(
    call: Call,
    *,
    join: WorkOrder | None,
    repeat_of: WorkOrder | None,
    join_outage: Outage | None,
    record_outage_on: GridNode | None,
    keep_for_prediction: GridNode | None,
) -> None:
    """What the clerk chose to join must be the caller's (``join_fit``): never a neighbour's
    order, nor an outage or a prediction that does not supply them (a forged or stale page);
    else ``WorkOrderError`` says which."""
    if join is not None:
        problem = join_problem(call, join)
        if problem is not None:
            raise WorkOrderError(problem)
    if repeat_of is not None and not is_own_order(
        repeat_of, customer=call.customer, e164=call.caller_e164
    ):
        raise WorkOrderError(not_the_callers(repeat_of))
    if join_outage is not None and not device_covers_call(join_outage.device, call):
        raise WorkOrderError(outage_not_the_callers(join_outage))
    if record_outage_on is not None and not device_covers_call(record_outage_on, call):
        raise WorkOrderError(
            _(
                "The outage on %(device)s does not supply this caller: it is not recorded from "
                "this call. Choose another action."
            )
            % {"device": record_outage_on}
        )
    if keep_for_prediction is not None and not device_covers_call(keep_for_prediction, call):
        raise WorkOrderError(
            _(
                "The outage on %(device)s does not supply this caller: the call does not join "
                "it. Choose another action."
            )
            % {"device": keep_for_prediction}
        )


def kept_for_the_desk(call: Call) -> CallTaken:
    """The call marked as waiting for a work order, so that the desk finds it ("calls waiting
    for a work order") and opens one. A danger or a medical need cannot wait for the desk to
    look: the dispatchers are told now (``call_urgent``), and again if it is still without an
    order when late."""
    from powerdesk.servicedesk.call_urgent import urgent_call_tell

    call.needs_order = True
    call.save(update_fields=["needs_order"])
    urgent_call_tell(call)
    return CallTaken(call)
