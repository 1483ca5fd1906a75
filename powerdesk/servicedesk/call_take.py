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
What a call logged becomes is ``call_becomes``; what taking it did, ``call_outcome.CallTaken``.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, require
from powerdesk.servicedesk.call_becomes import call_becomes
from powerdesk.servicedesk.call_outcome import CallAlreadyLogged, CallTaken
from powerdesk.servicedesk.caller_number import caller_number_checked
from powerdesk.servicedesk.idempotency import call_log_once
from powerdesk.servicedesk.intake_category import category_by_rules, preselected_category
from powerdesk.servicedesk.models import Call, WorkOrder
from powerdesk.servicedesk.services import WorkOrderError
from powerdesk.servicedesk.understanding.suggest import suggestion_for

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User
    from powerdesk.community.models import Liaison, Village, VillageGroup
    from powerdesk.customers.models import Customer
    from powerdesk.network.models import GridNode
    from powerdesk.outages.models import Outage

__all__ = ["CallAlreadyLogged", "CallTaken", "call_take"]


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
    unless_repeat: bool = False,
    by_liaison: bool = False,
    received_at: dt.datetime | None = None,
    signal_source: str = "",
    liaison: Liaison | None = None,
) -> CallTaken:
    """Log a call and do what its category asks (see the module's docstring).

    ``open_order`` overrides the rule for an answered call (True: open an order even for a
    question; False: log only); with ``unless_repeat``, the order opened is instead the caller's
    order of a few hours ago if the call is about the same matter (as "as its category says"
    joins it: walk67, H2). ``join`` adds the call to an open order instead.
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
    no owner until the station takes it. ``liaison``: the village liaison the clerk said is
    calling from a number a household has too (``calls.call_log``), with no ``customer``.
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
        liaison,
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
        liaison=liaison,
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
    # A household with an open arrears case naming a need ("老伴要用呼吸机"): its words go on
    # the case, which they block (imported here: arrears reads servicedesk's models).
    from powerdesk.arrears.from_calls import call_words_to_case

    on_case = call_words_to_case(call, user)
    # A call saying the power is off is a signal for the outage engine (imported here: outages
    # reads servicedesk's models).
    from powerdesk.outages.desk_signals import signal_from_call

    signal = signal_from_call(call=call, by_liaison=by_liaison, source=signal_source)
    taken = call_becomes(
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
        unless_repeat=unless_repeat,
        on_arrears_case=on_case is not None,
    )
    return replace(taken, signal=signal) if signal is not None else taken


def _add_details(call: Call, **details: object) -> None:
    changed = []
    for field, value in details.items():
        if value in (None, ""):
            continue
        if isinstance(value, str):
            value = value.strip()
        setattr(call, field, value)
        changed.append(field)
    if call.customer is None and call.liaison is not None:
        # A liaison ringing from their own number: who and where, as their record says, unless
        # the clerk wrote otherwise (walk74, M1).
        liaison = call.liaison
        fills: list[tuple[str, object]] = [("caller_name", liaison.name)]
        if call.village_id in (None, liaison.village_id):  # a place the clerk gave is kept
            fills += [("village_id", liaison.village_id), ("group_id", liaison.group_id)]
        for field, value in fills:
            if value and not getattr(call, field):
                setattr(call, field, value)
                changed.append(field.removesuffix("_id"))
    if call.customer is not None:
        if call.village_id is None and call.customer.village_id:
            call.village_id = call.customer.village_id
            changed.append("village")
        if call.group_id is None and call.customer.group_id:
            call.group_id = call.customer.group_id
            changed.append("group")
    if changed:
        call.save(update_fields=sorted(set(changed)))
