"""A caller joined to an outage whose crew is on the way or on site gets an order at the crew's
stage (walkthrough 35, 7): the outage's own order apart from the crew's job, as before, but
sent to the same crew, on the way or on site since the crew's arrival, urgent only if the call
is; the chief's say on pausing an urgent order no longer applies once the crew is there. The
crew's next steps on the outage's job move its other orders with it, each a line of their
history; and "deadlines met" counts the outage by the order that carries the crew's arrival."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from powerdesk.dashboards import service
from powerdesk.outages.models import OutageLink
from powerdesk.outages.services import outage_restore
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.crew_jobs import crew_jobs_for
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import WorkOrder, WorkOrderStatus
from powerdesk.servicedesk.models.queries import with_deadline
from powerdesk.servicedesk.workflow import urgent_unattended
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, neighbour, outage_job


class JoinedAtTheCrewsStageTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        add_crews(self)
        # A caller's order is the crew's job; the outage has no order of its own yet.
        self.outage, self.job = outage_job(self)
        self.assertIsNone(OutageLink.objects.get(outage=self.outage).order)

    def steps(self, *steps: str) -> None:
        """The crew's steps, on the card its phone shows for the outage."""
        for step in steps:
            (card,) = crew_jobs_for(self.member, self.station_a)
            crew_step_take(work_order=card.order, step=step, user=self.member, fields={})
        self.job.refresh_from_db()

    def later_call(self, *, urgent: bool | None = None) -> WorkOrder:
        order = call_take(
            station=self.station_a,
            user=self.clerk,
            customer=neighbour(self),  # a household below the same fuse: its own call
            caller_number="13900001111",
            text="我家也没电",
            category="fault_repair",
            urgent=urgent,
            join_outage=self.outage,
        ).work_order
        assert order is not None
        order.refresh_from_db()
        # The outage's own order, apart from the crew's job (its design kept).
        self.assertNotEqual(order, self.job)
        self.assertEqual(OutageLink.objects.get(outage=self.outage).order, order)
        return order

    def test_a_caller_joined_while_the_crew_is_on_site_opens_on_site(self) -> None:
        self.steps("accept", "on_the_way", "on_site")
        order = self.later_call()
        self.assertEqual((order.status, order.crew), (WorkOrderStatus.ON_SITE, self.crew))
        self.assertEqual(order.arrived_at, self.job.arrived_at)
        self.assertFalse(order.urgent)  # a plain "no power" call
        self.assertFalse(urgent_unattended(order))
        # Its history says who opened it at which stage, and after whose arrival.
        line = order.events.get(to_status=WorkOrderStatus.ON_SITE)
        self.assertEqual((line.by, line.from_status), (self.clerk, WorkOrderStatus.DISPATCHED))
        self.assertEqual(line.note_code, "crew_stage_on_site")
        self.assertEqual(line.note_args["number"], self.job.number)
        # The crew's card stays the job it stepped on.
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual((job.order, job.stage), (self.job, "on_site"))

    def test_an_urgent_call_stays_urgent_but_the_chiefs_say_is_over_once_on_site(self) -> None:
        self.steps("on_the_way", "on_site")
        order = self.later_call(urgent=True)
        self.assertTrue(order.urgent)
        self.assertEqual(order.status, WorkOrderStatus.ON_SITE)
        self.assertFalse(urgent_unattended(order))

    def test_a_caller_joined_while_the_crew_is_on_the_way_follows_its_arrival(self) -> None:
        self.steps("accept", "on_the_way")
        order = self.later_call()
        self.assertEqual((order.status, order.arrived_at), (WorkOrderStatus.ON_THE_WAY, None))
        self.assertFalse(order.urgent)
        self.assertEqual(
            order.events.get(to_status="on_the_way").note_code, "crew_stage_on_the_way"
        )
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual(job.order, self.job)
        # The crew arrives, recorded on its job: the joined order follows, said by whom.
        self.steps("on_site")
        order.refresh_from_db()
        self.assertEqual(order.status, WorkOrderStatus.ON_SITE)
        self.assertEqual(order.arrived_at, self.job.arrived_at)
        line = order.events.get(to_status=WorkOrderStatus.ON_SITE)
        self.assertEqual((line.by, line.note_code), (self.member, "crew_stage_followed"))
        self.assertEqual(line.at, self.job.arrived_at)
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual((job.order, job.stage), (self.job, "on_site"))

    def test_an_order_joined_while_the_crew_is_only_sent_is_sent_and_follows_it(self) -> None:
        order = self.later_call()
        self.assertEqual(order.status, WorkOrderStatus.DISPATCHED)
        self.assertTrue(order.urgent)  # as before: the outage's order, nobody on the way yet
        (card,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual(card.order, order)  # nobody set out: the outage's own order, as before
        self.steps("on_the_way")
        order.refresh_from_db()
        # The caller's order the crew was sent to first follows the card.
        self.assertEqual((order.status, self.job.status), ("on_the_way", "on_the_way"))
        self.assertEqual(
            self.job.events.get(to_status="on_the_way").note_code, "crew_stage_followed"
        )
        (card,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual((card.order, card.stage), (order, "on_the_way"))

    def test_a_paused_order_does_not_follow(self) -> None:
        order = self.later_call()  # the card: nobody set out yet
        WorkOrder.objects.filter(pk=self.job.pk).update(paused_at=timezone.now())
        self.steps("on_the_way")
        order.refresh_from_db()
        self.assertEqual(order.status, WorkOrderStatus.ON_THE_WAY)
        self.assertEqual(self.job.status, WorkOrderStatus.DISPATCHED)  # waits for the office

    def test_deadlines_met_count_the_order_carrying_the_crews_arrival(self) -> None:
        self.steps("on_the_way", "on_site")
        order = self.later_call()
        # An order of the outage with no arrival of its own, past its time to arrive by (one
        # opened before orders followed their crew, or one paused meanwhile).
        WorkOrder.objects.filter(pk=order.pk).update(
            arrived_at=None, arrive_due_at=timezone.now() - dt.timedelta(minutes=1)
        )
        self.assertLessEqual(self.job.arrived_at, self.job.arrive_due_at)  # in time
        outage_restore(outage=self.outage, user=self.chief, cause="lightning")
        counted = list(WorkOrder.objects.filter(with_deadline(), pk__in=[order.pk, self.job.pk]))
        self.assertEqual(counted, [self.job])
        start = timezone.now() - dt.timedelta(days=1)
        figures = service.deadlines(self.station_a, start, timezone.now() + dt.timedelta(hours=1))
        self.assertEqual((figures.met, figures.missed), (1, 0))

    def test_the_joined_orders_page_shows_the_crews_stage(self) -> None:
        self.steps("on_the_way", "on_site")
        order = self.later_call()
        self.login(self.clerk)
        page = self.client.get(reverse("servicedesk:work_order", args=[order.pk]))
        self.assertEqual(page.status_code, 200)
        html = page.content.decode()
        self.assertIn(f"<h2>{gettext('on site')}", html)
        heading = html.split("<h1>", 1)[1].split("</h1>", 1)[0]
        self.assertNotIn('data-testid="order-urgent"', heading)
        self.assertNotIn('data-testid="pause-held"', html)
        self.assertIn(f"{gettext('arrived')} {timezone.localtime(self.job.arrived_at):%H:%M}", html)
