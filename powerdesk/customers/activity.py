"""What the station has done with one customer: calls, orders, outages, promises, callbacks
and arrears, each newest first, for the customer's page; and the hotline cards the household
was given (walk67, M4)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q

if TYPE_CHECKING:
    from powerdesk.customers.models import Customer
    from powerdesk.network.models import GridNode

# Rows shown per section; the count says how many there are in all.
SHOWN = 10


@dataclass(frozen=True)
class Section:
    rows: list[Any]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


@dataclass(frozen=True)
class CustomerActivity:
    calls: Section
    work_orders: Section
    outages: Section
    promises: Section
    callbacks: Section
    arrears: Section
    # Every hotline card given, newest first (when, how, recorded by whom, at which visit).
    cards: list[Any]


def customer_activity(*, customer: Customer, supply_path: list[GridNode]) -> CustomerActivity:
    """The customer's records; outages are those of their transformer area or a device above
    it (``supply_path``, from the transformer up), whether or not the customer called."""
    # Imported here: the customers app sits below the apps whose records it lists.
    from powerdesk.arrears.models import ArrearsCase
    from powerdesk.outages.models import Outage
    from powerdesk.outreach.selectors import cards_held
    from powerdesk.servicedesk.models import Call, Callback, Promise, WorkOrder

    devices = [customer.transformer, *supply_path] if customer.transformer else []
    return CustomerActivity(
        calls=_section(
            Call.objects.for_station(customer.station_id)
            .filter(customer=customer)
            .select_related("work_order", "taken_by")
            .order_by("-received_at")
        ),
        work_orders=_section(
            WorkOrder.objects.for_station(customer.station_id)
            .filter(customer=customer)
            .order_by("-created_at")
        ),
        outages=_section(
            Outage.objects.for_station(customer.station_id)
            .filter(device__in=devices)
            .select_related("device", "link")
            .order_by("-starts_at")
        ),
        promises=_section(
            Promise.objects.for_station(customer.station_id)
            .filter(Q(customer=customer) | Q(work_order__customer=customer))
            .select_related("work_order")
            .order_by("-due_at")
        ),
        callbacks=_section(
            Callback.objects.filter(
                work_order__station_id=customer.station_id, work_order__customer=customer
            )
            .select_related("work_order", "by")
            .order_by("-at")
        ),
        arrears=_section(
            ArrearsCase.objects.for_station(customer.station_id)
            .filter(customer=customer)
            .order_by("-opened_at")
        ),
        cards=cards_held(customer),
    )


def _section(queryset: Any) -> Section:
    rows = list(queryset[:SHOWN])
    total = len(rows) if len(rows) < SHOWN else queryset.count()
    return Section(rows, total)
