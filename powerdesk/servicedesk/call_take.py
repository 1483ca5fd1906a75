"""Taking a call: one rule for what a call becomes, wherever it comes in.

Intake, the village liaison's page, the JSON API and the telephone system all take calls
through ``call_take``:

- faults, hazards, business requests, new connections and complaints open a work order of their
  kind (or join the open order the caller is about: the outage's, or the order the same caller
  rang about a few hours ago, as a repeat call);
- consultations and billing questions are answered on the call: what the caller was told is
  recorded, and no order is opened unless the clerk asks for one (a liaison's question, which
  nobody has answered yet, opens one);
- suggestions and praise go to the feedback page, not to a crew;
- a missed or abandoned call goes to the call-back queue.

A fault call under the engine's prediction joins the outage ``call_prediction`` finds or records.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, may, require
from powerdesk.outages.desk_signals import power_said_on
from powerdesk.servicedesk.call_orders import (
    FEEDBACK_CATEGORIES,
    ORDER_CATEGORIES,
    caller_repeat_order,
    order_from_call,
)
from powerdesk.servicedesk.call_prediction import outage_from_prediction, recorded_at_intake
from powerdesk.servicedesk.caller_number import caller_number_checked
from powerdesk.servicedesk.followup import feedback_from_call
from powerdesk.servicedesk.idempotency import call_log_once
from powerdesk.servicedesk.intake_category import category_by_rules, preselected_category
from powerdesk.servicedesk.join_fit import (
    device_covers_call,
    is_own_order,
    join_problem,
    not_the_callers,
    outage_not_the_callers,
)
from powerdesk.servicedesk.models import Call, Category, Feedback, WorkOrder
from powerdesk.servicedesk.order_again import work_order_join_call
from powerdesk.servicedesk.repeats import repeat_made_urgent, repeat_refusal
from powerdesk.servicedesk.services import WorkOrderError
from powerdesk.servicedesk.understanding.suggest import suggestion_for

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User
    from powerdesk.community.models import Village, VillageGroup
    from powerdesk.customers.models import Customer
    from powerdesk.network.models import GridNode
    from powerdesk.outages.models import Outage, Signal

__all__ = ["CallAlreadyLogged", "CallTaken", "call_take"]


class CallAlreadyLogged(Exception):
    """The telephone system's call id was logged already (by another page or a retry)."""

    def __init__(self, call: Call) -> None:
        super().__init__(call.pk)
        self.call = call


@dataclass(frozen=True)
class CallTaken:
    call: Call
    work_order: WorkOrder | None = None
    feedback: Feedback | None = None
    joined: bool = False
    outage: Outage | None = None  # the outage the call joined
    outage_recorded: bool = False  # ... recorded by this call, from the engine's prediction
    repeat: bool = False  # the caller rang about the order before (``repeats``)
    waits: bool = False  # kept with the prediction, for the outage once recorded
    signal: Signal | None = None  # the engine's signal the call made (``signal_from_call``)


def _suggested_first[**P, R](take: Callable[P, R]) -> Callable[P, R]:
    """Make the note's suggestion before the write transaction opens (``suggest``'s docstring:
    on SQLite that transaction holds the one write lock, which the classifier must not)."""

    @functools.wraps(take)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        text = kwargs.get("text")
        if isinstance(text, str) and text.strip():
            suggestion_for(text.strip())
        return take(*args, **kwargs)

    return wrapper


