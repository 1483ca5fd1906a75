"""An outage's job sent to crew A, then B, then A again (walk61, L3): A's phone showed "sent
again, the withdrawal void" above the still unread "taken off, now 抢修二班's" of the same job.
The new sending puts the older notice away, as it does for a work order's job."""

from __future__ import annotations

from powerdesk.outages.life import outage_dispatch
from powerdesk.servicedesk.models import Notification
from powerdesk.servicedesk.notices import notice_groups
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, outage_job

K = Notification.Kind


class OutageSentBackTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.outage, self.order = outage_job(self)

    def unread(self, kind: str) -> int:
        return Notification.objects.filter(recipient=self.member, kind=kind, read_at=None).count()

    def test_sent_back_to_the_crew_its_taken_off_notice_is_put_away(self) -> None:
        outage_dispatch(outage=self.outage, crew=self.other_crew, user=self.chief)
        self.assertEqual(self.unread(K.CREW_TAKEN_OFF), 1)
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        self.assertEqual(self.unread(K.CREW_TAKEN_OFF), 0)
        self.assertEqual(self.unread(K.CREW_JOB), 1)  # the new sending, to be read
        kinds = [g.kind for g in notice_groups(user=self.member, station=self.station_a)]
        self.assertNotIn(K.CREW_TAKEN_OFF, kinds)

    def test_the_other_crew_keeps_its_own_taken_off_notice(self) -> None:
        outage_dispatch(outage=self.outage, crew=self.other_crew, user=self.chief)
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        taken_off = Notification.objects.filter(
            recipient=self.other_member, kind=K.CREW_TAKEN_OFF, read_at=None
        )
        self.assertEqual(taken_off.count(), 1)
