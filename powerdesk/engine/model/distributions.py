"""The distributions the evidence model is made of (``Params`` reads them): log-normal times,
and Beta-binomial counts of customers who called or meters that sent a message.

>>> round(pattern_llr(2, 5, 0.5, 4.0, 0.001), 2) > 0 > pattern_llr(0, 5, 0.5, 4.0, 0.001)
True
"""

from __future__ import annotations

import math

__all__ = ["beta_silence_llr", "log_beta", "lognormal_survival", "pattern_llr"]


def lognormal_survival(seconds: float, mu: float, sd: float) -> float:
    """P(T > ``seconds``) for ln T normal with mean ``mu`` and spread ``sd``.

    >>> lognormal_survival(math.exp(4.0), 4.0, 1.0)
    0.5
    """
    if seconds <= 0.0:
        return 1.0
    z = (math.log(seconds) - mu) / sd
    return 0.5 * math.erfc(z / math.sqrt(2.0))


def log_beta(a: float, b: float) -> float:
    """ln B(a, b).

    >>> round(log_beta(1.0, 1.0), 12)
    0.0
    """
    return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)


def pattern_llr(hits: int, total: int, mean: float, strength: float, false_rate: float) -> float:
    """Log-ratio of ``hits`` of ``total`` having sent a sign: out together (each sends at a
    share Beta-distributed around ``mean``, worth ``strength`` observations) against all with
    power (each sends one falsely at ``false_rate``).

    >>> pattern_llr(3, 4, 0.2, 4.0, 0.001) > pattern_llr(3, 400, 0.2, 4.0, 0.001)
    True
    """
    a = mean * strength
    b = (1.0 - mean) * strength
    opened = log_beta(a + hits, b + total - hits) - log_beta(a, b)
    closed = hits * math.log(false_rate) + (total - hits) * math.log1p(-false_rate)
    return opened - closed


def beta_silence_llr(mean: float, strength: float, silent: int) -> float:
    """Log-ratio of ``silent`` meters all having sent nothing, each delivering at a share
    Beta-distributed around ``mean`` (worth ``strength``), against their delivering nothing.

    >>> one = beta_silence_llr(0.5, 4.0, 1)
    >>> round(one, 6) == round(-math.log(0.5), 6), beta_silence_llr(0.5, 4.0, 20) < 20 * one
    (True, True)
    """
    a, b = mean * strength, (1.0 - mean) * strength
    return log_beta(a, b) - log_beta(a, b + silent)
