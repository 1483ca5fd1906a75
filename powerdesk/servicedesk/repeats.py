"""Repeat calls: the same caller (one number, or one customer's account) calling again about a
matter that already has an open work order.

A caller who rings again an hour later ("still no power") is not a new matter: the call joins
the open order and its history says "repeat call", so the order shows how often the caller had
to ring, and the office does not send two crews to one house. Intake shows the order and
chooses it for the clerk, who may still open a new order; a call taken with no choice (the API,
"as its category says") joins it when it is of the same category (``same_matter``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from powerdesk.lib.phones import InvalidPhoneNumber, normalize_phone
from powerdesk.servicedesk.models import OPEN_STATUSES, Call, WorkOrder

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station
    from powerdesk.customers.models import Customer

__all__ = ["REPEAT_WINDOW", "is_repeat_call", "repeat_order_for", "same_matter"]

# "Within a few hours": a crew reaches a rural house in 90 minutes and has 4 hours more to
# restore; a caller ringing again inside that is chasing the same order.
REPEAT_WINDOW = dt.timedelta(hours=6)


def repeat_order_for(
    *,
    station: Station,
    customer: Customer | None = None,
    number: str = "",
    now: dt.datetime | None = None,
    category: str = "",
) -> WorkOrder | None:
    """The station's open work order this caller rang about within ``REPEAT_WINDOW`` (that of
    their latest call; with ``category``, of their latest call about an order of that category,
    so that a bill question rung about since does not hide the fault order of an hour ago);
    None for a caller nobody can tell (no customer, no valid number). An order opened for the
    customer without a call of theirs (a business request at the counter) is not a call to
    repeat. One query."""
    e164 = _e164(station, number)
    if customer is None and not e164:
        return None
    since = (now or timezone.now()) - REPEAT_WINDOW
    caller = Q(customer=customer) if customer is not None else Q()
    if e164:
        caller |= Q(caller_e164=e164)
    call = (
        Call.objects.filter(
            caller,
            station=station,
            received_at__gte=since,
            work_order__station=station,
            work_order__status__in=OPEN_STATUSES,
            **({"work_order__category": category} if category else {}),
        )
        .select_related("work_order")
        .order_by("-received_at", "-pk")
        .first()
    )
    return call.work_order if call is not None else None


def same_matter(call: Call, order: WorkOrder) -> bool:
    """Whether ``call`` is about the matter of ``order``, so that it may join it unasked: the
    order is still open, of the call's category, and not a danger's call joining a routine
    order (an urgent call about a non-urgent order is news: an order of its own)."""
    return (
        order.station_id == call.station_id
        and order.status in OPEN_STATUSES
        and bool(call.category)
        and call.category == order.category
        and (order.urgent or not call.urgent)
    )


def is_repeat_call(order: WorkOrder, call: Call) -> bool:
    """Whether the caller of ``call`` rang about ``order`` before (an earlier call on it from
    the same customer or number), or the order is their own."""
    if call.customer_id is not None and order.customer_id == call.customer_id:
        return True
    caller = Q(customer_id=call.customer_id) if call.customer_id is not None else Q()
    if call.caller_e164:
        caller |= Q(caller_e164=call.caller_e164)
    if not caller:
        return False
    return order.calls.filter(caller).exclude(pk=call.pk).exists()


def _e164(station: Station, number: str) -> str:
    if not number:
        return ""
    try:
        return normalize_phone(number, area_code=station.area_code)
    except InvalidPhoneNumber:
        return ""
