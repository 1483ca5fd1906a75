"""How often this storm's customers call about nothing, learnt from the stream (empirical Bayes).

A call below a closed device is weighed against the chance that a customer with power calls
about no power at all (``Params.false_call``: a wrong account, a problem in the house): the
higher that chance, the less one call says for an outage above. The prior's rate is a constant;
the storm shows its own. The lone calls (no outage above explains them) that turn out to be
about nothing, those the customer later said were on (``call_on``) and the unanswered ones by
their chance of being so (``lone_calls.LoneCallRates.not_faults``), are counts of calls about
nothing so far. Over the customers of the network, and the share of the storm seen so far
(its hours against ``Params.false_call_storm_hours``: a call about nothing falls anywhere in a
storm, and a storm's first hour has had an hour's worth of them), they give the rate per
customer and storm as a Gamma-Poisson posterior mean, the prior worth
``Params.false_call_strength`` calls. With the switch at 2 the rate of customers' own faults
(``Params.customer_problem``) is learnt the same way from the lone calls that were own faults
(repaired by a restore of the customer, or counted so by their chance), as calls, at the share
of such customers who call (``Params.own_problem_call_share``).

>>> from powerdesk.engine.model.params import Params
>>> p = Params(false_call=0.0005, false_call_strength=2.0)
>>> rate = NothingRate(p, customers=10_000)
>>> rate.false_call(nothing=0.0, hours=0.0) == p.false_call  # nothing seen yet: the prior
True
>>> round(rate.false_call(nothing=0.0, hours=8.0), 6)  # half a storm and none: (2 + 0) / 9,000
0.000222
>>> round(rate.false_call(nothing=50.0, hours=16.0), 5)  # fifty in a whole storm: (2 + 50) / 14,000
0.00371
"""

from __future__ import annotations

from dataclasses import dataclass

from powerdesk.engine.model.params import Params

__all__ = ["NothingRate"]

_LEAST, _MOST = 1e-7, 0.999  # (a rate the scores can take the logarithm of either way)


@dataclass(frozen=True, slots=True)
class NothingRate:
    """The posterior means for one network of ``customers``; see the module docstring."""

    prior: Params
    customers: int

    def _exposure(self, hours: float) -> float:
        """Customer-storms seen after ``hours`` of the storm."""
        storm = self.prior.false_call_storm_hours
        share = 1.0 if storm <= 0.0 else min(1.0, max(0.0, hours) / storm)
        return self.customers * share

    def _posterior(self, prior_rate: float, count: float, hours: float) -> float:
        strength = self.prior.false_call_strength
        if self._exposure(hours) <= 0.0 and count <= 0.0:
            return prior_rate
        if strength <= 0.0 and self._exposure(hours) <= 0.0:
            return prior_rate
        shape = strength + max(0.0, count)
        rate = strength / max(prior_rate, _LEAST) + self._exposure(hours)
        return min(_MOST, max(_LEAST, shape / rate))

    def false_call(self, *, nothing: float, hours: float) -> float:
        """The chance that a customer with power calls about nothing in this storm, given
        ``nothing`` calls counted about nothing so far, ``hours`` into it.

        >>> from powerdesk.engine.model.params import Params
        >>> rate = NothingRate(Params(), customers=100_000)
        >>> rate.false_call(nothing=100_000.0, hours=16.0) > 0.9  # every customer, about nothing
        True
        """
        return self._posterior(self.prior.false_call, nothing, hours)

    def customer_problem(self, *, own_calls: float, hours: float) -> float:
        """The chance that a customer's own supply fails in this storm, given ``own_calls``
        lone calls counted as own faults so far (each stands for 1 / the share who call).

        >>> from powerdesk.engine.model.params import Params
        >>> p = Params()
        >>> rate = NothingRate(p, customers=1000)
        >>> rate.customer_problem(own_calls=0.0, hours=0.0) == p.customer_problem
        True
        """
        share = max(1e-6, self.prior.own_problem_call_share)
        return self._posterior(self.prior.customer_problem, own_calls / share, hours)
