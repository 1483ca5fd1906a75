"""Reads of the service desk: queues, what is due, what a caller has going on."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from powerdesk.accounts.models import Station
from powerdesk.customers.models import Customer
from powerdesk.servicedesk.models import OPEN_STATUSES, Call, WorkOrder, WorkOrderStatus


def open_work_orders(station: Station) -> QuerySet[WorkOrder]:
    return WorkOrder.objects.filter(station=station, status__in=OPEN_STATUSES)


def due_soon(station: Station, hours: int = 24) -> QuerySet[WorkOrder]:
    """Open orders whose next deadline is past or within ``hours``, most pressing first."""
    limit = timezone.now() + dt.timedelta(hours=hours)
    return (
        open_work_orders(station)
        .filter(Q(resolve_due_at__lte=limit) | Q(arrive_due_at__lte=limit, arrived_at=None))
        .order_by("resolve_due_at")
    )


def callbacks_due(station: Station) -> QuerySet[WorkOrder]:
    return (
        WorkOrder.objects.filter(
            station=station, status=WorkOrderStatus.RESOLVED, callback_due_at__isnull=False
        )
        .select_related("customer")
        .order_by("callback_due_at")
    )


def missed_calls(station: Station) -> QuerySet[Call]:
    """Calls nobody answered and nobody has returned yet: the queue works until empty."""
    return (
        Call.objects.filter(station=station, called_back_at=None)
        .exclude(status=Call.Status.ANSWERED)
        .select_related("customer")
        .order_by("received_at")
    )


def caller_context(customer: Customer) -> dict[str, object]:
    from powerdesk.outages.services import outages_affecting

    return {
        "outages": outages_affecting(customer),
        "open_orders": list(
            WorkOrder.objects.filter(customer=customer, status__in=OPEN_STATUSES).order_by(
                "-created_at"
            )[:5]
        ),
        "recent_calls": list(Call.objects.filter(customer=customer).order_by("-received_at")[:5]),
        "area_orders": list(
            open_work_orders(customer.station)
            .filter(customer__transformer_id=customer.transformer_id)
            .exclude(customer=customer)[:5]
        )
        if customer.transformer_id
        else [],
    }


def is_overdue(order: WorkOrder, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    if order.paused_at is not None or not order.is_open:
        return False
    if order.arrive_due_at and order.arrived_at is None and order.arrive_due_at < now:
        return True
    return bool(order.resolve_due_at and order.resolve_due_at < now)
