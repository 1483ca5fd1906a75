"""What the station has done with one customer: calls, orders, outages, promises, callbacks
and arrears, each newest first, for the customer's page; and the hotline cards the household
was given (walk67, M4)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.db.models.functions import Coalesce

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
class CallbackEntry:
    """One call back to the household: on its work order (``callback``), on an outage's list
    of households to call back (``listed``: that row), or one call that settled both, listed
    once (``callback`` and ``listed``: the lists' rows it settled, fix69a's one call)."""

    at: dt.datetime
    callback: Any = None
    listed: list[Any] = field(default_factory=list)

    @property
    def outcome(self) -> str:
        said = self.callback or self.listed[0]
        return str(said.get_outcome_display())

    @property
    def satisfaction(self) -> int | None:
        return (self.callback or self.listed[0]).satisfaction

    @property
    def by(self) -> Any:
        """Who called: the order's callback's clerk, else the list's last try's (None: not
        known, or the household's text answer)."""
        if self.callback is not None:
            return self.callback.by
        return self.listed[0].last_tried_by

    @property
    def note(self) -> str:
        """What was said: the order's callback's words, or the list's when the call was made
        on the list by a clerk (the order's then only says "Called back on the outage's list")."""
        typed = next((row for row in self.listed if row.order_settled_id and row.done_by_id), None)
        if self.callback is None or typed is not None:
            return str((typed or self.listed[0]).note)
        return str(self.callback.comment_shown)

    @property
    def note_shown(self) -> str:
        """The note under the entry: none when its list row's tries are listed above it (the
        last try's note is there already: walk73b 5, said twice)."""
        if self.callback is None and self.listed[0].attempts > 1:
            return ""
        return self.note


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
        callbacks=_callbacks(
            customer,
            Callback.objects.filter(
                work_order__station_id=customer.station_id, work_order__customer=customer
            )
            .select_related("work_order", "by")
            .order_by("-at"),
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


def _callbacks(customer: Customer, callbacks: Any) -> Section:
    """The household's callbacks, newest first: on its orders and on outages' lists (tried or
    settled), one call that settled both one entry saying so (fix69a: a call on the list
    records the order's callback, a call on the order settles the list's place, a "1" by text
    both; ``OutageCallback.order_settled``, ``settled_by_order``)."""
    from powerdesk.outages.models import OutageCallback
    from powerdesk.outages.selectors import TRIES

    rows = (
        OutageCallback.objects.for_station(customer.station_id)
        .filter(customer=customer)
        .filter(Q(attempts__gt=0) | Q(done_at__isnull=False))
        .select_related("outage__device", "tried_by", "done_by")
        .prefetch_related(TRIES)
    )
    alone = rows.filter(order_settled__isnull=True, settled_by_order__isnull=True)
    listed = alone.annotate(at=Coalesce("done_at", "tried_at")).order_by("-at", "-pk")
    entries = [CallbackEntry(c.at, callback=c) for c in callbacks[:SHOWN]]
    entries += [CallbackEntry(row.at, listed=[row]) for row in listed[:SHOWN]]
    entries = sorted(entries, key=lambda e: e.at, reverse=True)[:SHOWN]
    ids = [e.callback.pk for e in entries if e.callback is not None]
    both: dict[int | None, list[Any]] = {}
    for row in rows.filter(Q(order_settled_id__in=ids) | Q(settled_by_order_id__in=ids)):
        both.setdefault(row.order_settled_id or row.settled_by_order_id, []).append(row)
    shown = [
        CallbackEntry(e.at, e.callback, both.get(e.callback.pk, [])) if e.callback else e
        for e in entries
    ]
    total = len(shown) if len(shown) < SHOWN else callbacks.count() + alone.count()
    return Section(shown, total)
