"""An outage recorded inside a wider one that ends later than it (walk47, 2): the households
texted of the wider one hold its earlier time while the inner one keeps them dark until later,
so the inner one's first text tells them its time; one ending no later spares them, as before.
The ask before recording (``reach.outage_known_reach``) counts what is sent."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from powerdesk.notifications.models import Channel, Delivery
from powerdesk.notifications.reach import Reach, outage_known_reach
from powerdesk.outages.models import Outage
from tests.base import BaseTestCase
from tests.outage_cast import declared, households_beside_the_fuse, texted
from tests.outage_cast_liaisons import village_liaisons


def households(outage: Outage) -> set[int]:
    """The households (not liaisons) the outage's first text went to."""
    return texted(f"outage_known:{outage.pk}") - {None}


class InnerEndingLaterTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.beside = households_beside_the_fuse(self)
        village_liaisons(self)
        self.now = timezone.now().replace(second=0, microsecond=0)

    def ask(self, back_in: dt.timedelta) -> Reach:
        return outage_known_reach(
            self.station_a,
            self.fuse,
            starts_at=self.now - dt.timedelta(minutes=10),
            expected_restore_at=self.now + back_in,
        )

    def sms(self, outage: Outage) -> int:
        return Delivery.objects.filter(
            notice__key=f"outage_known:{outage.pk}", channel=Channel.SMS
        ).count()

    def test_households_told_an_earlier_time_are_texted_the_inner_later_one(self) -> None:
        pole = declared(self, self.pole, began=20, back_in=dt.timedelta(hours=1), now=self.now)
        told_of_pole = texted(f"outage_known:{pole.pk}")
        self.assertTrue(self.beside.below_fuse <= told_of_pole)
        asked = self.ask(dt.timedelta(hours=4))
        fuse = declared(self, self.fuse, began=10, back_in=dt.timedelta(hours=4), now=self.now)
        self.assertEqual(households(fuse), self.beside.below_fuse)
        self.assertEqual(asked.texted, len(self.beside.below_fuse))
        self.assertEqual(asked.already, 0)
        self.assertEqual(asked.messages, self.sms(fuse))

    def test_households_told_a_later_time_are_still_spared(self) -> None:
        declared(self, self.pole, began=20, back_in=dt.timedelta(hours=4), now=self.now)
        asked = self.ask(dt.timedelta(hours=1))
        fuse = declared(self, self.fuse, began=10, back_in=dt.timedelta(hours=1), now=self.now)
        self.assertEqual(households(fuse), set())
        self.assertEqual(asked.texted, 0)
        self.assertEqual(asked.already_above, len(self.beside.below_fuse))
        self.assertEqual(asked.messages, self.sms(fuse))

    def test_a_time_a_few_minutes_later_is_no_second_text(self) -> None:
        """Within ``ETR_MOVE`` of the time told: no text, as no revision would be sent."""
        declared(self, self.pole, began=20, back_in=dt.timedelta(hours=1), now=self.now)
        back_in = dt.timedelta(hours=1, minutes=10)
        asked = self.ask(back_in)
        fuse = declared(self, self.fuse, began=10, back_in=back_in, now=self.now)
        self.assertEqual(households(fuse), set())
        self.assertEqual(asked.texted, 0)
        self.assertEqual(asked.messages, self.sms(fuse))
