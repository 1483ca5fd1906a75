"""When the signs came: several below one device at once are likelier one outage of it.

Calls below one device within minutes of each other are far likelier from one outage than from
as many customers' own faults (``Params.call_timing_llr``), and branches below a device whose
signs began together far likelier one outage of it than as many unrelated failures
(``Params.branches_together_llr``). With ``Params.gasp_timing``, so are a device's own
customers' last gasps that came within a minute or two of each other (``gasp_groups``,
``Params.gasp_together_llr``). ``solve`` weighs them against the explanation that the device is
closed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from powerdesk.engine.inference.evidence import AMI_OFF, CALL, INF

if TYPE_CHECKING:
    from powerdesk.engine.inference.state import InferenceState
    from powerdesk.engine.model.params import Params

__all__ = [
    "GaspGroup",
    "branches_together",
    "direct_calls",
    "gasp_groups",
    "gasp_sources",
    "timing_llr",
]


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
    above weigh their own branches the same way."""
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


@dataclass(frozen=True)
class GaspGroup:
    """A device's own customers' last gasps: the largest group of them within
    ``Params.gasp_together_seconds`` of each other, and the rest."""

    together: int
    """How many last gasps the group holds."""
    time: float
    """When its first last gasp came."""
    apart: list[int]
    """The customers (elements) whose last gasps fell outside it: too early or too late to be
    the same outage, they keep their own explanation when the device is scored open."""
    times: list[float]
    """When each of them came, in order."""


def gasp_groups(st: InferenceState) -> dict[int, GaspGroup]:
    """For each device, its own customers' last gasps grouped by when they came (nothing
    without ``Params.gasp_timing``). A last gasp from before power last came back to the
    device is left out, as ``direct_calls`` leaves out such calls.

    >>> from dataclasses import replace
    >>> from powerdesk.engine.inference.examples import four_customers
    >>> from powerdesk.engine.inference.ingest import flush, take
    >>> st = four_customers()  # S ─ T ─ C0..C3
    >>> st.params = replace(st.params, gasp_timing=1.0)
    >>> for t, c in [(600.0, "C0"), (630.0, "C1"), (7800.0, "C2")]:
    ...     take(st, t, "ami_off", c)
    >>> flush(st)
    >>> group = gasp_groups(st)[st.network.index["T"]]
    >>> group.together, group.time, [st.network.ids[e] for e in group.apart]
    (2, 600.0, ['C2'])
    """
    params = st.params
    if not params.gasp_timing:
        return {}
    state = st.evidence
    category, signal_t = state.category, state.signal_t
    cparent, elements, epoch = state.cparent, state.customer_element, state.epoch
    seen = st.power_seen
    gasps: dict[int, list[tuple[float, int]]] = {}
    for number in state.offs:
        if category[number] != AMI_OFF:
            continue
        # (When the meter's last gasp came, a hair before which power was last seen: a call
        # since moves the sign's time, not this.)
        t = math.nextafter(float(seen[number]), INF) if seen[number] > -INF else signal_t[number]
        element = elements[number]
        node = cparent[element]
        if node < 0 or epoch[node] >= t:
            continue
        gasps.setdefault(node, []).append((t, element))
    window = params.gasp_together_seconds
    groups: dict[int, GaspGroup] = {}
    for node, found in gasps.items():
        found.sort()
        start, size, left = 0, 0, 0
        for right, (t, _) in enumerate(found):
            while t - found[left][0] > window:
                left += 1
            if right - left + 1 > size:
                start, size = left, right - left + 1
        apart = [e for _, e in found[:start]] + [e for _, e in found[start + size :]]
        groups[node] = GaspGroup(
            together=size, time=found[start][0], apart=apart, times=[t for t, _ in found]
        )
    return groups


def gasp_sources(
    own: list[float], below: list[tuple[float, bool]], window: float
) -> tuple[int, float]:
    """The most unrelated explanations whose last gasps came within ``window`` seconds of each
    other below a device (``Params.gasp_timing`` 2), and when the first of them came: each of
    its own customers' last gasps (``own``) is one, and so is each device below (``below``:
    when its own such group began, and whether it is open in the best explanation) — those
    closed each one, those open one in all (several open together are
    ``branches_together``'s).

    >>> gasp_sources([600.0, 630.0], [(650.0, False), (660.0, True), (670.0, True)], 120.0)
    (4, 600.0)
    >>> gasp_sources([600.0], [(7800.0, False)], 120.0)
    (1, 600.0)
    """
    found = sorted([(t, 0) for t in own] + [(t, 2 if open_ else 1) for t, open_ in below])
    best, began = 0, math.inf
    left = 0
    opened = 0
    units = 0
    for t, kind in found:
        if kind == 2:
            opened += 1
            units += opened == 1
        else:
            units += 1
        while t - found[left][0] > window:
            gone = found[left][1]
            if gone == 2:
                opened -= 1
                units -= opened == 0
            else:
                units -= 1
            left += 1
        if units > best:
            best, began = units, found[left][0]
    return best, began
