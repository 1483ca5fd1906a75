"""What calls from a customer alone turn out to be, learnt from the stream (empirical Bayes).

A call that no outage above explains is one of two things (the third, a larger outage whose
other customers have not called yet, is the solver's to weigh): the customer's own fault (their
service drop, their meter), which a crew repairs hours later with a ``restore`` of the
customer; or nothing (a call matched to the wrong account, a problem in the house, power that
was on), which the customer may later clear by saying power is on (``call_on``, often when the
station calls back), or never. Each call is in one of three states: answered by a restore of
the customer (its delay seen), answered by the customer saying power is on (its delay seen), or
unanswered so far (its age seen: a censored delay).

The rates are the share of such calls that are own faults ``q``, the share of the others that
are ever said on ``r``, and the medians of the two delays (log-normal, their spreads fixed). They
are estimated together by expectation-maximisation over every call seen so far, answered or not,
with the prior's rates counting as a few calls each: an unanswered call counts towards each
outcome by how likely its silence so far is under it. So the early hours, when only wrong
accounts have been said on and no own fault has been repaired yet, are not taken for a storm of
few own faults: the calls still waiting count too, at their age.

>>> from powerdesk.engine.model.params import Params
>>> rates = LoneCallRates(Params())
>>> for _ in range(30):
...     rates.answered(own_fault=False, seconds=1800.0)
>>> rates.estimate([])
>>> round(rates.own_share, 2), round(rates.said_on_share, 2)
(0.06, 0.97)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from powerdesk.engine.model.params import Params, lognormal_survival

__all__ = ["LoneCallRates", "Waiting"]

_ROUNDS = 30  # expectation-maximisation rounds at most, per estimate
_SETTLED = 1e-5  # a round that moves no estimate by more than this ends them
# The shares over which posterior means are taken, even in log-odds (fine near 0 and 1), and
# each point's width.
_GRID = 1.0 / (1.0 + np.exp(-np.linspace(-9.0, 9.0, 73)))
_WIDTH = _GRID * (1.0 - _GRID)


@dataclass(frozen=True, slots=True)
class Waiting:
    """A call no answer has reached yet: how old it is, whether a crew found the customer's own
    supply open, and whether the caller's meter sent a last gasp (``off``: their power did go
    off, so it was not a call about nothing). (A reporting meter's silence is not weighed: on
    the project's 100,000-customer storm with 30 % of meters, counting it against an own fault
    lowered F1 from 0.878 to 0.852.)"""

    seconds: float
    confirmed: bool = False
    off: bool = False


@dataclass
class LoneCallRates:
    """The calls' outcomes so far and the estimates drawn from them; see the module docstring."""

    prior: Params
    own: int = 0  # answered by a restore of the customer
    own_log_seconds: float = 0.0  # sum of ln(seconds from the call to that restore)
    said_on: int = 0  # answered by the customer saying power is on
    said_on_log_seconds: float = 0.0
    own_share: float = field(init=False)
    said_on_share: float = field(init=False)
    own_repair_log: float = field(init=False)  # ln of the median seconds to a repair
    said_on_log: float = field(init=False)  # ln of the median seconds to "power is on"
    own_faults: float = 0.0  # calls counted as own faults (the waiting by their chance)
    not_faults: float = 0.0
    waiting: int = 0  # unanswered calls in the last estimate
    answers_estimated: int = 0  # answered calls the last estimate saw
    estimated: bool = False  # whether any call has been estimated from

    def __post_init__(self) -> None:
        p = self.prior
        self.own_share = p.own_fault_share
        self.said_on_share = p.said_on_share
        self.own_repair_log = math.log(p.own_repair_hours * 3600.0)
        self.said_on_log = math.log(p.said_on_minutes * 60.0)

    def answered(self, *, own_fault: bool, seconds: float) -> None:
        """A lone call was answered ``seconds`` after it came: by a restore of the customer
        (``own_fault``) or by the customer saying power is on.

        >>> rates = LoneCallRates(Params())
        >>> rates.answered(own_fault=True, seconds=3600.0)
        >>> rates.own, rates.said_on
        (1, 0)
        """
        log_seconds = math.log(max(60.0, seconds))
        if own_fault:
            self.own += 1
            self.own_log_seconds += log_seconds
        else:
            self.said_on += 1
            self.said_on_log_seconds += log_seconds

    def estimate(self, waiting: Sequence[Waiting], confirms: float = 0.0) -> None:
        """Re-estimate the rates from the answered calls and the ``waiting`` ones (the
        storm's share of outages crews ``confirms`` says how likely a waiting own fault is to
        have shown nothing so far).

        >>> rates = LoneCallRates(Params())
        >>> rates.estimate([Waiting(8 * 3600.0)] * 40)  # never answered: not own faults
        >>> rates.own_share < 0.15 and rates.said_on_share < 0.15
        True
        """
        p = self.prior
        s_q, s_r = p.lone_call_strength, p.said_on_strength
        k_o, k_c = p.own_repair_strength, p.said_on_strength
        mu_o0 = math.log(p.own_repair_hours * 3600.0)
        mu_c0 = math.log(p.said_on_minutes * 60.0)
        sd_o, sd_c = p.own_repair_spread, p.said_on_spread
        q, r = self.own_share, self.said_on_share
        mu_o, mu_c = self.own_repair_log, self.said_on_log
        answered = self.own + self.said_on
        own_w = not_w = 0.0
        for _ in range(_ROUNDS):
            own_w = not_w = 0.0
            later_w = 0.0  # of the others, how many will yet be said on
            own_logs = later_logs = 0.0
            for call in waiting:
                age = max(1.0, call.seconds)
                s_o = _unanswered_own(age, mu_o, sd_o, confirms)
                s_c = lognormal_survival(age, mu_c, sd_c)
                if call.confirmed or call.off:
                    w = 1.0
                else:
                    own = q * s_o
                    other = (1.0 - q) * ((1.0 - r) + r * s_c)
                    w = own / (own + other) if own + other > 0.0 else q
                own_w += w
                own_logs += w * _log_beyond(age, mu_o, sd_o)
                if w < 1.0:
                    later = r * s_c / ((1.0 - r) + r * s_c) if r * s_c > 0.0 else 0.0
                    not_w += 1.0 - w
                    later_w += (1.0 - w) * later
                    later_logs += (1.0 - w) * later * _log_beyond(age, mu_c, sd_c)
            new_q = (p.own_fault_share * s_q + self.own + own_w) / (s_q + answered + len(waiting))
            new_r = (p.said_on_share * s_r + self.said_on + later_w) / (s_r + self.said_on + not_w)
            new_mu_o = (mu_o0 * k_o + self.own_log_seconds + own_logs) / (k_o + self.own + own_w)
            new_mu_c = (mu_c0 * k_c + self.said_on_log_seconds + later_logs) / (
                k_c + self.said_on + later_w
            )
            moved = max(abs(new_q - q), abs(new_r - r), abs(new_mu_o - mu_o), abs(new_mu_c - mu_c))
            q, r, mu_o, mu_c = new_q, new_r, new_mu_o, new_mu_c
            if moved < _SETTLED:
                break
        self.own_share, self.said_on_share = self._posterior_means(waiting, mu_o, mu_c, confirms)
        self.own_repair_log, self.said_on_log = mu_o, mu_c
        self.own_faults = self.own + own_w
        self.not_faults = self.said_on + not_w
        self.waiting = len(waiting)
        self.answers_estimated = answered
        self.estimated = bool(waiting) or answered > 0

    @property
    def news(self) -> bool:
        """Whether a call has been answered since the last estimate.

        >>> rates = LoneCallRates(Params())
        >>> rates.answered(own_fault=True, seconds=7200.0); rates.news
        True
        >>> rates.estimate([]); rates.news
        False
        """
        return self.own + self.said_on != self.answers_estimated

    def _posterior_means(
        self,
        waiting: Sequence[Waiting],
        mu_o: float,
        mu_c: float,
        confirms: float,
    ) -> tuple[float, float]:
        """The posterior means of the share of own faults and of the share said on, over a
        grid of both, the delays' medians held at their estimates. (Early in a storm the
        waiting calls say little, and the likeliest shares can be extreme: calls about
        nothing that are never answered explain any silence so far. The means stay near the
        prior until the answers come.)"""
        p = self.prior
        grid = _GRID
        ages = np.array([max(1.0, call.seconds) for call in waiting], dtype=float)
        certain = np.array([call.confirmed or call.off for call in waiting], dtype=bool)
        own = np.array(
            [_unanswered_own(a, mu_o, p.own_repair_spread, confirms) for a in ages.tolist()]
        )
        unsaid = np.array([lognormal_survival(a, mu_c, p.said_on_spread) for a in ages.tolist()])
        s_q, s_r = p.lone_call_strength, p.said_on_strength
        if certain.all():  # (both Beta posteriors, exactly)
            own_calls = p.own_fault_share * s_q + self.own + len(waiting)
            said_on = p.said_on_share * s_r + self.said_on
            return (
                own_calls / (own_calls + (1.0 - p.own_fault_share) * s_q + self.said_on),
                said_on / (s_r + self.said_on),
            )
        # log P(q, r | answers, prior) on the grid, then each waiting call's likelihood.
        q, r = grid[:, None], grid[None, :]
        log_post = (
            (p.own_fault_share * s_q - 1.0 + self.own + certain.sum()) * np.log(q)
            + ((1.0 - p.own_fault_share) * s_q - 1.0 + self.said_on) * np.log1p(-q)
            + (p.said_on_share * s_r - 1.0 + self.said_on) * np.log(r)
            + ((1.0 - p.said_on_share) * s_r - 1.0) * np.log1p(-r)
        )
        o, u = own[~certain], unsaid[~certain]
        other = (1.0 - grid)[:, None] + grid[:, None] * u[None, :]  # (r, call)
        mixed = (
            grid[:, None, None] * o[None, None, :]
            + (1.0 - grid)[:, None, None] * (other[None, :, :])
        )
        log_post = log_post + np.log(np.maximum(mixed, 1e-300)).sum(axis=2)
        weight = np.exp(log_post - log_post.max()) * _WIDTH[:, None] * _WIDTH[None, :]
        total = weight.sum()
        return (
            float((weight.sum(axis=1) * grid).sum() / total),
            float((weight.sum(axis=0) * grid).sum() / total),
        )


