"""Lone signs: how long a call or last gasp that no neighbour joins stays lone, by device size.

A customer's sign (a call, a meter's last gasp) is *lone* while no other customer of the device
it hangs from has one. What it is, the stream shows only later: an outage (of that device or
one above it: a neighbour's sign joins it, or the device or one above it is restored), or the
customer's alone (the customer says power is on, or is restored on its own: an own fault, a
wrong account, nothing). Most own faults and wrong accounts are still standing when it
matters, so the signs still standing count too, at their age, as unresolved (censored), as
``lone_calls`` counts its waiting calls.

A mixture with a cure (``LoneSigns.fit``), per class of device size (2, 3-5, 6-20, more
customers): a lone sign is an outage's with share ``pi``, and an outage's sign is joined by
a neighbour at a rate ``lambda_b`` per minute in each age band ``b``; the customer's own sign
is never joined. Signs joined count as events, signs of an outage ended unjoined (a restore)
as censored outage signs, signs ended by their customer as the customer's, signs standing as
either, weighed by how likely each is at their age (expectation-maximisation, weak priors:
``Params.lone_sign_device_share`` worth ``lone_sign_strength`` signs, and a join time of
``lone_sign_join_minutes`` worth as many signs' hour in each band).

A device (2 customers up to ``Params.lone_sign_most``) whose only sign below is a lone one of
age ``a`` gains ``Params.lone_sign_weight`` times: the log of the outages' survival unjoined
to ``a`` (``lone_sign_against`` 1: the age alone speaks), or the log-odds of an outage's sign
among lone signs of that age and size against the prior's share (0; 2: only ever against).

>>> from powerdesk.engine.model.params import Params
>>> signs = LoneSigns()
>>> for n in range(12):
...     signs.opened(n, device=100 + n, t=0.0, customers=4)
...     signs.opened(50 + n, device=200 + n, t=0.0, customers=4)
>>> for n in range(12):
...     signs.ended(n, t=600.0, outage=True, joined=True)  # joined within ten minutes
>>> p = Params(lone_sign_weight=1.0)
>>> signs.llr(p, 4, 60.0) > signs.llr(p, 4, 3 * 3600.0)  # (the other twelve still standing)
True
>>> signs.llr(Params(), 4, 3 * 3600.0)  # (the switch off)
0.0
"""

from __future__ import annotations

import bisect
import itertools
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from powerdesk.engine.inference.evidence import AMI_OFF, CALL, counter

if TYPE_CHECKING:
    from powerdesk.engine.inference.state import InferenceState
    from powerdesk.engine.model.params import Params

__all__ = ["BANDS_MINUTES", "LoneSigns", "device_ended", "lone_llr", "sign", "size_class"]

BANDS_MINUTES: tuple[float, ...] = (0.0, 15.0, 30.0, 60.0, 120.0, 240.0, 480.0)
_WIDTH = [b - a for a, b in itertools.pairwise(BANDS_MINUTES)] + [math.inf]
_CLASS_EDGES = (3, 6, 21)  # 2 | 3-5 | 6-20 | more customers
_AMI_OFF_METERED = counter(AMI_OFF, 1)
_FIT_ROUNDS = 60  # expectation-maximisation rounds at most
_SETTLED = 1e-10  # a round that moves the share by less ends them


def size_class(customers: int) -> int:
    """The class of a device of ``customers``: 0 for 2, 1 for 3-5, 2 for 6-20, 3 above.

    >>> [size_class(n) for n in (2, 3, 5, 6, 20, 21, 400)]
    [0, 1, 1, 2, 2, 3, 3]
    """
    return bisect.bisect_right(_CLASS_EDGES, customers)


def exposure(minutes: float) -> list[float]:
    """Minutes spent in each age band by a sign ``minutes`` old.

    >>> exposure(40.0)
    [15.0, 15.0, 10.0, 0.0, 0.0, 0.0, 0.0]
    """
    return [min(max(minutes - lo, 0.0), w) for lo, w in zip(BANDS_MINUTES, _WIDTH, strict=True)]


