"""fix67b, 1: /figures/service/ counted the callbacks of work orders only. The households called
back after an outage count too, said apart from a work order's: the month's callbacks made and
reached are the monthly report's, the share reached is the report's reached ÷ made, and the
satisfaction is the chief's home's for the same month. speed73: the page counts the year's
callbacks once for both callback charts, and groups no row by a month SQLite works out in Python
(``TruncMonth``)."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from powerdesk.customers.models import Customer
from powerdesk.dashboards import service, summary
from powerdesk.outages.models import Outage, OutageCallback
from powerdesk.reports.monthly import monthly_figures
from powerdesk.servicedesk.models import Callback
from tests.dashboards.test_one_definition import MARCH, OneDefinitionTestCase, at


class OutageCallbacksInTheServiceFiguresTests(OneDefinitionTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        order = cls.order("C-1", day=2, late=False)
        # A work order's callbacks: 4 reached (5, 5, 4, 2), 2 not reached: 6 made.
        for i, (outcome, score) in enumerate(
            [("reached", 5), ("reached", 5), ("reached", 4), ("reached", 2)]
            + [("not_reached", None)] * 2
        ):
            Callback.objects.create(
                work_order=order, at=at(3, 9, i), outcome=outcome, satisfaction=score
            )
        outage = Outage.objects.create(
            station=cls.station_a,
            device=cls.fuse,
            kind=Outage.Kind.UNPLANNED,
            status=Outage.Status.RESTORED,
            starts_at=at(10, 8),
            restored_at=at(10, 12),
        )
        households = [cls.customer] + [
            Customer.objects.create(
                station=cls.station_a, account_number=f"5325000009{i}", name=f"户{i}"
            )
            for i in range(2)
        ]
        # After the outage: reached at the 2nd try with a 5; 3 tries, still due; 3 tries and
        # given up by the chief: 8 tries, 1 reached.
        OutageCallback.objects.create(
            outage=outage,
            customer=households[0],
            reason="caller",
            due_at=at(10, 13),
            outcome="reached",
            satisfaction=5,
            attempts=2,
            tried_at=at(11, 9),
            done_at=at(11, 9),
        )
        OutageCallback.objects.create(
            outage=outage,
            customer=households[1],
            reason="elderly_alone",
            due_at=at(10, 13),
            outcome="not_reached",
            attempts=3,
            tried_at=at(12, 9),
        )
        OutageCallback.objects.create(
            outage=outage,
            customer=households[2],
            reason="medical_need",
            due_at=at(10, 13),
            outcome="not_reached",
            attempts=3,
            tried_at=at(12, 10),
            done_at=at(13, 9),
            given_up=True,
            note="号码停机",
        )

    def march(self, chart, series: int) -> float | int | None:  # type: ignore[no-untyped-def]
        return chart.series[series].values[2]  # March

    def test_the_callbacks_made_count_those_after_an_outage_apart(self) -> None:
        with translation.override("en"):
            chart = service.callbacks_by_month(self.station_a, 2026)
            names = [str(s.name) for s in chart.series]
        after = ["after an outage: reached", "after an outage: not reached, or later"]
        self.assertEqual(names[-2:], after)
        made = {name: self.march(chart, i) for i, name in enumerate(names)}
        self.assertEqual((made[after[0]], made[after[1]]), (1, 7))
        self.assertEqual((made["reached"], made["not reached"]), (4, 2))
        # The month's callbacks made and reached are the monthly report's.
        report = monthly_figures(self.station_a, 2026, 3).follow_up
        self.assertEqual(sum(v or 0 for v in made.values()), report.callbacks)
        self.assertEqual((report.callbacks, report.reached), (14, 5))
        # Each kind in its own stack: a work order's by outcome, after an outage apart.
        self.assertEqual({s.stack for s in chart.series}, {"callbacks", "outages"})

    def test_the_share_reached_counts_both_kinds(self) -> None:
        chart = service.callbacks_reached_by_month(self.station_a, 2026)
        orders, outages, together = (self.march(chart, i) for i in range(3))
        self.assertAlmostEqual(orders or 0, 100 * 4 / 6)
        self.assertAlmostEqual(outages or 0, 100 * 1 / 8)
        report = monthly_figures(self.station_a, 2026, 3).follow_up
        self.assertAlmostEqual(together or 0, 100 * report.reached / report.callbacks)

    def test_the_satisfaction_is_the_chief_s_home_s_for_the_month(self) -> None:
        chart = service.satisfaction_by_month(self.station_a, 2026)
        callbacks, _counter, together = (self.march(chart, i) for i in range(3))
        # 5, 5, 4, 2 and the outage's 5: 4 of 5 satisfied.
        self.assertAlmostEqual(callbacks or 0, 80.0)
        self.assertAlmostEqual(
            together or 0, 100 * (summary.satisfaction(self.station_a, *MARCH) or 0)
        )
        self.assertAlmostEqual(
            together or 0,
            100 * (monthly_figures(self.station_a, 2026, 3).follow_up.satisfaction or 0),
        )

    def test_the_page_shows_both_charts_with_their_numbers(self) -> None:
        self.login(self.chief)
        page = self.client.get(reverse("dashboards:service"), {"year": 2026})
        self.assertContains(page, 'data-testid="chart-callbacks"')
        self.assertContains(page, 'data-testid="chart-callbacks_reached"')
        html = page.content.decode()
        reached = html.split('data-testid="chart-callbacks_reached"', 1)[1].split("</table>", 1)[0]
        self.assertIn("35.7", reached)  # 5 of 14

    def test_the_year_s_callbacks_are_counted_once_for_both_charts(self) -> None:
        self.login(self.chief)
        self.client.get(reverse("dashboards:service"), {"year": 2026})  # the session's first
        with CaptureQueriesContext(connection) as queries:
            page = self.client.get(reverse("dashboards:service"), {"year": 2026})
        self.assertEqual(page.status_code, 200)
        after_outages = [
            q["sql"]
            for q in queries.captured_queries
            if 'FROM "outages_outagecallback"' in q["sql"] and '"attempts" > 0' in q["sql"]
        ]
        self.assertEqual(len(after_outages), 1, after_outages)
        # Nothing on the page is grouped by a month worked out row by row in Python.
        self.assertFalse(
            [q["sql"] for q in queries.captured_queries if "django_datetime_trunc" in q["sql"]]
        )
