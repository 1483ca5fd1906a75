"""walk41, 3: households texted of a transformer area's outage (power back about 22:10) were not
texted when the fuse above it was recorded (back about 00:00), and kept the earlier time, while
their power is back only with the fuse's. A wider outage whose time is later by ``ETR_MOVE`` or
more texts them that it is still off with its time, once, and its history says so; within that
margin they are not texted again."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone, translation

from powerdesk.network.models import GridNode
from powerdesk.notifications.estimate_texts import ETR_MOVE
from powerdesk.notifications.outage_known import notify_outage_known
from powerdesk.notifications.told import told_of
from powerdesk.outages.models import Outage, OutageEvent
from tests.base import BaseTestCase
from tests.outage_cast import declared, households_beside_the_fuse, texted


class LaterTimeToldTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        cast = households_beside_the_fuse(self)
        self.qian, self.told = cast.qian, cast.below_fuse
        self.now = timezone.now().replace(second=0, microsecond=0)

    def declare(self, device: GridNode, back_in: dt.timedelta) -> Outage:
        return declared(self, device, began=10, back_in=back_in, now=self.now)

    def test_a_later_time_of_the_wider_outage_is_texted_to_those_told_of_the_inner(self) -> None:
        branch = self.declare(self.fuse, dt.timedelta(hours=1))
        self.assertEqual(texted(f"outage_known:{branch.pk}"), self.told)
        wider = self.declare(self.pole, dt.timedelta(hours=4))
        self.assertEqual(texted(f"outage_known:{wider.pk}"), {self.qian.pk})
        self.assertEqual(texted(f"later_time:{wider.pk}"), self.told)
        # Told of the wider one now: its later revisions reach them too.
        self.assertEqual(
            told_of(self.station_a.pk, [wider.pk])[wider.pk], self.told | {self.qian.pk}
        )
        line = OutageEvent.objects.get(outage=wider, what="later_time_told")
        self.assertEqual(sorted(line.note_args["customers"]), sorted(self.told))
        self.assertEqual(line.note_args["outages"], [branch.pk])
        with translation.override("en"):
            self.assertEqual(
                line.shown_note,
                f"2 households texted an earlier time by the outage on {self.fuse} below it "
                "were texted this one's later time",
            )
        # Told once, however often it is asked again.
        notify_outage_known(wider)
        self.assertEqual(
            OutageEvent.objects.filter(outage=wider, what="later_time_told").count(), 1
        )

    def test_within_the_margin_they_keep_the_time_they_were_told(self) -> None:
        self.declare(self.fuse, dt.timedelta(hours=1))
        wider = self.declare(self.pole, dt.timedelta(hours=1) + ETR_MOVE - dt.timedelta(minutes=1))
        self.assertEqual(texted(f"later_time:{wider.pk}"), set())
        self.assertFalse(OutageEvent.objects.filter(outage=wider, what="later_time_told").exists())
