"""Reliability indices by IEEE Std 1366-2012 and DL/T 836.1-2016, and major event days.

Every index is a ratio of a few sums over the interruptions of a period. ``Tally`` holds those
sums, so they can come from a list of interruptions (``tally``, the command's CSV) or from a
database that added them up itself (the station's pages); the indices are its properties.

Conventions (the ``powerdesk reliability`` command states them too):

- an interruption longer than ``SUSTAINED_AFTER`` (5 minutes) is *sustained*; one of 5 minutes or
  less is *momentary* and counts only in MAIFI_E, each as one event (IEEE 1366 §2, "momentary
  interruption event");
- an interruption belongs to the period (and the day) in which it began, with its whole
  duration, as IEEE 1366 §3.12 assigns an event to the day it began; one still going on counts
  up to the end of the period;
- SAIDI, CAIDI and T_MED are in minutes, DL/T 836's AIHC in hours.

Customers are whatever the caller counts: households, or DL/T 836's medium-voltage users (each
public transformer area and each customer with a transformer of their own counts one). The
arithmetic is the same; only ``customers_served`` and each interruption's ``customers`` change.

>>> import datetime as dt
>>> t0 = dt.datetime(2026, 1, 1)
>>> t = tally(
...     [Interruption(t0 + dt.timedelta(days=3), t0 + dt.timedelta(days=3, hours=2), 50)],
...     customers_served=100, period_start=t0, period_end=dt.datetime(2027, 1, 1),
... )
>>> t.saifi, t.saidi, t.caidi, round(t.rs1, 4)
(0.5, 60.0, 120.0, 99.9886)
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from powerdesk.engine.reliability import Interruption

__all__ = [
    "BETA_MULTIPLE",
    "SUSTAINED_AFTER",
    "Interruption",
    "Tally",
    "celid_s",
    "celid_t",
    "cemi",
    "daily_saidi",
    "major_event_days",
    "major_event_threshold",
    "tally",
    "with_customers_interrupted",
]

SUSTAINED_AFTER = dt.timedelta(minutes=5)
BETA_MULTIPLE = 2.5  # IEEE 1366 §4.5: T_MED = exp(α + 2.5 β)


@dataclass(frozen=True)
class Tally:
    """The sums over a period's interruptions that every index divides.

    ``customers_interrupted`` (C_N, distinct customers with at least one sustained interruption)
    is known only where each customer's interruptions are known; CAIFI is ``None`` without it.
    ``rationing_customer_minutes`` is the part of ``customer_minutes`` due to rationing for a
    supply shortage (限电), which DL/T 836's "-3" indices leave out.
    """

    customers_served: int  # N_T
    period_minutes: float  # T
    interruptions: int = 0  # sustained interruption events
    customer_interruptions: int = 0  # Σ N_i, sustained
    customer_minutes: float = 0.0  # Σ r_i N_i, sustained
    momentary_events: int = 0  # Σ ID_E N_mi, customer momentary interruption events
    customers_interrupted: int | None = None  # C_N
    rationing_customer_minutes: float = 0.0

    def __add__(self, other: Tally) -> Tally:
        """Two tallies of the same customers over adjoining periods (months into a year).

        C_N cannot be added (a customer may be in both), so the sum has none.
        """
        if self.customers_served != other.customers_served:
            raise ValueError("tallies of different customers cannot be added")
        return Tally(
            customers_served=self.customers_served,
            period_minutes=self.period_minutes + other.period_minutes,
            interruptions=self.interruptions + other.interruptions,
            customer_interruptions=self.customer_interruptions + other.customer_interruptions,
            customer_minutes=self.customer_minutes + other.customer_minutes,
            momentary_events=self.momentary_events + other.momentary_events,
            rationing_customer_minutes=self.rationing_customer_minutes
            + other.rationing_customer_minutes,
        )

    def _per_customer(self, value: float) -> float:
        return value / self.customers_served if self.customers_served else 0.0

    # -- IEEE Std 1366-2012 ------------------------------------------------------------------
    @property
    def saifi(self) -> float:
        """SAIFI = Σ N_i / N_T (IEEE 1366 §3.1.1): sustained interruptions per customer."""
        return self._per_customer(self.customer_interruptions)

    @property
    def saidi(self) -> float:
        """SAIDI = Σ r_i N_i / N_T (IEEE 1366 §3.1.2), minutes per customer served."""
        return self._per_customer(self.customer_minutes)

    @property
    def caidi(self) -> float:
        """CAIDI = Σ r_i N_i / Σ N_i = SAIDI / SAIFI (IEEE 1366 §3.1.3), minutes; 0 if none."""
        if not self.customer_interruptions:
            return 0.0
        return self.customer_minutes / self.customer_interruptions

    @property
    def caifi(self) -> float | None:
        """CAIFI = Σ N_i / C_N (IEEE 1366 §3.1.5): interruptions per customer interrupted."""
        if self.customers_interrupted is None:
            return None
        if not self.customers_interrupted:
            return 0.0
        return self.customer_interruptions / self.customers_interrupted

    @property
    def asai(self) -> float:
        """ASAI = (N_T T − Σ r_i N_i) / (N_T T) (IEEE 1366 §3.1.7), a fraction in [0, 1]."""
        if not self.customers_served or not self.period_minutes:
            return 1.0
        available = self.customers_served * self.period_minutes
        return max(0.0, (available - self.customer_minutes) / available)

    @property
    def maifi_e(self) -> float:
        """MAIFI_E = Σ ID_E N_mi / N_T (IEEE 1366 §3.2.2): momentary events per customer."""
        return self._per_customer(self.momentary_events)

    # -- DL/T 836.1-2016, §4 评价指标与计算公式 ---------------------------------------------
    @property
    def aihc1(self) -> float:
        """AIHC-1 用户平均停电时间 = Σ(每户每次停电时间) / 总用户数, hours per customer."""
        return self.saidi / 60.0

    @property
    def aitc1(self) -> float:
        """AITC-1 用户平均停电次数 = Σ(每次停电用户数) / 总用户数."""
        return self.saifi

    @property
    def rs1(self) -> float:
        """RS-1 供电可靠率 = (1 − AIHC-1 / 统计期间时间) × 100 %."""
        return self._rate(self.customer_minutes)

    @property
    def aihc3(self) -> float:
        """AIHC-3 用户平均停电时间（不计系统电源不足限电）, hours per customer."""
        return self._per_customer(self.customer_minutes - self.rationing_customer_minutes) / 60

    @property
    def rs3(self) -> float:
        """RS-3 供电可靠率（不计系统电源不足限电）= (1 − AIHC-3 / 统计期间时间) × 100 %."""
        return self._rate(self.customer_minutes - self.rationing_customer_minutes)

    def _rate(self, customer_minutes: float) -> float:
        if not self.period_minutes:
            return 100.0
        mean = self._per_customer(customer_minutes)
        return max(0.0, (1.0 - mean / self.period_minutes) * 100.0)


def tally(
    interruptions: Iterable[Interruption],
    *,
    customers_served: int,
    period_start: dt.datetime,
    period_end: dt.datetime,
    sustained_after: dt.timedelta = SUSTAINED_AFTER,
) -> Tally:
    """Add up the interruptions that began in ``[period_start, period_end)``.

    Each counts its whole duration (an ongoing one up to ``period_end``); its customers are
    capped at ``customers_served``. An ongoing one of ``sustained_after`` or less so far is
    not counted at all (it is not momentary: it has not ended). Does not change its input;
    O(number of interruptions).

    >>> t0 = dt.datetime(2026, 3, 1)
    >>> t = tally([
    ...     Interruption(t0, t0 + dt.timedelta(minutes=90), 40),  # sustained
    ...     Interruption(t0, t0 + dt.timedelta(minutes=3), 10),  # momentary
    ... ], customers_served=200, period_start=t0, period_end=dt.datetime(2026, 4, 1))
    >>> t.interruptions, t.customer_interruptions, t.customer_minutes, t.momentary_events
    (1, 40, 3600.0, 10)
    >>> t.saidi, t.maifi_e
    (18.0, 0.05)
    """
    if period_end < period_start:
        raise ValueError("period_end is before period_start")
    if customers_served < 0:
        raise ValueError("customers_served is negative")
    events = customer_count = momentary = 0
    minutes = rationing = 0.0
    for item in interruptions:
        if item.customers < 0:
            raise ValueError("an interruption has a negative number of customers")
        if not period_start <= item.start < period_end or item.customers == 0:
            continue
        end = item.end if item.end is not None else max(period_end, item.start)
        duration = end - item.start
        customers = min(item.customers, customers_served)
        if duration <= sustained_after:
            # An interruption still on is not momentary: it is left out until it is restored
            # or has lasted past ``sustained_after`` (then it is sustained, up to period_end).
            if item.end is not None:
                momentary += customers
            continue
        events += 1
        customer_count += customers
        customer_minutes = customers * duration.total_seconds() / 60.0
        minutes += customer_minutes
        if item.rationing:
            rationing += customer_minutes
    return Tally(
        customers_served=customers_served,
        period_minutes=(period_end - period_start).total_seconds() / 60.0,
        interruptions=events,
        customer_interruptions=customer_count,
        customer_minutes=minutes,
        momentary_events=momentary,
        rationing_customer_minutes=rationing,
    )


def with_customers_interrupted(t: Tally, customers_interrupted: int) -> Tally:
    """The same tally knowing C_N (for CAIFI).

    >>> t = Tally(customers_served=100, period_minutes=60.0, customer_interruptions=30)
    >>> t.caifi is None, with_customers_interrupted(t, 20).caifi
    (True, 1.5)
    """
    return replace(t, customers_interrupted=customers_interrupted)


# -- major event days (IEEE 1366 §4.5, the 2.5 β method) ----------------------------------------
def daily_saidi(
    interruptions: Iterable[Interruption],
    *,
    customers_served: int,
    tz: dt.tzinfo,
    sustained_after: dt.timedelta = SUSTAINED_AFTER,
) -> dict[dt.date, float]:
    """SAIDI (minutes) of each day with any, from the unplanned sustained interruptions.

    A day is a calendar day in ``tz`` (the station's time); an interruption counts, whole, on
    the day it began. Planned interruptions are left out: IEEE 1366 identifies major events
    among the interruptions a utility did not choose. Ongoing ones (no end) are left out.

    >>> t0 = dt.datetime(2026, 7, 1, 23, 0, tzinfo=dt.UTC)
    >>> daily_saidi([
    ...     Interruption(t0, t0 + dt.timedelta(hours=2), 50),  # the 2nd in UTC+8
    ...     Interruption(t0, t0 + dt.timedelta(hours=5), 50, planned=True),
    ... ], customers_served=100, tz=dt.timezone(dt.timedelta(hours=8)))
    {datetime.date(2026, 7, 2): 60.0}
    """
    if customers_served <= 0:
        return {}
    days: dict[dt.date, float] = {}
    for item in interruptions:
        if item.planned or item.end is None or item.end - item.start <= sustained_after:
            continue
        day = item.start.astimezone(tz).date()
        customers = min(max(item.customers, 0), customers_served)
        minutes = customers * (item.end - item.start).total_seconds() / 60.0
        days[day] = days.get(day, 0.0) + minutes / customers_served
    return days


def major_event_threshold(daily: Iterable[float]) -> float | None:
    """T_MED = exp(α + 2.5 β) (IEEE 1366 §4.5), in the unit of ``daily``.

    α and β are the mean and the sample standard deviation (n − 1) of ln(daily SAIDI) over the
    history given (IEEE 1366 asks for five years), days with no interruption left out (their
    logarithm is undefined). ``None`` with fewer than two such days: β cannot be estimated.

    >>> round(major_event_threshold([1.0, math.e, math.e ** 2]), 6) == round(math.e ** 3.5, 6)
    True
    """
    logs = [math.log(v) for v in daily if v > 0]
    if len(logs) < 2:
        return None
    alpha = statistics.fmean(logs)
    beta = statistics.stdev(logs)
    return math.exp(alpha + BETA_MULTIPLE * beta)


def major_event_days(daily: Mapping[dt.date, float], threshold: float | None) -> list[dt.date]:
    """The days whose SAIDI exceeds T_MED, in order (IEEE 1366 §4.5: "greater than").

    >>> daily = {dt.date(2026, 8, 2): 300.0, dt.date(2026, 8, 1): 5.0, dt.date(2026, 5, 9): 40.0}
    >>> major_event_days(daily, 40.0), major_event_days(daily, None)
    ([datetime.date(2026, 8, 2)], [])
    """
    if threshold is None:
        return []
    return sorted(day for day, value in daily.items() if value > threshold)


# -- customers' own experience (IEEE 1366 §3.1.9, §3.1.10) -------------------------------------
def cemi(counts: Iterable[tuple[int, int]], n: int, *, customers_served: int) -> float:
    """CEMI_n = C_K(n>n) / N_T: the share of customers with more than ``n`` sustained
    interruptions (IEEE 1366 §3.1.9).

    ``counts`` are pairs (sustained interruptions a customer had, how many customers had that
    many), so a transformer area's customers go in as one pair.

    >>> cemi([(0, 60), (2, 30), (5, 10)], 1, customers_served=100)
    0.4
    """
    if customers_served <= 0:
        return 0.0
    return sum(c for k, c in counts if k > n) / customers_served


def celid_s(longest: Iterable[tuple[float, int]], t: float, *, customers_served: int) -> float:
    """CELID-s: the share of customers whose longest single sustained interruption lasted
    more than ``t`` (IEEE 1366 §3.1.10, "single interruption"); pairs (minutes, customers).

    >>> celid_s([(30.0, 70), (240.0, 20), (600.0, 10)], 180.0, customers_served=100)
    0.3
    """
    if customers_served <= 0:
        return 0.0
    return sum(c for minutes, c in longest if minutes > t) / customers_served


def celid_t(total: Iterable[tuple[float, int]], t: float, *, customers_served: int) -> float:
    """CELID-t: the share of customers interrupted for more than ``t`` in all, over the period
    (IEEE 1366 §3.1.10, "total duration"); pairs (minutes, customers).

    >>> celid_t([(100.0, 50), (500.0, 25)], 480.0, customers_served=100)
    0.25
    """
    if customers_served <= 0:
        return 0.0
    return sum(c for minutes, c in total if minutes > t) / customers_served
