"""What is off now: the open devices, the dark sections below them, and who called about it.

The schematic and the map both draw from these, so they always agree on what is dark.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.outages.models import (
    EngineState,
    Outage,
    OutageCallback,
    OutageCallbackTry,
    OutageLink,
    OutageRestoreStep,
    PredictedOutage,
)
from powerdesk.outages.predicted import devices_above, shown_predictions
from powerdesk.servicedesk.models import OPEN_STATUSES, Call, Category, WorkOrder

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station
    from powerdesk.customers.models import Customer

__all__ = [
    "OPEN_STATES",
    "caller_times",
    "live_picture",
    "open_devices",
    "outage_callbacks_due",
    "outage_callbacks_listed",
    "outages_affecting",
    "outages_listed",
    "planned_outages_listed",
    "recent_caller_ids",
    "recent_callers",
    "section_states",
    "state_label",
]

# How sure the station is that a device is open, weakest first. Where two open devices are on
# one path, the dark section below them takes the surer state.
OPEN_STATES = ("predicted", "confirmed", "declared")
CALLERS_WINDOW = dt.timedelta(hours=24)


def open_devices(station: Station) -> dict[int, str]:
    """GridNode pk → "predicted", "confirmed" or "declared": the devices believed open now.

    Declared outages (a record with power off) win over the engine's picture; of the engine's
    outages only those named by a device are here (one customer's own service is not), and
    only those the board shows (``predicted.shown_predictions``: not rejected by staff, nor on
    a device restored since their first sign).
    """
    found: dict[int, str] = {}
    predictions = PredictedOutage.objects.filter(station=station, device__isnull=False).only(
        "code", "device_id", "status", "explain", "first_sign_at"
    )
    for prediction in shown_predictions(station.pk, predictions):
        assert prediction.device_id is not None  # (filtered)
        found[prediction.device_id] = prediction.status
    active = dict(
        Outage.objects.filter(station=station, status=Outage.Status.ACTIVE).values_list(
            "pk", "device_id"
        )
    )
    # After a partial restore, the devices still open are what is open (steps in time order,
    # so the last one of each outage wins).
    still_open: dict[int, list[int]] = {}
    for outage_id, ids in (
        OutageRestoreStep.objects.filter(outage_id__in=active)
        .order_by("at", "pk")
        .values_list("outage_id", "still_open")
    ):
        still_open[outage_id] = list(ids)
    for outage_id, device_id in active.items():
        for pk in still_open.get(outage_id, [device_id]):
            found[pk] = "declared"
    return found


def section_states(
    children: Mapping[int | None, Iterable[int]], opened: Mapping[int, str]
) -> dict[int, str]:
    """Every element at or below an open device, with the surest state above it.

    ``children`` maps a parent pk (None for the feeders' roots) to its children's pks, as
    ``FeederTree.children``; elements absent from the answer are supplied. One pass, O(n).

    >>> section_states({None: [1], 1: [2, 3], 2: [4]}, {2: "predicted"})
    {2: 'predicted', 4: 'predicted'}
    >>> section_states({None: [1], 1: [2], 2: [3]}, {1: "predicted", 2: "declared"})
    {1: 'predicted', 2: 'declared', 3: 'declared'}
    """
    rank = {state: i for i, state in enumerate(OPEN_STATES)}
    states: dict[int, str] = {}
    stack: list[tuple[int, str | None]] = [(pk, None) for pk in children.get(None, ())]
    while stack:
        pk, above = stack.pop()
        here = opened.get(pk)
        if above is not None and (here is None or rank[above] > rank.get(here, -1)):
            here = above
        if here is not None:
            states[pk] = here
        stack.extend((child, here) for child in children.get(pk, ()))
    return dict(sorted(states.items()))


def recent_callers(station: Station, *, now: dt.datetime | None = None) -> dict[int, int]:
    """Transformer pk → how many of its customers reported a fault in the last 24 hours.

    A customer counts once, whether they called, have an open fault-repair order, or both.
    """
    return {pk: len(people) for pk, people in recent_caller_ids(station, now=now).items()}


def recent_caller_ids(station: Station, *, now: dt.datetime | None = None) -> dict[int, set[int]]:
    """Transformer pk → its customers (pks) who reported a fault in the last 24 hours: called,
    or have an open fault-repair order opened in that time. Two queries."""
    since = (now or timezone.now()) - CALLERS_WINDOW
    calls = Call.objects.filter(
        station=station,
        received_at__gte=since,
        category=Category.FAULT_REPAIR,
        customer__transformer__isnull=False,
    ).values_list("customer__transformer_id", "customer_id")
    orders = WorkOrder.objects.filter(
        Q(status__in=OPEN_STATUSES),
        station=station,
        category=Category.FAULT_REPAIR,
        created_at__gte=since,
        customer__transformer__isnull=False,
    ).values_list("customer__transformer_id", "customer_id")
    customers: dict[int, set[int]] = {}
    for transformer_id, customer_id in [*calls, *orders]:
        customers.setdefault(transformer_id, set()).add(customer_id)
    return dict(sorted(customers.items()))


def caller_times(station: Station, *, since: dt.datetime) -> dict[int, dict[int, dt.datetime]]:
    """Transformer pk → {customer pk: when they last reported a fault} since ``since``: a
    fault call, or a fault-repair order opened then and still open (the same as
    ``recent_caller_ids``, from another moment, with the time to compare with each outage's
    first sign). Two queries."""
    calls = Call.objects.filter(
        station=station,
        received_at__gte=since,
        category=Category.FAULT_REPAIR,
        customer__transformer__isnull=False,
    ).values_list("customer__transformer_id", "customer_id", "received_at")
    orders = WorkOrder.objects.filter(
        Q(status__in=OPEN_STATUSES),
        station=station,
        category=Category.FAULT_REPAIR,
        created_at__gte=since,
        customer__transformer__isnull=False,
    ).values_list("customer__transformer_id", "customer_id", "created_at")
    found: dict[int, dict[int, dt.datetime]] = {}
    for transformer_id, customer_id, at in [*calls, *orders]:
        people = found.setdefault(transformer_id, {})
        if customer_id not in people or people[customer_id] < at:
            people[customer_id] = at
    return found


def state_label(state: str) -> str:
    """In words, a state as the schematic and the map write it (``dark-predicted``, ...)."""
    return {
        "live": _("supplied"),
        "open-predicted": _("open (predicted, not recorded)"),
        # Signals (SCADA, a crew's "found open") say so, but nobody has recorded an outage.
        "open-confirmed": _("open (signals, not recorded)"),
        "open-declared": _("open (outage recorded)"),
        "dark-predicted": _("probably without power"),
        "dark-confirmed": _("without power"),
        "dark-declared": _("without power"),
    }[state]


def live_picture(station: Station) -> dict[str, Any]:
    """The live engine's latest picture in the file contract's checkpoint form."""
    state = EngineState.objects.filter(station=station).first()
    outages = [
        {
            "device": code,
            "status": status,
            "customers": customers,
            "confidence": confidence,
        }
        for code, status, customers, confidence in PredictedOutage.objects.filter(station=station)
        .order_by("rank")
        .values_list("code", "status", "customers", "confidence")
    ]
    return {
        "t": state.picture_t if state is not None else None,
        "outages": outages,
        "customers_out": state.customers_out if state is not None else 0,
    }


def outage_callbacks_due(station: Station) -> list[OutageCallback]:
    """Households to call back after an outage, not yet called, soonest due first."""
    return list(outage_callbacks_listed(station))


# -- the list pages' rows: each page and its export read the same selector ------------------


def outages_listed(station: Station) -> QuerySet[Outage]:
    """The outages of the outage page: every one not cancelled, the latest first (the page
    shows those still on and the 20 latest restored; the file has them all)."""
    return (
        Outage.objects.for_station(station)
        .exclude(status=Outage.Status.CANCELLED)
        .select_related("device__feeder", "created_by", "link")
        .order_by("-starts_at", "-pk")
    )


def planned_outages_listed(station: Station) -> QuerySet[Outage]:
    """Planned outages, coming and past (cancelled ones too), the latest start first."""
    return (
        Outage.objects.for_station(station)
        .filter(kind=Outage.Kind.PLANNED)
        .select_related("device__feeder", "created_by", "link")
        .order_by("-starts_at", "-pk")
    )


# A callback's tries, oldest first, with who made each (the pages, the API and the file list
# every one: ``OutageCallbackTry``).
TRIES = Prefetch("tries", OutageCallbackTry.objects.select_related("tried_by", "tried_by_key"))


def outage_callbacks_listed(station: Station) -> QuerySet[OutageCallback]:
    """Households to call back after an outage, not yet called, soonest due first; of an
    outage not yet restored, only those whose power came back at a step of it (callers it
    keeps dark are listed on it as another outage is restored: ``aftercare.
    _callbacks_after_dark``, called back once their part is back: ``callbacks_back_at_step``)."""
    return (
        OutageCallback.objects.for_station(station)
        .filter(done_at=None)
        .filter(Q(outage__status=Outage.Status.RESTORED) | Q(back_at__isnull=False))
        .exclude(outage__status=Outage.Status.CANCELLED)
        .select_related("customer", "outage__device", "tried_by", "tried_by_key")
        .prefetch_related("customer__phones", TRIES)
        .order_by("due_at", "pk")
    )


def outage_callbacks_given_up(station: Station) -> QuerySet[OutageCallback]:
    """Households whose callback the chief gave up, of outages not yet closed: the chief may
    still put them back on the list (``outage_callback_put_back``); latest given up first."""
    return (
        OutageCallback.objects.for_station(station)
        .filter(given_up=True, outage__status=Outage.Status.RESTORED)
        .exclude(outage__events__what="closed")
        .select_related("customer", "outage__device", "done_by")
        .prefetch_related("customer__phones", TRIES)
        .order_by("-done_at", "-pk")
    )


def callbacks_on_outage_list(order: WorkOrder, outages: list[Outage]) -> Outage | None:
    """The restored outage (of ``outages``, the order's) on whose callback list the callers of
    ``order`` are called back, when the order has no one of its own to call: no customer, no
    caller's number (the crew's order made at dispatch: ``aftercare._close_uncalled``). None
    for any other order, which is called back on its own page (walk40 5)."""
    if order.customer_id is not None:
        return None
    restored = [o for o in outages if o.status == Outage.Status.RESTORED]
    if not restored or order.calls.filter(customer__isnull=True).exclude(caller_number="").exists():
        return None
    return restored[0]


def outage_now_on(order: WorkOrder) -> Outage | None:
    """The outage ``order`` is on now: the last it was joined to (an order kept open by a wider
    outage's restore joins the one still keeping its household dark: ``aftercare._keep_open``),
    whatever their ids or start times (walk42, 10: the order page named the wider outage again
    once both were restored). One query: the outage of the last through-row, as a subquery."""
    last = (
        OutageLink.work_orders.through.objects.filter(
            workorder_id=order.pk, outagelink__outage__station_id=order.station_id
        )
        .order_by("-pk")
        .values("outagelink__outage_id")[:1]
    )
    return Outage.objects.select_related("device").filter(pk=Subquery(last)).first()


def outages_of_order(order: WorkOrder) -> list[Outage]:
    """The outages a work order is joined to (the callers' orders, and the outage's own)."""
    return list(
        Outage.objects.filter(station_id=order.station_id, link__work_orders=order)
        .select_related("device")
        .order_by("-starts_at")
    )


def outages_affecting(customer: Customer) -> list[Outage]:
    """Current outages above the customer, and the planned ones announced, whenever they start:
    the households were texted its date, and one calling about it is answered (an outage moved
    to three weeks ahead as much as one tomorrow)."""
    transformer = customer.transformer
    if transformer is None:
        return []
    candidates = list(
        Outage.objects.for_station(customer.station_id)
        .filter(status__in=[Outage.Status.ACTIVE, Outage.Status.ANNOUNCED])
        .select_related("device")
    )
    if not candidates:
        return []
    above = devices_above(transformer)
    found = [o for o in candidates if o.device_id in above]
    # After a partial restore, only the households below a device still open are out.
    still_open: dict[int, list[int]] = {}
    for outage_id, ids in (
        OutageRestoreStep.objects.filter(outage__in=[o.pk for o in found])
        .order_by("at", "pk")
        .values_list("outage_id", "still_open")
    ):
        still_open[outage_id] = list(ids)
    return [o for o in found if o.pk not in still_open or above & set(still_open[o.pk])]
