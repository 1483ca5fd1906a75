"""Taking a call at intake: the one customer calling from a number, the record a choice of
"Then" names, and the promise the caller was told. (Recording the engine's prediction, which
texts every household below it, is its own button, which says how many: ``intake_choices``.)"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from powerdesk.customers.selectors import customers_by_phone
from powerdesk.servicedesk.models import Promise
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
