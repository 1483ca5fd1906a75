"""What the station learned of a storm's outages (``storm.simulate_storm``): SCADA's breakers,
crews confirming and restoring, smart meters' last gasps and restores when their messages get
through, and the calls, again when the neighbours' power comes back and not theirs, and at the
station's callbacks; and calls about problems inside the house, with the grid fine.
"""

from __future__ import annotations

import bisect
import random
from typing import TYPE_CHECKING, Any

import numpy as np

from powerdesk.engine.model.events import EventType
from powerdesk.engine.model.network import KIND_CODES, Network

if TYPE_CHECKING:
    from powerdesk.engine.simulation.storm import Interval, StormConfig

__all__ = ["Related", "device_events", "house_calls", "restored_at"]


def device_events(
    network: Network,
    outage: Interval,
    covering: list[Interval],
    rng: random.Random,
    cfg: StormConfig,
    emit: Any,
) -> None:
    ids = network.ids
    element = outage.element
    kind = int(network.kind[element])
    is_customer = kind == KIND_CODES["customer"]
    if kind in cfg.scada_kinds:
        emit(outage.start, {"type": EventType.SCADA_OPEN, "device": ids[element]})
        emit(outage.end, {"type": EventType.SCADA_CLOSE, "device": ids[element]})
    else:
        if rng.random() < cfg.crew_confirms:
            emit(
                max(outage.start, outage.end - rng.uniform(300.0, 3600.0)),
                {"type": EventType.CONFIRM_OPEN, "device": ids[element]},
            )
        emit(outage.end, {"type": EventType.RESTORE, "device": ids[element]})
    first, last = int(network.first_customer[element]), int(network.end_customer[element])
    if is_customer:
        first, last = (
            int(network.customer_number[element]),
            int(network.customer_number[element]) + 1,
        )
    if last == first:
        return
    share = 0.7 if is_customer else rng.uniform(*cfg.call_share_range)
    delivery = (
        cfg.message_delivery_lightning
        if network.lightning_zone[element]
        else (cfg.message_delivery)
    )
    for number in range(first, last):
        customer = int(network.customer_element[number])
        start, end = outage.start, outage.end
        meter = network.ami[customer] == 1
        earlier = [
            o for o in covering if o.start < start < o.end and network.is_below(customer, o.element)
        ]
        if earlier:
            # Already out from an earlier fault: this one shows only if it outlasts that one.
            # Power then does not come back when the neighbours' does, and people call again;
            # the meter, never re-energised, sends nothing until power really returns.
            start = restored_at(network, customer, start, earlier)
            if start >= end:
                continue
            meter = False
        elif meter and rng.random() < delivery:
            emit(
                start + rng.uniform(1.0, 90.0),
                {"type": EventType.AMI_OFF, "customer": ids[customer]},
            )
        if rng.random() < share:
            when = start + 120.0 + rng.expovariate(1.0 / (cfg.call_delay_minutes * 60.0))
            restored = restored_at(network, customer, end, covering)
            if when < restored:
                emit(when, {"type": EventType.CALL, "customer": ids[customer]})
                if rng.random() < cfg.callback_share:
                    # The station calls back; if power has gone off again since, the customer
                    # says so.
                    back = restored + rng.uniform(600.0, 3600.0)
                    dark = any(
                        o.start <= back < o.end and network.is_below(customer, o.element)
                        for o in covering
                    )
                    emit(
                        back,
                        {
                            "type": EventType.CALL if dark else EventType.CALL_ON,
                            "customer": ids[customer],
                        },
                    )
        restored = restored_at(network, customer, end, covering)
        for upper in covering:
            # A later outage above ends first: the neighbours' power comes back, not theirs.
            if (
                start < upper.start
                and upper.end < restored
                and upper.element != element
                and network.is_below(element, upper.element)
                and rng.random() < share
            ):
                when = upper.end + 120.0 + rng.expovariate(1.0 / (cfg.call_delay_minutes * 60.0))
                if when < restored:
                    emit(when, {"type": EventType.CALL, "customer": ids[customer]})
        if meter and rng.random() < delivery:
            emit(
                restored + rng.uniform(1.0, 120.0),
                {"type": EventType.AMI_ON, "customer": ids[customer]},
            )


class Related:
    """Finds the outages above or below another one quickly (sorted by pre-order index)."""

    def __init__(self, network: Network, outages: list[Interval]) -> None:
        self.network = network
        self.by_element: dict[int, list[Interval]] = {}
        for o in outages:
            self.by_element.setdefault(o.element, []).append(o)
        self.elements = sorted(self.by_element)

    def covering(self, outage: Interval) -> list[Interval]:
        element = outage.element
        found: list[Interval] = []
        for node in [element, *self.network.ancestors(element)]:
            found.extend(self.by_element.get(node, []))
        lo = bisect.bisect_right(self.elements, element)
        hi = bisect.bisect_left(self.elements, int(self.network.end[element]))
        for node in self.elements[lo:hi]:
            found.extend(self.by_element[node])
        return [o for o in found if o is not outage]


def restored_at(network: Network, customer: int, end: float, covering: list[Interval]) -> float:
    """When power really comes back: after every outage above the customer is over."""
    restored = end
    changed = True
    while changed:
        changed = False
        for o in covering:
            if o.start <= restored < o.end and network.is_below(customer, o.element):
                restored = o.end
                changed = True
    return restored


def house_calls(
    network: Network, rng: random.Random, cfg: StormConfig, horizon: float, emit: Any
) -> None:
    count = np.random.default_rng(rng.randrange(2**32)).binomial(
        network.customer_count, cfg.house_problem_rate
    )
    for number in rng.sample(range(network.customer_count), int(count)):
        emit(
            rng.uniform(0.0, horizon),
            {
                "type": EventType.CALL,
                "customer": network.ids[int(network.customer_element[number])],
            },
        )
