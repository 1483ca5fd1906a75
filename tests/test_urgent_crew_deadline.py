"""Urgent work (a danger, a medical need at home) with a time to arrive by: the crew that can be
there in time comes first, hours out today only break ties, and the suggestion says when even
the first crew cannot make it (walkthrough 37, #4: for a line down due in 45 minutes, a crew 68
minutes away was suggested with no warning, and a crew 8 minutes away came last for its 7.2
hours out today)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from powerdesk.accounts.models import Crew
from powerdesk.outages.crew_choice import CrewOption, crew_options, order_crew_options
from powerdesk.outages.crew_workload import Setout, Workload
from powerdesk.servicedesk.models import Category, WorkOrder
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase
from tests.crew_choice_cast import TARGET, crews_north_and_south

KM_PER_DEGREE = 111.19


def _at(km_north: float) -> Setout:
    return Setout((TARGET[0], TARGET[1] + km_north / KM_PER_DEGREE), "base")


class UrgentRankingTests(BaseTestCase):
    """One kilometre a minute (road factor 1, 60 km/h), so the travel is the distance."""

    def setUp(self) -> None:
        self.now = timezone.now()
        self.first = Crew(station=self.station_a, name="抢修一班")
        self.third = Crew(station=self.station_a, name="抢修三班")
        # 一班: 23 minutes away, sent to an outage; 三班: 8 minutes away, one job in hand and
        # 7.2 hours out today (the walkthrough's figures).
        self.crews = [
            (self.first, _at(23), Workload(outages=1)),
            (self.third, _at(-8), Workload(open_jobs=1, hours_on_duty=7.2)),
        ]

    def options(self, due: dt.datetime | None) -> list[CrewOption]:
        return crew_options(
            self.crews, TARGET, road_factor=1.0, speed_kmh=60.0, due=due, now=self.now
        )

    def test_routine_work_counts_hours_out_as_before(self) -> None:
        options = self.options(None)
        self.assertEqual([o.crew.name for o in options], ["抢修一班", "抢修三班"])
        self.assertEqual([round(o.cost) for o in options], [68, 74])
        self.assertEqual([o.late for o in options], ["", ""])

    def test_urgent_work_the_crew_that_makes_the_deadline_comes_first(self) -> None:
        options = self.options(self.now + dt.timedelta(minutes=45))
        self.assertEqual([o.crew.name for o in options], ["抢修三班", "抢修一班"])
        near, far = options
        self.assertEqual((round(near.arrival), near.late), (38, ""))
        # Its hours out are said, not added to its rank.
        self.assertIn("今天已出工 7.2 小时", near.reason)
        self.assertIn("排序加 30 分钟", near.reason)
        self.assertIn("共约 38 分钟", near.reason)
        # The other would be late, and says so.
        self.assertEqual(far.late_minutes, 23)
        self.assertTrue(far.late)
        self.assertIn(far.late, far.reason)

    def test_hours_out_break_a_tie(self) -> None:
        rested = Crew(station=self.station_a, name="抢修九班")
        self.crews.append((rested, _at(-8), Workload(open_jobs=1)))
        options = self.options(self.now + dt.timedelta(minutes=45))
        self.assertEqual([o.crew.name for o in options][:2], ["抢修九班", "抢修三班"])

    def test_when_no_crew_can_make_it_the_first_says_so(self) -> None:
        options = self.options(self.now + dt.timedelta(minutes=20))
        self.assertEqual(options[0].crew.name, "抢修三班")
        self.assertEqual(options[0].late_minutes, 18)
        self.assertTrue(options[0].late)


class UrgentOrderPageTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.transformer.x, cls.transformer.y = TARGET
        cls.transformer.save()
        cls.group.no_road_access = False
        cls.group.save()
        crews_north_and_south(cls)  # 二班 22 minutes away, 一班 50

    def hazard(self, *, due_in: int, urgent: bool = True) -> WorkOrder:
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category=Category.HAZARD,
            summary="导线断落在地上，还在打火",
            customer=self.customer,
        )
        WorkOrder.objects.filter(pk=order.pk).update(
            urgent=urgent, arrive_due_at=timezone.now() + dt.timedelta(minutes=due_in)
        )
        order.refresh_from_db()
        return order

    def test_the_page_warns_when_the_suggested_crew_cannot_make_the_deadline(self) -> None:
        order = self.hazard(due_in=15)
        (best, _other) = order_crew_options(self.station_a, order)
        self.assertEqual(best.crew, self.crew2)
        self.assertTrue(best.late)
        self.login(self.clerk)
        page = self.client.get(order.get_absolute_url()).content.decode()
        tap = page[page.index('data-testid="order-crew-suggestion"') :]
        tap = tap[: tap.index("</div>")]
        self.assertIn('data-testid="crew-late"', tap)
        self.assertIn(best.late, tap)

    def test_in_time_nothing_is_said(self) -> None:
        order = self.hazard(due_in=45)
        self.login(self.clerk)
        page = self.client.get(order.get_absolute_url()).content.decode()
        self.assertIn('data-testid="order-crew-suggestion"', page)
        self.assertNotIn('data-testid="crew-late"', page)

    def test_routine_work_is_not_held_to_it(self) -> None:
        order = self.hazard(due_in=15, urgent=False)
        self.assertEqual([o.late for o in order_crew_options(self.station_a, order)], ["", ""])
