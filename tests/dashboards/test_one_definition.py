"""One figure, one definition: an outage's joined orders count as one in every deadline figure
(the chief's home, the figures page, the monthly report), and satisfaction is the same share on
the chief's home, its panel, the county's view and the monthly report."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from powerdesk.dashboards import calls, service, summary
from powerdesk.outages.models import Outage, OutageLink
from powerdesk.reports.monthly import monthly_figures
from powerdesk.reports.pdf import _context
from powerdesk.servicedesk.models import Callback, CounterRating, WorkOrder
from tests.base import BaseTestCase

TZ = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 11, 28, 10, 0, tzinfo=TZ)
MARCH = (dt.datetime(2026, 3, 1, tzinfo=TZ), dt.datetime(2026, 4, 1, tzinfo=TZ))


def at(day: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=TZ)


class OneDefinitionTestCase(BaseTestCase):
    def setUp(self) -> None:
        traveller = time_machine.travel(NOW, tick=False)
        traveller.start()
        self.addCleanup(traveller.stop)

    @classmethod
    def order(cls, number: str, *, day: int, late: bool) -> WorkOrder:
        return WorkOrder.objects.create(
            station=cls.station_a,
            number=number,
            category="fault_repair",
            summary=number,
            status="closed",
            created_at=at(day),
            arrive_due_at=at(day, 10, 30),
            resolve_due_at=at(day, 14),
            arrived_at=at(day, 11 if late else 10),
            resolved_at=at(day, 12),
        )


class DeadlinesWithAnOutageTests(OneDefinitionTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # Ordinary jobs: two met, two late.
        for i, late in enumerate((False, False, True, True)):
            cls.order(f"J-{i}", day=2 + i, late=late)
        # One outage: its own order and forty callers' orders joined to it, all resolved in
        # time by the one restore.
        outage = Outage.objects.create(
            station=cls.station_a,
            device=cls.fuse,
            kind=Outage.Kind.UNPLANNED,
            status=Outage.Status.RESTORED,
            starts_at=at(10, 8),
            restored_at=at(10, 12),
        )
        link = OutageLink.objects.create(outage=outage)
        own = cls.order("O-OWN", day=10, late=False)
        callers = [cls.order(f"O-{i:02d}", day=10, late=False) for i in range(40)]
        link.work_orders.add(own, *callers)
        link.order = own
        link.save()
        # A second outage whose callers' orders were joined before it had an order of its own:
        # the first joined stands for it.
        quiet = Outage.objects.create(
            station=cls.station_a,
            device=cls.transformer,
            kind=Outage.Kind.UNPLANNED,
            status=Outage.Status.RESTORED,
            starts_at=at(20, 8),
            restored_at=at(20, 12),
        )
        cls.first_joined = cls.order("Q-1", day=20, late=True)
        OutageLink.objects.create(outage=quiet).work_orders.add(
            cls.first_joined, cls.order("Q-2", day=20, late=True)
        )

    def test_an_outage_s_joined_orders_count_as_its_own_order_in_deadlines_met(self) -> None:
        march = service.deadlines(self.station_a, *MARCH)
        # 2 jobs + the outage's own order met; 2 jobs + the second outage's first order late
        self.assertEqual((march.met, march.missed), (3, 3))
        self.assertAlmostEqual(march.rate or 0, 0.5)
        chart = service.deadlines_by_category(self.station_a, 2026)
        self.assertEqual((chart.series[0].values, chart.series[1].values), ([3], [3]))
        months = service.deadlines_by_month(self.station_a, 2026)
        self.assertEqual(months.series[0].values[2], 3)

    def test_the_list_a_deadline_figure_opens_counts_the_same_orders(self) -> None:
        self.login(self.chief)
        link = service.deadlines_by_month(self.station_a, 2026).series[0].links[2]
        response = self.client.get(link)
        numbers = sorted(o.number for o in response.context["page"].object_list)
        self.assertEqual(numbers, ["J-0", "J-1", "O-OWN"])

    def test_the_chief_s_home_and_the_monthly_report_count_the_outage_once(self) -> None:
        rows = summary.chief_rows(
            self.station_a,
            summary.periods(at(31, 23)),
            _reliability(self),
        )
        deadlines = next(r for r in rows if r.label == "受理工单时限达标率")
        self.assertEqual(deadlines.cells[0], "50.0%")
        report = monthly_figures(self.station_a, 2026, 3)
        fault = next(c for c in report.categories if c.code == "fault_repair")
        self.assertEqual((fault.opened, fault.resolved, fault.in_time), (47, 6, 3))
        self.assertEqual(_context(report)["in_time_rate"], 0.5)

    def test_the_figures_page_says_how_an_outage_s_orders_are_counted(self) -> None:
        self.login(self.chief)
        response = self.client.get(reverse("dashboards:service"), {"year": 2026})
        self.assertContains(response, "并入停电的工单计为一张")


class SatisfactionTests(OneDefinitionTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        order = cls.order("S-1", day=2, late=False)
        # Callbacks: 17 of 20 satisfied (85 %); the counter: 9 of 10 (90 %); together 26 of 30.
        for i, score in enumerate([5] * 17 + [2] * 3):
            Callback.objects.create(
                work_order=order, at=at(3, 9, i), outcome="reached", satisfaction=score
            )
        for i, score in enumerate([4] * 9 + [1]):
            CounterRating.objects.create(
                station=cls.station_a, at=at(4, 9, i), score=score, service="pay_bill"
            )

    def test_the_chief_s_home_and_the_monthly_report_show_the_same_satisfaction(self) -> None:
        together = 26 / 30
        self.assertAlmostEqual(summary.satisfaction(self.station_a, *MARCH) or 0, together)
        report = monthly_figures(self.station_a, 2026, 3)
        self.assertAlmostEqual(report.follow_up.satisfaction or 0, together)
        self.assertAlmostEqual(_context(report)["satisfied_rate"] or 0, together)
        rows = summary.chief_rows(self.station_a, summary.periods(at(31, 23)), _reliability(self))
        satisfied = next(r for r in rows if r.label == "满意率（4分或5分）")
        self.assertEqual(satisfied.cells[0], "86.7%")

    def test_the_home_s_satisfaction_panel_shows_the_same_share(self) -> None:
        # 26 of 30: one rounding on the whole page, "86.7%" in the chief's figures and in the
        # satisfaction panel alike (not 86.7% in one and 87% in the other).
        self.login(self.chief)
        with time_machine.travel(at(31, 23), tick=False):
            response = self.client.get(reverse("web:home"))
        self.assertContains(response, '<dd data-testid="satisfied-share">86.7%</dd>', html=True)
        html = response.content.decode()
        figures = html.split('data-testid="chief-figures"', 1)[1].split("</table>", 1)[0]
        row = figures.split("满意率（4分或5分）", 1)[1].split("</tr>", 1)[0]
        self.assertIn(">86.7%</td>", row)
        self.assertNotIn("87%", html)

    def test_the_county_s_side_by_side_view_rounds_the_share_as_the_chief_s_figures(self) -> None:
        from powerdesk.accounts.models import Membership

        Membership.objects.create(user=self.chief, station=self.station_b, role="chief")
        self.login(self.chief)
        with time_machine.travel(at(31, 23), tick=False):
            html = self.client.get(reverse("web:home")).content.decode()
        side = html.split('data-testid="stations-side-by-side"', 1)[1].split("</table>", 1)[0]
        self.assertIn('<td class="num">86.7%</td>', side)
        figures = html.split('data-testid="chief-figures"', 1)[1].split("</table>", 1)[0]
        row = figures.split("满意率（4分或5分）", 1)[1].split("</tr>", 1)[0]
        self.assertIn(">86.7%</td>", row)  # the year so far: March is all there is

    def test_the_figures_page_shows_the_same_share_and_no_count_for_months_to_come(self) -> None:
        chart = service.satisfaction_by_month(self.station_a, 2026)
        march, december = chart.categories.index("3月"), chart.categories.index("12月")
        callbacks, counter, together = (s.values[march] for s in chart.series)
        self.assertAlmostEqual(callbacks or 0, 85.0)
        self.assertAlmostEqual(counter or 0, 90.0)
        self.assertAlmostEqual(together or 0, 100 * 26 / 30)
        self.assertEqual(chart.rows()[march][1][2][0], "86.7")
        # December has not come (NOW is 28 November): "—" as on the reliability page, not 0
        self.assertEqual(chart.rows()[december][1][0], ("—", ""))
        complaints = calls.complaints_by_month(self.station_a, 2026)
        self.assertEqual(complaints.rows()[december][1][0][0], "—")
        self.assertEqual(complaints.rows()[chart.categories.index("11月")][1][0][0], "0")
        self.login(self.chief)
        page = self.client.get(reverse("dashboards:service"), {"year": 2026})
        self.assertContains(page, "满意率")
        self.assertNotContains(page, "平均分")


def _reliability(test: OneDefinitionTestCase):  # type: ignore[no-untyped-def]
    from powerdesk.dashboards.reliability import Area, area_reliability

    station = test.station_a
    return area_reliability(station, Area(("station", station.pk), station.name), 2026, now=NOW)
