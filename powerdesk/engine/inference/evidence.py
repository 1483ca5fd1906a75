"""What is known about each customer's supply, and its totals for every device above.

Each customer is in one evidence category at a time (silent, called, meter off, reported on,
stale after a restore, ...). Every device keeps, per category, how many customers below it are
in it, split by whether their meter reports. A customer's event moves it between categories and
updates the few devices above it; a restore re-categorises a whole subtree at once, with numpy,
over the customers' contiguous pre-order range.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from powerdesk.engine.model.network import CANDIDATE_KINDS, Network

__all__ = ["CATEGORY_NAMES", "EvidenceState", "counter", "counter_category", "counter_metered"]

# Evidence categories. SILENT is not counted: it is what is left of a device's customers.
SILENT = 0
CALL = 1  # called about no power
AMI_OFF = 2  # the meter sent a last gasp
ON_AMI = 3  # the meter said power is on (recently)
ON_CALL = 4  # the customer said power is on (recently)
STALE = 5  # was off before power came back above; not yet settled
AFTER_RESTORE = 6  # a reporting meter silent since power came back above; not yet settled
UNHEARD = 7  # a reporting meter that stayed silent through the watch after power came back:
# whether it has power is unknown, so it is no evidence (not counted in ``evidence``) and its
# silence is not taken for "no last gasp" until it speaks again
CATEGORIES = 8
OFF = (CALL, AMI_OFF)
QUIET = (SILENT, UNHEARD)  # not evidence
ON = (ON_AMI, ON_CALL)
CATEGORY_NAMES = {
    CALL: "calls",
    AMI_OFF: "meter_off",
    ON_AMI: "meter_on",
    ON_CALL: "said_on",
    STALE: "stale",
    AFTER_RESTORE: "silent_after_restore",
    UNHEARD: "unheard_since_restore",
}
INF = math.inf
_FEW = 48  # a subtree change this small is applied customer by customer
_SMALL = 160  # a subtree with this few customers is recounted in plain Python

Recategorise = Callable[
    [npt.NDArray[np.uint8], npt.NDArray[np.uint8], npt.NDArray[np.float64]], None
]


def counter[Key: (int, npt.NDArray[np.int64])](category: Key, metered: Key | int) -> Key:
    """The counter a customer in ``category`` counts in: each device keeps one per category
    and per whether the customer's meter reports (``metered`` 1 or 0). Integers or arrays.

    >>> counter(CALL, 1), counter_category(3), counter_metered(3)
    (3, 1, 1)
    """
    return 2 * category + metered  # type: ignore[return-value]


COUNTERS = counter(CATEGORIES - 1, 1) + 1  # every category, metered or not
# The counters of customers who are evidence: from a call's to before the unheard's.
EVIDENCED = range(counter(CALL, 0), counter(UNHEARD, 0))


def counter_category[Key: (int, npt.NDArray[np.int64])](key: Key) -> Key:
    """The category a ``counter`` counts.

    >>> counter_category(counter(AMI_OFF, 0)) == AMI_OFF
    True
    """
    return key // 2  # type: ignore[return-value]


def counter_metered[Key: (int, npt.NDArray[np.int64])](key: Key) -> Key:
    """Whether a ``counter`` counts customers whose meter reports (1) or not (0).

    >>> counter_metered(counter(AMI_OFF, 1))
    1
    """
    return key % 2  # type: ignore[return-value]


class EvidenceState:
    """Customers' categories and the per-device counters; see the module docstring."""

    def __init__(self, network: Network) -> None:
        self.network = network
        n = len(network)
        customers = network.customer_count
        self.cparent: list[int] = network.candidate_parent.tolist()
        self.customer_element: list[int] = network.customer_element.tolist()
        self.candidate_mask = np.isin(network.kind, list(CANDIDATE_KINDS))
        self.is_candidate: list[bool] = self.candidate_mask.tolist()
        self.first: list[int] = network.first_customer.tolist()
        self.endc: list[int] = network.end_customer.tolist()
        ami = network.ami[network.customer_element] == 1
        self.metered = bytearray(ami.astype(np.uint8).tobytes())
        self.category = bytearray(customers)
        self.signal_t = array("d", bytes(8 * customers))  # time of the latest signal
        self.counts = [array("i", bytes(4 * n)) for _ in range(COUNTERS)]
        self.evidence = array("i", bytes(4 * n))  # customers below not silent
        self.first_sign = array("d", [INF]) * n  # earliest current off-signal below
        self.epoch = array("d", [-INF]) * n  # latest time power came back at or above
        cumulative = np.zeros(customers + 1, dtype=np.int64)
        np.cumsum(ami, out=cumulative[1:])
        self.meters = array(
            "i",
            (cumulative[network.end_customer] - cumulative[network.first_customer])
            .astype(np.int32)
            .tobytes(),
        )
        self.active: set[int] = set()  # devices with any evidence below
        self.offs: set[int] = set()  # customers with current off-signals

    # -- one customer ------------------------------------------------------------------------
    def set_category(self, number: int, new: int, t: float, metered: bool | None = None) -> int:
        """Move customer ``number`` to ``new`` at time ``t``; returns the old category."""
        old = self.category[number]
        old_metered = self.metered[number]
        element = self.customer_element[number]
        if metered and not old_metered:
            self._learn_meter(element)
            self.metered[number] = 1
        is_metered = self.metered[number]
        if new in OFF:
            self.offs.add(number)
        else:
            self.offs.discard(number)
        self.signal_t[number] = t
        self.category[number] = new
        if old == new and old_metered == is_metered and new not in OFF:
            return old
        self._move(element, old, new, is_metered, t if new in OFF else None)
        return old

    def _learn_meter(self, element: int) -> None:
        """A meter turned out to report: count it among the reporting meters above."""
        number = self.network.customer_number[element]
        category = self.category[number]
        node = self.cparent[element]
        while node >= 0:
            self.meters[node] += 1
            if category != SILENT:
                self.counts[counter(category, 0)][node] -= 1
                self.counts[counter(category, 1)][node] += 1
            node = self.cparent[node]

    def _move(self, element: int, old: int, new: int, metered: int, off_t: float | None) -> None:
        """Move one customer's count from category ``old`` to ``new`` in every device above
        (the hottest path of the engine: one loop per case)."""
        cparent = self.cparent
        node = cparent[element]
        if old == new:  # a repeated off-signal: only the first signs can change
            if off_t is not None:
                first_sign = self.first_sign
                while node >= 0:
                    if off_t < first_sign[node]:
                        first_sign[node] = off_t
                    node = cparent[node]
            return
        counts, evidence, active = self.counts, self.evidence, self.active
        first_sign = self.first_sign
        if old == UNHEARD or new == UNHEARD:  # (rare: a meter unheard since a restore)
            self._move_quiet(node, old, new, metered, off_t)
        elif old == SILENT:  # new evidence
            added = counts[counter(new, metered)]
            while node >= 0:
                added[node] += 1
                evidence[node] += 1
                if evidence[node] == 1:
                    active.add(node)
                if off_t is not None and off_t < first_sign[node]:
                    first_sign[node] = off_t
                node = cparent[node]
        elif new == SILENT:  # evidence fades
            removed = counts[counter(old, metered)]
            while node >= 0:
                removed[node] -= 1
                evidence[node] -= 1
                if evidence[node] == 0:
                    active.discard(node)
                node = cparent[node]
        else:
            removed, added = counts[counter(old, metered)], counts[counter(new, metered)]
            while node >= 0:
                removed[node] -= 1
                added[node] += 1
                if off_t is not None and off_t < first_sign[node]:
                    first_sign[node] = off_t
                node = cparent[node]

    def _move_quiet(self, node: int, old: int, new: int, metered: int, off_t: float | None) -> None:
        """``_move`` from or to a category that is no evidence but still counted (UNHEARD)."""
        counts, evidence, active = self.counts, self.evidence, self.active
        first_sign, cparent = self.first_sign, self.cparent
        removed = counts[counter(old, metered)] if old != SILENT else None
        added = counts[counter(new, metered)] if new != SILENT else None
        change = (new not in QUIET) - (old not in QUIET)
        while node >= 0:
            if removed is not None:
                removed[node] -= 1
            if added is not None:
                added[node] += 1
            if change:
                evidence[node] += change
                if evidence[node] == 0:
                    active.discard(node)
                elif evidence[node] == change == 1:
                    active.add(node)
            if off_t is not None and off_t < first_sign[node]:
                first_sign[node] = off_t
            node = cparent[node]

    # -- a whole subtree -------------------------------------------------------------------
    def recategorise_subtree(self, element: int, change: Recategorise) -> None:
        """Let ``change(categories, metered, signal_t)`` rewrite the categories of every
        customer below ``element`` in place, then recount every device in and above it."""
        network = self.network
        first, last = self.first[element], self.endc[element]
        if last == first:
            return
        categories = np.frombuffer(self.category, dtype=np.uint8)[first:last]
        metered = np.frombuffer(self.metered, dtype=np.uint8)[first:last]
        signal_t = np.frombuffer(self.signal_t, dtype=np.float64)[first:last]
        if last - first <= _SMALL:
            before = bytes(self.category[first:last])
            change(categories, metered, signal_t)
            self._recount_small(element, first, before)
            return
        old_keys = counter(categories.astype(np.int64), metered.astype(np.int64))
        change(categories, metered, signal_t)
        new_keys = counter(categories.astype(np.int64), metered.astype(np.int64))
        old_off = np.isin(counter_category(old_keys), OFF)
        new_off = np.isin(counter_category(new_keys), OFF)
        self.offs.difference_update((np.flatnonzero(old_off & ~new_off) + first).tolist())
        self.offs.update((np.flatnonzero(new_off & ~old_off) + first).tolist())
        end = int(network.end[element])
        devices = np.arange(element, end)[self.candidate_mask[element:end]]
        lo = network.first_customer[devices] - first
        hi = network.end_customer[devices] - first
        changed = np.flatnonzero(old_keys != new_keys)
        if len(changed) <= _FEW:
            # Few customers changed: walk their paths rather than recount the whole subtree.
            elements = self.customer_element
            for i in changed.tolist():
                old, new = int(old_keys[i]), int(new_keys[i])  # metered is unchanged
                self._move(
                    elements[first + i],
                    counter_category(old),
                    counter_category(new),
                    counter_metered(old),
                    None,
                )
            self._refresh_first_sign(element, devices, lo, hi, new_keys)
            return
        hits = np.zeros(last - first + 1, dtype=np.int64)
        old_bins = np.bincount(old_keys, minlength=COUNTERS)
        new_bins = np.bincount(new_keys, minlength=COUNTERS)
        for key in range(counter(SILENT + 1, 0), COUNTERS):
            # A key no customer below had or has leaves every device's count of it at zero.
            if old_bins[key] or new_bins[key]:
                np.cumsum(new_keys == key, out=hits[1:])
                np.frombuffer(self.counts[key], dtype=np.int32)[devices] = hits[hi] - hits[lo]
        np.cumsum(_evidenced(new_keys), out=hits[1:])
        totals = hits[hi] - hits[lo]
        np.frombuffer(self.evidence, dtype=np.int32)[devices] = totals
        self.active.update(devices[totals > 0].tolist())
        self.active.difference_update(devices[totals == 0].tolist())
        self._refresh_first_sign(element, devices, lo, hi, new_keys)
        # The devices above see the subtree's change of totals.
        delta = (new_bins - old_bins).tolist()
        delta_evidence = int(_evidenced(new_keys).sum() - _evidenced(old_keys).sum())
        node = self.cparent[element]
        while node >= 0:
            for key in range(counter(SILENT + 1, 0), COUNTERS):
                if delta[key]:
                    self.counts[key][node] += delta[key]
            if delta_evidence:
                self.evidence[node] += delta_evidence
                if self.evidence[node] > 0:
                    self.active.add(node)
                else:
                    self.active.discard(node)
            node = self.cparent[node]

    def _recount_small(self, element: int, first: int, before: bytes) -> None:
        """``recategorise_subtree`` for a small subtree, in plain Python (numpy's overhead
        would outweigh the work): move the changed customers, then refresh the first signs."""
        after = self.category[first : first + len(before)]
        elements, metered, offs = self.customer_element, self.metered, self.offs
        off_times: list[tuple[int, float]] = []
        signal_t = self.signal_t
        for i, (old, new) in enumerate(zip(before, after, strict=True)):
            number = first + i
            if new in OFF:
                off_times.append((number, signal_t[number]))
            if old != new:
                if new in OFF:
                    offs.add(number)
                elif old in OFF:
                    offs.discard(number)
                self._move(elements[number], old, new, metered[number], None)
        first_sign, is_candidate = self.first_sign, self.is_candidate
        firsts, ends = self.first, self.endc
        for device in range(element, int(self.network.end[element])):
            if is_candidate[device]:
                lo, hi = firsts[device], ends[device]
                first_sign[device] = min((t for n, t in off_times if lo <= n < hi), default=INF)

    def _refresh_first_sign(
        self,
        element: int,
        devices: npt.NDArray[np.int64],
        lo: npt.NDArray[np.integer],
        hi: npt.NDArray[np.integer],
        keys: npt.NDArray[np.int64],
    ) -> None:
        """After a subtree's change, each device's first sign is its earliest off-signal left."""
        first = self.first[element]
        off = np.flatnonzero(np.isin(counter_category(keys), OFF))
        first_sign = np.frombuffer(self.first_sign, dtype=np.float64)
        if not len(off):
            first_sign[devices] = INF
            return
        times = np.append(np.frombuffer(self.signal_t, dtype=np.float64)[first + off], INF)
        start = np.searchsorted(off, lo)
        stop = np.searchsorted(off, hi)
        bounds = np.empty(2 * len(devices), dtype=np.int64)
        bounds[0::2], bounds[1::2] = start, stop
        earliest = np.minimum.reduceat(times, bounds)[0::2]
        first_sign[devices] = np.where(stop > start, earliest, INF)

    def set_epoch(self, element: int, t: float) -> None:
        end = int(self.network.end[element])
        np.frombuffer(self.epoch, dtype=np.float64)[element:end] = t
        np.frombuffer(self.first_sign, dtype=np.float64)[element:end] = INF

    # -- reading -----------------------------------------------------------------------------
    def count(self, node: int, category: int) -> int:
        """How many customers below ``node`` are in ``category``, metered or not.

        >>> from powerdesk.engine.inference.examples import four_customers
        >>> st = four_customers(calls=3)  # S ─ T ─ C0..C3; C0, C1, C2 called
        >>> st.evidence.count(st.network.index["S"], CALL)
        3
        """
        return self.counts[counter(category, 0)][node] + self.counts[counter(category, 1)][node]


def _evidenced(keys: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """Which ``counter`` keys count customers who are evidence (not silent, not unheard)."""
    return (keys >= EVIDENCED.start) & (keys < EVIDENCED.stop)
