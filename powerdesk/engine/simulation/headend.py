"""A simulated AMI head-end that pings meters, for storms whose supply is known.

A storm generator knows who had power when (``Supply``: its outages, and the share of each
meter's messages that get through). ``PingLoop`` runs beside the storm's events: every
``every`` seconds it asks the engine which meters to ping, and the head-end answers each ping
with an ``ami_on``, after a delay, from a reporting meter that has power, at that meter's
delivery; a dark meter never answers. Its draws use a generator of their own, so the storm's
events are those of a run without pings. Off unless a benchmark asks for it.

>>> from powerdesk.engine.model.network import Network
>>> net = Network.from_rows([("S", "", "source"), ("T", "S", "transformer"),
...     ("C0", "T", "customer"), ("C1", "T", "customer")], ami=[-1, -1, 1, 1])
>>> supply = Supply(outages={1: [(100.0, 5000.0)]}, delivery=1.0)
>>> supply.powered(net, net.index["C0"], 50.0), supply.powered(net, net.index["C0"], 200.0)
(True, False)
>>> events = [{"t": 90.0, "type": "call", "customer": "C0"},
...           {"t": 6000.0, "type": "checkpoint", "id": "cp-1"}]
>>> loop = PingLoop(net, supply, lambda t: ["C1"] if t == 300.0 else [], every=300.0, seed=1)
>>> [(e["type"], e.get("customer")) for e in loop.run(events)]
[('call', 'C0'), ('checkpoint', None)]
>>> loop.sent, loop.answered  # (C1 was dark: no answer)
(1, 0)
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from powerdesk.engine.model.events import EventType
from powerdesk.engine.model.network import Network

__all__ = ["PingLoop", "Supply"]


@dataclass(frozen=True)
class Supply:
    """Who had power when: the open spans of each element (``outages``), and the share of a
    meter's messages that get through (by feeder: the top-most device above; by lightning
    zone; or one for all)."""

    outages: dict[int, list[tuple[float, float]]]
    delivery: float
    lightning_delivery: float | None = None
    feeder_delivery: dict[int, float] = field(default_factory=dict)

    def powered(self, network: Network, element: int, t: float) -> bool:
        """Whether ``element`` has power at ``t``: nothing at or above it is open."""
        node = element
        while node >= 0:
            for start, end in self.outages.get(node, ()):
                if start <= t < end:
                    return False
            node = int(network.parent[node])
        return True

    def delivery_of(self, network: Network, element: int) -> float:
        """The share of ``element``'s meter's messages that get through."""
        if self.feeder_delivery:
            root = element  # (the top-most device above: its feeder)
            while int(network.candidate_parent[root]) >= 0:
                root = int(network.candidate_parent[root])
            if root in self.feeder_delivery:
                return self.feeder_delivery[root]
        if self.lightning_delivery is not None and network.lightning_zone[element]:
            return self.lightning_delivery
        return self.delivery


class PingLoop:
    """The head-end beside a storm's events: see the module docstring. ``ask(t)`` names the
    customers whose meters to ping at ``t`` (the engine's ``pings``)."""

    def __init__(
        self,
        network: Network,
        supply: Supply,
        ask: Callable[[float], list[str]],
        *,
        every: float = 300.0,
        seed: int = 0,
        delay: tuple[float, float] = (5.0, 120.0),
    ) -> None:
        self.network, self.supply, self.ask = network, supply, ask
        self.every, self.delay = every, delay
        self.rng = random.Random(seed * 7_919 + 104_729)
        self.sent = 0
        self.answered = 0

    def run(self, events: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        """``events`` in time order with the head-end's answers among them; the pings are
        asked for as the stream reaches their times (consume it lazily, taking each event in
        before the next is drawn)."""
        pending: list[tuple[float, int, dict[str, Any]]] = []
        order = 0
        next_ping = self.every
        for event in events:
            t = event["t"]
            while True:
                if pending and pending[0][0] <= min(t, next_ping):
                    yield heapq.heappop(pending)[2]
                elif next_ping <= t:
                    for answer in self._answers(next_ping):
                        order += 1
                        heapq.heappush(pending, (answer["t"], order, answer))
                    next_ping += self.every
                else:
                    break
            yield event

    def _answers(self, t: float) -> list[dict[str, Any]]:
        network, index, rng = self.network, self.network.index, self.rng
        answers = []
        for customer in self.ask(t):
            self.sent += 1
            element = index[customer]
            when = round(t + rng.uniform(*self.delay), 3)
            delivered = rng.random() < self.supply.delivery_of(network, element)
            if (
                network.ami[element] == 1
                and delivered
                and self.supply.powered(network, element, when)
            ):
                self.answered += 1
                answers.append({"t": when, "type": EventType.AMI_ON, "customer": customer})
        return answers
