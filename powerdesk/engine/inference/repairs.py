"""How long this storm's outages take to repair, learnt from the stream (empirical Bayes).

An outage that would have gone unrepaired for many hours grows less likely (crews report their
repairs: ``unrepaired``), and how fast it does depends on the storm's repair times:
how many crews, how far they drive, how bad the damage is. Those times are seen: each
``restore`` of a device ends an outage whose first sign the engine saw (its first call or last
gasp below, or SCADA showing it open), and the outages a crew or SCADA reported open and not yet
restored have been waiting at least as long as they have (censored times: without them a
storm's first hours, when only the quick repairs are done, would be taken for a storm of quick
repairs). Only reported outages wait: a device the engine named falsely would wait for ever.

The times are log-normal; the median and the spread of their logarithm are estimated together
by expectation-maximisation over the repaired outages and the waiting ones, with the prior's
(``Params.repair_median_hours``, ``repair_spread``) counting as ``Params.repair_strength``
outages each.

>>> from powerdesk.engine.model.params import Params

if TYPE_CHECKING:
    from powerdesk.engine.inference.state import InferenceState
>>> times = RepairTimes(Params(repair_median_hours=2.5, repair_spread=1.0))
>>> for hours in (0.9, 1.0, 1.1) * 20:
...     times.repaired(hours * 3600.0)
>>> times.estimate([])
>>> round(times.median_hours, 1), times.spread < 0.5
(1.0, True)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from powerdesk.engine.model.params import Params

if TYPE_CHECKING:
    from powerdesk.engine.inference.state import InferenceState

__all__ = ["RepairTimes", "censored_moments", "repair_survival", "unrepaired"]

_ROUNDS = 30  # expectation-maximisation rounds at most, per estimate
_SETTLED = 1e-5  # a round that moves neither estimate by more than this ends them
_SHORTEST = 60.0  # seconds: a time shorter than a minute is taken as a minute
# The estimates stay within what a repair can be: a median of at most 30 days, a spread (of the
# logarithm) of at most 3, wider than any storm shows (0.5-1.4). Without the bounds, a repair
# said to take no time beside outages waiting a day or more drives the censored estimate apart:
# the spread grows, the waiting outages' expected times with it, and the median to 10,000 hours.
_LONGEST = 30 * 24 * 3600.0
_WIDEST = 3.0


def censored_moments(log_seconds: float, mu: float, sd: float) -> tuple[float, float]:
    """E[x] and E[x²] of x ~ Normal(``mu``, ``sd``) given x > ``log_seconds``: what a time
    known only to be longer adds to the sums.

    >>> m1, m2 = censored_moments(-50.0, 1.0, 2.0)  # (no information: the plain moments)
    >>> round(m1, 6), round(m2, 6)
    (1.0, 5.0)
    >>> censored_moments(3.0, 1.0, 1.0)[0] > 3.0
    True
    """
    z = (log_seconds - mu) / sd
    if z > 8.0:  # (the inverse Mills ratio's tail)
        ratio = z + 1.0 / z
    else:
        tail = 0.5 * math.erfc(z / math.sqrt(2.0))
        ratio = math.exp(-0.5 * z * z) / math.sqrt(2.0 * math.pi) / tail
    mean = mu + sd * ratio
    variance = sd * sd * max(1e-9, 1.0 + z * ratio - ratio * ratio)
    return mean, variance + mean * mean


@dataclass
class RepairTimes:
    """The repaired outages' times so far and the estimates drawn from them and from the
    outages still waiting; see the module docstring."""

    prior: Params
    repairs: int = 0  # outages restored, with a first sign seen before
    log_sum: float = 0.0  # of ln(seconds from the first sign to the restore)
    log_squares: float = 0.0
    mu: float = field(init=False)  # ln of the median seconds to a repair
    sd: float = field(init=False)  # the spread of their logarithm
    waiting: int = 0  # outages still waiting in the last estimate

    def __post_init__(self) -> None:
        self.mu = math.log(self.prior.repair_median_hours * 3600.0)
        self.sd = self.prior.repair_spread

    def repaired(self, seconds: float) -> None:
        """An outage was restored ``seconds`` after its first sign.

        >>> times = RepairTimes(Params())
        >>> for hours in (1.0, 4.0):
        ...     times.repaired(hours * 3600.0)
        >>> times.repairs
        2
        """
        x = math.log(max(_SHORTEST, seconds))
        self.repairs += 1
        self.log_sum += x
        self.log_squares += x * x

    def estimate(self, waiting: Sequence[float]) -> None:
        """Re-estimate the median and the spread from the repaired outages and the ``waiting``
        ones (how many seconds each has waited since its first sign).

        >>> times = RepairTimes(Params(repair_median_hours=2.5))
        >>> times.estimate([10 * 3600.0] * 30)  # thirty outages still open after ten hours
        >>> times.median_hours > 10.0
        True
        """
        p = self.prior
        k = p.repair_strength
        mu0, sd0 = math.log(p.repair_median_hours * 3600.0), p.repair_spread
        logs = [math.log(max(_SHORTEST, s)) for s in waiting]
        n = k + self.repairs + len(logs)
        mu, sd = self.mu, self.sd
        for _ in range(_ROUNDS):
            first, second = self.log_sum, self.log_squares
            for x in logs:
                m1, m2 = censored_moments(x, mu, sd)
                first += m1
                second += m2
            new_mu = min(math.log(_LONGEST), (k * mu0 + first) / n)
            # The prior's spread about its own median, as k outages: a weak prior that a storm
            # of many repairs outweighs.
            squares = second - 2.0 * new_mu * first + (n - k) * new_mu * new_mu
            spread = k * (sd0 * sd0 + (mu0 - new_mu) ** 2) + max(0.0, squares)
            new_sd = min(_WIDEST, max(0.05, math.sqrt(spread / n)))
            moved = max(abs(new_mu - mu), abs(new_sd - sd))
            mu, sd = new_mu, new_sd
            if moved < _SETTLED:
                break
        self.mu, self.sd = mu, sd
        self.waiting = len(logs)

    @property
    def median_hours(self) -> float:
        prior = self.prior.repair_median_hours
        if self.mu == math.log(prior * 3600.0):
            return prior  # (the prior itself, not its round trip through a logarithm)
        return math.exp(self.mu) / 3600.0

    @property
    def spread(self) -> float:
        return self.sd


def unrepaired(st: InferenceState, seconds: float) -> float:
    """Log-probability that a fault open ``seconds`` ago has had neither a repair (log-normal
    times) nor a crew's confirmation (which comes some time before the repair, for the
    share of outages crews confirm)."""
    if seconds <= 0.0:
        return 0.0
    confirms = st.params.crew_confirms
    survival = (1.0 - confirms) * repair_survival(st, seconds) + confirms * repair_survival(
        st, seconds + st.confirm_lead
    )
    return math.log(max(1e-300, survival))


def repair_survival(st: InferenceState, seconds: float) -> float:
    """Share of faults not yet repaired ``seconds`` after they began (log-normal times).

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers()  # S ─ T ─ C0..C3, nothing heard yet
    >>> round(repair_survival(st, st.repair_median), 2)  # half are repaired by the median
    0.5
    """
    z = math.log(seconds / st.repair_median) / st.params.repair_spread
    return 0.5 * math.erfc(z / math.sqrt(2.0))
