"""When the signs came: several below one device at once are likelier one outage of it.

Calls below one device within minutes of each other are far likelier from one outage than from
as many customers' own faults (``Params.call_timing_llr``), and branches below a device whose
signs began together far likelier one outage of it than as many unrelated failures
(``Params.branches_together_llr``). ``solve`` weighs both against the explanation that the
device is closed. With ``Params.gasp_call_timing``, a last gasp of one of a device's own
customers dates its outage, and the calls of its other customers are weighed by how long after
it they came (``gasp_call_llr``).
"""

from __future__ import annotations

import bisect
import itertools
import math
from typing import TYPE_CHECKING

from powerdesk.engine.inference.evidence import AMI_OFF, CALL, INF
from powerdesk.engine.model.network import KIND_CODES

if TYPE_CHECKING:
    from powerdesk.engine.inference.state import InferenceState
    from powerdesk.engine.model.params import Params

__all__ = [
    "branches_together",
    "direct_calls",
    "direct_gasps_and_calls",
    "gasp_call_llr",
    "off_signs",
    "signs_below",
    "timing_llr",
]

# A call can come a little before its outage's last gasp is heard (meters send theirs up to a
# minute or two after power goes).
GASP_LEAD_SECONDS = 120.0
SWITCH = KIND_CODES["switch"]


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


def off_signs(st: InferenceState) -> list[tuple[int, float, bool]]:
    """The standing calls and last gasps, by customer number (pre-order, so a device's are
    those from ``first`` to ``endc``): ``(number, time, whether a last gasp)``. A customer whose
    meter sent a last gasp and who called too counts as a last gasp, at its time (its own call
    says nothing of a neighbour's). Signs power has come back to since (at the device the
    customer hangs from) are left out, as in ``direct_calls``; with
    ``Params.gasp_call_restore`` (round 33), a last gasp still standing after a restore above
    it is kept, timed from that restore: a device that stayed open under it left its customers
    out while their neighbours' lights came back, so their calls follow the restore, not the
    older last gasp (2: only such last gasps are kept, the calls with them).

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> from powerdesk.engine.inference.ingest import flush, take
    >>> st = four_customers(calls=2)  # C0, C1 called at 600 and 1200 s
    >>> take(st, 1500.0, "ami_off", "C3"); take(st, 1800.0, "call", "C3"); flush(st)
    >>> off_signs(st)
    [(0, 600.0, False), (1, 1200.0, False), (3, 1500.0, True)]
    >>> st.evidence.set_epoch(st.network.index["T"], 1700.0)  # a restore above, C3 still out
    >>> off_signs(st)  # every sign older than the restore left out
    []
    >>> st.params = st.params.__class__(gasp_call_restore=1)
    >>> off_signs(st)  # C3's last gasp, timed from the restore
    [(3, 1700.0, True)]
    """
    state = st.evidence
    from_restore = int(st.params.gasp_call_restore)
    found: list[tuple[int, float, bool]] = []
    category, signal_t = state.category, state.signal_t
    cparent, elements = state.cparent, state.customer_element
    epoch, power_seen = state.epoch, st.power_seen
    for number in state.offs:
        kind = category[number]
        t = signal_t[number]
        if kind == AMI_OFF:
            # (A call since moved its time; the last gasp came just after ``power_seen``.)
            seen = math.nextafter(float(power_seen[number]), INF)
            if -INF < seen < t:
                t = seen
        elif kind != CALL:
            continue
        up = cparent[elements[number]]
        if up >= 0 and epoch[up] >= t:
            if not from_restore or kind != AMI_OFF:
                continue  # power came back since: the sign was about that outage
            t = epoch[up]  # (still out after the restore above: timed from it)
        elif from_restore > 1 and kind == AMI_OFF:
            continue  # (2: only the last gasps a restore above has since reached)
        found.append((number, t, kind == AMI_OFF))
    found.sort()
    return found


