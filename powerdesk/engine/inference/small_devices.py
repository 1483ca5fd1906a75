"""How much one or two calls under a small device weigh, calibrated by the device's size from
what such calls turned out to be in this storm (empirical Bayes;
``Params.small_device_calibrated``).

A call under a fuse of a few customers, with no last gasp among its metered customers, is
either the fuse (an outage of them all) or the caller's own installation (or nothing). The
engine weighs the two by its model (the fuse's prior, the share of an outage's customers who
call, the own-fault share of lone calls); round 45 found the fuse's side named too readily. Here
each such call is an *episode*: when a picture first sees it, the engine's log-odds for the
device against the caller's own explanation is kept (``logit``), and the episode's outcome is
learnt later from the stream: a restore of the caller alone, or the caller saying power is on,
is a *single-customer* outcome; a restore of that device, with the call standing, an
*outage* (a restore of another device above or below it says neither: the episode is
dropped). By size band (2-3, 4-7, 8-20 customers) the log-odds are shifted by the one amount
that makes the engine's probabilities match the outcomes (a logistic intercept), under a weak
prior: ``strength`` pseudo-episodes at the band's mean log-odds whose outcome is what the model
says (so with nothing learnt the shift is 0, and it moves only as far as the storm outweighs
them).

>>> cal = SmallDevices(strength=4.0)
>>> for n in range(40):  # 40 single calls under 3-customer fuses, the engine 50:50 on each
...     cal.seen(n, 3, 0.0)
...     cal.resolve(n, outage=n < 4)  # only 4 of them were the fuse
>>> cal.estimate(); cal.shift(3) < -1.0  # such calls weigh less
True
>>> round(cal.single_share(3), 2) > 0.8  # (the storm's own share, the prior's 0.5 outweighed)
True
>>> cal.shift(30)  # (larger devices are not calibrated here)
0.0
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

__all__ = ["BANDS", "SmallDevices", "band_of"]

# The size bands (customers below the device): [2, 4), [4, 8), [8, 21).
BANDS: tuple[int, ...] = (2, 4, 8, 21)
_NEWTON = 25


def band_of(customers: int) -> int:
    """The size band of a device of ``customers`` customers; -1 outside every band.

    >>> band_of(1), band_of(2), band_of(3), band_of(4), band_of(20), band_of(21)
    (-1, 0, 0, 1, 2, -1)
    """
    for i in range(len(BANDS) - 1):
        if BANDS[i] <= customers < BANDS[i + 1]:
            return i
    return -1


def _sigmoid(x: float) -> float:
    if x >= 0.0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


@dataclass
class SmallDevices:
    """The episodes of this storm and each band's learnt shift of the log-odds."""

    strength: float = 4.0
    pending: dict[int, tuple[int, float, int]] = field(default_factory=dict)
    """The calls kept and not yet answered: customer number: (band, logit, device)."""
    looked: set[int] = field(default_factory=set)  # calls already seen by a picture
    resolved: list[list[tuple[float, int]]] = field(
        default_factory=lambda: [[] for _ in range(len(BANDS) - 1)]
    )
    shifts: list[float] = field(default_factory=lambda: [0.0] * (len(BANDS) - 1))
    news: bool = False

    def seen(self, number: int, customers: int, logit: float, device: int = -1) -> None:
        """Customer ``number``'s call stands alone (or with one other) under ``device``, of
        ``customers`` customers, where the engine's log-odds for the device against the caller's
        own explanation is ``logit`` (without any shift)."""
        band = band_of(customers)
        if band >= 0:
            self.pending[number] = (band, logit, device)

    def resolve(self, number: int, *, outage: bool) -> None:
        """What customer ``number``'s call turned out to be: an outage above it (``outage``) or
        the caller's alone (their own fault, or nothing)."""
        episode = self.pending.pop(number, None)
        if episode is not None:
            band, logit, _device = episode
            self.resolved[band].append((logit, int(outage)))
            self.news = True

    def estimate(self) -> None:
        """Re-estimate each band's shift (Newton's method on the intercept of a logistic
        calibration, with the prior's pseudo-episodes).

        >>> cal = SmallDevices()
        >>> cal.estimate(); cal.shifts
        [0.0, 0.0, 0.0]
        """
        self.news = False
        for band, episodes in enumerate(self.resolved):
            if not episodes:
                self.shifts[band] = 0.0
                continue
            mean = sum(logit for logit, _ in episodes) / len(episodes)
            prior_p = _sigmoid(mean)
            delta = self.shifts[band]
            for _ in range(_NEWTON):
                g = self.strength * (prior_p - _sigmoid(mean + delta))
                h = self.strength * _derivative(mean + delta)
                for logit, outcome in episodes:
                    g += outcome - _sigmoid(logit + delta)
                    h += _derivative(logit + delta)
                step = g / h if h > 1e-12 else 0.0
                step = max(-2.0, min(2.0, step))
                delta += step
                if abs(step) < 1e-9:
                    break
            self.shifts[band] = delta

    def shift(self, customers: int) -> float:
        """The learnt shift of a device of ``customers`` customers' log-odds (0 outside the
        bands, or with nothing learnt)."""
        band = band_of(customers)
        return self.shifts[band] if band >= 0 else 0.0

    def single_share(self, customers: int) -> float:
        """The learnt share of such calls under a device of ``customers`` customers that are the
        caller's alone: the calibrated chance of the caller's own explanation, averaged over
        the band's episodes and the prior's (0.5 with nothing learnt).

        >>> SmallDevices().single_share(5)
        0.5
        """
        band = band_of(customers)
        if band < 0 or not self.resolved[band]:
            return 0.5
        episodes = self.resolved[band]
        delta = self.shifts[band]
        mean = sum(logit for logit, _ in episodes) / len(episodes)
        total = self.strength * (1.0 - _sigmoid(mean + delta))
        total += sum(1.0 - _sigmoid(logit + delta) for logit, _ in episodes)
        return total / (self.strength + len(episodes))


def _derivative(x: float) -> float:
    s = _sigmoid(x)
    return s * (1.0 - s)
