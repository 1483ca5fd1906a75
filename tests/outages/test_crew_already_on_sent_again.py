"""A crew already on the job when the outage is recorded (its caller's order was sent to it:
the outage takes it, ``outages.crew.outage_take_joined_crew``), replaced by another crew, then
sent to the outage again, is told it is sent again, the withdrawal void, as a crew first sent
from the board is (``sent_again``); the crew sent between is told its sending ended."""

from __future__ import annotations

from powerdesk.notifications.models import Channel, Delivery
from powerdesk.notifications.texts import render
from powerdesk.outages.joined import outage_join_open_orders
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import OutageLink
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.models import Notification
from tests.base import zh
from tests.servicedesk.crew_cast import A_PHONE, B_PHONE, CrewOrderTestCase

AGAIN = "(sent again: the withdrawal you were told of no longer holds)"


class CrewAlreadyOnSentAgainTests(CrewOrderTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.send()  # 抢修一班 sent to the caller's order before anyone knew of an outage
        self.outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind="unplanned"
        )
        outage_join_open_orders(outage=self.outage, user=self.chief)

    def dispatch_texts(self, phone: str) -> list[str]:
        return [
            render(d)
            for d in Delivery.objects.filter(
                channel=Channel.SMS, address=phone, template="crew_dispatched"
            ).order_by("pk")
        ]

    def test_replaced_then_sent_again_the_crew_is_told_so_and_the_other_s_sending_ends(
        self,
    ) -> None:
        link = OutageLink.objects.get(outage=self.outage)
        self.assertEqual(link.crew, self.crew)  # on the job: the outage took it
        self.assertEqual(self.outage.events.get(what="dispatched").note_code, "crew_already_on")
        outage_dispatch(outage=self.outage, crew=self.other_crew, user=self.chief)
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)

        # Texted the order, then the outage it is on (the outage's job), then taken off, then
        # the outage again: that one alone says it is sent again.
        self.assertEqual(
            self.texts(A_PHONE),
            ["crew_dispatched", "crew_dispatched", "crew_taken_off_sms", "crew_dispatched"],
        )
        *before, again = self.dispatch_texts(A_PHONE)
        self.assertEqual([zh(AGAIN) in text for text in before], [False, False])
        self.assertIn(zh(AGAIN), again)
        self.assertIn("再次派工", again)
        # 抢修二班's sending ends: told by text and in PowerDesk, the outage's crew 抢修一班 again.
        (to_b,) = self.dispatch_texts(B_PHONE)
        self.assertNotIn(zh(AGAIN), to_b)
        self.assertEqual(self.texts(B_PHONE), ["crew_dispatched", "crew_taken_off_sms"])
        self.assertTrue(
            Notification.objects.filter(
                recipient=self.other_member, kind=Notification.Kind.CREW_TAKEN_OFF
            ).exists()
        )
        link.refresh_from_db()
        self.assertEqual(link.crew, self.crew)