def signs_below(
    signs: list[tuple[int, float, bool]], first: int, end: int
) -> tuple[list[float], list[float]] | None:
    """The times of the last gasps and of the calls among ``signs`` (``off_signs``) of the
    customers numbered ``first`` to ``end`` (a device's), or None without both.

    >>> signs = [(0, 600.0, False), (1, 1200.0, False), (3, 1500.0, True)]
    >>> signs_below(signs, 0, 4), signs_below(signs, 0, 2)
    (([1500.0], [600.0, 1200.0]), None)
    """
    lo = bisect.bisect_left(signs, (first, -INF, False))
    hi = bisect.bisect_left(signs, (end, -INF, False), lo)
    gasps = [t for _, t, gasp in signs[lo:hi] if gasp]
    if not gasps or len(gasps) == hi - lo:
        return None
    return sorted(gasps), sorted(t for _, t, gasp in signs[lo:hi] if not gasp)


def direct_gasps_and_calls(st: InferenceState) -> dict[int, tuple[list[float], list[float]]]:
    """For each device with both among its own customers, the times of their last gasps and of
    their calls (``off_signs``). A device's own customers are those with no device between
    them and it that fails by itself: switches (line sections, which only a crew or SCADA
    opens) are looked through, as a fuse's customers hang from its feeder's sections.

    >>> from powerdesk.engine.inference import OutageInference
    >>> from powerdesk.engine.inference.ingest import flush
    >>> from powerdesk.engine.model.network import Network
    >>> net = Network.from_rows([("S", "", "source"), ("F", "S", "fuse"), ("L", "F", "switch")]
    ...     + [(f"C{i}", "F" if i < 2 else "L", "customer") for i in range(4)])
    >>> engine = OutageInference(net)
    >>> engine.ingest(600.0, "ami_off", "C0")
    >>> engine.ingest(2400.0, "call", "C3")  # (below the line section L: F's own customer)
    >>> engine.ingest(1500.0, "call", "C1")
    >>> engine.ingest(1800.0, "call", "C0")  # (C0's own call: its last gasp stands)
    >>> flush(engine._st)
    >>> {net.ids[node]: pair for node, pair in direct_gasps_and_calls(engine._st).items()}
    {'F': ([600.0], [1500.0, 2400.0])}
    """
    state = st.evidence
    cparent, elements = state.cparent, state.customer_element
    kinds = st.network.kind
    home: dict[int, int] = {}  # (a customer's first device up that is no switch)
    found: dict[int, tuple[list[float], list[float]]] = {}
    for number, t, gasp in off_signs(st):
        up = cparent[elements[number]]
        node = home.get(up, -2)
        if node == -2:
            node = up
            while node >= 0 and kinds[node] == SWITCH:
                node = cparent[node]
            home[up] = node
        if node < 0:
            continue
        pair = found.get(node)
        if pair is None:
            pair = found[node] = ([], [])
        pair[0 if gasp else 1].append(t)
    return {node: (sorted(g), sorted(c)) for node, (g, c) in found.items() if g and c}


def gasp_call_llr(params: Params, gasps: list[float], calls: list[float], now: float) -> float:
    """Log-ratio of when the ``calls`` came, from one outage that a last gasp at one of
    ``gasps`` dated against as many unrelated faults (each anywhere in the coincidence
    window): ``Params.call_timing_llr`` with the last gasp as the outage's first sign, the
    best over the last gasps (calls from before one are left out of it as unrelated). A call
    soon after the last gasp speaks for one outage, one long after against it; no call after
    any last gasp says nothing.

    >>> from powerdesk.engine.model import Params
    >>> p = Params()  # calls 30 minutes after the outage on average, a window of 4 hours
    >>> soon = gasp_call_llr(p, [600.0], [600.0 + 5 * 60.0], 7200.0)
    >>> late = gasp_call_llr(p, [600.0], [600.0 + 160 * 60.0], 600.0 + 170 * 60.0)
    >>> soon > 0 > late
    True
    >>> gasp_call_llr(p, [7200.0], [600.0], 7800.0)  # the call came before the last gasp
    0.0
    """
    calls = sorted(calls)
    total = len(calls)
    sums = list(itertools.accumulate(calls, initial=0.0))
    best: float | None = None
    for gasp in sorted(set(gasps)):
        first = bisect.bisect_left(calls, gasp - GASP_LEAD_SECONDS)
        if first == total:
            break  # (later last gasps have no call after them either)
        at = bisect.bisect_left(calls, gasp, first)  # (the calls just before it: at once)
        delays = (sums[total] - sums[at]) - (total - at) * gasp
        score = params.call_timing_llr(total - first + 1, delays, (now - gasp) / 60.0)
        if best is None or score > best:
            best = score
    return 0.0 if best is None else best
