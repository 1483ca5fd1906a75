"""fix45a's leftover: a later call making the crew's job the outage's order
(``joined.outage_order_for_call``) did not retitle it as a dispatch does (``life.
caller_order_the_job``). The branch is reached when the outage's crew was sent while its only
joined order's clock was paused (no job of its own then) and a caller's order that crew was
sent to is joined after (opened by hand, joined from the board): the next call makes that order the outage's job, titled "停电：<device>",
urgent, its history saying the title before, once."""

from __future__ import annotations

from django.utils import translation

from powerdesk.customers.models import Customer
from powerdesk.outages.joined import (
    outage_join_open_orders,
    outage_join_separate_orders,
    outage_link,
)
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.models.core import SummaryKind
from powerdesk.servicedesk.order_field import work_order_pause
from powerdesk.servicedesk.services import work_order_create, work_order_dispatch
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import neighbour

WORDS = "家里没电了，邻居家也没电"


class OutageJobTitledLaterTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        paused = work_order_create(
            station=self.station_a, user=self.clerk, category="fault_repair",
            summary="一户没电", customer=self.customer,
        )  # fmt: skip
        work_order_pause(work_order=paused, reason="户主不在家", user=self.chief)
        self.outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind="unplanned"
        )
        outage_join_open_orders(outage=self.outage, user=self.chief)
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        self.assertIsNone(outage_link(self.outage).order)  # the paused order is no job
        # A neighbour's order opened by hand (not at intake, which would join it), the crew
        # sent to it, then joined from the board ("join the separate orders").
        own = work_order_create(
            station=self.station_a, user=self.clerk, category="fault_repair",
            summary=WORDS, customer=neighbour(self),
        )  # fmt: skip
        self.job = work_order_dispatch(work_order=own, crew=self.crew, user=self.chief)
        self.before = self.job.summary
        outage_join_separate_orders(outage=self.outage, user=self.chief)
        self.assertIn(self.job, outage_link(self.outage).work_orders.all())
        self.assertIsNone(outage_link(self.outage).order)

    def call(self, account: str, number: str) -> WorkOrder:
        customer = Customer.objects.create(
            station=self.station_a, account_number=account, name="第三户",
            village=self.village, group=self.group, transformer=self.transformer,
        )  # fmt: skip
        taken = call_take(
            station=self.station_a, user=self.clerk, customer=customer, caller_number=number,
            text="我家也没电", category="fault_repair", join_outage=self.outage,
        )  # fmt: skip
        assert taken.work_order is not None
        return taken.work_order

    def test_the_crew_s_job_a_later_call_joins_is_titled_as_the_outage_s_job(self) -> None:
        self.assertEqual(self.call("53250000091", "13900000091").pk, self.job.pk)
        job = WorkOrder.objects.get(pk=self.job.pk)
        self.assertEqual(outage_link(self.outage).order, job)
        self.assertEqual(job.summary_kind, SummaryKind.OUTAGE)
        with translation.override("en"):
            self.assertEqual(job.title, f"Outage: {self.fuse}")
        self.assertIn(WORDS, job.description)  # the caller's words kept
        self.assertTrue(job.urgent)  # as the outage's job made at a dispatch is
        (line,) = job.events.filter(note_code="retitled_outage_job")
        self.assertEqual(line.note_args["before"], self.before)

    def test_a_second_call_joins_it_without_retitling_again(self) -> None:
        self.call("53250000091", "13900000091")
        self.assertEqual(self.call("53250000092", "13900000092").pk, self.job.pk)
        job = WorkOrder.objects.get(pk=self.job.pk)
        self.assertEqual(job.events.filter(note_code="retitled_outage_job").count(), 1)
