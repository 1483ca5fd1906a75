"""Taking a call at intake: the one customer calling from a number, the record a choice of
"Then" names, and whether saving the call records the engine's prediction first — which texts
every household below it, so the page asks before (``outages.record_ask``); and the promise the
caller was told."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, may
from powerdesk.customers.selectors import customers_by_phone
from powerdesk.network.models import GridNode
from powerdesk.outages.joined import active_outage_above
from powerdesk.outages.record_ask import RecordAsk, record_ask
from powerdesk.servicedesk.models import Call, Category, Promise
from powerdesk.servicedesk.promises import promise_make
from powerdesk.servicedesk.workflow import WorkOrderError

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User
    from powerdesk.customers.models import Customer
    from powerdesk.servicedesk.call_take import CallTaken

__all__ = [
    "IntakePromiseError",
    "action_id",
    "customer_calling",
    "intake_promise",
    "prediction_to_confirm",
]


class IntakePromiseError(WorkOrderError):
    """The promise told on the call cannot be recorded (said at the time it was promised by)."""

    field = "promise_due"


def action_id(action: str, prefix: str) -> int:
    """The record's id in an action such as ``join:12`` (0, which finds nothing, if garbled).

    >>> action_id("join:12", "join:"), action_id("join:١٢", "join:"), action_id("join:", "join:")
    (12, 0, 0)
    """
    rest = action.removeprefix(prefix)
    return int(rest) if rest.isascii() and rest.isdigit() else 0


def customer_calling(station: Station, number: str) -> Customer | None:
    """The one customer calling from ``number`` (none when unknown or shared)."""
    if not number:
        return None
    found = list(customers_by_phone(station=station, raw=number)[:2])
    return found[0] if len(found) == 1 else None


def prediction_to_confirm(
    *,
    station: Station,
    user: User,
    data: dict[str, Any],
    suggestion: Any,
    confirmed: str,
) -> RecordAsk | None:
    """Saving with the engine's prediction chosen records the outage, and recording it texts
    every household below at once (``notify_outage_known``): the page says first how many, and
    records it only when the clerk presses the button that says so (``confirmed``: the
    ``confirm_record`` sent, the device's id), never from Enter or Ctrl+Enter on a page that had
    it preselected. None when nothing would be recorded (another category, one who may not
    record, an outage recorded meanwhile, a prediction gone, a caller it does not supply:
    ``call_take`` says why) or it is confirmed. The form's token still logs the confirmed call
    once, however often it is sent.

    ``data``: the intake form's cleaned data; ``suggestion``: the note's (``suggestion_for``),
    whose category counts when the clerk chose none."""
    from powerdesk.outages.prediction_steps import prediction_to_record
    from powerdesk.servicedesk.join_fit import device_covers_call

    action = data["action"]
    if not action.startswith("predicted:"):
        return None
    device_id = action_id(action, "predicted:")
    if confirmed == str(device_id):
        return None
    category = data["category"] or (suggestion.category if suggestion is not None else "")
    if category != Category.FAULT_REPAIR or not may(user, station, Do.OUTAGE_DECLARE):
        return None
    device = GridNode.objects.filter(station=station, pk=device_id).first()
    if device is None:
        return None
    customer = customer_calling(station, data["caller_number"])
    if customer is not None and active_outage_above(customer) is not None:
        return None  # recorded meanwhile: the call joins it, nobody is texted again
    caller = Call(station=station, customer=customer, village=data["village"], group=data["group"])
    if not device_covers_call(device, caller):
        return None
    if prediction_to_record(station=station, device=device) is None:
        return None
    return record_ask(station, device)


def intake_promise(
    taken: CallTaken, *, user: User | None, text: str, due_at: dt.datetime
) -> Promise:
    """The promise the caller was told on the call, by ``due_at``: on the call's order while it
    is open (its history says it), else the caller's alone; on the promises page either way,
    kept or broken like a promise recorded on the order (``promises.promise_make``, which checks
    the role and the time)."""
    order = taken.work_order
    if (order is None or not order.is_open) and taken.call.customer is None:
        # Nobody to keep it to: no order to follow, no customer to call back (review 32,
        # finding 19: it sat on the promises page with no one to call). Refused, and with it
        # the call (``form_submit_once``): the page keeps all that was typed.
        raise IntakePromiseError(
            _(
                "A promise needs an order or a known customer to be kept to: open a work order"
                " for the call, or clear the time it was promised by."
            )
        )
    return promise_make(
        station=taken.call.station,
        user=user,
        text=text,
        due_at=due_at,
        work_order=order if order is not None and order.is_open else None,
        customer=taken.call.customer,
    )
