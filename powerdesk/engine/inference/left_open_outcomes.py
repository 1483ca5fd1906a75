"""Round 29 (behind ``Params.left_open_calibrated``, off): the "open since before" hypothesis
calibrated from what became of it in this storm.

When a restored area's watch ends, a small device below whose every reporting meter stayed
unheard (``UNHEARD``) may have stayed open (``scoring._open_since_before``). What became of it
the stream says later: a restore of the device with none of its meters heard since power came
back above it says it had stayed open; a meter below heard since (a power-on message, a last
gasp) says it had not; a case with neither yet is counted by the chance that an outage would
have had no repair by now (``scoring.repair_survival``), as ``lone_calls`` counts waiting
calls. By how many meters were unheard (1, 2, 3-4, 5 or more), the share found open against
the share the engine's own hypothesis gave them (its prior and their silence) is a correction
of the hypothesis's log-odds, learnt as a Beta posterior mean whose prior is the engine's own
share (``Params.left_open_calibration_strength`` cases); and the naming line of the hypothesis
is moved to F1's break-even (``Params.left_open_break_even``: naming a device open with
probability p raises F1 when p > F1 / 2).

>>> rates = Outcomes()
>>> rates.cases[7] = Case(t=0.0, bucket=0, model=0.5, outcome=1)
>>> rates.cases[8] = Case(t=0.0, bucket=0, model=0.5, outcome=-1)
>>> rates.correction(lambda seconds: 0.0, now=3600.0, strength=4.0)[0]  # one of two: as said
0.0
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from powerdesk.engine.inference.evidence import UNHEARD, counter

if TYPE_CHECKING:
    from powerdesk.engine.inference.state import InferenceState

__all__ = ["Case", "Outcomes", "bucket_of", "correction_llr", "note_restore", "note_settled"]

BUCKETS = 4
SMALL = 20  # the largest device (customers) whose hypothesis is calibrated
_UNHEARD_METERED = counter(UNHEARD, 1)


def bucket_of(meters: int) -> int:
    """The bucket of a device with ``meters`` unheard meters: 1, 2, 3-4, 5 or more.

    >>> [bucket_of(k) for k in (1, 2, 3, 4, 5, 40)]
    [0, 1, 2, 2, 3, 3]
    """
    return 0 if meters <= 1 else 1 if meters == 2 else 2 if meters <= 4 else 3


@dataclass
class Case:
    """A device whose every reporting meter stayed unheard after power came back above it."""

    t: float  # when power came back above it
    bucket: int
    model: float  # the engine's probability then that it had stayed open
    outcome: int = 0  # 1 found open, -1 heard (closed), 0 not known yet


@dataclass
class Outcomes:
    """The storm's cases, by device element."""

    cases: dict[int, Case] = field(default_factory=dict)

    def correction(
        self, survival: Callable[[float], float], now: float, strength: float
    ) -> list[float]:
        """For each bucket, the log-odds to add to the engine's hypothesis: the posterior
        share found open (the cases not known yet by their chance of an open device's having
        had no repair by ``now``, ``survival(seconds)``) against the engine's own share."""
        out = [0.0] * BUCKETS
        for bucket in range(BUCKETS):
            cases = [c for c in self.cases.values() if c.bucket == bucket and c.t < now]
            if not cases:
                continue
            model = min(max(sum(c.model for c in cases) / len(cases), 1e-6), 1.0 - 1e-6)
            found = sum(1 for c in cases if c.outcome == 1)
            heard = sum(1 for c in cases if c.outcome == -1)
            waiting = [survival(now - c.t) for c in cases if c.outcome == 0]
            p = model
            for _ in range(20):
                w = sum(p * s / (p * s + 1.0 - p) for s in waiting)
                p = (strength * model + found + w) / (strength + found + heard + len(waiting))
                p = min(max(p, 1e-6), 1.0 - 1e-6)
            out[bucket] = math.log(p / (1.0 - p)) - math.log(model / (1.0 - model))
        return out


def note_settled(st: InferenceState, element: int, restored: float) -> None:
    """The watch after power came back below ``element`` at ``restored`` is over: each small
    device below it whose every reporting meter is unheard is a case (one already waiting
    stays as it was)."""
    state, network = st.evidence, st.network
    end = int(network.end[element])
    if end <= element + 1:
        return
    idx = np.arange(element + 1, end)
    meters = np.frombuffer(state.meters, dtype=np.int32)[element + 1 : end]
    unheard = np.frombuffer(state.counts[_UNHEARD_METERED], dtype=np.int32)[element + 1 : end]
    sizes = network.end_customer[idx] - network.first_customer[idx]
    chosen = idx[
        state.candidate_mask[idx]
        & (meters > 0)
        & (unheard == meters)
        & (sizes <= SMALL)
        & (network.customer_number[idx] < 0)
    ]
    cases = st.left_open.cases
    params = st.params
    for device in chosen.tolist():
        case = cases.get(device)
        if case is not None and case.outcome == 0:
            continue
        k = int(state.meters[device])
        odds = st.prior[device] + params.silent_after_restore_llr(k)
        cases[device] = Case(t=restored, bucket=bucket_of(k), model=1.0 / (1.0 + math.exp(-odds)))


def note_restore(st: InferenceState, element: int, t: float) -> None:
    """A restore of ``element`` at ``t``: a case of it waiting is found open, unless one of
    its meters was heard since power came back above it."""
    case = st.left_open.cases.get(element)
    if case is None or case.outcome != 0 or t <= case.t:
        return
    case.outcome = -1 if _heard(st, element, case.t) else 1


def _heard(st: InferenceState, element: int, since: float) -> bool:
    state = st.evidence
    return bool((st.meter_seen[state.first[element] : state.endc[element]] >= since).any())


def correction_llr(st: InferenceState, now: float, survival: Callable[[float], float]) -> None:
    """Resolve the waiting cases a meter has since answered, then set each bucket's
    correction (``InferenceState.left_open_llr``) for this solve."""
    params = st.params
    for device, case in st.left_open.cases.items():
        if case.outcome == 0 and _heard(st, device, case.t):
            case.outcome = -1
    b = min(max(params.left_open_break_even, 1e-6), 1.0 - 1e-6)
    shift = math.log((1.0 - b) / b)
    st.left_open_llr = [
        c + shift
        for c in st.left_open.correction(survival, now, params.left_open_calibration_strength)
    ]
