"""How severe this storm is, learnt from its own restores (empirical Bayes; round 41 of issue 17).

The devices' priors (``Params.priors``, moved by lightning, age and a station's history) say how
likely each is to operate in a storm of ``Params.together_window_minutes``. One storm opens
fewer devices than that, another more. The crews report every repair, so the storm's device
outages restored so far, against those its priors expect to have been restored by now (each
outage begun at any time since the storm's first event, repaired after the storm's learnt
repair times), say by how much: the priors are all multiplied by the posterior mean of that
scale, a Gamma whose prior is ``Params.storm_severity_strength`` outages at a scale of 1 (0:
off, the priors as given).

>>> round(severity(restored=0, expected=0.0, strength=3.0), 3)  # nothing known: the priors
1.0
>>> round(severity(restored=6, expected=20.0, strength=3.0), 3)  # (3 + 6) / (3 + 20)
0.391
"""

from __future__ import annotations

import math

import numpy as np

from powerdesk.engine.inference.state import InferenceState

__all__ = ["learn_severity", "repaired_by", "severity"]

_MOVE = 0.02  # the priors are rebuilt when the scale moves by more than this (in its log)


def severity(*, restored: int, expected: float, strength: float) -> float:
    """The posterior mean of the storm's scale of the priors: ``restored`` device outages
    restored so far against ``expected`` by the priors, the prior counting as ``strength``
    outages at a scale of 1."""
    return (strength + restored) / (strength + max(0.0, expected))


def repaired_by(seconds: float, mu: float, sd: float) -> float:
    """∫₀ᵀ F(u) du for repair times log-normal (``mu``, ``sd``) and T = ``seconds``: how many
    outages begun at a rate of one a second over the last ``seconds`` have been repaired.

    >>> repaired_by(0.0, 8.0, 1.0)
    0.0
    >>> mu = math.log(9000.0)
    >>> 0.0 < repaired_by(3600.0, mu, 1.0) < repaired_by(7200.0, mu, 1.0)
    True
    >>> abs(repaired_by(1e9, math.log(60.0), 0.5) - (1e9 - 60.0 * math.exp(0.125))) < 1e-3
    True
    """
    if seconds <= 0.0:
        return 0.0
    z = (math.log(seconds) - mu) / sd
    return seconds * _normal_cdf(z) - math.exp(mu + sd * sd / 2.0) * _normal_cdf(z - sd)


def learn_severity(st: InferenceState) -> None:
    """Scale every device's prior by what the storm's restores say of its severity (nothing
    when ``Params.storm_severity_strength`` is 0)."""
    p = st.prior_params
    strength = p.storm_severity_strength
    if strength <= 0.0 or st.started == math.inf:
        return
    if st.base_prior is None:
        st.base_prior = st.prior_array.copy()
        odds = np.exp(np.minimum(st.base_prior, 0.0))  # (-inf: 0; at most 0.5 as given)
        devices = np.asarray(st.network.customer_number) < 0
        st.prior_total = float((odds / (1.0 + odds))[devices].sum())
    repairs = st.rates.repairs
    window = p.together_window_minutes * 60.0
    expected = st.prior_total * repaired_by(st.now - st.started, repairs.mu, repairs.sd) / window
    scale = severity(restored=repairs.repairs, expected=expected, strength=strength)
    if abs(math.log(scale / st.severity)) < _MOVE:
        return
    st.severity = scale
    base = st.base_prior
    with np.errstate(divide="ignore"):
        share = np.minimum(0.5, scale / (1.0 + np.exp(-base)))
        prior = np.log(share) - np.log1p(-share)
    st.prior_array = prior
    st.prior = prior.tolist()
    st.above_prior.clear()


def _normal_cdf(z: float) -> float:
    return 0.5 * math.erfc(-z / math.sqrt(2.0))
