"""What the demo's histories share: the station's clock, the rainy season, random counts."""

from __future__ import annotations

import math
import random
import zoneinfo

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
# How much busier each month of the rainy season is than an ordinary month (faults, calls).
RAINY = {5: 1.3, 6: 2.4, 7: 2.8, 8: 2.6, 9: 1.8, 10: 1.2}


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson-distributed count (Knuth's method; means here are small)."""
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1
