"""Lone signs: what a call or last gasp that no neighbour joins turns out to be, by its age.

A customer's sign (a call, a meter's last gasp) is *lone* while no other customer of the device
it hangs from has one. It ends one of three ways, which the stream shows: a neighbour's sign
comes (the device's outage, most likely), the device itself is restored or SCADA closes it
(its outage), or the customer alone is answered: says power is on, or a restore of the customer
(an own fault, a wrong account, nothing). Lone signs still standing are censored; those ended
by a restore above the device count as an outage (``Params.lone_sign_above``) or are dropped.

For each age band (a lower edge in minutes), ``LoneSignRates`` counts the lone signs that
stayed lone at least that long and then turned out the device's or the customer's, and draws
the posterior share of device outages among them from a weak Beta prior (the band before's
share, the first band's ``Params.lone_sign_device_share``, worth ``lone_sign_strength`` signs).
Only devices of at most ``Params.lone_sign_most`` customers keep lone signs, and only they are
weighed: a larger device's outage is joined by its neighbours within minutes. A device
whose only sign below is one such sign gains (or loses) the log-odds of that share against the
prior's, times ``Params.lone_sign_weight`` (0: off): with no lesson learnt, nothing.

>>> from powerdesk.engine.model.params import Params
>>> rates = LoneSignRates()
>>> for _ in range(12):
...     rates.ended(device=True, seconds=10 * 60.0)  # a neighbour's sign came soon
...     rates.ended(device=False, seconds=3 * 3600.0)  # cleared by the customer, hours later
>>> p = Params(lone_sign_weight=1.0)
>>> rates.llr(p, 5 * 60.0) == 0.0 > rates.llr(p, 2.5 * 3600.0)  # half and half, then none
True
>>> rates.llr(Params(), 2.5 * 3600.0)  # (the switch off)
0.0
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from powerdesk.engine.inference.evidence import AMI_OFF, CALL, counter

if TYPE_CHECKING:
    from powerdesk.engine.inference.state import InferenceState
    from powerdesk.engine.model.params import Params

__all__ = ["BANDS_MINUTES", "LoneSignRates", "device_ended", "lone_llr", "sign", "signs_below"]

BANDS_MINUTES: tuple[float, ...] = (0.0, 15.0, 30.0, 60.0, 120.0, 240.0, 480.0)
_EDGES = [m * 60.0 for m in BANDS_MINUTES]
_AMI_OFF_METERED = counter(AMI_OFF, 1)


@dataclass
class LoneSignRates:
    """Lone signs ended so far, by age band: how many turned out a device's outage and how
    many the customer's alone; and the lone signs still open, by customer number."""

    device: list[int] = field(default_factory=lambda: [0] * len(BANDS_MINUTES))
    customer: list[int] = field(default_factory=lambda: [0] * len(BANDS_MINUTES))
    open: dict[int, tuple[int, float]] = field(default_factory=dict)  # number: (device, since)

    def ended(self, *, device: bool, seconds: float) -> None:
        """A lone sign ended after ``seconds`` still lone: the device's (``device``) or the
        customer's alone. It counts in every band it reached.

        >>> rates = LoneSignRates()
        >>> rates.ended(device=True, seconds=40 * 60.0)
        >>> rates.device
        [1, 1, 1, 0, 0, 0, 0]
        """
        counts = self.device if device else self.customer
        for band in range(_band(seconds) + 1):
            counts[band] += 1

    def share(self, params: Params, seconds: float) -> float:
        """The posterior mean share of device outages among lone signs still lone after
        ``seconds``.

        >>> from powerdesk.engine.model.params import Params
        >>> LoneSignRates().share(Params(lone_sign_device_share=0.3), 600.0)
        0.3
        """
        k = max(1e-9, params.lone_sign_strength)
        share = min(max(params.lone_sign_device_share, 1e-6), 1.0 - 1e-6)
        # Each band's share is drawn towards the band before it (the first towards the
        # prior's): a band no lone sign has reached yet says what the one before it says.
        for band in range(_band(seconds) + 1):
            device, customer = self.device[band], self.customer[band]
            share = (k * share + device) / (k + device + customer)
        return share

    def llr(self, params: Params, seconds: float) -> float:
        """What a device whose only sign is a lone one ``seconds`` old gains: the log-odds of
        the learnt share against the prior's (``lone_sign_against`` 0), or against the learnt
        share of fresh lone signs (1; 2: only ever against the device), times
        ``lone_sign_weight``.

        >>> from powerdesk.engine.model.params import Params
        >>> rates = LoneSignRates()
        >>> for _ in range(12):
        ...     rates.ended(device=True, seconds=5 * 60.0)  # joined within minutes
        ...     rates.ended(device=False, seconds=2 * 3600.0)  # said on hours later
        >>> p = Params(lone_sign_weight=1.0, lone_sign_against=1.0)
        >>> rates.llr(p, 60.0), rates.llr(p, 3600.0) < 0.0
        (0.0, True)
        >>> rates.llr(Params(lone_sign_weight=1.0, lone_sign_against=0.0), 3600.0) < 0.0
        True
        """
        w = params.lone_sign_weight
        if w <= 0.0:
            return 0.0
        reading = params.lone_sign_against
        if reading <= 0.0:
            p0 = min(max(params.lone_sign_device_share, 1e-6), 1.0 - 1e-6)
        else:  # (against the storm's fresh lone signs: the age alone speaks)
            p0 = self.share(params, 0.0)
        p = self.share(params, seconds)
        term = w * (math.log(p / (1.0 - p)) - math.log(p0 / (1.0 - p0)))
        return min(0.0, term) if reading >= 2.0 else term


