"""What power coming back left behind, as ``scoring`` weighs it: the lanes of meters left
unheard by the watch after a restore, and the reports of power being on made before a time.

Both are built once a solve (``InferenceState.lanes``, ``InferenceState.on_reports``) and read
per device in O(1) (a prefix sum over the pre-order) or by bisection.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from powerdesk.engine.inference.evidence import ON_AMI, ON_CALL, UNHEARD

if TYPE_CHECKING:
    from powerdesk.engine.inference.state import InferenceState

__all__ = ["lanes", "on_before"]


def lanes(st: InferenceState) -> npt.NDArray[np.float64]:
    """Prefix sums, in pre-order, of the log-ratio of each device's own meters left unheard
    by the watch after a restore (``Params.silent_after_restore_llr`` of as many silent
    meters, at the storm's delivery): the elements ``e`` to ``end[e]`` (a subtree) weigh
    ``lanes[end[e]] - lanes[e]``. Built when first needed in a solve.

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> from powerdesk.engine.inference.evidence import UNHEARD
    >>> st = four_customers()  # S ─ T ─ C0..C3
    >>> _ = st.evidence.set_category(0, UNHEARD, 0.0, metered=True)
    >>> T = st.network.index["T"]
    >>> built = lanes(st)
    >>> float(built[st.network.end[T]] - built[T]) == st.params.silent_after_restore_llr(1)
    True
    """
    if st.lanes is None:
        state, network = st.evidence, st.network
        values = np.zeros(len(network), dtype=np.float64)
        categories = np.frombuffer(state.category, dtype=np.uint8)
        numbers = np.flatnonzero(categories == UNHEARD)
        if st.ping_evidence is not None and st.ping_evidence.silent:
            # A ping unanswered since is one more silence of the lane's (``ping_evidence``).
            silent = np.asarray(st.ping_evidence.silent, dtype=np.int64)
            numbers = np.concatenate((numbers, silent[categories[silent] == UNHEARD]))
        if len(numbers):
            parents = network.candidate_parent[network.customer_element[numbers]]
            direct = np.bincount(parents[parents >= 0], minlength=len(network))
            devices = np.flatnonzero(direct)
            counts = direct[devices].tolist()
            llr = {k: st.params.silent_after_restore_llr(k) for k in set(counts)}
            values[devices] = [llr[k] for k in counts]
        st.lanes = np.concatenate(([0.0], np.cumsum(values)))
    return st.lanes


def on_before(st: InferenceState, node: int, cutoff: float, older: list[int]) -> tuple[int, int]:
    """How many reports of power being on below ``node`` (not in ``older``) were made
    before ``cutoff``, and how many of them by customers whose meter reports."""
    if st.on_reports is None:
        state = st.evidence
        numbers = sorted(
            {number for _, number in st.expiries if state.category[number] in (ON_AMI, ON_CALL)}
        )
        times = [state.signal_t[n] for n in numbers]
        st.on_reports = (numbers, times)
    numbers, times = st.on_reports
    state = st.evidence
    lo = bisect.bisect_left(numbers, state.first[node])
    hi = bisect.bisect_left(numbers, state.endc[node], lo)
    reports = metered = 0
    for i in range(lo, hi):
        if times[i] < cutoff:
            number = numbers[i]
            if older and any(state.first[c] <= number < state.endc[c] for c in older):
                continue
            reports += 1
            metered += state.metered[number]
    return reports, metered
