"""Baselines the engine is measured against, all with the engine's interface.

- ``RollupBaseline``: the trouble-call roll-up of mainstream outage management systems. Calls
  (and smart-meter last gasps, which such systems take as calls) are grouped under their
  transformer; a transformer with ``calls_per_transformer`` or more calls is predicted out, a
  single call is the customer's own problem; then, level by level, a protective device with
  ``children_to_roll_up`` or more predicted children (devices or single customers below it) is
  predicted instead of them. SCADA and crew reports are taken as facts; a restore clears the
  calls below it; "power is on" from a customer clears their call.
- ``NaiveBaseline``: every caller is an outage of their own until they say power is on or a
  restore above them.
- ``OracleBaseline``: the truth file's open devices that have shown a sign; the ceiling.
"""

from __future__ import annotations

from typing import Any

from powerdesk.engine.model.network import CANDIDATE_KINDS, KIND_CODES, Network

TRANSFORMER = KIND_CODES["transformer"]


class RollupBaseline:
    name = "classic roll-up"

    def __init__(
        self, network: Network, calls_per_transformer: int = 2, children_to_roll_up: int = 2
    ) -> None:
        self.network = network
        self.calls: dict[int, float] = {}  # customer element -> time of the call
        self.forced_open: set[int] = set()
        self.forced_closed: set[int] = set()
        self.calls_per_transformer = calls_per_transformer
        self.children_to_roll_up = children_to_roll_up
        self.cparent = network.candidate_parent.tolist()
        self.candidate = [int(k) in CANDIDATE_KINDS for k in network.kind.tolist()]

    def ingest(self, t: float, kind: str, target: str) -> None:
        element = self.network.index[target]
        if kind in ("call", "ami_off"):
            self.calls[element] = t
        elif kind in ("ami_on", "call_on"):
            self.calls.pop(element, None)
        elif kind in ("scada_open", "confirm_open"):
            self.forced_open.add(element)
            self.forced_closed.discard(element)
        elif kind in ("restore", "scada_close"):
            self.forced_open.discard(element)
            if kind == "scada_close":
                self.forced_closed.add(element)
            end = int(self.network.end[element])
            for customer in [
                c for c, when in self.calls.items() if element <= c < end and when <= t
            ]:
                del self.calls[customer]

    def picture(self, now: float) -> list[tuple[str, int]]:
        net = self.network
        by_device: dict[int, set[int]] = {}
        for customer in self.calls:
            by_device.setdefault(self.cparent[customer], set()).add(customer)
        predicted: set[int] = set(self.forced_open)
        for device, customers in by_device.items():
            if (
                int(net.kind[device]) == TRANSFORMER
                and len(customers) >= self.calls_per_transformer
            ):
                predicted.add(device)
            else:
                predicted.update(customers)
        changed = True
        while changed:
            changed = False
            children: dict[int, set[int]] = {}
            for element in predicted:
                parent = self.cparent[element]
                if parent >= 0:
                    children.setdefault(parent, set()).add(element)
            for device, below in children.items():
                if (
                    len(below) >= self.children_to_roll_up
                    and device not in predicted
                    and device not in self.forced_closed
                ):
                    predicted -= {e for e in below if e not in self.forced_open}
                    predicted.add(device)
                    changed = True
        return _outages(net, predicted)


class NaiveBaseline:
    name = "naive (each call)"

    def __init__(self, network: Network) -> None:
        self.network = network
        self.calls: dict[int, float] = {}

    def ingest(self, t: float, kind: str, target: str) -> None:
        element = self.network.index[target]
        if kind == "call":
            self.calls[element] = t
        elif kind in ("ami_on", "call_on"):
            self.calls.pop(element, None)
        elif kind in ("restore", "scada_close"):
            end = int(self.network.end[element])
            for customer in [c for c in self.calls if element <= c < end]:
                del self.calls[customer]

    def picture(self, now: float) -> list[tuple[str, int]]:
        return _outages(self.network, set(self.calls))


class OracleBaseline:
    name = "informed oracle"

    def __init__(self, network: Network, truth: dict[str, Any]) -> None:
        self.network = network
        self.by_time = {round(cp["t"], 3): cp for cp in truth["checkpoints"]}

    def ingest(self, t: float, kind: str, target: str) -> None:
        pass

    def picture(self, now: float) -> list[tuple[str, int]]:
        return _outages(self.network, self.signed(now))

    def signed(self, now: float) -> set[int]:
        """The truth's open devices at the checkpoint ``now`` that have shown a sign."""
        checkpoint = self.by_time.get(round(now, 3))
        if checkpoint is None:
            return set()
        return {self.network.index[o["device"]] for o in checkpoint["open"] if o["signed"]}


class OutOracle(OracleBaseline):
    """Knows exactly which customers are out (the truth's signed outages) but, like any method
    that sees only customers, must name the device: among the devices that serve exactly the
    same customers (a branch fuse and the single transformer below it, say) it names the one
    with the highest prior, as the engine would. Its F1 is the ceiling for such methods."""

    name = "who-is-out oracle"

    def __init__(self, network: Network, truth: dict[str, Any]) -> None:
        from powerdesk.engine.model.params import Params

        super().__init__(network, truth)
        params = Params()
        self.prior = [
            params.prior_log_odds(int(k), bool(z), int(y))
            for k, z, y in zip(
                network.kind.tolist(),
                network.lightning_zone.tolist(),
                network.install_year.tolist(),
                strict=True,
            )
        ]

    def picture(self, now: float) -> list[tuple[str, int]]:
        net = self.network
        named = set()
        for element in self.signed(now):
            if net.customer_number[element] >= 0:
                named.add(element)
                continue
            same = [element]
            parent = int(net.parent[element])
            while parent >= 0 and (
                net.first_customer[parent] == net.first_customer[element]
                and net.end_customer[parent] == net.end_customer[element]
            ):
                same.append(parent)
                parent = int(net.parent[parent])
            # ... and below: a device whose only child chain carries all the same customers.
            child = element + 1
            while child < net.end[element] and (
                net.customer_number[child] < 0
                and net.first_customer[child] == net.first_customer[element]
                and net.end_customer[child] == net.end_customer[element]
            ):
                same.append(child)
                child += 1
            named.add(max(same, key=lambda e: self.prior[e]))
        return _outages(net, named)


def _outages(network: Network, elements: set[int]) -> list[tuple[str, int]]:
    result = []
    for element in sorted(elements):
        customers = 1 if network.customer_number[element] >= 0 else network.customers_below(element)
        result.append((network.ids[element], customers))
    return result
