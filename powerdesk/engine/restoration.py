"""What happens after power comes back above some customers: the watch, then the settling.

When a device is restored (or SCADA shows it closed), the off-signals below it go stale (not
those from before SCADA saw it open: they were about something else below) and the reporting
meters below are watched for a while. Meters that report power back clear their area; where
they stay silent, or calls go on, an outage below the restored device is kept. When the watch
is over, the area is settled: what the evidence still points to stays, the rest is taken as
on. A restore below a device still reported open waits for that device's restore: power has
not really come back. ``OutageInference`` takes this part from ``Restoration``.
"""

from __future__ import annotations

import math
from collections import deque
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from powerdesk.engine.evidence import (
    AFTER_RESTORE,
    AMI_OFF,
    CALL,
    INF,
    OFF,
    ON,
    SILENT,
    STALE,
    EvidenceState,
    counter,
)
from powerdesk.engine.picture import FORCED_OPEN

if TYPE_CHECKING:
    from powerdesk.engine.model import Params
    from powerdesk.engine.network import Network
    from powerdesk.engine.solution import Solution


class Restoration:
    """The restore-watch-settle part of the inference (a mixin of ``OutageInference``)."""

    network: Network
    params: Params
    state: EvidenceState
    _customer_number: list[int]
    _restored_at: dict[int, float]
    _opened_at: dict[int, float]
    _forced: bytearray
    _settling: deque[tuple[float, int]]
    _expiries: deque[tuple[float, int]]
    _grace: float
    _on_memory: float
    _llr: list[float]
    _prior_array: npt.NDArray[np.float64]

    if TYPE_CHECKING:

        def _solve(
            self,
            now: float,
            within: int | None = None,
            nodes: set[int] | None = None,
            closed_since: float | None = None,
        ) -> Solution: ...

        def _extract(self, solved: Solution) -> list[Any]: ...

    def _energised(self, element: int, t: float) -> None:
        """Power came back below ``element``: earlier off-signals there are now stale."""
        state = self.state
        self._restored_at[element] = t
        number = self._customer_number[element]
        if number >= 0:  # a customer's own service was repaired
            if state.category[number] in OFF:
                state.set_category(number, STALE, state.signal_t[number])
            self._settling.append((t + self._grace, element))
            return

        opened = self._opened_at.pop(element, -INF)  # known when SCADA saw it open
        # Below a device still known to be open, power has not really come back: nothing to
        # watch yet; the restore of that device will watch the whole area.
        dark = self._open_above(element)

        def stale(
            categories: npt.NDArray[np.uint8],
            metered: npt.NDArray[np.uint8],
            signal_t: npt.NDArray[np.float64],
        ) -> None:
            # Signs from before the device opened were about something else below it.
            was_off = (
                ((categories == CALL) | (categories == AMI_OFF))
                & (signal_t <= t)
                & (signal_t >= opened)
            )
            categories[was_off] = STALE
            if not dark:
                categories[(categories == SILENT) & (metered == 1)] = AFTER_RESTORE

        state.set_epoch(element, t)
        state.recategorise_subtree(element, stale)
        if not dark:
            self._settling.append((t + self._grace, element))

    def _open_above(self, element: int) -> bool:
        """Whether SCADA or a crew has reported a device above ``element`` open."""
        cparent, forced = self.state.cparent, self._forced
        node = cparent[element]
        while node >= 0:
            if forced[node] == FORCED_OPEN:
                return True
            node = cparent[node]
        return False

    def _catch_up(self, now: float) -> None:
        """Settle areas restored a while ago, then let reports of power being on fade."""
        while self._settling and self._settling[0][0] <= now:
            when, element = self._settling.popleft()
            self._expire(when)
            self._settle(element, when)
        self._expire(now)

    def _expire(self, now: float) -> None:
        state = self.state
        while self._expiries and self._expiries[0][0] <= now:
            deadline, number = self._expiries.popleft()
            if (
                state.category[number] in ON
                and state.signal_t[number] + self._on_memory <= deadline
            ):
                state.set_category(number, SILENT, deadline)

    def _settle(self, element: int, now: float) -> None:
        """Decide what a restored area's watch showed: outages below it stay, the rest is on."""
        state = self.state
        number = self._customer_number[element]
        if number >= 0:
            if state.category[number] in (STALE, AFTER_RESTORE):
                state.set_category(number, SILENT, now)
            return
        if self._open_above(element):
            return  # dark again from above: that device's restore will settle the area
        net = self.network
        nodes = self._unsettled_candidates(element, now)
        inside: list[int] = []
        if nodes:
            # Devices restored since power came back here are closed too.
            solved = self._solve(
                now, within=element, nodes=nodes, closed_since=self._restored_at.get(element, -INF)
            )
            inside = [net.index[o.device] for o in self._extract(solved)]
            end = int(net.end[element])
            inside = [e for e in inside if element < e < end]
        first = state.first[element]
        ranges = [
            (int(net.first_customer[e]) - first, int(net.end_customer[e]) - first)
            if self._customer_number[e] < 0
            else (self._customer_number[e] - first, self._customer_number[e] - first + 1)
            for e in inside
        ]

        def settle(
            categories: npt.NDArray[np.uint8],
            metered: npt.NDArray[np.uint8],
            signal_t: npt.NDArray[np.float64],
        ) -> None:
            keep = np.zeros(len(categories), dtype=bool)
            for lo, hi in ranges:
                keep[lo:hi] = True
            stale = categories == STALE
            categories[stale & keep & (metered == 1)] = AMI_OFF
            categories[stale & keep & (metered == 0)] = CALL
            categories[(stale | (categories == AFTER_RESTORE)) & ~keep] = SILENT
            categories[(categories == AFTER_RESTORE) & keep] = SILENT

        state.recategorise_subtree(element, settle)

    def _unsettled_candidates(self, element: int, now: float) -> set[int]:
        """Devices below a restored ``element`` that may still be open.

        Only devices with customers still awaiting the settling can change its outcome, and of
        those only the ones whose evidence could outweigh their prior: a bound on the score,
        computed for the whole subtree at once, rules out the rest without scoring them.
        """
        state = self.state
        end = int(self.network.end[element])
        devices = np.arange(element, end)[state.candidate_mask[element:end]]

        def count(category: int, metered: int | None = None) -> npt.NDArray[np.int64]:
            keys = (
                [counter(category, 0), counter(category, 1)]
                if metered is None
                else [counter(category, metered)]
            )
            return sum(
                np.frombuffer(state.counts[k], dtype=np.int32)[devices].astype(np.int64)
                for k in keys
            )  # type: ignore[return-value]

        unsettled = count(STALE) + count(AFTER_RESTORE)
        llr = self._llr
        # (Reports of power being on are left out: made before an outage began, they do not
        # count against it.)
        bound = (
            count(CALL) * -math.log(self.params.false_call)
            + count(AMI_OFF) * -math.log(self.params.false_ami_off)
            + (count(STALE, 1) + count(AFTER_RESTORE)) * max(0.0, llr[AFTER_RESTORE])
            + count(STALE, 0) * max(0.0, llr[STALE])
            + self._prior_array[devices]
        )
        return set(devices[(unsettled > 0) & (bound > 0)].tolist())
