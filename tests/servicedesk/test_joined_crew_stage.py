"""A caller joined to an outage whose crew already has its job (an earlier caller's order the
crew was sent to) joins that job: the outage's order is the crew's job (walk37, 15), never a
second order titled after the outage beside the card the crew's phone shows. The call is on
the job at the crew's stage (nobody is told "dispatched" when the crew is there: walkthrough
35, 7); an urgent call makes the job urgent; the caller is called back from the outage's list
once the power is back, as every later caller."""

from __future__ import annotations

from powerdesk.customers.models import Customer
from powerdesk.outages.models import OutageCallback, OutageLink
from powerdesk.outages.services import outage_restore
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.crew_jobs import crew_jobs_for
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import Call, WorkOrder, WorkOrderStatus
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, neighbour, outage_job


class JoinedToTheCrewsJobTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        add_crews(self)
        # A caller's order is the crew's job, and so the outage's order from the dispatch on
        # (walk41, 1): no order titled after the outage is opened.
        self.outage, self.job = outage_job(self)
        self.assertEqual(OutageLink.objects.get(outage=self.outage).order, self.job)
        self.neighbour = neighbour(self)

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
            customer=self.neighbour,  # a household below the same fuse
            caller_number="13900001111",
            text="我家也没电",
            category="fault_repair",
            urgent=urgent,
            join_outage=self.outage,
        ).work_order
        assert order is not None
        order.refresh_from_db()
        return order

    def test_a_caller_joined_while_the_crew_is_on_site_joins_its_job(self) -> None:
        self.steps("accept", "on_the_way", "on_site")
        order = self.later_call()
        self.assertEqual(order, self.job)
        self.assertEqual(WorkOrder.objects.count(), 1)  # no order titled after the outage
        self.assertEqual(OutageLink.objects.get(outage=self.outage).order, self.job)
        self.assertEqual(order.status, WorkOrderStatus.ON_SITE)
        self.assertTrue(Call.objects.filter(work_order=self.job, customer=self.neighbour).exists())
        # The crew's card stays the job it stepped on.
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual((job.order, job.stage), (self.job, "on_site"))

    def test_a_caller_joined_while_the_crew_is_only_sent_joins_its_job_too(self) -> None:
        order = self.later_call()
        self.assertEqual((order, order.status), (self.job, WorkOrderStatus.DISPATCHED))
        self.steps("on_the_way")
        (card,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual((card.order, card.stage), (self.job, "on_the_way"))
        # Later callers join the same job: one order for the outage.
        third = Customer.objects.create(
            station=self.station_a,
            account_number="53250000078",
            name="李四",
            village=self.village,
            group=self.group,
            transformer=self.transformer,
        )
        again = call_take(
            station=self.station_a,
            user=self.clerk,
            customer=third,
            caller_number="13900002222",
            text="停电了",
            category="fault_repair",
            join_outage=self.outage,
        ).work_order
        self.assertEqual(again, self.job)

    def test_an_urgent_call_makes_the_job_urgent(self) -> None:
        self.job.urgent = False
        self.job.save(update_fields=["urgent"])
        self.steps("on_the_way")
        order = self.later_call(urgent=True)
        self.assertEqual(order, self.job)
        self.assertTrue(order.urgent)

    def test_every_caller_is_called_back_once_the_power_is_back(self) -> None:
        self.steps("on_the_way", "on_site")
        self.later_call()
        outage_restore(outage=self.outage, user=self.chief, cause="lightning", how="remote")
        # The job's own customer on the order; the later caller on the outage's list.
        self.assertTrue(
            OutageCallback.objects.filter(outage=self.outage, customer=self.neighbour).exists()
        )
