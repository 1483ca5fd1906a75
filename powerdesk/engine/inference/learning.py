"""What the stream itself says about this storm's rates (empirical Bayes).

A station's storms follow no simulator: how many of the customers without power call and how
late, how many meter messages get through, how often a crew confirms a device before it is
restored, and what a call from a customer alone turns out to be, all differ from storm to storm
and station to station. Each rate starts from a weak prior (``Params``) and is updated from
what the station later learns for certain:

- a ``restore`` of a device says its customers were out: how many of them called, how long
  after the first sign, how many of its reporting meters sent a last gasp, and whether a crew
  confirmed it before; how far those shares of last gasps spread from outage to outage says how
  alike the storm's areas are in delivering them (``last_gasp_strength``): where they are
  alike, the silence of many meters below one device speaks against its having opened;
- a ``restore`` of a device also says how long its outage took to repair, from its first sign;
  the outages a crew or SCADA reported open and not yet restored have waited at least their
  age (``repairs``);
- a ``restore`` of a customer says a lone call was the customer's own fault; a ``call_on`` from a
  customer whose call no restore has answered says it was not (a wrong account, or nothing);
  the calls still unanswered count by how likely their silence is under each (``lone_calls``).

The estimates are posterior means: the prior counts as ``strength`` observations.

>>> from powerdesk.engine.model.params import Params
>>> rates = StormRates(Params())
>>> for _ in range(20):
...     rates.outage_restored(customers=10, calls=10, delays_sum=0.0, meters=0, last_gasps=0,
...                           confirmed=False)
>>> round(rates.call_share, 2)
0.8
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from powerdesk.engine.inference.lone_calls import LoneCallRates
from powerdesk.engine.inference.repairs import RepairTimes
from powerdesk.engine.model.network import Network
from powerdesk.engine.model.params import Params

__all__ = ["StormRates", "history_priors"]


@dataclass
class StormRates:
    """Running posterior means of the storm's rates; see the module docstring."""

    prior: Params
    outages: int = 0
    share_sum: float = 0.0  # sum over restored outages of the share of customers who called
    delay_sum: float = 0.0  # seconds from the first call to each later call
    delays: int = 0
    metered_outages: int = 0
    delivery_sum: float = 0.0
    delivery_squares: float = 0.0  # sum of the squares of those shares
    delivery_noise: float = 0.0  # sum over those outages of 1 / their reporting meters
    restores: int = 0  # restored areas with reporting meters, watched to the end
    restore_delivery_sum: float = 0.0
    restore_delivery_squares: float = 0.0  # sum of the squares of those shares
    restore_delivery_noise: float = 0.0  # sum over those areas of 1 / their reporting meters
    confirmed: int = 0
    crew_outages: int = 0
    rejections: int = 0  # devices staff said were not out (``reject``): not outages to learn from
    lone: LoneCallRates = field(init=False)  # what calls from a customer alone turn out to be
    repairs: RepairTimes = field(init=False)  # how long outages take to repair

    def __post_init__(self) -> None:
        self.lone = LoneCallRates(self.prior)
        self.repairs = RepairTimes(self.prior)

    # -- what the station learned ------------------------------------------------------------
    def outage_restored(
        self,
        *,
        customers: int,
        calls: int,
        delays_sum: float,
        meters: int,
        last_gasps: int,
        confirmed: bool | None,
    ) -> None:
        """A device was restored: of its ``customers`` whose meter sent nothing, ``calls``
        had called, ``delays_sum`` seconds after the first call in all (estimated robustly);
        ``last_gasps`` of its ``meters`` reporting meters had sent one.

        >>> rates = StormRates(Params())  # (call share 0.15 of strength 6, delivery 0.5 of 4)
        >>> rates.outage_restored(customers=10, calls=5, delays_sum=0.0, meters=4,
        ...                       last_gasps=4, confirmed=True)
        >>> round(rates.call_share, 3), round(rates.message_delivery, 3)  # 1.4 / 7, 3 / 5
        (0.2, 0.6)
        """
        if customers > 0:
            self.outages += 1
            self.share_sum += min(1.0, calls / customers)
        if calls >= 4 and customers > 0:  # (fewer say little about the delay)
            self.delay_sum += delays_sum
            self.delays += calls - 1
        if meters > 0:
            # Each outage's share is one draw of the storm's delivery (it varies by valley).
            self.metered_outages += 1
            share = min(last_gasps, meters) / meters
            self.delivery_sum += share
            self.delivery_squares += share * share
            self.delivery_noise += 1.0 / meters
        if confirmed is not None and (customers > 0 or meters > 0):
            # (None: SCADA saw it, no crew needed to.)
            self.crew_outages += 1
            self.confirmed += confirmed

    def power_back(self, *, meters: int, reported: int) -> None:
        """Power came back to ``meters`` reporting meters below a restored device, and
        ``reported`` of them sent a power-on message within the watch (each restore's share
        is one draw of the storm's delivery, as for last gasps).

        >>> rates = StormRates(Params())
        >>> rates.power_back(meters=10, reported=10)
        >>> round(rates.restore_delivery, 3)  # (0.5 * 4 + 1) / 5
        0.6
        """
        if meters > 0:
            self.restores += 1
            share = min(reported, meters) / meters
            self.restore_delivery_sum += share
            self.restore_delivery_squares += share * share
            self.restore_delivery_noise += 1.0 / meters

    # -- the estimates ----------------------------------------------------------------------
    @property
    def call_share(self) -> float:
        p = self.prior
        s = p.call_share_strength
        return (p.call_share * s + self.share_sum) / (s + self.outages)

    @property
    def call_delay_minutes(self) -> float:
        p = self.prior
        w = p.call_delay_strength
        return (p.call_delay_minutes * 60.0 * w + self.delay_sum) / (w + self.delays) / 60.0

    @property
    def message_delivery(self) -> float:
        p = self.prior
        s = p.message_delivery_strength
        return (p.message_delivery * s + self.delivery_sum) / (s + self.metered_outages)

    @property
    def last_gasp_strength(self) -> float:
        """How alike areas are in their share of last gasps (Beta a + b): from the spread of
        the restored outages' shares, less what their few meters alone would spread
        (binomially), as the share of the variance a Beta of that mean allows (its
        intra-class correlation 1 / (a + b + 1)), which the prior's counts as
        ``Params.last_gasp_spread_weight`` outages.

        >>> rates = StormRates(Params())
        >>> for _ in range(30):  # thirty restored outages, each with 6 of 10 last gasps
        ...     rates.outage_restored(customers=5, calls=1, delays_sum=0.0, meters=10,
        ...                           last_gasps=6, confirmed=None)
        >>> rates.last_gasp_strength > 5 * Params().last_gasp_strength  # alike: silence speaks
        True
        """
        p = self.prior
        n = self.metered_outages
        prior_icc = 1.0 / (p.last_gasp_strength + 1.0)
        if n < 2:
            return p.last_gasp_strength
        mean = self.delivery_sum / n
        spread = max(0.0, (self.delivery_squares - n * mean * mean) / (n - 1))
        mu = min(max(self.message_delivery, 1e-3), 1.0 - 1e-3)
        between = max(0.0, spread - mu * (1.0 - mu) * self.delivery_noise / n)
        icc = min(1.0, between / (mu * (1.0 - mu)))
        w = p.last_gasp_spread_weight
        icc = (w * prior_icc + n * icc) / (w + n)
        return 1.0 / icc - 1.0

    @property
    def restore_delivery(self) -> float:
        p = self.prior
        s = p.message_delivery_strength
        return (p.restore_delivery * s + self.restore_delivery_sum) / (s + self.restores)

    @property
    def crew_confirms(self) -> float:
        p = self.prior
        s = p.crew_confirms_strength
        return (p.crew_confirms * s + self.confirmed) / (s + self.crew_outages)

    @property
    def own_fault_share(self) -> float:
        """Share of lone calls (no outage above) that are the customer's own fault."""
        return self.lone.own_share

    @property
    def own_faults(self) -> float:
        """Lone calls counted as own faults (the unanswered ones by their chance of being so)."""
        return self.lone.own_faults

    @property
    def not_faults(self) -> float:
        return self.lone.not_faults

    def params(self) -> Params:
        """``prior`` with this storm's estimates in place of its rates.

        >>> rates = StormRates(Params())
        >>> rates.outage_restored(customers=10, calls=5, delays_sum=0.0, meters=0,
        ...                       last_gasps=0, confirmed=None)
        >>> rates.params().call_share == rates.call_share != Params().call_share
        True
        """
        estimates = replace(
            self.prior,
            call_share=self.call_share,
            call_delay_minutes=self.call_delay_minutes,
            message_delivery=self.message_delivery,
            last_gasp_strength=self.last_gasp_strength,
            restore_delivery=self.restore_delivery,
            crew_confirms=self.crew_confirms,
            repair_median_hours=self.repairs.median_hours,
            repair_spread=self.repairs.spread,
        )
        lone = self.lone
        if not lone.estimated:
            return estimates
        return replace(
            estimates,
            own_fault_share=lone.own_share,
            own_repair_hours=math.exp(lone.own_repair_log) / 3600.0,
            said_on_share=lone.said_on_share,
            said_on_minutes=math.exp(lone.said_on_log) / 60.0,
        )


