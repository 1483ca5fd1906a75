"""What the public page says of an outage the engine sees and nobody has recorded: when it was
last reported (``latest_signs``) and whether a crew is already sent to a caller below it
(``crews_sent``). A grouped query or two for all the engine's rows at once.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Max

from powerdesk.outages.models import Signal, SignalType
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.models.status import WorkOrderStatus

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station
    from powerdesk.outages.board import BoardRow

__all__ = ["crews_sent", "latest_signs"]

# The signals that say the power is off where an outage is: a customer's call or a meter's
# power-off below it, or the device reported open (SCADA, a crew).
_CUSTOMER_OFF = (SignalType.CALL, SignalType.AMI_OFF)
_DEVICE_OPEN = (SignalType.SCADA_OPEN, SignalType.CONFIRM_OPEN)
_SENT = (WorkOrderStatus.DISPATCHED, WorkOrderStatus.ON_THE_WAY, WorkOrderStatus.ON_SITE)


def latest_signs(
    station: Station, rows: list[BoardRow], *, now: dt.datetime
) -> dict[str, dt.datetime]:
    """For each of the engine's rows (by ``key``), the time of the latest signal that supports
    it since its first sign — a call or a meter's power-off from a transformer area below it,
    or its device reported open — else its first sign: what a villager reads as "latest
    report", not when the engine last saved its picture. Two grouped queries."""
    rows = [r for r in rows if r.first_sign_at is not None]
    if not rows:
        return {}
    since = min(r.first_sign_at for r in rows if r.first_sign_at is not None)
    areas = {a for r in rows if r.below is not None for a in r.below.areas}
    devices = {r.device.pk for r in rows if r.device is not None}
    signals = Signal.objects.filter(station=station, event_at__gte=since, event_at__lte=now)
    by_area = dict(
        signals.filter(type__in=_CUSTOMER_OFF, customer__transformer_id__in=areas)
        .order_by()
        .values("customer__transformer_id")
        .annotate(last=Max("event_at"))
        .values_list("customer__transformer_id", "last")
    )
    by_device = dict(
        signals.filter(type__in=_DEVICE_OPEN, device_id__in=devices)
        .order_by()
        .values("device_id")
        .annotate(last=Max("event_at"))
        .values_list("device_id", "last")
    )
    found: dict[str, dt.datetime] = {}
    for row in rows:
        assert row.first_sign_at is not None
        times = [row.first_sign_at]
        if row.below is not None:
            times += [by_area[a] for a in row.below.areas if a in by_area]
        if row.device is not None and row.device.pk in by_device:
            times.append(by_device[row.device.pk])
        found[row.key] = max(times)
    return found


def crews_sent(station: Station, rows: list[BoardRow]) -> set[str]:
    """The engine's rows (by ``key``) to which a crew is sent though no outage is recorded: an
    open order of a customer below, opened since the outage's first sign, dispatched to a
    crew. One query."""
    rows = [r for r in rows if r.first_sign_at is not None and r.below is not None]
    if not rows:
        return set()
    since = min(r.first_sign_at for r in rows if r.first_sign_at is not None)
    areas = {a for r in rows if r.below is not None for a in r.below.areas}
    orders = list(
        WorkOrder.objects.for_station(station)
        .filter(
            status__in=_SENT,
            crew__isnull=False,
            created_at__gte=since,
            customer__transformer_id__in=areas,
        )
        .order_by()
        .values_list("customer__transformer_id", "created_at")
    )
    found: set[str] = set()
    for row in rows:
        assert row.below is not None and row.first_sign_at is not None
        first = row.first_sign_at
        if any(a in row.below.areas and at >= first for a, at in orders):
            found.add(row.key)
    return found