def _unanswered_own(seconds: float, mu: float, sd: float, confirms: float) -> float:
    """Probability that an own fault ``seconds`` after its call has had neither its repair
    nor a crew's confirmation (which comes a while before the repair, for ``confirms`` of
    them; half an hour is taken)."""
    survival = lognormal_survival(seconds, mu, sd)
    if confirms <= 0.0:
        return survival
    return (1.0 - confirms) * survival + confirms * lognormal_survival(seconds + 1800.0, mu, sd)


def _log_beyond(seconds: float, mu: float, sd: float) -> float:
    """E[ln T | T > seconds] for ln T normal (``mu``, ``sd``): what a censored delay adds.

    >>> _log_beyond(1e-9, 5.0, 1.0) == 5.0 or abs(_log_beyond(1e-9, 5.0, 1.0) - 5.0) < 1e-6
    True
    >>> _log_beyond(math.exp(9.0), 5.0, 1.0) > 9.0
    True
    """
    z = (math.log(seconds) - mu) / sd
    if z > 8.0:  # (the inverse Mills ratio's tail)
        return mu + sd * (z + 1.0 / z)
    tail = 0.5 * math.erfc(z / math.sqrt(2.0))
    density = math.exp(-0.5 * z * z) / math.sqrt(2.0 * math.pi)
    return mu + sd * density / tail