def _band(seconds: float) -> int:
    return max(0, bisect.bisect_right(_EDGES, seconds) - 1)


def _customers(st: InferenceState, node: int) -> int:
    state = st.evidence
    return int(state.endc[node] - state.first[node])


def signs_below(st: InferenceState, node: int) -> int:
    """Calls and last gasps standing below ``node``.

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers(calls=2)
    >>> signs_below(st, st.network.index["T"])
    2
    """
    state = st.evidence
    return int(state.count(node, CALL) + state.counts[_AMI_OFF_METERED][node])


def sign(st: InferenceState, number: int, element: int, t: float, old: int, new: int) -> None:
    """Customer ``number`` (row ``element``) moved from category ``old`` to ``new`` at ``t``:
    a new sign opens a lone sign or ends its neighbours'; power on ends its own."""
    lone = st.lone_signs
    state = st.evidence
    if new in (CALL, AMI_OFF):
        if old in (CALL, AMI_OFF):
            return
        device = state.cparent[element]
        if device < 0:
            return
        joined = [n for n, (d, _) in lone.open.items() if d == device and n != number]
        for n in joined:
            _, since = lone.open.pop(n)
            lone.ended(device=True, seconds=t - since)
        most = st.prior_params.lone_sign_most
        if not joined and signs_below(st, device) == 1 and _customers(st, device) <= most:
            lone.open[number] = (device, t)
        return
    opened = lone.open.pop(number, None)
    if opened is not None:
        lone.ended(device=False, seconds=t - opened[1])


def device_ended(st: InferenceState, element: int, t: float) -> None:
    """A restore (or SCADA close) of ``element`` at ``t``: the lone signs below it end, as its
    outage if it is the device they hang from (or the customer's own, if it is the customer);
    below a larger restore, as an outage too with ``Params.lone_sign_above`` (the restore
    made them stale: most likely they were of it), or else dropped (which they were is not
    known)."""
    lone = st.lone_signs
    if not lone.open:
        return
    number = st.customer_number[element]
    if number >= 0:
        opened = lone.open.pop(number, None)
        if opened is not None:
            lone.ended(device=False, seconds=t - opened[1])
        return
    end = st.network.end[element]
    first = st.evidence.first[element]
    below = [
        n
        for n, (d, _) in lone.open.items()
        if first <= n < st.evidence.endc[element] or element <= d < end
    ]
    above = st.prior_params.lone_sign_above > 0.0
    for n in below:
        d, since = lone.open.pop(n)
        if d == element or above:
            lone.ended(device=True, seconds=t - since)


def lone_llr(st: InferenceState, node: int, now: float) -> float:
    """What ``node`` gains open if its only sign below is a lone one (see the module).

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers(calls=1)
    >>> lone_llr(st, st.network.index["T"], 3600.0)  # (the switch off)
    0.0
    """
    params = st.prior_params
    if params.lone_sign_weight <= 0.0:
        return 0.0
    state = st.evidence
    if not 2 <= _customers(st, node) <= params.lone_sign_most or signs_below(st, node) != 1:
        return 0.0
    return st.lone_signs.llr(params, now - state.first_sign[node])
