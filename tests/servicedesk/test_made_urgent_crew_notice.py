"""A repeat call that makes an order urgent tells its crew in PowerDesk too, as a dispatch is
told (walk38, 4): each member gets a line of "Notices to you" naming the order and why
("2026-02464 is now urgent: a medical need at home"), linking the job the phone shows, once per
change (a retry never twice). And an outage's card stays the job it was when one of its orders
turns urgent (it read 02463, then 02464: the crew may think it another job): it says that one of
its orders is now urgent and why, and is due on site by that order's time."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.crew_jobs import crew_jobs_for
from powerdesk.servicedesk.models import Notification, WorkOrder
from powerdesk.servicedesk.repeats import _crew_told
from powerdesk.servicedesk.services import work_order_dispatch
from tests.base import BaseTestCase
from tests.outage_cast_sent import outage_sent
from tests.servicedesk.crew_cast import add_crews, neighbour

MEDICAL_CALL = "还是没电，家里老人用制氧机"


def now_urgent(number: str) -> str:
    """The line, in Chinese (the notice's language), by its whole msgids."""
    with translation.override("zh-hans"):
        return gettext("Job %(number)s is now urgent: %(why)s") % {
            "number": number,
            "why": gettext("a medical need at home"),
        }


class MadeUrgentNoticeTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.crew.phone = "+8613700001111"
        self.crew.save(update_fields=["phone"])

    def urgent_call(self, order: WorkOrder) -> None:
        call_take(
            station=self.station_a,
            user=self.clerk,
            customer=order.customer,
            caller_number="13812345678",
            text=MEDICAL_CALL,
            category="fault_repair",
            urgent=True,
            repeat_of=order,
        )

    def notices(self) -> list[Notification]:
        return list(Notification.objects.filter(recipient=self.member, key__startswith="urgent:"))

    def test_a_plain_job_made_urgent_is_told_in_powerdesk_once(self) -> None:
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            customer=self.customer,
            caller_number="13812345678",
            text="家里停电了",
            category="fault_repair",
        )
        assert taken.work_order is not None
        order = work_order_dispatch(work_order=taken.work_order, crew=self.crew, user=self.chief)
        self.urgent_call(order)
        (notice,) = self.notices()
        self.assertEqual((notice.kind, notice.work_order_id), ("crew_urgent", order.pk))
        self.assertEqual(notice.text, now_urgent(order.number))
        # Asked again (a retry, a double submit): never a second line.
        order.refresh_from_db()
        _crew_told(order, order.calls.latest("received_at"), self.clerk)
        self.assertEqual(len(self.notices()), 1)
        # Read on the member's own page, in their language.
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:notices")).content.decode()
        self.assertIn(order.number, page)

    def outage_with_two_orders(self) -> tuple[WorkOrder, WorkOrder]:
        """An outage whose two callers' orders were opened before it was recorded (a storm's
        calls, joined when it was: no order of its own), sent to the crew."""
        self.outage, (first, second) = outage_sent(self, (self.customer, neighbour(self)))
        return first, second

    def test_the_outage_s_card_stays_its_job_and_says_which_order_is_now_urgent(self) -> None:
        first, second = self.outage_with_two_orders()
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual(job.order, first)
        # Urgent for the outage (walk41, 1), as an order opened for it is; not for a call.
        self.assertTrue(job.urgent)
        self.assertEqual(job.urgent_lines, [])
        self.urgent_call(second)
        second.refresh_from_db()
        self.assertTrue(second.urgent)
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual(job.order, first)  # the same card: not 02464 in place of 02463
        self.assertTrue(job.urgent)
        self.assertEqual(job.due, second)  # due on site by the urgent order's time
        with translation.override("zh-hans"):
            self.assertEqual(job.urgent_lines, [now_urgent(second.number)])
        # The crew's notice links the card's job, and names the order made urgent.
        (notice,) = self.notices()
        self.assertEqual(notice.work_order_id, first.pk)
        self.assertEqual(notice.text, now_urgent(second.number))
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        self.assertIn('data-testid="job-urgent-other"', page)
        # The time to arrive by is the urgent order's: the card says whose (walk40, 10).
        label = page.split('data-testid="job-due-order">', 1)[1].split("</span>", 1)[0]
        self.assertIn(second.number, label)
        self.assertIn(f'data-number="{first.number}"', page)
        self.assertIn('data-urgent="1"', page)
