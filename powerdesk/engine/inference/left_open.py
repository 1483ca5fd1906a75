"""How often this storm's restores leave devices open below them (empirical Bayes).

When power comes back above a device (a crew's restore, a SCADA close), the device may have
stayed open: a fuse that blew before the recloser above tripped, or while it was out. The only
sign of that is often its meters' silence since, weighed by ``scoring._open_since_before``
against the device's prior of operating in the storm. How likely a device is to be left open
under a restore is a rate the stream shows: a device restored later, with no meter below it
heard since power came back above it (no power-on message, no last gasp), had stayed open
(``note_restore``). The priors say how many devices each restore should leave open (the sum
of the prior probabilities of the devices below it with a reporting meter); the devices found
say how many it did. Their ratio, as Gamma-Poisson empirical Bayes with the priors counting as
``Params.left_open_strength`` devices, multiplies the odds of every device having stayed open
(``Params.left_open_learnt``; round 28, off).

A device left open is found only when a crew repairs it, hours later: each restore counts as
many devices expected as the priors' share of them that the storm's repair times would have
seen repaired by now.

>>> rates = LeftOpen(strength=2.0)
>>> rates.restored(0.0, expected=10.0)
>>> rates.ratio(lambda seconds: 0.0, now=3600.0)  # all due, none found: toward 0
0.16666666666666666
>>> rates.found += 10
>>> rates.ratio(lambda seconds: 0.0, now=3600.0)  # as many as the priors expect
1.0
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from powerdesk.engine.inference.evidence import INF

if TYPE_CHECKING:
    from powerdesk.engine.inference.state import InferenceState

__all__ = ["LeftOpen", "exposure", "left_open_llr", "note_restore"]


@dataclass
class LeftOpen:
    """Devices found left open under a restore against those the priors expect."""

    strength: float
    found: int = 0
    # (when power came back, devices the priors expect open below): one per restore
    exposures: list[tuple[float, float]] = field(default_factory=list)

    def restored(self, t: float, expected: float) -> None:
        """Power came back at ``t`` above devices the priors expect ``expected`` of open."""
        if expected > 0.0:
            self.exposures.append((t, expected))

    def ratio(self, survival: Callable[[float], float], now: float) -> float:
        """Posterior mean of how many devices restores leave open, per device the priors
        expect; ``survival(seconds)`` is the share of outages not yet repaired that long
        after they began (a device left open is found at its repair)."""
        due = sum(expected * (1.0 - survival(now - t)) for t, expected in self.exposures if now > t)
        return (self.found + self.strength) / (due + self.strength)


def note_restore(st: InferenceState, element: int, t: float) -> None:
    """The device ``element`` is restored at ``t`` (before ``energised`` marks it): if power
    had come back above it since its last restore and no meter below it has been heard since,
    it had stayed open (one found); if power comes back with it, the devices below it that the
    priors expect open are one restore's exposure."""
    state = st.evidence
    since = state.epoch[element]
    first, last = state.first[element], state.endc[element]
    if (
        since > -INF
        and since < t
        and st.restored_at.get(element, -INF) < since
        and state.meters[element] > 0
        and not bool((st.meter_seen[first:last] >= since).any())
    ):
        st.rates.left_open.found += 1


def exposure(st: InferenceState, element: int, t: float) -> None:
    """Power came back below ``element`` at ``t``: the devices below it with a reporting
    meter that the priors expect open are one restore's exposure."""
    if st.left_open_prefix is None:
        state, network = st.evidence, st.network
        probs = 1.0 / (1.0 + np.exp(-st.prior_array))
        meters = np.frombuffer(state.meters, dtype=np.int32)
        probs[(network.customer_number >= 0) | (meters <= 0)] = 0.0
        st.left_open_prefix = np.concatenate(([0.0], np.cumsum(probs)))
    prefix = st.left_open_prefix
    end = int(st.network.end[element])
    st.rates.left_open.restored(t, float(prefix[end] - prefix[element + 1]))


def left_open_llr(st: InferenceState, now: float) -> float:
    """Log of the storm's ratio of devices left open under restores to the priors' (0 without
    ``Params.left_open_learnt``), added to a device's prior of having stayed open."""
    if not st.params.left_open_learnt:
        return 0.0
    median, spread = st.repair_median, st.params.repair_spread

    def survival(seconds: float) -> float:  # (log-normal repair times, as ``scoring``'s)
        z = math.log(seconds / median) / spread
        return 0.5 * math.erfc(z / math.sqrt(2.0))

    return math.log(st.rates.left_open.ratio(survival, now))
