"""The calls and work orders joined to an outage: the open orders of the households below it,
the outage's one order that later calls join, and the outage a customer or an order is under.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, may
from powerdesk.customers.models import Customer
from powerdesk.lib.language import station_language
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.network.selectors import subtree_ids
from powerdesk.outages.models import Outage, OutageLink
from powerdesk.outages.services import outages_affecting
from powerdesk.servicedesk.models import Call, Category, WorkOrder
from powerdesk.servicedesk.models import WorkOrderStatus as S

if TYPE_CHECKING:
    from powerdesk.accounts.models import User

# Calls that came in shortly before the first sign (a clock a little off) still belong to it.
JOIN_SLACK = dt.timedelta(hours=1)
# An order still being worked on (the crew's job until the restore resolves it).
OPEN = (S.RECEIVED, S.DISPATCHED, S.ON_THE_WAY, S.ON_SITE)


def outage_link(outage: Outage) -> OutageLink:
    link, _created = OutageLink.objects.get_or_create(outage=outage)
    return link


def outage_join_open_orders(*, outage: Outage) -> int:
    """Join the open fault-repair orders of the households below the device, opened since
    (about) the first sign; returns how many were joined."""
    customers = customers_below(outage.device)
    orders = WorkOrder.objects.filter(
        station_id=outage.station_id,
        category=Category.FAULT_REPAIR,
        status__in=(S.RECEIVED, S.DISPATCHED, S.ON_THE_WAY, S.ON_SITE),
        customer__in=customers,
        created_at__gte=outage.starts_at - JOIN_SLACK,
    )
    link = outage_link(outage)
    found = list(orders)
    link.work_orders.add(*found)
    return len(found)


def active_outage_above(customer: Customer) -> Outage | None:
    """The fault outage with the power off above the customer (the nearest one first)."""
    active = [
        o
        for o in outages_affecting(customer)
        if o.status == Outage.Status.ACTIVE and o.kind == Outage.Kind.UNPLANNED
    ]
    return active[-1] if active else None


def active_outage_of(order: WorkOrder) -> Outage | None:
    """The outage with the power off that ``order`` is joined to, if any."""
    return (
        Outage.objects.filter(
            link__work_orders=order, status=Outage.Status.ACTIVE, station_id=order.station_id
        )
        .select_related("device")
        .first()
    )


def outage_order_for_call(*, outage: Outage, call: Call, user: User | None) -> WorkOrder:
    """The outage's one work order, which the call joins: made by the first call."""
    from powerdesk.servicedesk.services import (
        work_order_create,
        work_order_dispatch,
        work_order_join_call,
    )

    link = OutageLink.objects.select_for_update().filter(pk=outage_link(outage).pk).get()
    joined = link.order
    if joined is not None and joined.status in (S.RECEIVED, S.DISPATCHED, S.ON_THE_WAY, S.ON_SITE):
        work_order_join_call(work_order=joined, call=call, user=user)
        return joined
    with station_language():
        summary = _("Outage: %(device)s") % {"device": outage.device.name or outage.device.code}
    order = work_order_create(
        station=outage.station,
        user=user,
        category=Category.FAULT_REPAIR,
        urgent=True,
        summary=summary,
        description=call.text,
        # The first caller is called back on the order; later callers on the outage's list.
        customer=call.customer,
        village=call.village or outage.device.village,
        group=call.group,
        call=call,
    )
    link.work_orders.add(order)
    link.order = order
    link.save(update_fields=["order"])
    if link.crew is not None:
        # The outage's crew was sent by the office; a liaison's report only follows it there.
        sender = user if may(user, outage.station_id, Do.ORDER_DISPATCH) else None
        order = work_order_dispatch(work_order=order, crew=link.crew, user=sender)
    return order


def customers_below(device: GridNode) -> QuerySet[Customer]:
    """The customers supplied through ``device`` (those of the transformer areas below it)."""
    below = subtree_ids(device)
    # The transformers' ids as a list, not a subquery: joined into queries of phones and
    # villages, a nested subquery over thousands of ids can get a very bad plan on PostgreSQL.
    transformers = list(
        GridNode.objects.filter(pk__in=below, kind=NodeKind.TRANSFORMER).values_list(
            "pk", flat=True
        )
    )
    return Customer.objects.filter(transformer_id__in=transformers)
