"""The engine's predictions people are shown: on the board, and at intake for a caller below one.

A prediction is shown when SCADA, a crew or the office reported its device open, or someone
below called or a meter sent power-off (``PredictedOutage.shown``), and staff have not rejected
it (for the same first sign) nor restored its device since.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Q

from powerdesk.network.models import GridNode
from powerdesk.outages.models import Outage, PredictedOutage, PredictionRejection

if TYPE_CHECKING:
    from powerdesk.customers.models import Customer

__all__ = ["devices_above", "predictions_above", "shown_predictions"]


def devices_above(transformer: GridNode) -> set[int]:
    """The node (a transformer, most often) and every device above it on its feeder (one
    query)."""
    parents = dict(
        GridNode.objects.filter(feeder_id=transformer.feeder_id).values_list("pk", "parent_id")
    )
    above: set[int] = set()
    node: int | None = transformer.pk
    while node is not None and node not in above:
        above.add(node)
        node = parents.get(node)
    return above


def shown_predictions(
    station_id: int, predictions: Iterable[PredictedOutage]
) -> list[PredictedOutage]:
    """Of ``predictions`` (in their order), those shown as outages: ``shown``, not rejected
    for their first sign, and not on a device whose outage was restored after that first sign
    (until the engine takes the restore's signal, its picture still has the device open).
    Two queries."""
    rejected = set(
        PredictionRejection.objects.filter(station_id=station_id).values_list(
            "code", "first_sign_at"
        )
    )
    kept = [p for p in predictions if p.shown and (p.code, p.first_sign_at) not in rejected]
    restored: dict[int, dt.datetime] = {}
    devices = [p.device_id for p in kept if p.device_id is not None]
    if devices:
        for device_id, at in Outage.objects.filter(
            station_id=station_id, status=Outage.Status.RESTORED, device_id__in=devices
        ).values_list("device_id", "restored_at"):
            if at is not None and at > restored.get(device_id, at - dt.timedelta(seconds=1)):
                restored[device_id] = at
    return [
        p
        for p in kept
        if p.device_id not in restored
        or p.first_sign_at is None
        or p.first_sign_at > restored[p.device_id]
    ]


def predictions_above(customer: Customer) -> list[PredictedOutage]:
    """The shown predictions over the customer — at a device above their transformer area, or
    their own service — top-most first, leaving out the devices of recorded outages with the
    power off (intake shows those as outages)."""
    transformer = customer.transformer
    if transformer is None:
        return []
    candidates = list(
        PredictedOutage.objects.for_station(customer.station_id)
        .filter(Q(customer=customer) | Q(device__feeder_id=transformer.feeder_id))
        .select_related("device")
        .order_by("rank")
    )
    if not candidates:
        return []
    above = devices_above(transformer) if any(p.device_id for p in candidates) else set()
    predictions = [p for p in candidates if p.customer_id == customer.pk or p.device_id in above]
    if not predictions:
        return []
    recorded = set(
        Outage.objects.filter(
            station_id=customer.station_id,
            status=Outage.Status.ACTIVE,
            device_id__in=[p.device_id for p in predictions if p.device_id is not None],
        ).values_list("device_id", flat=True)
    )
    return [
        p
        for p in shown_predictions(customer.station_id, predictions)
        if p.device_id is None or p.device_id not in recorded
    ]
