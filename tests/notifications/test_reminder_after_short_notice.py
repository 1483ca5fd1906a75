"""A planned outage announced at short notice for tomorrow is not reminded of "tomorrow" a few
seconds later: every household would get two texts of one window within a day. The reminder
is skipped once for that window, and the outage's history says why."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.utils import timezone, translation

from powerdesk.notifications.models import Delivery, Event
from powerdesk.notifications.planned_reminder import planned_tomorrow_scan
from powerdesk.outages.history import outage_note_shown
from powerdesk.outages.models import Outage
from powerdesk.outages.planned import planned_outage_reschedule
from tests.base import BaseTestCase
from tests.planned_cast import planned_on_fuse

TZ = dt.timezone(dt.timedelta(hours=8))
TODAY = dt.datetime(2026, 6, 10, 10, 0, tzinfo=TZ)
TOMORROW_9 = dt.datetime(2026, 6, 11, 9, 0, tzinfo=TZ)


def reminders() -> int:
    return Delivery.objects.filter(notice__event=Event.PLANNED_TOMORROW).count()


class ReminderAfterShortNoticeTests(BaseTestCase):
    def declare(self, starts_at: dt.datetime, **kw: str) -> Outage:
        return planned_on_fuse(self, starts_at, starts_at + dt.timedelta(hours=6), **kw)

    def test_announced_for_tomorrow_it_is_not_reminded_and_says_why(self) -> None:
        with time_machine.travel(TODAY, tick=False):
            outage = self.declare(TOMORROW_9, short_notice_reason="抢修后的消缺")
        announced = Delivery.objects.filter(notice__event=Event.PLANNED_ANNOUNCED, channel="sms")
        self.assertEqual(announced.count(), 1)
        with time_machine.travel(TODAY + dt.timedelta(seconds=30), tick=False):
            self.assertEqual(planned_tomorrow_scan(), 0)
        with time_machine.travel(TODAY + dt.timedelta(hours=6), tick=False):
            self.assertEqual(planned_tomorrow_scan(), 0)  # later the same day: still not
        self.assertEqual(reminders(), 0)
        (line,) = outage.events.filter(what="reminder_skipped")
        with translation.override("en"):
            self.assertIn("10:00, less than a day before", outage_note_shown(line))

    def test_moved_to_tomorrow_it_is_not_reminded_either(self) -> None:
        with time_machine.travel(TODAY - dt.timedelta(days=9), tick=False):
            outage = self.declare(TOMORROW_9 + dt.timedelta(days=1))
        with time_machine.travel(TODAY, tick=False):
            planned_outage_reschedule(
                outage=outage,
                user=self.chief,
                starts_at=TOMORROW_9,
                ends_at=TOMORROW_9 + dt.timedelta(hours=6),
                reason="提前",
                short_notice=True,
            )
        with time_machine.travel(TODAY + dt.timedelta(minutes=1), tick=False):
            self.assertEqual(planned_tomorrow_scan(), 0)
        self.assertEqual(reminders(), 0)
        self.assertEqual(outage.events.filter(what="reminder_skipped").count(), 1)

    def test_announced_a_week_ahead_it_is_reminded_the_day_before(self) -> None:
        with time_machine.travel(TODAY - dt.timedelta(days=8), tick=False):
            self.declare(TOMORROW_9)
        with time_machine.travel(TODAY, tick=False):
            self.assertEqual(planned_tomorrow_scan(), 1)
        self.assertEqual(reminders(), 1)
        self.assertFalse(timezone.is_naive(TODAY))
