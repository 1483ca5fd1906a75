"""When each customer was last heard to have power, from what shows power on only.

A meter's power-on message (a ping's answer too), a customer saying power is on, and a crew
repairing the customer's own supply each show that power is on there at that time. A last
gasp does not: it says power was on until just before it went, and it is sent only by a meter
that has power to lose. ``InferenceState.meter_seen`` counts it (power had come back there,
to be lost again); this record does not, so that whether a meter was heard on does not depend
on whether its last gasp arrived (round 50).

One reader, behind ``Params.heard_on_against``: ``scoring.open_score`` weighs metered
customers heard on after an outage's onset, once their reports have faded, as one report of
power on against that outage, once per device (rounds 50-51): power was on below the device
after it is said to have opened, so it did not open then (or the branch that stayed dark is
the one that did).

>>> heard = HeardOn.empty(3)
>>> heard.heard(1, 600.0); heard.heard(1, 300.0)  # (a late message moves nothing back)
>>> heard.at.tolist()
[-inf, 600.0, -inf]
>>> heard.after(0, 3, 500.0), heard.after(0, 3, 600.0)
(1, 0)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["HeardOn"]


@dataclass(frozen=True, slots=True)
class HeardOn:
    """By customer number, the latest time power was shown on there (-inf: never since the
    inference began). The record is bound once; only its times move, and only forward."""

    at: npt.NDArray[np.float64]

    @classmethod
    def empty(cls, customers: int) -> HeardOn:
        """A record of ``customers`` customers, none heard yet."""
        return cls(np.full(customers, -math.inf, dtype=np.float64))

    def heard(self, number: int, t: float) -> None:
        """Customer ``number`` was shown to have power at ``t``."""
        if t > self.at[number]:
            self.at[number] = t

    def after(self, first: int, last: int, t: float) -> int:
        """How many of the customers ``first`` to ``last`` were heard on after ``t``."""
        return int(np.count_nonzero(self.at[first:last] > t))
