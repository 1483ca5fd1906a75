"""The chief's figures on hand-made records: each number as counted by hand, and each number's
link opening the list of exactly the rows it counts."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from powerdesk.dashboards import calls, service
from powerdesk.dashboards.reliability import (
    Area,
    area_reliability,
    month_charts,
    outages_by_cause,
    worst_devices,
)
from powerdesk.outages.models import Outage, OutageLink
from powerdesk.servicedesk.models import Call, Promise, WorkOrder
from tests.base import BaseTestCase, make_user

TZ = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 11, 28, 10, 0, tzinfo=TZ)


def at(month: int, day: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=TZ)


class FiguresTestCase(BaseTestCase):
    def setUp(self) -> None:
        traveller = time_machine.travel(NOW, tick=False)
        traveller.start()
        self.addCleanup(traveller.stop)
        self.login(self.chief)

    def chart_value(self, chart, series: int, category: str) -> object:  # type: ignore[no-untyped-def]
        return chart.series[series].values[chart.categories.index(category)]

    def chart_link(self, chart, series: int, category: str) -> str:  # type: ignore[no-untyped-def]
        return chart.series[series].links[chart.categories.index(category)]


class DeadlineTests(FiguresTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()

        def order(number: str, category: str, **times: dt.datetime | None) -> WorkOrder:
            return WorkOrder.objects.create(
                station=cls.station_a,
                number=number,
                category=category,
                summary=number,
                status="closed" if times.get("resolved_at") else "on_site",
                **times,  # type: ignore[arg-type]
            )

        # March: fault repairs (arrive in 90 minutes, resolve in 4 hours) and a consultation.
        order(
            "M-MET",
            "fault_repair",
            created_at=at(3, 2),
            arrive_due_at=at(3, 2, 10, 30),
            resolve_due_at=at(3, 2, 14),
            arrived_at=at(3, 2, 10),
            resolved_at=at(3, 2, 12),
        )
        order(
            "M-LATE-ARRIVAL",
            "fault_repair",
            created_at=at(3, 5),
            arrive_due_at=at(3, 5, 10, 30),
            resolve_due_at=at(3, 5, 14),
            arrived_at=at(3, 5, 11),
            resolved_at=at(3, 5, 12),
        )
        order(
            "M-STILL-OPEN",
            "fault_repair",
            created_at=at(3, 9),
            arrive_due_at=None,
            resolve_due_at=at(3, 9, 14),
        )
        order(
            "M-ASK",
            "consultation",
            created_at=at(3, 10),
            resolve_due_at=at(3, 17),
            resolved_at=at(3, 11),
        )
        # April: one met; and one with no deadline at all, which counts in neither.
        order(
            "A-MET",
            "fault_repair",
            created_at=at(4, 1),
            resolve_due_at=at(4, 1, 14),
            resolved_at=at(4, 1, 13),
        )
        order("A-NONE", "suggestion", created_at=at(4, 2))
        # Station B's late order is never A's.
        WorkOrder.objects.create(
            station=cls.station_b,
            number="B-LATE",
            category="fault_repair",
            summary="B",
            status="on_site",
            created_at=at(3, 3),
            resolve_due_at=at(3, 3, 14),
        )

    def test_deadlines_met_per_category_are_counted_as_by_hand(self) -> None:
        chart = service.deadlines_by_category(self.station_a, 2026)
        self.assertEqual(chart.categories, ["故障报修", "用电咨询"])
        self.assertEqual(chart.series[0].values, [2, 1])  # met
        self.assertEqual(chart.series[1].values, [2, 0])  # missed
        year = service.deadlines(self.station_a, at(1, 1, 0), NOW)
        self.assertEqual((year.met, year.missed), (3, 2))
        self.assertAlmostEqual(year.rate or 0, 0.6)

    def test_a_missed_bar_opens_the_orders_it_counts(self) -> None:
        chart = service.deadlines_by_category(self.station_a, 2026)
        link = self.chart_link(chart, 1, "故障报修")
        self.assertIn("deadline=missed", link)
        self.assertIn("category=fault_repair", link)
        response = self.client.get(link)
        numbers = [o.number for o in response.context["page"].object_list]
        self.assertEqual(sorted(numbers), ["M-LATE-ARRIVAL", "M-STILL-OPEN"])
        self.assertContains(response, 'data-testid="drilled"')

    def test_a_month_s_met_bar_opens_that_month_s_orders(self) -> None:
        chart = service.deadlines_by_month(self.station_a, 2026)
        self.assertEqual(self.chart_value(chart, 0, "3月"), 2)  # the repair and the question
        self.assertEqual(self.chart_value(chart, 1, "3月"), 2)
        response = self.client.get(self.chart_link(chart, 0, "4月"))
        self.assertEqual([o.number for o in response.context["page"].object_list], ["A-MET"])


class PromiseAndCallTests(FiguresTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for text, state, due in (
            ("kept in March", "kept", at(3, 4)),
            ("also kept in March", "kept", at(3, 20)),
            ("broken in March", "broken", at(3, 25)),
            ("kept in May", "kept", at(5, 1)),
        ):
            Promise.objects.create(
                station=cls.station_a,
                text=text,
                state=state,
                due_at=due,
                made_at=due - dt.timedelta(days=1),
            )
        for when, category in (
            (at(3, 1, 8, 5), "complaint"),
            (at(3, 2, 8, 55), "fault_repair"),
            (at(3, 3, 20, 0), "complaint"),
            (at(6, 3, 8, 30), "billing"),
        ):
            Call.objects.create(
                station=cls.station_a,
                received_at=when,
                category=category,
                village=cls.village,
                caller_number="0878-1",
            )
        Call.objects.create(station=cls.station_b, received_at=at(3, 1, 8), category="complaint")

    def test_promises_kept_month_by_month(self) -> None:
        chart = service.promises_by_month(self.station_a, 2026)
        self.assertEqual(self.chart_value(chart, 0, "3月"), 2)  # kept
        self.assertEqual(self.chart_value(chart, 2, "3月"), 1)  # broken (1: kept late)
        self.assertEqual(self.chart_value(chart, 0, "5月"), 1)
        response = self.client.get(self.chart_link(chart, 0, "3月"))
        rows = response.context["drilled_rows"]
        self.assertEqual(sorted(p.text for p in rows), ["also kept in March", "kept in March"])
        kept = service.promises_kept(self.station_a, at(1, 1, 0), NOW)
        self.assertEqual((kept.met, kept.missed), (3, 1))

    def test_calls_by_hour_of_the_station_s_day(self) -> None:
        chart = calls.calls_by_hour(self.station_a, 2026)
        self.assertEqual(self.chart_value(chart, 0, "08:00"), 3)
        self.assertEqual(self.chart_value(chart, 0, "20:00"), 1)
        self.assertEqual(sum(chart.series[0].values), 4)  # B's call is not A's
        response = self.client.get(self.chart_link(chart, 0, "08:00"))
        self.assertEqual(len(response.context["page"].object_list), 3)

    def test_calls_by_category_and_village_and_complaints(self) -> None:
        by_category = calls.calls_by_category(self.station_a, 2026)
        self.assertEqual(self.chart_value(by_category, 0, "投诉"), 2)
        by_village = calls.calls_by_village(self.station_a, 2026)
        self.assertEqual(by_village.categories, ["左门"])
        self.assertEqual(by_village.series[0].values, [4])
        complaints = calls.complaints_by_month(self.station_a, 2026)
        self.assertEqual(self.chart_value(complaints, 0, "3月"), 2)
        response = self.client.get(self.chart_link(complaints, 0, "3月"))
        self.assertEqual(
            sorted(c.received_at for c in response.context["page"].object_list),
            [at(3, 1, 8, 5), at(3, 3, 20, 0)],
        )


class ReliabilityFigureTests(FiguresTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()

        def outage(start: dt.datetime, minutes: int, **extra: object) -> Outage:
            return Outage.objects.create(
                station=cls.station_a,
                device=cls.fuse,
                kind=extra.pop("kind", "unplanned"),
                status="restored",
                starts_at=start,
                restored_at=start + dt.timedelta(minutes=minutes),
                customers=1,
            )

        # The cast has one household, below the fuse: its minutes are the station's SAIDI.
        cls.march = outage(at(3, 10), 120)
        OutageLink.objects.create(outage=cls.march, cause_kind="tree")
        cls.march_planned = outage(at(3, 20), 60, kind="planned")
        cls.april = outage(at(4, 5), 30)
        cls.blink = outage(at(4, 6), 3)  # momentary: MAIFI_E, not SAIDI
        cls.last_year = Outage.objects.create(
            station=cls.station_a,
            device=cls.fuse,
            kind="unplanned",
            status="restored",
            starts_at=dt.datetime(2025, 3, 1, 9, tzinfo=TZ),
            restored_at=dt.datetime(2025, 3, 1, 10, tzinfo=TZ),
            customers=1,
        )

    def figures(self):  # type: ignore[no-untyped-def]
        return area_reliability(
            self.station_a, Area(("station", self.station_a.pk), "光禄"), 2026, now=NOW
        )

    def test_month_by_month_against_last_year_as_by_hand(self) -> None:
        saidi, saifi, rs1, maifi = month_charts(self.figures())
        self.assertAlmostEqual(self.chart_value(saidi, 0, "3月"), 180.0, places=3)  # 2026, all
        self.assertAlmostEqual(self.chart_value(saidi, 1, "3月"), 60.0, places=3)  # 2025
        self.assertAlmostEqual(
            self.chart_value(saidi, 2, "3月"), 120.0, places=3
        )  # without planned
        self.assertAlmostEqual(self.chart_value(saidi, 0, "4月"), 30.0, places=3)
        self.assertAlmostEqual(self.chart_value(saifi, 0, "3月"), 2.0, places=3)
        self.assertAlmostEqual(self.chart_value(maifi, 0, "4月"), 1.0, places=3)
        march_minutes = 31 * 24 * 60
        self.assertAlmostEqual(
            self.chart_value(rs1, 0, "3月"), (1 - 180 / march_minutes) * 100, places=6
        )

    def test_a_month_s_bar_opens_that_month_s_outages(self) -> None:
        saidi = month_charts(self.figures())[0]
        response = self.client.get(self.chart_link(saidi, 0, "3月"))
        shown = {o.pk for o in response.context["page"].object_list}
        self.assertEqual(shown, {self.march.pk, self.march_planned.pk})
        unplanned = self.client.get(self.chart_link(saidi, 2, "3月"))
        self.assertEqual([o.pk for o in unplanned.context["page"].object_list], [self.march.pk])

    def test_causes_and_worst_devices(self) -> None:
        figures = self.figures()
        causes = outages_by_cause(self.station_a, figures)
        self.assertEqual(self.chart_value(causes, 0, "树障"), 1)
        self.assertEqual(self.chart_value(causes, 0, "未记录"), 2)  # April's two
        response = self.client.get(self.chart_link(causes, 0, "未记录"))
        self.assertEqual(
            {o.pk for o in response.context["page"].object_list}, {self.april.pk, self.blink.pk}
        )
        devices = worst_devices(self.station_a, figures)
        self.assertEqual(devices.categories, [self.fuse.name])
        self.assertAlmostEqual(devices.series[0].values[0] or 0, (120 + 60 + 30 + 3) / 60)
        self.assertEqual(devices.series[1].values, [4])

    def test_the_reliability_page_shows_the_numbers_in_a_table_under_each_chart(self) -> None:
        response = self.client.get(reverse("dashboards:reliability"), {"year": 2026})
        self.assertContains(response, 'data-testid="chart-month-saidi"')
        self.assertContains(response, "180.0")
        self.assertContains(response, '<th scope="row">3月</th>', html=False)
        self.assertContains(response, "仍未恢复的停电不算瞬时停电")  # how an outage still on counts
        feeder = self.client.get(
            reverse("dashboards:reliability"), {"year": 2026, "feeder": self.feeder.pk}
        )
        self.assertContains(feeder, "10kV左门线")
        village = self.client.get(
            reverse("dashboards:reliability"), {"year": 2026, "village": self.village.pk}
        )
        self.assertContains(village, "180.0")

    def test_another_station_s_feeder_or_village_is_not_found(self) -> None:
        self.client.force_login(self.outsider)
        for param in ({"feeder": self.feeder.pk}, {"village": self.village.pk}):
            response = self.client.get(reverse("dashboards:reliability"), param)
            self.assertEqual(response.status_code, 404)
        # and station B's own pages count none of A's outages
        response = self.client.get(reverse("dashboards:outages"))
        self.assertEqual(len(response.context["page"].object_list), 0)
        response = self.client.get(reverse("dashboards:reliability"), {"year": 2026})
        self.assertNotContains(response, self.fuse.name)
        self.assertNotContains(response, "180.0")

    def test_the_outage_record_exports_what_it_lists(self) -> None:
        response = self.client.get(
            reverse("accounts:export", kwargs={"name": "outage_record", "fmt": "csv"}),
            {"year": 2026, "month": 3, "kind": "planned"},
        )
        text = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
        self.assertEqual(len(text.strip().splitlines()), 2)  # the header and March's planned one
        self.assertIn("计划停电", text)


class StationsSideBySideTests(FiguresTestCase):
    def test_a_user_of_two_stations_sees_both_and_no_other(self) -> None:
        from powerdesk.accounts.models import CountyCompany, Station

        county = make_user("county", self.station_a, "dispatcher")
        from powerdesk.accounts.models import Membership

        Membership.objects.create(user=county, station=self.station_b, role="dispatcher")
        Station.objects.create(company=CountyCompany.objects.get(), code="c", name="太平供电所")
        self.client.force_login(county)
        response = self.client.get(reverse("web:home"))
        self.assertContains(response, 'data-testid="stations-side-by-side"')
        self.assertContains(response, "光禄供电所")
        self.assertContains(response, "栋川供电所")
        self.assertNotContains(response, "太平供电所")
        self.client.force_login(self.clerk)  # one station: no side-by-side
        self.assertNotContains(self.client.get(reverse("web:home")), 'data-slot="stations"')
