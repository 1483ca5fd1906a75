"""Evidence after a restore above about an outage below that is left over from before it.

When power comes back above a device, the device may have stayed open: a fuse that blew before
the breaker above tripped, or while it was out. Its customers stay dark while their neighbours'
power comes back, and some of them call again; their meters, never re-energised, send no
power-on message. Where it closed with the rest, its customers' meters say power is back and
nobody calls. So a device whose every off-signal below was made before power last came back
above it (``EvidenceState.epoch``) is weighed, open against closed, by what came since:

- *decay*: none of its customers has signalled since (no call, no last gasp). Were it still
  open, each would have called again at the storm's call share, by its call delay
  (``Params.call_pattern_llr`` for no call of all its customers over the time since); closed,
  nobody would. The longer the silence, the less likely a leftover outage.
- *cleared*: meters below that said power is on since (a power-on message, faded from the
  evidence or not) are each as unlikely from a device still open as a report of power on
  against any outage (``Params.llr_on``); those still counted in the evidence are not counted
  twice.

Both are 0 where the hypothesis does not apply: nothing restored above since the device's own
last restore, or the restore above brought no power back (``dark``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from powerdesk.engine.inference.evidence import AMI_OFF, CALL, INF, ON_AMI, counter

if TYPE_CHECKING:
    from powerdesk.engine.inference.state import InferenceState

__all__ = ["leftover_terms"]

_CALLS = (counter(CALL, 0), counter(CALL, 1))
_GASPS = counter(AMI_OFF, 1)
_ON_METERED = counter(ON_AMI, 1)


def leftover_terms(st: InferenceState, node: int, now: float) -> tuple[float, float]:
    """``node``'s (decay, cleared) log-ratios, open against closed, when all its off-signals
    below came before power last came back above it; (0.0, 0.0) otherwise, or where
    ``Params.leftover_decay`` and ``Params.leftover_cleared`` are 0 (each weighs its term).

    >>> from dataclasses import replace
    >>> from powerdesk.engine.inference.examples import four_customers
    >>> from powerdesk.engine.inference.restoration import energised
    >>> st = four_customers(calls=2)  # S ─ T ─ C0..C3; C0, C1 called at 600, 1200 s
    >>> st.params = replace(st.params, leftover_decay=1.0, leftover_cleared=1.0)
    >>> T, S = st.network.index["T"], st.network.index["S"]
    >>> leftover_terms(st, T, 2400.0)  # nothing restored above T
    (0.0, 0.0)
    >>> energised(st, S, 3000.0)
    >>> for number, t in ((0, 600.0), (1, 1200.0)):  # (kept: older than S's outage)
    ...     _ = st.evidence.set_category(number, CALL, t)
    >>> decay, cleared = leftover_terms(st, T, 3000.0 + 7200.0)
    >>> decay < 0.0, cleared  # two hours and no call again: a leftover grows unlikely
    (True, 0.0)
    """
    params = st.params
    if not (params.leftover_decay or params.leftover_cleared):
        return 0.0, 0.0
    state = st.evidence
    epoch = state.epoch[node]
    if epoch == -INF or epoch > now or st.restored_at.get(node, -INF) >= epoch:
        return 0.0, 0.0
    counts = state.counts
    signs = sum(counts[k][node] for k in _CALLS) + counts[_GASPS][node]
    if not signs:
        return 0.0, 0.0  # (nothing left over to weigh)
    if st.dark:
        above = state.cparent[node]
        while above >= 0:
            if st.dark.get(above) == epoch:
                return 0.0, 0.0  # (power never came back: the signs are the outage above's)
            above = state.cparent[above]
    first, last = state.first[node], state.endc[node]
    categories = np.frombuffer(state.category, dtype=np.uint8)[first:last]
    signal_t = np.frombuffer(state.signal_t, dtype=np.float64)[first:last]
    off = (categories == CALL) | (categories == AMI_OFF)
    if bool((off & (signal_t >= epoch)).any()):
        return 0.0, 0.0  # a sign since: fresh evidence, weighed as any
    decay = 0.0
    if params.leftover_decay:
        minutes = (now - epoch) / 60.0
        decay = params.leftover_decay * params.call_pattern_llr(0, int(last - first), minutes)
    cleared = 0.0
    if params.leftover_cleared:
        lit = int(np.count_nonzero(st.meter_seen[first:last] >= epoch))
        lit -= counts[_ON_METERED][node]  # (still in its evidence)
        if lit > 0:
            cleared = params.leftover_cleared * lit * st.llr[ON_AMI]
    return decay, cleared
