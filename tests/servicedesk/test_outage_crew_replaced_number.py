"""An outage's job given to another crew: the crew taken off is told the job's order number, by
text and in PowerDesk, and its notice links that order (walk42, 3: the device's code was said
in its place, the order having passed to the new crew already)."""

from __future__ import annotations

from powerdesk.notifications.models import Channel, Delivery
from powerdesk.notifications.texts import render
from powerdesk.outages.life import outage_dispatch
from powerdesk.servicedesk.models import Notification
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, outage_job

CREW_PHONE = "+8613700001111"


class OutageCrewReplacedTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.crew.phone = CREW_PHONE
        self.crew.save(update_fields=["phone"])

    def test_the_crew_taken_off_is_told_the_order_number(self) -> None:
        outage, order = outage_job(self)
        outage_dispatch(outage=outage, crew=self.other_crew, user=self.chief)
        order.refresh_from_db()
        self.assertEqual(order.crew, self.other_crew)
        (sms,) = Delivery.objects.filter(
            channel=Channel.SMS, address=CREW_PHONE, template="crew_taken_off_sms"
        )
        text = render(sms)
        self.assertIn(order.number, text)
        self.assertNotIn(self.fuse.code, text)
        (notice,) = Notification.objects.filter(
            recipient=self.member, kind=Notification.Kind.CREW_TAKEN_OFF
        )
        self.assertEqual(notice.work_order, order)
        self.assertIn(order.number, notice.text)
        self.assertNotIn(self.fuse.code, notice.text)
