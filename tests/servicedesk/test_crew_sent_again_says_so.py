"""A crew sent again to a job it was called back from is told it is sent again, the withdrawal
void (walk58 L6): the second text was word for word the first, so a crew reading its texts out
of order could not tell which one held."""

from __future__ import annotations

from powerdesk.notifications.models import Channel, Delivery
from powerdesk.notifications.texts import render
from powerdesk.servicedesk.models import Category, WorkOrder, WorkOrderStatus
from powerdesk.servicedesk.services import (
    work_order_create,
    work_order_dispatch,
    work_order_transition,
)
from tests.base import BaseTestCase, zh
from tests.servicedesk.crew_cast import add_crews

CREW_PHONE = "+8613700002222"
AGAIN = "(sent again: the withdrawal you were told of no longer holds)"


class _Cast(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        for crew, phone in ((self.crew, CREW_PHONE), (self.other_crew, "+8613700003333")):
            crew.phone = phone
            crew.save(update_fields=["phone"])
        self.order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category=Category.FAULT_REPAIR,
            summary="电线打火了",
            customer=self.customer,
        )

    def dispatch_texts(self, phone: str = CREW_PHONE) -> list[str]:
        return [
            render(d)
            for d in Delivery.objects.filter(
                channel=Channel.SMS, address=phone, template="crew_dispatched"
            ).order_by("pk")
        ]

    def send(self, order: WorkOrder, crew: object = None) -> WorkOrder:
        return work_order_dispatch(work_order=order, crew=crew or self.crew, user=self.chief)

    def recall(self, order: WorkOrder) -> WorkOrder:
        return work_order_transition(
            work_order=order, to_status=WorkOrderStatus.RECEIVED, user=self.chief
        )


class SentAgainSaysSoTests(_Cast):
    def test_sent_again_after_a_recall_the_text_says_so(self) -> None:
        self.send(self.recall(self.send(self.order)))
        first, second = self.dispatch_texts()
        self.assertNotIn(zh(AGAIN), first)
        self.assertIn(zh(AGAIN), second)
        self.assertNotEqual(first, second)

    def test_sent_again_after_another_crew_had_it_the_text_says_so(self) -> None:
        order = self.send(self.send(self.order), self.other_crew)
        self.send(order)
        first, second = self.dispatch_texts()
        self.assertNotIn(zh(AGAIN), first)
        self.assertIn(zh(AGAIN), second)

    def test_a_crew_sent_for_the_first_time_after_a_recall_is_not_told_again(self) -> None:
        order = self.recall(self.send(self.order))
        self.send(order, self.other_crew)
        (text,) = self.dispatch_texts("+8613700003333")
        self.assertNotIn(zh(AGAIN), text)


class OutageSentAgainSaysSoTests(_Cast):
    """The same words under the same rule for a crew sent to an outage: taken off it (another
    crew sent instead) and sent again; not the first sending, nor a retry."""

    def setUp(self) -> None:
        super().setUp()
        from powerdesk.outages.services import outage_declare

        self.outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind="unplanned"
        )

    def send_outage(self, crew: object = None) -> None:
        from powerdesk.outages.life import outage_dispatch

        outage_dispatch(outage=self.outage, crew=crew or self.crew, user=self.chief)

    def test_sent_again_after_another_crew_had_the_outage_the_text_says_so(self) -> None:
        self.send_outage()
        self.send_outage(self.other_crew)
        self.send_outage()
        first, second = self.dispatch_texts()
        self.assertNotIn(zh(AGAIN), first)
        self.assertIn(zh(AGAIN), second)
        (other,) = self.dispatch_texts("+8613700003333")
        self.assertNotIn(zh(AGAIN), other)  # sent there for the first time

    def test_a_retry_or_double_click_texts_nothing_more(self) -> None:
        self.send_outage()
        self.send_outage()
        (text,) = self.dispatch_texts()
        self.assertNotIn(zh(AGAIN), text)

    def test_a_crew_first_sent_after_another_had_the_outage_is_not_told_again(self) -> None:
        self.send_outage(self.other_crew)
        self.send_outage()
        (text,) = self.dispatch_texts()
        self.assertNotIn(zh(AGAIN), text)