def _band(minutes: float) -> int:
    return max(0, bisect.bisect_right(BANDS_MINUTES, minutes) - 1)


@dataclass
class _Class:
    """What the lone signs of one size class have shown: outage signs' joins (events) and
    minutes unjoined (exposure) by band, and how many ended an outage's or the customer's."""

    events: list[float] = field(default_factory=lambda: [0.0] * len(BANDS_MINUTES))
    exposure: list[float] = field(default_factory=lambda: [0.0] * len(BANDS_MINUTES))
    outage: int = 0
    customer: int = 0
    unknown: list[float] = field(default_factory=list)  # minutes lone when a restore above came


@dataclass(frozen=True)
class Fit:
    """A class's estimate: the share of lone signs an outage's, and its join rates."""

    share: float
    rates: tuple[float, ...]

    def log_survival(self, minutes: float) -> float:
        """The log of the chance that an outage's lone sign is still unjoined at ``minutes``."""
        return -sum(r * e for r, e in zip(self.rates, exposure(minutes), strict=True))

    def outage_share(self, minutes: float) -> float:
        """The share of outages' signs among lone signs still lone at ``minutes``."""
        s = self.share * math.exp(self.log_survival(minutes))
        return min(max(s / (s + 1.0 - self.share), 1e-9), 1.0 - 1e-9)


