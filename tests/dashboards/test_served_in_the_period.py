"""A closed month's reliability counts the customers it served (walkthrough 31, finding 9):
October's report used today's customers, so importing three in December moved October's
customer count and the year's SAIDI of a report already sent to the county."""

from __future__ import annotations

import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from powerdesk.customers.importing import customer_import
from powerdesk.customers.models import Customer
from powerdesk.dashboards.reliability import area_reliability
from powerdesk.outages.models import Outage
from powerdesk.reports.monthly import monthly_figures
from tests.base import BaseTestCase

TZ = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 12, 4, 10, 0, tzinfo=TZ)
HEADER = (
    "account_number,name,phones,address,village,group,transformer,"
    "elderly_alone,hardship,medical_need,important,smart_meter\n"
)


def three_new_customers() -> io.BytesIO:
    # Not placed under a transformer area: they are served, and no outage took their supply.
    rows = "".join(f"90000{n},新户{n},,,左门,哔叭,,0,0,0,0,0\n" for n in range(3))
    return io.BytesIO((HEADER + rows).encode("utf-8"))


class ServedInThePeriodTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        start = dt.datetime(2026, 10, 10, 9, tzinfo=TZ)
        Outage.objects.create(
            station=cls.station_a,
            device=cls.fuse,
            kind="unplanned",
            status="restored",
            starts_at=start,
            restored_at=start + dt.timedelta(minutes=60),
            customers=1,
        )

    def setUp(self) -> None:
        traveller = time_machine.travel(NOW, tick=False)
        traveller.start()
        self.addCleanup(traveller.stop)

    def october(self) -> tuple[int, float | None]:
        row = monthly_figures(self.station_a, 2026, 10, now=NOW).station_row
        assert row is not None
        return row.year.customers_served, row.shown["year"]["saidi"]

    def import_three(self) -> None:
        customer_import(station=self.station_a, stream=three_new_customers(), file_name="new.csv")

    def test_customers_imported_later_leave_a_closed_month_as_it_was(self) -> None:
        before = self.october()
        self.import_three()
        new = Customer.objects.filter(account_number__startswith="90000")
        self.assertEqual(set(new.values_list("connected_on", flat=True)), {NOW.date()})
        self.assertEqual(self.october(), before)
        # December, which they are served in, counts them.
        december = monthly_figures(self.station_a, 2026, 12, now=NOW).station_row
        assert december is not None
        self.assertEqual(december.year.customers_served, before[0] + 3)

    def test_the_reliability_page_s_last_year_counts_last_year_s_customers(self) -> None:
        last = area_reliability(self.station_a, self._station_area(), 2026, now=NOW)
        self.import_three()
        again = area_reliability(self.station_a, self._station_area(), 2026, now=NOW)
        self.assertEqual(again.last_so_far, last.last_so_far)
        self.assertEqual(again.last, last.last)
        # This year's, to today, counts them.
        self.assertNotEqual(again.this_so_far, last.this_so_far)

    def _station_area(self):  # type: ignore[no-untyped-def]
        from powerdesk.dashboards.reliability import Area

        return Area(key=("station", self.station_a.pk), name=self.station_a.name)

    def test_october_s_page_says_the_same_after_the_import(self) -> None:
        self.login(self.chief)

        def saidi() -> str:
            page = self.client.get(reverse("reports:monthly"), {"month": "2026-10"})
            found = re.search(r'data-figure="saidi-year">(.*?)</dd>', page.content.decode())
            assert found
            return found.group(1)

        before = saidi()
        self.import_three()
        self.assertEqual(saidi(), before)

    def test_the_customer_s_page_says_from_when_the_figures_count_them(self) -> None:
        self.import_three()
        self.login(self.clerk)
        new = Customer.objects.get(account_number="900000")
        page = self.client.get(reverse("customers:detail", args=[new.pk])).content.decode()
        self.assertRegex(page, r'data-testid="connected-on">2026-12-04<')
        # One recorded before the station kept the date: counted in every period, said so.
        page = self.client.get(reverse("customers:detail", args=[self.customer.pk]))
        self.assertContains(page, "以前接电，未记日期")


class FirstRegisterTests(BaseTestCase):
    """While a station has no outage on record, its customer files (one or several, customer or
    network file) are the register it has served for years: counted in every period, or last
    year's figures would have none (review 32, finding 2: the second file of a register was
    dated today, and the network file's customers never were)."""

    def test_the_register_counts_in_every_period_until_an_outage_is_on_record(self) -> None:
        self.assertFalse(Outage.objects.filter(station=self.station_b).exists())
        with time_machine.travel(NOW, tick=False):
            for name in ("a.csv", "b.csv"):  # the register, village by village
                village = "栋川" if name == "a.csv" else "大村"
                stream = three_new_customers_at(village)
                if name == "b.csv":
                    stream = io.BytesIO(stream.getvalue().replace(b"90000", b"90001"))
                customer_import(station=self.station_b, stream=stream, file_name=name)
            register = Customer.objects.filter(station=self.station_b)
            self.assertEqual(register.count(), 6)
            self.assertEqual(set(register.values_list("connected_on", flat=True)), {None})
        # Station A has an outage on record: a customer new to its register counts from today,
        # from the customer file as from the network file.
        with time_machine.travel(NOW, tick=False):
            self.import_network_customer()
        self.assertEqual(Customer.objects.get(account_number="C-9").connected_on, NOW.date())

    def import_network_customer(self) -> None:
        from powerdesk.network.importing import network_import

        Outage.objects.create(
            station=self.station_a,
            device=self.fuse,
            kind="unplanned",
            status="restored",
            starts_at=NOW - dt.timedelta(days=30),
            restored_at=NOW - dt.timedelta(days=30, minutes=-60),
            customers=1,
        )
        network = (
            "id,parent,kind,name,feeder\n"
            "DS-CB,,source,地索线出线开关,10kV地索线\n"
            "DS-T1,DS-CB,transformer,地索台区,\n"
            "C-9,DS-T1,customer,新户,\n"
        )
        network_import(
            station=self.station_a, stream=io.BytesIO(network.encode()), file_name="net.csv"
        )


def three_new_customers_at(village: str) -> io.BytesIO:
    rows = "".join(f"90000{n},新户{n},,,{village},一组,,0,0,0,0,0\n" for n in range(3))
    return io.BytesIO((HEADER + rows).encode("utf-8"))
