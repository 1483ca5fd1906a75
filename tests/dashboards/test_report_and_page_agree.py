"""The monthly report and the reliability page compare the same period with last year by one
function (``reliability.periods.year_comparison``; review 33, finding 4): the same customers
and the same indices, this year to date, last year to the same day, and last year's months —
which the report divided by the customers of a year ago today and the page by those of last
year's 31 December; and "a year ago" is the same day on both, in the station's time (the page
took it of the moment in UTC: on 29 February before 08:00 it was 1 March)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine

from powerdesk.customers.models import Customer
from powerdesk.dashboards.reliability import Area, area_reliability
from powerdesk.outages.models import Outage
from powerdesk.reliability.selectors import Variant
from powerdesk.reports.monthly import monthly_figures
from tests.base import BaseTestCase

TZ = ZoneInfo("Asia/Shanghai")


class ReportAndPageAgreeTests(BaseTestCase):
    def customers(self, connected: dt.date, n: int, *, below: bool = True) -> None:
        """``n`` households connected on ``connected``, below the fuse or not (served, and no
        outage of the fuse takes their supply)."""
        Customer.objects.bulk_create(
            Customer(
                station=self.station_a,
                account_number=f"8{connected:%Y%m%d}{i:02d}",
                name=f"户{i}",
                village=self.village,
                transformer=self.transformer if below else None,
                connected_on=connected,
            )
            for i in range(n)
        )

    def outage(self, start: dt.datetime, minutes: int) -> None:
        Outage.objects.create(
            station=self.station_a,
            device=self.fuse,
            kind="unplanned",
            status="restored",
            starts_at=start,
            restored_at=start + dt.timedelta(minutes=minutes),
            customers=Customer.objects.filter(station=self.station_a).count(),
        )

    def compare(self, now: dt.datetime) -> None:
        """The report of ``now``'s month and the page, both opened at ``now`` (as their views
        ask them: the time is the clock's, in UTC)."""
        year, month = now.year, now.month
        with time_machine.travel(now, tick=False):
            report = monthly_figures(self.station_a, year, month)
            page = area_reliability(self.station_a, Area(("station", self.station_a.pk), ""), year)
        row = report.station_row
        assert row is not None
        for reported, shown in (
            (row.year, page.this_so_far[Variant.ALL]),
            (row.last_year, page.last_so_far[Variant.ALL]),
        ):
            self.assertEqual(reported.customers_served, shown.customers_served)
            for index in ("saidi", "saifi", "rs1"):
                self.assertAlmostEqual(
                    float(getattr(reported, index)), float(getattr(shown, index)), places=9
                )
        # Last year's months, as the report's chart and the page's chart draw them.
        assert page.last is not None
        for m, _this, last in report.reliability.saidi_by_month:
            tally = page.last.months.get(m)
            shown_saidi = float(tally[Variant.ALL].saidi) if tally else 0.0
            self.assertAlmostEqual(last or 0.0, shown_saidi, places=9, msg=f"month {m}")

    def test_last_year_s_months_are_divided_by_the_same_customers(self) -> None:
        # Ten households for years; five more connected late last year, after a year ago today.
        self.customers(dt.date(2020, 1, 1), 10)
        self.outage(dt.datetime(2025, 3, 10, 9, tzinfo=TZ), 120)
        self.outage(dt.datetime(2026, 2, 10, 9, tzinfo=TZ), 60)
        self.customers(dt.date(2025, 12, 20), 5, below=False)
        self.compare(dt.datetime(2026, 12, 4, 10, tzinfo=TZ))

    def test_a_year_before_29_february_is_the_same_day_on_both(self) -> None:
        self.customers(dt.date(2020, 1, 1), 10)
        self.outage(dt.datetime(2027, 2, 10, 9, tzinfo=TZ), 90)
        self.outage(dt.datetime(2028, 2, 10, 9, tzinfo=TZ), 30)
        # Connected on 1 March 2027: not served by 28 February 2027, a year before.
        self.customers(dt.date(2027, 3, 1), 4, below=False)
        self.compare(dt.datetime(2028, 2, 29, 3, tzinfo=TZ))
