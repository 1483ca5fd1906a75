"""A crew already on a caller's order when an outage is recorded over that caller counts as sent
to the outage: the board names it, its phone shows the outage as its job, and it records the
cause and the power back from that job, each step a line of history with who took it. The
three ask one service (``outages.crew.outage_crews``), so they never disagree."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.permissions import Do
from powerdesk.customers.models import Customer
from powerdesk.outages.board import board_rows
from powerdesk.outages.crew import may_on_outage, outage_crew, outage_crews
from powerdesk.outages.joined import outage_join_open_orders
from powerdesk.outages.models import Outage, OutageLink
from powerdesk.outages.services import outage_declare, outage_restore
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.crew_job_orders import outage_crew_job
from powerdesk.servicedesk.crew_jobs import crew_jobs_for
from powerdesk.servicedesk.crew_step_asks import Saved
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.services import work_order_create, work_order_dispatch
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews


class _CrewOnSite(BaseTestCase):
    """抢修一班 on site at a plain fault call when the outage is recorded over the house."""

    def setUp(self) -> None:
        add_crews(self)
        started = timezone.now() - dt.timedelta(minutes=40)
        # A plain fault call, sent to 抢修一班, which is on site before anyone knows of an outage.
        self.order = self.sent_order(self.customer, self.crew, received=started)
        for step in ("accept", "on_the_way", "on_site"):
            self.step(self.order, step)
        # The dispatcher records the outage on the fuse above the house, as /outages/ does.
        self.outage = outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind="unplanned",
            starts_at=started,
        )
        outage_join_open_orders(outage=self.outage, user=self.chief)
        self.order.refresh_from_db()

    def sent_order(self, customer: Customer, crew: object, *, received: dt.datetime) -> WorkOrder:
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="fault_repair",
            summary="一户没电",
            customer=customer,
            received_at=received,
        )
        return work_order_dispatch(work_order=order, crew=crew, user=self.chief)  # type: ignore[arg-type]

    def step(self, order: WorkOrder, step: str, user: object = None, **fields: str) -> Saved:
        return crew_step_take(
            work_order=order,
            step=step,
            user=user or self.member,  # type: ignore[arg-type]
            fields=fields,
        )


class CrewAlreadyOnTests(_CrewOnSite):
    def test_the_outage_takes_the_crew_and_its_history_says_which_and_who_joined_it(self) -> None:
        self.assertEqual(OutageLink.objects.get(outage=self.outage).crew, self.crew)
        line = self.outage.events.get(what="dispatched")
        self.assertEqual(line.by, self.chief)
        self.assertEqual(line.note_code, "crew_already_on")
        self.assertEqual(
            line.note_args,
            {"crew": "抢修一班", "number": self.order.number, "crew_id": self.crew.pk},
        )

    def test_board_phone_and_permission_name_the_same_crew(self) -> None:
        (row,) = [r for r in board_rows(self.station_a) if r.outage == self.outage]
        self.assertEqual(row.crew, self.crew)  # the board: "send another crew", rightly
        self.assertEqual(outage_crew(self.outage), self.crew)
        self.assertEqual(outage_crew_job(self.outage, self.crew.pk), self.order)  # the phone
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual((job.outage, job.order), (self.outage, self.order))
        self.assertTrue(may_on_outage(self.member, self.outage, Do.OUTAGE_DECLARE))
        # A crew neither sent nor on one of its orders is refused, and shown nothing.
        self.assertFalse(may_on_outage(self.other_member, self.outage, Do.OUTAGE_DECLARE))
        self.assertEqual(crew_jobs_for(self.other_member, self.station_a), [])
        with self.assertRaises(PermissionDenied):
            outage_restore(outage=self.outage, user=self.other_member, how="remote")

    def test_the_crew_records_the_cause_and_the_power_back_and_the_history_says_who(self) -> None:
        self.step(self.order, "cause_found", cause="tree", note="树枝压线")
        self.step(self.order, "restored", note="清除树障，合上熔断器")
        self.outage.refresh_from_db()
        self.order.refresh_from_db()
        self.assertEqual(self.outage.status, Outage.Status.RESTORED)
        self.assertEqual(self.order.status, "resolved")
        steps = list(self.outage.events.values_list("what", "by__username"))
        self.assertIn(("cause_found", "crew1"), steps)
        self.assertIn(("restored", "crew1"), steps)

    def test_an_outage_recorded_before_it_took_crews_still_counts_the_crew_on_its_order(
        self,
    ) -> None:
        # No crew on the link (recorded before outages took the crew already on an order).
        OutageLink.objects.filter(outage=self.outage).update(crew=None)
        self.assertEqual(outage_crew(self.outage), self.crew)
        (row,) = [r for r in board_rows(self.station_a) if r.outage == self.outage]
        self.assertEqual(row.crew, self.crew)
        self.step(self.order, "cause_found", cause="tree", note="树枝压线")
        self.assertEqual(OutageLink.objects.get(outage=self.outage).cause_kind, "tree")

    def test_a_second_crew_on_another_joined_order_works_it_too_and_is_named_as_itself(
        self,
    ) -> None:
        neighbour = Customer.objects.create(
            station=self.station_a,
            account_number="53250000098",
            name="邻居",
            village=self.village,
            transformer=self.transformer,
        )
        other = self.sent_order(
            neighbour, self.other_crew, received=timezone.now() - dt.timedelta(minutes=30)
        )
        outage_join_open_orders(outage=self.outage, user=self.chief)
        self.assertEqual(outage_crews(self.outage), [self.crew, self.other_crew])
        self.assertEqual(outage_crew(self.outage), self.crew)  # the one the outage took
        self.assertTrue(may_on_outage(self.other_member, self.outage, Do.OUTAGE_DECLARE))
        self.step(other, "on_the_way", user=self.other_member)
        line = self.outage.events.get(what="on_the_way")
        self.assertEqual((line.by, line.note), (self.other_member, "抢修二班"))

    def test_a_later_caller_s_order_goes_to_the_same_crew_one_card_on_the_phone(self) -> None:
        neighbour = Customer.objects.create(
            station=self.station_a,
            account_number="53250000099",
            name="邻居",
            village=self.village,
            transformer=self.transformer,
        )
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            text="我家也没电了",
            category="fault_repair",
            customer=neighbour,
        )
        assert taken.work_order is not None
        self.assertEqual(taken.outage, self.outage)
        self.assertEqual(taken.work_order.crew, self.crew)
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual(job.order, self.order)  # the order the crew is on site for


class CrewAlreadyOnPageTests(_CrewOnSite):
    """The same through the crew's phone page (its form without the script)."""

    def post_step(self, step: str, **fields: str) -> None:
        response = self.client.post(
            reverse("servicedesk:crew_step", args=[self.order.pk]), {"step": step, **fields}
        )
        self.assertEqual(response.status_code, 302)

    def test_the_crew_s_page_takes_the_cause_then_offers_and_takes_the_power_back(self) -> None:
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        self.assertIn(f"停电：{self.fuse}", page)
        self.post_step("cause_found", cause="tree", note="树枝压线")
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        self.assertNotIn("只有派往该停电的班组或所里人员可以操作", page)
        restore = page[page.index('data-crew-step="restored"') :]
        restore = restore[: restore.index(">")]
        self.assertNotIn("hidden", restore)  # the power-back form is offered
        self.post_step("restored", note="清除树障，合上熔断器")
        self.outage.refresh_from_db()
        self.assertEqual(self.outage.status, Outage.Status.RESTORED)
        self.assertEqual(self.outage.link.cause_kind, "tree")
        self.assertEqual(
            list(
                self.outage.events.filter(what__in=("cause_found", "restored")).values_list(
                    "what", "by"
                )
            ),
            [("cause_found", self.member.pk), ("restored", self.member.pk)],
        )