@dataclass
class LoneSigns:
    """The lone signs standing (customer number: device, since, size class) and what the
    ended ones have shown, per size class."""

    classes: list[_Class] = field(default_factory=lambda: [_Class() for _ in range(4)])
    open: dict[int, tuple[int, float, int, int]] = field(default_factory=dict)
    version: int = 0
    _cache: dict[tuple[float, int, int], Fit] = field(default_factory=dict, repr=False)

    def opened(self, number: int, *, device: int, t: float, customers: int, area: int = -1) -> None:
        """Customer ``number``'s sign at ``t`` is lone under ``device`` of ``customers`` (and
        under ``area``, the node whose customers' signs would join it: else ``device``)."""
        self.open[number] = (device, t, size_class(customers), device if area < 0 else area)
        self.version += 1

    def ended(self, number: int, *, t: float, outage: bool | None, joined: bool = False) -> None:
        """Customer ``number``'s lone sign ends at ``t``: an outage's (``joined`` by a
        neighbour's sign, or not: a restore), the customer's alone, or (``outage`` None) no
        longer watched, which not known (censored at that age)."""
        opened = self.open.pop(number, None)
        if opened is None:
            return
        _, since, cls, _ = opened
        counts = self.classes[cls]
        self.version += 1
        if outage is None:
            counts.unknown.append(max(0.0, (t - since) / 60.0))
            return
        if not outage:
            counts.customer += 1
            return
        counts.outage += 1
        minutes = max(0.0, (t - since) / 60.0)
        for b, e in enumerate(exposure(minutes)):
            counts.exposure[b] += e
        if joined:
            counts.events[_band(minutes)] += 1.0

    def fit(self, params: Params, cls: int, now: float) -> Fit:
        """The class's estimate at ``now``, the signs standing counted at their age.

        >>> from powerdesk.engine.model.params import Params
        >>> LoneSigns().fit(Params(lone_sign_device_share=0.3), 0, 0.0).share
        0.3
        """
        key = (now, cls, self.version)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        counts = self.classes[cls]
        k = max(1e-9, params.lone_sign_strength)
        p0 = min(max(params.lone_sign_device_share, 1e-6), 1.0 - 1e-6)
        prior_exposure = k * 60.0
        prior_events = prior_exposure / max(1e-9, params.lone_sign_join_minutes)
        ages = [max(0.0, (now - s) / 60.0) for _, s, c, _ in self.open.values() if c == cls]
        ages += counts.unknown
        standing = [exposure(a) for a in ages]
        fit = Fit(p0, tuple(prior_events / prior_exposure for _ in BANDS_MINUTES))
        for _ in range(_FIT_ROUNDS):
            weights = [fit.share * math.exp(fit.log_survival(a)) for a in ages]
            weights = [w / (w + 1.0 - fit.share) for w in weights]
            exp_b = list(counts.exposure)
            for w, e in zip(weights, standing, strict=True):
                for b, m in enumerate(e):
                    exp_b[b] += w * m
            rates = tuple(
                (prior_events + ev) / (prior_exposure + ex)
                for ev, ex in zip(counts.events, exp_b, strict=True)
            )
            total = counts.outage + counts.customer + len(ages)
            share = (k * p0 + counts.outage + sum(weights)) / (k + total)
            moved = abs(share - fit.share)
            fit = Fit(min(max(share, 1e-6), 1.0 - 1e-6), rates)
            if moved < _SETTLED:
                break
        if len(self._cache) > 64:
            self._cache.clear()
        self._cache[key] = fit
        return fit

    def llr(self, params: Params, customers: int, seconds: float, now: float = 0.0) -> float:
        """What a device of ``customers`` whose only sign is a lone one ``seconds`` old gains
        (see the module), the estimate taken at ``now``."""
        w = params.lone_sign_weight
        if w <= 0.0:
            return 0.0
        fit = self.fit(params, size_class(customers), max(now, seconds))
        minutes = max(0.0, seconds / 60.0)
        reading = params.lone_sign_against
        if reading == 1.0:
            return w * fit.log_survival(minutes)
        p = fit.outage_share(minutes)
        p0 = min(max(params.lone_sign_device_share, 1e-6), 1.0 - 1e-6)
        term = w * (math.log(p / (1.0 - p)) - math.log(p0 / (1.0 - p0)))
        return min(0.0, term) if reading >= 2.0 else term


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
    a new sign opens a lone sign or ends its neighbours' (joined); power on ends its own."""
    lone = st.lone_signs
    if new in (CALL, AMI_OFF):
        if old in (CALL, AMI_OFF):
            return
        state = st.evidence
        device = state.cparent[element]
        if device < 0:
            return
        # (``lone_sign_near`` 1: lone while no customer of the device above signs either)
        near = st.prior_params.lone_sign_near > 0.0
        area = state.cparent[device] if near else device
        area = device if area < 0 else area
        joined = [
            n
            for n, (d, _, _, a) in lone.open.items()
            if n != number and (state.first[a] <= number < state.endc[a] if near else d == device)
        ]
        for n in joined:
            lone.ended(n, t=t, outage=True, joined=True)
        customers = _customers(st, device)
        if not joined and customers >= 2 and signs_below(st, area) == 1:
            lone.opened(number, device=device, t=t, customers=customers, area=area)
        return
    lone.ended(number, t=t, outage=False)


def device_ended(st: InferenceState, element: int, t: float) -> None:
    """A restore (or SCADA close) of ``element`` at ``t``: the lone signs below it end, as an
    outage's unjoined (the customer's own, if ``element`` is the customer)."""
    lone = st.lone_signs
    if not lone.open:
        return
    number = st.customer_number[element]
    if number >= 0:
        lone.ended(number, t=t, outage=False)
        return
    end = st.network.end[element]
    first, endc = st.evidence.first[element], st.evidence.endc[element]
    below = [n for n, (d, *_) in lone.open.items() if first <= n < endc or element <= d < end]
    above = True if st.prior_params.lone_sign_above > 0.0 else None
    for n in below:  # (below a restore above: an outage's, or with ``lone_sign_above`` 0 unknown)
        lone.ended(n, t=t, outage=True if lone.open[n][0] == element else above)


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
    customers = _customers(st, node)
    if not 2 <= customers <= params.lone_sign_most or signs_below(st, node) != 1:
        return 0.0
    age = now - st.evidence.first_sign[node]
    return st.lone_signs.llr(params, customers, age, now)
