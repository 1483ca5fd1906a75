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
    return set(devices_up(transformer))


def devices_up(transformer: GridNode) -> list[int]:
    """The node and every device above it on its feeder, from the node up (one query)."""
    parents = dict(
        GridNode.objects.filter(feeder_id=transformer.feeder_id).values_list("pk", "parent_id")
    )
    above: list[int] = []
    seen: set[int] = set()
    node: int | None = transformer.pk
    while node is not None and node not in seen:
        seen.add(node)
        above.append(node)
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
    # A device predicted from calls alone: its callers said on answer it too (below).
    by_calls = [p for p in predictions if p.device_id is not None and _calls_only(p)]
    answered: dict[tuple[str, int], dt.datetime] = {}
    said_on = (
        Q(type=SignalType.CALL_ON)
        if by_calls
        else Q(type=SignalType.CALL_ON, customer_id__in=customers)
    )
    pending = (
        Signal.objects.filter(station_id=station_id)
        .annotate(taken=Subquery(cursor))
        .filter(said_on | Q(type=SignalType.RESTORE, device_id__in=devices))
        .filter(Q(taken__isnull=True) | Q(pk__gt=F("taken")))
    )
    on_below: list[tuple[int, int | None, dt.datetime]] = []
    for kind, customer_id, device_id, at, transformer_id in pending.values_list(
        "type", "customer_id", "device_id", "event_at", "customer__transformer_id"
    ):
        key = ("c", customer_id) if kind == SignalType.CALL_ON else ("d", device_id)
        answered[key] = max(at, answered.get(key, at))
        if kind == SignalType.CALL_ON:
            on_below.append((customer_id, transformer_id, at))
    if by_calls and on_below:
        for key, at in _devices_said_on(by_calls, on_below).items():
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


def _calls_only(p: PredictedOutage) -> bool:
    """Whether the engine predicted ``p`` from its callers alone: no meter off, no SCADA or crew
    saying the device is open (``live_picture._explain``'s counts)."""
    explain = p.explain if isinstance(p.explain, dict) else {}
    calls = explain.get("calls")
    return (
        isinstance(calls, int)
        and calls > 0
        and not explain.get("meter_off")
        and not explain.get("forced")
    )


def _devices_said_on(
    predictions: list[PredictedOutage], said_on: list[tuple[int, int | None, dt.datetime]]
) -> dict[tuple[str, int], dt.datetime]:
    """The devices predicted from calls alone whose every caller the engine counted is said on
    since (``call_on`` not taken yet: the crew found the fault inside the house, the job was
    resolved, a callback), keyed as ``_not_answered_since`` answers them, with the latest
    time (walkthrough 36, #10: one in-house caller kept a branch on the board). One query for
    the feeders' devices."""
    ids = [p.device_id for p in predictions if p.device_id is not None]
    feeders = GridNode.objects.filter(pk__in=ids).values("feeder_id")
    parents = dict(GridNode.objects.filter(feeder_id__in=feeders).values_list("pk", "parent_id"))

    def above(node: int | None) -> set[int]:
        seen: set[int] = set()
        while node is not None and node not in seen:
            seen.add(node)
            node = parents.get(node)
        return seen

    lines = [(customer, above(transformer), at) for customer, transformer, at in said_on]
    answered: dict[tuple[str, int], dt.datetime] = {}
    for p in predictions:
        assert p.device_id is not None
        since = p.first_sign_at
        on = {
            customer: at
            for customer, devices, at in lines
            if p.device_id in devices and (since is None or at >= since)
        }
        if on and len(on) >= int(p.explain["calls"]):
            answered[("d", p.device_id)] = max(on.values())
    return answered


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