@_suggested_first
@transaction.atomic
def call_take(
    *,
    station: Station,
    user: User | None,
    text: str = "",
    caller_number: str = "",
    category: str = "",
    urgent: bool | None = None,
    customer: Customer | None = None,
    caller_name: str = "",
    village: Village | None = None,
    group: VillageGroup | None = None,
    place: str = "",
    answer: str = "",
    status: str = Call.Status.ANSWERED,
    cti_call_id: str = "",
    open_order: bool | None = None,
    join: WorkOrder | None = None,
    join_outage: Outage | None = None,
    record_outage_on: GridNode | None = None,
    keep_for_prediction: GridNode | None = None,
    repeat_of: WorkOrder | None = None,
    by_liaison: bool = False,
    received_at: dt.datetime | None = None,
    signal_source: str = "",
) -> CallTaken:
    """Log a call and do what its category asks (see the module's docstring).

    ``open_order`` overrides the rule for an answered call (True: open an order even for a
    question; False: log only); ``join`` adds the call to an open order instead.
    ``join_outage`` is the outage the clerk saw the caller under and left chosen (intake's
    default there): a fault call joins its one order, while the outage still has the power
    off; a call of any other category is taken as its category says and never joined (a
    billing question is not the outage's business). ``record_outage_on`` is the device of the
    engine's prediction the caller is under, which the clerk chose to record: a fault call
    records the outage (or finds the one another clerk recorded meanwhile) and joins its order.
    ``keep_for_prediction`` is that device when the clerk saved the call without pressing the
    button that records (Enter, Ctrl+Enter, "Save the call": walk38, 9): a fault call joins an
    outage recorded above the caller meanwhile, else opens its own order, which joins the
    outage when it is recorded (``outages.joined.outage_join_open_orders``); nobody is texted.
    One who may not open orders keeps the call for the outage, as with ``record_outage_on``.
    ``repeat_of`` is the open order the caller rang about before (intake's default there): the
    call joins it if it is about the same matter, else the call is refused with why
    (``repeats.repeat_refusal``), for the clerk to choose; with neither an order nor an outage
    chosen, such an order is looked up and joined alike. An urgent call joining a routine order
    of its category makes it urgent (``repeats.repeat_made_urgent``). Whatever is named
    to join must be the caller's (``join_fit``): another household's order, or an outage or a
    prediction that does not supply the caller, is refused (``WorkOrderError``). A liaison's
    report (``by_liaison``) is recorded with the liaison as its reporter; the order it opens has
    no owner until the station takes it.
    """
    require(user, station, Do.LIAISON_REPORT if by_liaison else Do.CALL_TAKE)
    if group is not None and village is not None and group.village_id != village.pk:
        raise WorkOrderError(_("That group is not in that village."))
    if record_outage_on is not None:
        keep_for_prediction = None  # the clerk pressed the button that records it
    for thing in (
        village,
        group,
        customer,
        join,
        join_outage,
        record_outage_on,
        keep_for_prediction,
        repeat_of,
    ):
        if thing is not None and thing.station_id != station.pk:
            raise WorkOrderError(_("That record belongs to another station."))
    caller_number = caller_number_checked(caller_number)  # at its field, as the page says it
    if status not in Call.Status.values:
        raise WorkOrderError(_("Unknown call status “%(status)s”.") % {"status": status[:20]})
    if (
        not category
        and (join_outage or record_outage_on or keep_for_prediction) is not None
        and text.strip()
    ):
        # No model loaded yet: a call the clerk joins to an outage is a fault call (as the page
        # preselects it, ``intake_category``; not one saying the caller has power); only "no
        # power" joins an outage.
        category = category_by_rules(
            suggestion_for(text.strip()), under_outage=True, text=text.strip()
        )
    elif not category and by_liaison and text.strip():
        # A liaison's report takes the category the counter's intake gives the same words
        # (``intake_category``): the rules' first while no model is loaded (a danger heard is a
        # hazard, a villager under an outage calls about a fault), else the model's. A leaning
        # pole opens its urgent order at once, whoever reports it.
        category = preselected_category(station, text, caller_number)
    call, logged = call_log_once(
        station=station,
        user=user,
        caller_number=caller_number,
        text=text.strip(),
        category=category,
        urgent=urgent,
        customer=customer,
        status=status,
        cti_call_id=cti_call_id,
        received_at=received_at,
    )
    if not logged:
        raise CallAlreadyLogged(call)
    _add_details(
        call,
        caller_name=caller_name,
        village=village,
        group=group,
        place=place,
        answer=answer,
    )
    if status != Call.Status.ANSWERED:
        return CallTaken(call)
    # A call saying the power is off is a signal for the outage engine (imported here: outages
    # reads servicedesk's models).
    from powerdesk.outages.desk_signals import signal_from_call

    signal = signal_from_call(call=call, by_liaison=by_liaison, source=signal_source)
    taken = _call_becomes(
        call,
        station=station,
        user=user,
        open_order=open_order,
        join=join,
        join_outage=join_outage,
        record_outage_on=record_outage_on,
        keep_for_prediction=keep_for_prediction,
        repeat_of=repeat_of,
        by_liaison=by_liaison,
    )
    return replace(taken, signal=signal) if signal is not None else taken


def _call_becomes(
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
) -> CallTaken:
    """What the call taken becomes, as its category and the clerk's choice say (``call_take``)."""
    if call.category in FEEDBACK_CATEGORIES:
        return CallTaken(call, feedback=feedback_from_call(call=call))
    from powerdesk.outages.joined import active_outage_above, outage_order_for_call

    # What the clerk chose to join must be the caller's (``join_fit``): never a neighbour's
    # order, nor an outage or a prediction that does not supply them (a forged or stale page).
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
            outage = active_outage_above(call.customer)
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
    if open_order is None and not by_liaison and repeat_of is None:
        # Nothing chosen (the API, "as its category says"), or the outage chosen was no place
        # for this call (another category, or gone meanwhile): the caller's order of a few
        # hours ago, if this call is about the same matter, rather than a second order.
        repeat = caller_repeat_order(call)
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
        return _kept_for_the_desk(call)
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
        return _kept_for_the_desk(call)
    return CallTaken(call, work_order=order_from_call(call, user, by_liaison=by_liaison))


def _kept_for_the_desk(call: Call) -> CallTaken:
    """The call marked as waiting for a work order, so that the desk finds it ("calls waiting
    for a work order") and opens one. A danger or a medical need cannot wait for the desk to
    look: the dispatchers are told now (``call_urgent``), and again if it is still without an
    order when late."""
    from powerdesk.servicedesk.call_urgent import urgent_call_tell

    call.needs_order = True
    call.save(update_fields=["needs_order"])
    urgent_call_tell(call)
    return CallTaken(call)


def _add_details(call: Call, **details: object) -> None:
    changed = []
    for field, value in details.items():
        if value in (None, ""):
            continue
        if isinstance(value, str):
            value = value.strip()
        setattr(call, field, value)
        changed.append(field)
    if call.customer is not None:
        if call.village_id is None and call.customer.village_id:
            call.village_id = call.customer.village_id
            changed.append("village")
        if call.group_id is None and call.customer.group_id:
            call.group_id = call.customer.group_id
            changed.append("group")
    if changed:
        call.save(update_fields=sorted(set(changed)))
