"""The caller's own open orders as intake's "Known now" lists them (walk68, L1): every one, of
whatever category (a billing order beside the fault order of the same call), each with its
number, category and state; those joined to an outage first (what the caller most likely rings
about), then the newest. The order the caller rang about again is listed too, said above it
(``intake_repeat.repeat_said``). At most ``OWN_SHOWN``, and how many more there are."""

from __future__ import annotations

from django.db.models import Exists, OuterRef

from powerdesk.customers.models import Customer
from powerdesk.servicedesk.models import OPEN_STATUSES, WorkOrder

__all__ = ["OWN_SHOWN", "own_orders_known"]

OWN_SHOWN = 10


def own_orders_known(customer: Customer) -> tuple[list[WorkOrder], int]:
    """The customer's open orders listed (with their crews), and how many more are open. One
    query; a second only when there are more than ``OWN_SHOWN``."""
    from powerdesk.outages.models import OutageLink

    open_orders = WorkOrder.objects.filter(customer=customer, status__in=OPEN_STATUSES)
    listed = list(
        open_orders.annotate(joined=Exists(OutageLink.objects.filter(work_orders=OuterRef("pk"))))
        .select_related("crew")
        .order_by("-joined", "-created_at", "-pk")[: OWN_SHOWN + 1]
    )
    if len(listed) <= OWN_SHOWN:
        return listed, 0
    return listed[:OWN_SHOWN], open_orders.count() - OWN_SHOWN
