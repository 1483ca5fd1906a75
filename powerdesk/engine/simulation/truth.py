"""What a simulated storm's truth is made of: when each outage was first signed, and each
element's open spans (both storm generators use them)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from powerdesk.engine.model.events import EventType
from powerdesk.engine.model.network import Network

if TYPE_CHECKING:
    from powerdesk.engine.simulation.storm import Interval

__all__ = ["signed_from_stream", "spans_of"]


def spans_of(outages: list[Interval]) -> dict[int, list[tuple[float, float]]]:
    """Each element's open spans.

    >>> from types import SimpleNamespace as Span
    >>> spans_of([Span(element=3, start=0.0, end=60.0), Span(element=3, start=90.0, end=99.0)])
    {3: [(0.0, 60.0), (90.0, 99.0)]}
    """
    spans: dict[int, list[tuple[float, float]]] = {}
    for o in outages:
        spans.setdefault(o.element, []).append((o.start, o.end))
    return spans


def signed_from_stream(
    network: Network, events: list[dict[str, Any]], truth: dict[str, Any]
) -> dict[str, Any]:
    """``truth`` with each open outage signed by the signs in ``events`` alone: the stream as the
    station receives it, after calls were moved onto a neighbour's account (round 41 of issue
    17: the score counts an outage as signed only by signs the station holds).

    >>> net = Network.from_rows([("S", "", "source"), ("F", "S", "fuse"),
    ...                          ("C0", "F", "customer"), ("C1", "S", "customer")])
    >>> truth = {"checkpoints": [{"id": "cp-1", "t": 1799.999,
    ...          "open": [{"device": "F", "since": 60.0, "signed": True}]}]}
    >>> moved = [{"t": 120.0, "type": "call", "customer": "C1"}]
    >>> signed_from_stream(net, moved, truth)["checkpoints"][0]["open"][0]["signed"]
    False
    >>> own = [{"t": 120.0, "type": "call", "customer": "C0"}]
    >>> signed_from_stream(net, own, truth)["checkpoints"][0]["open"][0]["signed"]
    True
    """
    from powerdesk.engine.simulation.storm import Interval

    index = network.index
    outages = {
        (o["device"], o["since"]): Interval(index[o["device"]], o["since"], math.inf)
        for cp in truth["checkpoints"]
        for o in cp["open"]
    }
    # An outage open at a checkpoint is open from its start to past it: the end bounds no sign
    # made by then.
    signs = _signs(
        network,
        [(e["t"], k, e) for k, e in enumerate(events) if e["type"] != EventType.CHECKPOINT],
        list(outages.values()),
    )
    return {
        **truth,
        "checkpoints": [
            {
                **cp,
                "open": [
                    {**o, "signed": signs[(index[o["device"]], o["since"])] <= cp["t"]}
                    for o in cp["open"]
                ],
            }
            for cp in truth["checkpoints"]
        ],
    }


def _signs(
    network: Network, events: list[tuple[float, int, dict[str, Any]]], outages: list[Interval]
) -> dict[tuple[int, float], float]:
    """For each outage, the time of the first sign below it after it began."""
    by_customer: dict[int, list[float]] = {}
    by_device: dict[int, list[float]] = {}
    index = network.index
    for t, _, event in events:
        if event["type"] in (EventType.CALL, EventType.AMI_OFF):
            by_customer.setdefault(index[event["customer"]], []).append(t)
        elif event["type"] in (EventType.SCADA_OPEN, EventType.CONFIRM_OPEN):
            by_device.setdefault(index[event["device"]], []).append(t)
    signed_customers = sorted(by_customer)
    positions = np.asarray(signed_customers, dtype=np.int64)
    result: dict[tuple[int, float], float] = {}
    for outage in outages:
        element = outage.element
        # The events' times are rounded to the millisecond (a SCADA open, or a crew's
        # confirmation of a short outage, falls on its very start): so are the bounds.
        start, end = round(outage.start, 3), round(outage.end, 3)
        lo = int(np.searchsorted(positions, element))
        hi = int(np.searchsorted(positions, int(network.end[element])))
        best = math.inf
        for customer in signed_customers[lo:hi]:
            for t in by_customer[customer]:
                if start <= t < end and t < best:
                    best = t
        for t in by_device.get(element, []):
            if start <= t < end and t < best:
                best = t
        result[(element, outage.start)] = best
    return result
