"""Outage inference: which devices are open, from calls, meter events, SCADA and crews.

Events are taken one at a time in O(depth) (a handful of protective devices above a customer):
each moves one customer between evidence categories and updates the counters of the devices
above it. The picture is worked out on demand from the counters of the devices that have any
evidence below them, by an exact dynamic programme over the tree: for each device, either it is
open (every customer below is out: the evidence below is scored against its prior) or the best
explanations of its children and of its own customers hold. Silence is scored too: a reporting
meter that sent nothing, or a customer who would probably have called by now, speaks against a
device being open. Devices that SCADA or a crew reported open are confirmed; a device SCADA shows
closed is never predicted open.

>>> from powerdesk.engine.network import Network
>>> net = Network.from_rows(
...     [("S", "", "source"), ("F", "S", "fuse"), ("T", "F", "transformer"),
...      ("T2", "F", "transformer")]
...     + [(f"C{i}", "T", "customer") for i in range(6)]
...     + [(f"D{i}", "T2", "customer") for i in range(6)])
>>> engine = OutageInference(net)
>>> for i in range(5):
...     engine.ingest(900.0 * (i + 1), "call", f"C{i}")
>>> [(o.device, o.status, o.customers) for o in engine.picture().outages]
[('T', 'predicted', 6)]
"""

from __future__ import annotations

import math
from array import array
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from powerdesk.engine.errors import EngineError
from powerdesk.engine.model import Params
from powerdesk.engine.network import CANDIDATE_KINDS, Network

__all__ = ["Outage", "OutageInference", "Picture", "UnknownElement"]

# Customer evidence categories.
SILENT, CALL, AMI_OFF, ON_AMI, ON_CALL, STALE, AFTER_RESTORE = range(7)
_CATEGORIES = 7
_OFF = (CALL, AMI_OFF)
_INF = math.inf


class UnknownElement(EngineError):
    """An event names an element that is not in the network (or of the wrong kind)."""


@dataclass(frozen=True)
class Outage:
    device: str
    status: str  # "predicted" or "confirmed"
    customers: int
    confidence: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "device": self.device,
            "status": self.status,
            "customers": self.customers,
            "confidence": round(self.confidence, 4),
        }


@dataclass
class Picture:
    t: float
    outages: list[Outage] = field(default_factory=list)
    customers_out: int = 0


