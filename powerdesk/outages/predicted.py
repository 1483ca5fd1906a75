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
    (until the engine takes the restore's signal, its picture still has the device open), nor
    answered by a signal the engine has not taken yet (``_not_answered_since``). Three
    queries."""
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
    kept = [
        p
        for p in kept
        if p.device_id not in restored
        or p.first_sign_at is None
        or p.first_sign_at > restored[p.device_id]
    ]
    return _not_answered_since(station_id, kept)


def _not_answered_since(
    station_id: int, predictions: list[PredictedOutage]
) -> list[PredictedOutage]:
    """Of ``predictions``, those no signal the engine has not taken yet answers: a household's
    own prediction whose power is said on (``call_on``: a crew's job resolved, a callback), a
    device's closed again (``restore``) since its first sign. The engine takes them within its
    next step, and its picture then says the same; until then the board does not keep showing
    what the crew just put right (walkthrough 35, 2). One query, none without predictions.

    Not by running the engine here: its picture is one process's (``live.LiveStation``, held
    under the station's lease), rebuilt from every stored signal, and a second engine in the
    request would write the same picture alongside it."""
    if not predictions:
        return predictions
    from django.db.models import F, Subquery

    from powerdesk.outages.models import EngineState, Signal, SignalType

    cursor = EngineState.objects.filter(station_id=station_id).values("cursor")[:1]
    customers = [p.customer_id for p in predictions if p.customer_id is not None]
    devices = [p.device_id for p in predictions if p.device_id is not None]
    answered: dict[tuple[str, int], dt.datetime] = {}
    pending = (
        Signal.objects.filter(station_id=station_id)
        .annotate(taken=Subquery(cursor))
        .filter(
            Q(type=SignalType.CALL_ON, customer_id__in=customers)
            | Q(type=SignalType.RESTORE, device_id__in=devices)
        )
        .filter(Q(taken__isnull=True) | Q(pk__gt=F("taken")))
    )
    for kind, customer_id, device_id, at in pending.values_list(
        "type", "customer_id", "device_id", "event_at"
    ):
        key = ("c", customer_id) if kind == SignalType.CALL_ON else ("d", device_id)
        answered[key] = max(at, answered.get(key, at))

    def answered_at(p: PredictedOutage) -> dt.datetime | None:
        if p.device_id is not None:
            return answered.get(("d", p.device_id))
        if p.customer_id is not None:
            return answered.get(("c", p.customer_id))
        return None

    kept = []
    for p in predictions:
        since = answered_at(p)
        if since is not None and (p.first_sign_at is None or since >= p.first_sign_at):
            continue
        kept.append(p)
    return kept


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
