"""A crew sent again to a job it was called back from is told it is sent again, the withdrawal
void (walk58 L6): the second text was word for word the first, so a crew reading its texts out
of order could not tell which one held."""

from __future__ import annotations

from powerdesk.notifications.models import Channel, Delivery
from powerdesk.notifications.texts import render
from tests.base import zh
from tests.servicedesk.crew_cast import A_PHONE, B_PHONE, CrewOrderTestCase

AGAIN = "(sent again: the withdrawal you were told of no longer holds)"


class _Cast(CrewOrderTestCase):
    def dispatch_texts(self, phone: str = A_PHONE) -> list[str]:
        return [
            render(d)
            for d in Delivery.objects.filter(
                channel=Channel.SMS, address=phone, template="crew_dispatched"
            ).order_by("pk")
        ]


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
        (text,) = self.dispatch_texts(B_PHONE)
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
        (other,) = self.dispatch_texts(B_PHONE)
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