class OutageInference:
    """The current picture of open devices for one network; see the module docstring."""

    def __init__(self, network: Network, params: Params | None = None) -> None:
        self.network = network
        self.params = params or Params()
        p = self.params
        n = len(network)
        customers = network.customer_count
        self._cparent = network.candidate_parent.tolist()
        self._customer_element = network.customer_element.tolist()
        self._customer_number = network.customer_number  # numpy, used rarely
        self._is_candidate = np.isin(network.kind, list(CANDIDATE_KINDS)).tolist()
        self._first = network.first_customer.tolist()
        self._endc = network.end_customer.tolist()
        # Per customer.
        ami = network.ami[network.customer_element]
        self._ami = bytearray((ami == 1).astype(np.uint8).tobytes())
        self._cat = bytearray(customers)
        self._off_t = array("d", bytes(8 * customers))
        # Per element: counters by (category, reporting meter), evidence totals, first sign.
        self._counts = [array("i", bytes(4 * n)) for _ in range(2 * _CATEGORIES)]
        self._evidence = array("i", bytes(4 * n))
        self._first_sign = array("d", [_INF]) * n
        self._epoch = array("d", [-_INF]) * n
        ami_cum = np.zeros(customers + 1, dtype=np.int64)
        np.cumsum(ami == 1, out=ami_cum[1:])
        self._ami_total = array("i", (ami_cum[network.end_customer] -
                                      ami_cum[network.first_customer]).astype(np.int32).tobytes())
        self._forced = bytearray(n)  # 0 free, 1 open (confirmed), 2 closed (SCADA)
        self._forced_open: set[int] = set()
        self._active: set[int] = set()
        self._offs: set[int] = set()  # customers with current off evidence
        self._prior = [
            p.prior_log_odds(int(k), bool(z), int(y)) if c else -_INF
            for k, z, y, c in zip(network.kind.tolist(), network.lightning_zone.tolist(),
                                  network.install_year.tolist(), self._is_candidate, strict=True)
        ]
        self._llr = (
            0.0, p.llr_call, p.llr_ami_off, p.llr_on, p.llr_on, p.stale_call,
            p.llr_after_restore_ami,
        )
        self._customer_prior = p.customer_prior_log_odds
        self.now = 0.0
        self.events = 0

    # -- taking events in ----------------------------------------------------------------
    def ingest(self, t: float, kind: str, target: str) -> None:
        """Take one event (the contract's types, without ``checkpoint``)."""
        self.now = t
        self.events += 1
        element = self.network.index.get(target)
        if element is None:
            raise UnknownElement(f"{target!r} is not an element of the network")
        if kind in ("call", "ami_off", "ami_on", "call_on"):
            number = int(self._customer_number[element])
            if number < 0:
                raise UnknownElement(f"{kind} names {target!r}, which is not a customer")
            self._customer_event(t, kind, number, element)
        elif kind in ("scada_open", "confirm_open"):
            self._set_forced(element, 1)
        elif kind == "scada_close":
            self._set_forced(element, 2)
            self._energised(element, t)
        elif kind == "restore":
            if self._forced[element] == 1:
                self._set_forced(element, 0)
            self._energised(element, t)
        else:
            raise EngineError(f"unknown event type {kind!r}")

    def _customer_event(self, t: float, kind: str, number: int, element: int) -> None:
        old = self._cat[number]
        ami = self._ami[number]
        if kind == "call":
            new = AMI_OFF if old == AMI_OFF else CALL
        elif kind == "ami_off":
            new = AMI_OFF
            if not ami:
                self._learn_meter(number, element)
                ami = 1
        elif kind == "ami_on":
            new = ON_AMI
            if not ami:
                self._learn_meter(number, element)
                ami = 1
        else:
            new = ON_CALL
        if new in _OFF:
            self._off_t[number] = t
            self._offs.add(number)
        else:
            self._offs.discard(number)
        old_ami = self._ami[number] if old != SILENT else ami
        self._move(element, old, new, ami, old_ami, t if new in _OFF else None)
        self._cat[number] = new

    def _learn_meter(self, number: int, element: int) -> None:
        """A customer's meter turned out to report: count it among the reporting meters."""
        cat = self._cat[number]
        self._ami[number] = 1
        node = self._cparent[element]
        counts = self._counts
        while node >= 0:
            self._ami_total[node] += 1
            if cat != SILENT:
                counts[2 * cat][node] -= 1
                counts[2 * cat + 1][node] += 1
            node = self._cparent[node]

    def _move(
        self, element: int, old: int, new: int, ami: int, old_ami: int, off_t: float | None
    ) -> None:
        if old == new and ami == old_ami and off_t is None:
            return
        counts, evidence, active = self._counts, self._evidence, self._active
        first_sign, cparent = self._first_sign, self._cparent
        old_key, new_key = 2 * old + old_ami, 2 * new + ami
        node = cparent[element]
        while node >= 0:
            if old != SILENT:
                counts[old_key][node] -= 1
            else:
                evidence[node] += 1
                if evidence[node] == 1:
                    active.add(node)
            counts[new_key][node] += 1
            if off_t is not None and off_t < first_sign[node]:
                first_sign[node] = off_t
            node = cparent[node]

    def _set_forced(self, element: int, state: int) -> None:
        if self._customer_number[element] >= 0:
            number = int(self._customer_number[element])
            if state == 1:
                self._forced_open.add(element)
                self._offs.add(number)
            else:
                self._forced_open.discard(element)
            self._forced[element] = state
            return
        self._forced[element] = state
        if state == 1:
            self._forced_open.add(element)
        else:
            self._forced_open.discard(element)

    def _energised(self, element: int, t: float) -> None:
        """Power came back below ``element``: earlier off-signals there are now stale."""
        net = self.network
        end = int(net.end[element])
        first, last = self._first[element], self._endc[element]
        np.frombuffer(self._epoch, dtype=np.float64)[element:end] = t
        np.frombuffer(self._first_sign, dtype=np.float64)[element:end] = _INF
        if self._customer_number[element] >= 0:  # a customer's own service was repaired
            number = int(self._customer_number[element])
            self._forced_open.discard(element)
            if self._cat[number] in _OFF:
                self._offs.discard(number)
                self._move(element, self._cat[number], STALE, self._ami[number],
                           self._ami[number], None)
                self._cat[number] = STALE
            return
        if last == first:
            return
        cats = np.frombuffer(self._cat, dtype=np.uint8)[first:last]
        ami = np.frombuffer(self._ami, dtype=np.uint8)[first:last]
        off_t = np.frombuffer(self._off_t, dtype=np.float64)[first:last]
        old_keys = cats.astype(np.int64) * 2 + ami
        was_off = ((cats == CALL) | (cats == AMI_OFF)) & (off_t <= t)
        cats[was_off] = STALE
        cats[(cats == SILENT) & (ami == 1)] = AFTER_RESTORE
        for number in (np.flatnonzero(was_off) + first).tolist():
            self._offs.discard(number)
        new_keys = cats.astype(np.int64) * 2 + ami
        # Recount every device in the subtree from the customers' categories.
        devices = np.arange(element, end)
        devices = devices[np.asarray(self._is_candidate[element:end], dtype=bool)]
        lo = net.first_customer[devices] - first
        hi = net.end_customer[devices] - first
        for key in range(2, 2 * _CATEGORIES):
            view = np.frombuffer(self._counts[key], dtype=np.int32)
            hits = np.zeros(last - first + 1, dtype=np.int64)
            np.cumsum(new_keys == key, out=hits[1:])
            view[devices] = hits[hi] - hits[lo]
        evidence_view = np.frombuffer(self._evidence, dtype=np.int32)
        nonsilent = np.zeros(last - first + 1, dtype=np.int64)
        np.cumsum(new_keys >= 2, out=nonsilent[1:])
        evidence_view[devices] = nonsilent[hi] - nonsilent[lo]
        for device, count in zip(devices.tolist(), (nonsilent[hi] - nonsilent[lo]).tolist(),
                                 strict=True):
            if count:
                self._active.add(device)
            else:
                self._active.discard(device)
        # Devices above: apply the subtree's change of totals.
        old_totals = np.bincount(old_keys, minlength=2 * _CATEGORIES)
        new_totals = np.bincount(new_keys, minlength=2 * _CATEGORIES)
        delta = (new_totals - old_totals).tolist()
        delta_evidence = int((new_keys >= 2).sum() - (old_keys >= 2).sum())
        node = self._cparent[element]
        while node >= 0:
            for key in range(2, 2 * _CATEGORIES):
                if delta[key]:
                    self._counts[key][node] += delta[key]
            if delta_evidence:
                self._evidence[node] += delta_evidence
                if self._evidence[node] > 0:
                    self._active.add(node)
                else:
                    self._active.discard(node)
            node = self._cparent[node]

    # -- the picture -----------------------------------------------------------------------
    def picture(self, now: float | None = None) -> Picture:
        """The devices believed open now, top-most first within each feeder."""
        now = self.now if now is None else now
        scores = self._solve(now)
        outages = self._extract(scores)
        return Picture(t=now, outages=outages, customers_out=self._count_out(outages))

    def _device_score(self, node: int, now: float) -> float:
        """Log-likelihood ratio of the evidence below ``node``, open against closed."""
        counts = self._counts
        params = self.params
        total = self._endc[node] - self._first[node]
        meters = self._ami_total[node]
        calls = counts[2 * CALL][node] + counts[2 * CALL + 1][node]
        meter_off = counts[2 * AMI_OFF + 1][node]
        evidenced = evidenced_metered = 0
        for cat in range(1, _CATEGORIES):
            evidenced += counts[2 * cat][node] + counts[2 * cat + 1][node]
            evidenced_metered += counts[2 * cat + 1][node]
        silent = total - evidenced
        silent_metered = meters - evidenced_metered
        first = self._first_sign[node]
        minutes = (now - first) / 60.0 if first < _INF else 0.0
        score = params.call_pattern_llr(calls, calls + silent, minutes)
        score += params.meter_pattern_llr(meter_off, meter_off + silent_metered)
        llr = self._llr
        on = (counts[2 * ON_AMI][node] + counts[2 * ON_AMI + 1][node]
              + counts[2 * ON_CALL][node] + counts[2 * ON_CALL + 1][node])
        score += on * llr[ON_AMI]
        score += counts[2 * STALE][node] * llr[STALE]
        after = counts[2 * STALE + 1][node]
        if now - self._epoch[node] >= params.restore_grace_minutes * 60:
            after += counts[2 * AFTER_RESTORE][node] + counts[2 * AFTER_RESTORE + 1][node]
        score += after * llr[AFTER_RESTORE]
        return score

    def _open_score(self, node: int, now: float) -> float:
        forced = self._forced[node]
        if forced == 1:
            return _INF
        if forced == 2:
            return -_INF
        return self._device_score(node, now) + self._prior[node]

    def _customer_score(self, number: int) -> float:
        element = self._customer_element[number]
        if self._forced[element] == 1:
            return _INF
        return self._llr[self._cat[number]] + self._customer_prior

    def _solve(self, now: float) -> dict[str, Any]:
        nodes = set(self._active)
        for element in self._forced_open:
            node = element
            while node >= 0:
                nodes.add(node)
                node = self._cparent[node]
        singles: dict[int, list[tuple[int, float]]] = {}
        single_sum: dict[int, float] = {}
        for number in self._offs:
            score = self._customer_score(number)
            if score > 0:
                element = self._customer_element[number]
                parent = self._cparent[element]
                singles.setdefault(parent, []).append((element, score))
                single_sum[parent] = single_sum.get(parent, 0.0) + score
                node = parent
                while node >= 0 and node not in nodes:
                    nodes.add(node)
                    node = self._cparent[node]
        child_sum: dict[int, float] = {}
        children: dict[int, list[int]] = {}
        open_scores: dict[int, float] = {}
        alt_scores: dict[int, float] = {}
        for node in sorted(nodes, reverse=True):
            if not self._is_candidate[node]:
                continue
            opened = self._open_score(node, now)
            alternative = child_sum.get(node, 0.0) + single_sum.get(node, 0.0)
            open_scores[node] = opened
            alt_scores[node] = alternative
            best = max(opened, alternative)
            parent = self._cparent[node]
            if parent >= 0 and best > 0:
                child_sum[parent] = child_sum.get(parent, 0.0) + best
                children.setdefault(parent, []).append(node)
        roots = [n for n in open_scores if self._cparent[n] < 0]
        return {"open": open_scores, "alt": alt_scores, "children": children,
                "singles": singles, "roots": sorted(roots)}

    def _extract(self, solved: dict[str, Any]) -> list[Outage]:
        open_scores, alt_scores = solved["open"], solved["alt"]
        children, singles = solved["children"], solved["singles"]
        ids = self.network.ids
        outages: list[Outage] = []
        emitted: set[int] = set()
        stack = list(reversed(solved["roots"]))
        while stack:
            node = stack.pop()
            opened, alternative = open_scores[node], alt_scores[node]
            if opened > 0 and opened >= alternative:
                status = "confirmed" if self._forced[node] == 1 else "predicted"
                margin = opened - alternative if alternative > 0 else opened
                outages.append(Outage(ids[node], status, self._endc[node] - self._first[node],
                                      _sigmoid(margin)))
                emitted.add(node)
                continue
            for element, score in sorted(singles.get(node, [])):
                status = "confirmed" if self._forced[element] == 1 else "predicted"
                outages.append(Outage(ids[element], status, 1, _sigmoid(score)))
                emitted.add(element)
            stack.extend(sorted(children.get(node, []), reverse=True))
        for element in sorted(self._forced_open - emitted):
            outages.append(Outage(ids[element], "confirmed",
                                  max(1, self._endc[element] - self._first[element]), 1.0))
        return outages

    def _count_out(self, outages: list[Outage]) -> int:
        ranges = sorted(
            (self._first[e], max(self._endc[e], self._first[e] + 1) if self._customer_number[e] >= 0
             else self._endc[e])
            for e in (self.network.index[o.device] for o in outages)
        )
        total, reach = 0, -1
        for start, stop in ranges:
            if stop <= reach:
                continue
            total += stop - max(start, reach)
            reach = stop
        return total

    # -- explanations --------------------------------------------------------------------
    def explain(self, element_id: str, now: float | None = None) -> dict[str, Any]:
        """The evidence behind the belief about one device, for people to read."""
        now = self.now if now is None else now
        node = self.network.index.get(element_id)
        if node is None:
            raise UnknownElement(f"{element_id!r} is not an element of the network")
        net = self.network
        counts = {name: self._counts[2 * cat][node] + self._counts[2 * cat + 1][node]
                  for name, cat in (("calls", CALL), ("meter_off", AMI_OFF),
                                    ("meter_on", ON_AMI), ("said_on", ON_CALL),
                                    ("stale", STALE), ("silent_after_restore", AFTER_RESTORE))}
        return {
            "device": element_id,
            "kind": net.kind_name(node),
            "customers": self._endc[node] - self._first[node],
            "reporting_meters": self._ami_total[node],
            **counts,
            "lightning_zone": bool(net.lightning_zone[node]),
            "install_year": int(net.install_year[node]) or None,
            "prior_log_odds": self._prior[node],
            "evidence_log_ratio": self._device_score(node, now),
            "forced": ("open", "closed")[self._forced[node] - 1] if self._forced[node] else None,
        }


def _sigmoid(x: float) -> float:
    if x == _INF:
        return 1.0
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)
