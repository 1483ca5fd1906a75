"""Reads of the service desk: queues, what is due, what a caller has going on."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from powerdesk.accounts.models import Station
from powerdesk.customers.models import Customer
from powerdesk.servicedesk.models import OPEN_STATUSES, Call, WorkOrder, WorkOrderStatus


def open_work_orders(station: Station) -> QuerySet[WorkOrder]:
    return WorkOrder.objects.for_station(station).filter(status__in=OPEN_STATUSES)


def overdue(station: Station, now: dt.datetime | None = None) -> QuerySet[WorkOrder]:
    """Running orders past a deadline, the longest late first."""
    now = now or timezone.now()
    return WorkOrder.objects.for_station(station).overdue(now).order_by("resolve_due_at")


def due_soon(
    station: Station, hours: int = 24, now: dt.datetime | None = None
) -> QuerySet[WorkOrder]:
    """Running orders not yet late whose next deadline is within ``hours``, soonest first."""
    now = now or timezone.now()
    return (
        WorkOrder.objects.for_station(station)
        .due_by(now + dt.timedelta(hours=hours), now)
        .order_by("resolve_due_at")
    )


def callbacks_due(station: Station) -> QuerySet[WorkOrder]:
    return (
        WorkOrder.objects.for_station(station)
        .filter(status=WorkOrderStatus.RESOLVED, callback_due_at__isnull=False)
        .select_related("customer")
        .order_by("callback_due_at")
    )


def missed_calls(station: Station) -> QuerySet[Call]:
    """Calls nobody answered and nobody has returned yet: the queue works until empty."""
    return (
        Call.objects.for_station(station)
        .filter(called_back_at=None)
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
    return order.is_overdue(now or timezone.now())