def history_priors(
    network: Network,
    failures: Iterable[str],
    prior: Params | None = None,
    *,
    kind_strength: float = 5.0,
    place_strength: float = 2.0,
) -> Params:
    """``prior`` with each device's prior of operating moved by the station's history.

    ``failures`` names the device of each past fault outage (ids not in ``network``, customers
    and devices that cannot operate are left out). The history says which kinds of device and
    which devices fail more or less often than ``prior`` expects, not how often a storm opens
    one: the priors keep their scale (the same number of failures expected over the network),
    as Gamma-Poisson empirical Bayes. The failures are shared out over the devices in
    proportion to their priors (kind, lightning, age); each kind's prior is multiplied by
    (its failures + ``kind_strength``) / (its share + ``kind_strength``), then each device's by
    (its own failures + ``place_strength``) / (its share so moved + ``place_strength``).

    >>> from powerdesk.engine.model.network import Network
    >>> net = Network.from_rows([("S", "", "source"), ("F1", "S", "fuse"), ("F2", "S", "fuse"),
    ...     ("T1", "F1", "transformer"), ("T2", "F2", "transformer"),
    ...     ("C1", "T1", "customer"), ("C2", "T2", "customer")])
    >>> p = history_priors(net, ["F1"] * 6)
    >>> p.device_risk["F1"] > 1.0 > p.device_risk["F2"]
    True
    >>> history_priors(net, []) == Params()
    True
    """
    p = prior or Params()
    counts = Counter(network.index.get(device) for device in failures)
    customer_number = network.customer_number
    weights: dict[int, float] = {}
    for element in range(len(network)):
        if customer_number[element] >= 0:
            continue
        odds = p.prior_log_odds(
            int(network.kind[element]),
            bool(network.lightning_zone[element]),
            int(network.install_year[element]),
            p.device_risk.get(network.ids[element], 1.0),
        )
        if odds > -math.inf:
            weights[element] = 1.0 / (1.0 + math.exp(-odds))
    total_failures = sum(n for element, n in counts.items() if element in weights)
    total_weight = sum(weights.values())
    if total_failures == 0 or total_weight <= 0.0:
        return p
    expected: dict[int, float] = {}  # each device's share of the failures, by its prior
    kind_failures: Counter[int] = Counter()
    kind_expected: dict[int, float] = {}
    for element, weight in weights.items():
        kind = int(network.kind[element])
        expected[element] = share = total_failures * weight / total_weight
        kind_expected[kind] = kind_expected.get(kind, 0.0) + share
        kind_failures[kind] += counts.get(element, 0)
    kind_risk = {
        kind: (kind_failures[kind] + kind_strength) / (share + kind_strength)
        for kind, share in kind_expected.items()
    }
    risk = dict(p.device_risk)
    for element, share in expected.items():
        moved = share * kind_risk[int(network.kind[element])]
        r = (counts.get(element, 0) + place_strength) / (moved + place_strength)
        if abs(r - 1.0) > 1e-3:  # (most devices, far from any failure, stay as they were)
            device = network.ids[element]
            risk[device] = risk.get(device, 1.0) * r
    priors = {kind: q * kind_risk.get(kind, 1.0) for kind, q in p.priors.items()}
    return replace(p, priors=priors, device_risk=risk)
