"""What a call may join: the intake page offers these and nothing else, and ``call_take``
refuses anything else, with the same words, whatever the page or the API sent.

- The fault outage with the power off above the caller (or the engine's prediction there, to
  record), for a fault call: "no power" is the outage's business, a bill or a danger is not.
- An open order of the caller's own, of the call's category: the order of their account, or one
  they (their account or their number) rang about before.

Never another household's order: a neighbour's fault or hazard is shown to the clerk for what
they may tell the caller, never offered to join (its callback, deadline and crew are the
neighbour's). A call of another category than the order's is a matter of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from powerdesk.servicedesk.models import OPEN_STATUSES, Call, Category, WorkOrder

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station
    from powerdesk.customers.models import Customer
    from powerdesk.network.models import GridNode
    from powerdesk.outages.models import Outage

__all__ = [
    "OWN_ORDERS_OFFERED",
    "device_covers_call",
    "is_own_order",
    "join_problem",
    "not_the_callers",
    "outage_not_the_callers",
    "own_open_orders",
]

# The caller's own open orders offered to join, the latest first: a household has rarely more
# than one open at a time; a longer list is a list nobody reads during a call.
OWN_ORDERS_OFFERED = 3


def _caller(customer: Customer | None, e164: str, prefix: str = "") -> Q | None:
    """The calls (or, with ``prefix`` "calls__", the orders with a call) of this caller: their
    account, or their number; None for a caller nobody can tell."""
    q: Q | None = None
    if customer is not None:
        q = Q(**{f"{prefix}customer": customer})
    if e164:
        by_number = Q(**{f"{prefix}caller_e164": e164})
        q = by_number if q is None else q | by_number
    return q


def own_open_orders(
    *, station: Station, customer: Customer | None, e164: str, category: str = ""
) -> QuerySet[WorkOrder]:
    """The caller's own open orders (see the module's docstring), of ``category`` if given, the
    latest first."""
    calls = _caller(customer, e164, "calls__")
    if calls is None:
        return WorkOrder.objects.none()
    mine = calls | Q(customer=customer) if customer is not None else calls
    orders = WorkOrder.objects.filter(station=station, status__in=OPEN_STATUSES).filter(mine)
    if category:
        orders = orders.filter(category=category)
    return orders.distinct().order_by("-created_at", "-pk")


def is_own_order(order: WorkOrder, *, customer: Customer | None, e164: str) -> bool:
    """Whether ``order`` is the caller's: their account's, or one they rang about."""
    if customer is not None and order.customer_id == customer.pk:
        return True
    calls = _caller(customer, e164)
    return calls is not None and order.calls.filter(calls).exists()


def device_covers_call(device: GridNode, call: Call) -> bool:
    """Whether the caller is supplied through ``device``: their account's transformer area, or,
    for a caller the number does not find, the group (else the village) staff wrote."""
    from powerdesk.notifications.audience import villages_below
    from powerdesk.outages.joined import customer_below

    if call.customer_id is not None:
        return customer_below(device, call.customer_id)
    if call.group_id is None and call.village_id is None:
        return False
    villages, groups = villages_below(device)
    if call.group_id is not None:
        return call.group_id in groups
    return call.village_id in villages


def not_the_callers(order: WorkOrder) -> str:
    return _(
        "Work order %(number)s is another household's: a call joins only its caller's own "
        "orders, or the outage above them. Choose another action."
    ) % {"number": order.number}


def outage_not_the_callers(outage: Outage) -> str:
    return _(
        "The outage on %(device)s does not supply this caller: the call does not join it. "
        "Choose another action."
    ) % {"device": outage.device}


def join_problem(call: Call, order: WorkOrder) -> str | None:
    """Why ``call`` may not join ``order`` (None: it may), as the module's docstring says."""
    from powerdesk.outages.joined import active_outage_of

    if order.station_id != call.station_id:
        return _("That record belongs to another station.")
    if order.status not in OPEN_STATUSES:
        return _("Work order %(number)s is finished: reopen it or open a new one.") % {
            "number": order.number
        }
    outage = active_outage_of(order)
    if outage is not None:
        # The outage's order, or a caller's order joined to it: its business is "no power"
        # below it, whoever's order it was first.
        if call.category != Category.FAULT_REPAIR:
            return _(
                "Work order %(number)s is an outage's: a %(category)s call does not join it. "
                "Choose another action."
            ) % {
                "number": order.number,
                "category": call.get_category_display() or _("uncategorised"),
            }
        if not device_covers_call(outage.device, call):
            return outage_not_the_callers(outage)
        return None
    if not is_own_order(order, customer=call.customer, e164=call.caller_e164):
        return not_the_callers(order)
    if call.category != order.category:
        return _(
            "Work order %(number)s is a %(order)s order: a %(category)s call does not join it. "
            "Choose another action."
        ) % {
            "number": order.number,
            "order": order.get_category_display(),
            "category": call.get_category_display() or _("uncategorised"),
        }
    return None
