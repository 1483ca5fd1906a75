"""Supply reliability indices: SAIDI, SAIFI, CAIDI and DL/T 836's RS-1.

Pure arithmetic over interruptions, so the station's pages, the monthly report and the
benchmarks all count the same way. Times are ``datetime`` values (aware or naive, but one kind);
an interruption still going on counts up to the end of the period ("so far").

- SAIDI: customer-hours of interruption per customer served (h/customer).
- SAIFI: customer interruptions per customer served.
- CAIDI: SAIDI / SAIFI, the mean duration of an interruption a customer sees (h).
- RS-1 (供电可靠率, DL/T 836): (1 - SAIDI / period hours) × 100 %, all interruptions counted.

Planned and fault interruptions are also counted apart (``planned`` and ``unplanned``), as
DL/T 836 reports them: the station answers for its faults, and announces its planned work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Interruption:
    start: dt.datetime
    end: dt.datetime | None
    customers: int
    planned: bool = False
    rationing: bool = False  # rationing for a supply shortage (限电): DL/T 836's "-3" leave it out


@dataclass(frozen=True)
class Reliability:
    customers_served: int
    period_hours: float
    interruptions: int
    customer_interruptions: int
    customer_hours: float
    planned_customer_hours: float
    planned_interruptions: int = 0
    planned_customer_interruptions: int = 0

    @property
    def saidi(self) -> float:
        return self.customer_hours / self.customers_served if self.customers_served else 0.0

    @property
    def saifi(self) -> float:
        if not self.customers_served:
            return 0.0
        return self.customer_interruptions / self.customers_served

    @property
    def caidi(self) -> float:
        return self.saidi / self.saifi if self.saifi else 0.0

    @property
    def rs1(self) -> float:
        """Supply reliability rate RS-1, in percent."""
        if not self.period_hours:
            return 100.0
        return max(0.0, (1.0 - self.saidi / self.period_hours) * 100.0)

    @property
    def saidi_unplanned(self) -> float:
        if not self.customers_served:
            return 0.0
        return (self.customer_hours - self.planned_customer_hours) / self.customers_served

    @property
    def planned(self) -> Reliability:
        """The same figures for planned interruptions alone."""
        return Reliability(
            customers_served=self.customers_served,
            period_hours=self.period_hours,
            interruptions=self.planned_interruptions,
            customer_interruptions=self.planned_customer_interruptions,
            customer_hours=self.planned_customer_hours,
            planned_customer_hours=self.planned_customer_hours,
            planned_interruptions=self.planned_interruptions,
            planned_customer_interruptions=self.planned_customer_interruptions,
        )

    @property
    def unplanned(self) -> Reliability:
        """The same figures for fault interruptions alone."""
        return Reliability(
            customers_served=self.customers_served,
            period_hours=self.period_hours,
            interruptions=self.interruptions - self.planned_interruptions,
            customer_interruptions=self.customer_interruptions
            - self.planned_customer_interruptions,
            customer_hours=self.customer_hours - self.planned_customer_hours,
            planned_customer_hours=0.0,
        )


def reliability(
    interruptions: Iterable[Interruption],
    *,
    customers_served: int,
    period_start: dt.datetime,
    period_end: dt.datetime,
) -> Reliability:
    """The indices over ``[period_start, period_end)``; interruptions are clipped to it.

    >>> t0 = dt.datetime(2026, 1, 1)
    >>> r = reliability([Interruption(start=t0, end=t0 + dt.timedelta(hours=2), customers=50)],
    ...                 customers_served=100, period_start=t0,
    ...                 period_end=t0 + dt.timedelta(days=10))
    >>> r.saifi, r.saidi, r.caidi  # half the customers, two hours each
    (0.5, 1.0, 2.0)
    """
    if period_end < period_start:
        raise ValueError("period_end is before period_start")
    if customers_served < 0:
        raise ValueError("customers_served is negative")
    count = customer_count = planned_count = planned_customers = 0
    hours = planned_hours = 0.0
    for item in interruptions:
        if item.customers < 0:
            raise ValueError("an interruption has a negative number of customers")
        end = min(item.end or period_end, period_end)
        start = max(item.start, period_start)
        if end <= start or item.customers == 0:
            continue
        customers = min(item.customers, customers_served)
        duration = (end - start).total_seconds() / 3600.0
        count += 1
        customer_count += customers
        hours += customers * duration
        if item.planned:
            planned_hours += customers * duration
            planned_count += 1
            planned_customers += customers
    return Reliability(
        customers_served=customers_served,
        period_hours=(period_end - period_start).total_seconds() / 3600.0,
        interruptions=count,
        customer_interruptions=customer_count,
        customer_hours=hours,
        planned_customer_hours=planned_hours,
        planned_interruptions=planned_count,
        planned_customer_interruptions=planned_customers,
    )
