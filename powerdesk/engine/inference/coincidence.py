"""When the signs came: several below one device at once are likelier one outage of it.

Calls below one device within minutes of each other are far likelier from one outage than from
as many customers' own faults (``Params.call_timing_llr``), and branches below a device whose
signs began together far likelier one outage of it than as many unrelated failures
(``Params.branches_together_llr``). ``solve`` weighs both against the explanation that the
device is closed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from powerdesk.engine.inference.evidence import CALL, INF

if TYPE_CHECKING:
    from powerdesk.engine.inference.state import InferenceState
    from powerdesk.engine.model.params import Params

__all__ = ["branches_together", "direct_calls", "timing_llr"]


def branches_together(
    st: InferenceState,
    kids: list[int],
    onset: float,
    older: list[int],
    open_scores: dict[int, float],
    alternatives: dict[int, float],
    onset_of: dict[int, float],
) -> float:
    """Log-ratio of when the devices below that would be open on their own began: from one
    outage of this device, together; as as many unrelated failures, each anywhere in the
    coincidence window. It weighs against the unrelated failures (the explanation that the
    device is closed), so that several branches whose meters or calls differ a little are not
    each named (their own shares fit better) instead of the one device above; the devices
    above weigh their own branches the same way.

    >>> from powerdesk.engine.inference.state import new_state
    >>> from powerdesk.engine.model.network import Network
    >>> st = new_state(Network.from_rows([("S", "", "source"), ("R", "S", "recloser")]
    ...     + [(f"F{i}", "R", "fuse") for i in range(3)]
    ...     + [(f"C{i}", f"F{i}", "customer") for i in range(3)]))
    >>> F0, F1, F2 = (st.network.index[f"F{i}"] for i in range(3))
    >>> opened, closed = {F0: 6.0, F1: 5.0, F2: 4.0}, {F0: 0.0, F1: 0.0, F2: 0.0}
    >>> began = {F0: 600.0, F1: 660.0, F2: 700.0}  # each fuse open on its own, within minutes
    >>> together = branches_together(st, [F0, F1, F2], 600.0, [], opened, closed, began)
    >>> together == 2 * st.params.branches_together_llr  # two branches beyond the first
    True
    >>> began[F1] = began[F2] = 600.0 + 3 * 3600.0  # hours apart: no coincidence
    >>> branches_together(st, [F0, F1, F2], 600.0, [], opened, closed, began)
    0.0
    """
    if onset >= INF:
        return 0.0
    lead = st.together
    together = sum(
        1
        for kid in kids
        if open_scores.get(kid, -INF) >= alternatives.get(kid, 0.0)
        and kid not in older
        and abs(onset_of.get(kid, INF) - onset) <= lead
    )
    if together < 2:
        return 0.0
    return (together - 1) * st.together_llr


def direct_calls(st: InferenceState) -> dict[int, list[float]]:
    """For each device, the times of its own customers' calls.

    >>> from powerdesk.engine.inference import OutageInference
    >>> from powerdesk.engine.inference.ingest import flush
    >>> from powerdesk.engine.model.network import Network
    >>> net = Network.from_rows([("S", "", "source"), ("T", "S", "transformer")]
    ...     + [(f"C{i}", "T", "customer") for i in range(4)])
    >>> engine = OutageInference(net)
    >>> for i in range(3):
    ...     engine.ingest(600.0 * (i + 1), "call", f"C{i}")
    >>> flush(engine._st)
    >>> {net.ids[node]: times for node, times in direct_calls(engine._st).items()}
    {'T': [600.0, 1200.0, 1800.0]}
    """
    state = st.evidence
    calls: dict[int, list[float]] = {}
    category, signal_t = state.category, state.signal_t
    cparent, elements = state.cparent, state.customer_element
    epoch = state.epoch
    for number in state.offs:
        if category[number] == CALL:
            node = cparent[elements[number]]
            if node >= 0 and epoch[node] >= signal_t[number]:
                continue  # power came back since: the call was about that outage
            found = calls.get(node)
            if found is None:
                calls[node] = [signal_t[number]]
            else:
                found.append(signal_t[number])
    return calls


def timing_llr(params: Params, times: list[float], now: float) -> float:
    """The best timing log-ratio of the calls at ``times`` over the onsets they allow (each
    call in turn taken as the first of the outage, the earlier ones left out as unrelated),
    and never below nothing: a stray call hours before does not hide the burst after it.

    >>> from powerdesk.engine.model import Params
    >>> burst = timing_llr(Params(), [600.0, 660.0, 720.0], 900.0)
    >>> burst > 0, timing_llr(Params(), [600.0], 900.0)
    (True, 0.0)
    >>> later = timing_llr(Params(), [7200.0, 7260.0, 7320.0], 7500.0)
    >>> timing_llr(Params(), [0.0, 7200.0, 7260.0, 7320.0], 7500.0) == later  # two hours before
    True
    """
    times.sort()
    best = 0.0
    suffix = 0.0
    for k, t in enumerate(reversed(times), start=1):
        suffix += t
        if k > 1:
            score = params.call_timing_llr(k, suffix - k * t, (now - t) / 60.0)
            if score > best:
                best = score
    return best
