"""The storm's power-on delivery learnt only from lanes that certainly got power back
(``Params.restore_delivery_lit_lanes``, round 54 of issue 17).

When the watch after a restore is over, the restored area's reporting meters that sent no
power-on message are counted as messages lost (``StormRates.power_back``). Some of them were
not lost: their power never came back, because a device between them and the restored one is
still open and the settling did not name it (a fuse left open under a restore above), or the
customer's own service is out. Their silence then teaches a delivery lower than the storm's.

A lane (the reporting meters whose nearest device above is the same one) is lit as a whole or
dark as a whole. A lane in which at least one meter said power is back is lit, and its silent
meters are lost messages. But keeping only such lanes favours the ones whose messages got
through: of ``k`` meters delivering at ``p``, a lane is kept with chance ``1 - (1 - p)^k``.
The estimate corrects for that (a zero-truncated binomial per lane): a lane of one meter is
always "all heard" when kept and says nothing; a lane of ten with three heard says much. The
prior counts as ``strength`` meters at the prior's share. Pure Python.

>>> lanes = LitLanes()
>>> for _ in range(200):
...     lanes.add(meters=5, reported=3)
>>> 0.55 < lanes.estimate(0.5, 4.0) < 0.6  # (3 of 5 heard, in lanes kept for one or more)
True
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

__all__ = ["LitLanes"]


@dataclass
class LitLanes:
    """The lit lanes of the storm's settled restores: their meters and those heard."""

    sizes: Counter[int] = field(default_factory=Counter)  # lanes kept, by their meters
    meters: int = 0
    reported: int = 0
    _cached: tuple[float, float, float] | None = None

    def add(self, *, meters: int, reported: int) -> None:
        """One lane of a settled restore: ``reported`` of its ``meters`` said power is back.
        A lane with none heard may be dark, and is left out.

        >>> lanes = LitLanes()
        >>> lanes.add(meters=4, reported=0); lanes.add(meters=4, reported=2)
        >>> lanes.meters, lanes.reported, dict(lanes.sizes)
        (4, 2, {4: 1})
        """
        if meters <= 0 or reported <= 0:
            return
        reported = min(reported, meters)
        self.sizes[meters] += 1
        self.meters += meters
        self.reported += reported
        self._cached = None

    def estimate(self, prior: float, strength: float) -> float:
        """The delivery that makes the kept lanes likeliest, the prior counting as
        ``strength`` meters at ``prior`` (a zero-truncated binomial, solved by bisection).

        >>> LitLanes().estimate(0.5, 4.0)  # nothing learnt: the prior
        0.5
        >>> lanes = LitLanes()
        >>> lanes.add(meters=1, reported=1)  # a lane of one says nothing
        >>> round(lanes.estimate(0.5, 4.0), 6)
        0.5
        """
        if self._cached is not None and self._cached[:2] == (prior, strength):
            return self._cached[2]
        a = prior * strength + self.reported
        b = (1.0 - prior) * strength + self.meters - self.reported
        if a <= 0.0 or b <= 0.0:
            return prior
        sizes = list(self.sizes.items())

        def slope(p: float) -> float:
            q = 1.0 - p
            kept = sum(n * k * q ** (k - 1) / -math.expm1(k * math.log(q)) for k, n in sizes)
            return a / p - b / q - kept

        lo, hi = 1e-6, 1.0 - 1e-6
        for _ in range(60):
            mid = 0.5 * (lo + hi)
            if slope(mid) > 0.0:
                lo = mid
            else:
                hi = mid
        value = 0.5 * (lo + hi)
        self._cached = (prior, strength, value)
        return value
