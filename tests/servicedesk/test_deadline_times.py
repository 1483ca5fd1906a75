"""Working-day deadlines are counted in the station's time, through the real path: a call taken
at intake opens an order whose deadline ends on the right Beijing day."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import time_machine

from powerdesk.servicedesk.models import WorkOrder
from tests.base import BaseTestCase, post_intake

BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")


def beijing(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BEIJING)  # type: ignore[misc]


class WorkingDayDeadlineTests(BaseTestCase):
    def take_complaint_at(self, when: dt.datetime) -> WorkOrder:
        self.login(self.clerk)
        with time_machine.travel(when, tick=False):
            post_intake(
                self.client,
                {
                    "caller_number": "0878-1234567",
                    "text": "上次抢修的师傅态度很差，我要投诉",
                    "category": "complaint",
                },
            )
        return WorkOrder.objects.latest("pk")

    def assert_due(self, received: dt.datetime, due_day: dt.date) -> None:
        order = self.take_complaint_at(received)
        due = order.resolve_due_at.astimezone(BEIJING)
        self.assertEqual((due.date(), due.time()), (due_day, dt.time(23, 59, 59)), received)

    def test_a_complaint_on_friday_morning_is_due_four_working_days_later(self) -> None:
        # Friday 27 November 2026 + 4 working days = Thursday 3 December, whatever the hour.
        for hour, minute in ((0, 30), (7, 0), (10, 0), (23, 30)):
            self.assert_due(beijing(2026, 11, 27, hour, minute), dt.date(2026, 12, 3))

    def test_a_complaint_just_after_midnight_counts_from_that_beijing_day(self) -> None:
        # 00:30 Beijing on Monday 30 November is Sunday in UTC: still Monday's call.
        self.assert_due(beijing(2026, 11, 30, 0, 30), dt.date(2026, 12, 4))

    def test_a_complaint_before_national_day_skips_the_holiday_week(self) -> None:
        # Wednesday 30 September 2026: 1-7 October are holidays; 8 and 9 October are working days,
        # Saturday 10 October is a 调休 working day, then Monday 12.
        for hour, minute in ((0, 30), (7, 0), (23, 30)):
            self.assert_due(beijing(2026, 9, 30, hour, minute), dt.date(2026, 10, 12))

    def test_a_complaint_on_an_adjusted_saturday_counts_from_that_working_day(self) -> None:
        # Saturday 10 October 2026 is a working day (调休): + 4 = Thursday 15 October.
        self.assert_due(beijing(2026, 10, 10, 7, 0), dt.date(2026, 10, 15))

    def test_a_complaint_before_the_spring_festival_waits_for_the_holiday(self) -> None:
        # Friday 13 February 2026 at 07:00 Beijing (23:00 UTC the day before); the Spring
        # Festival holiday runs 15-23 February; Saturday 14 February is a 调休 working day:
        # 14, 24, 25, 26 February.
        order = self.take_complaint_at(beijing(2026, 2, 13, 7, 0))
        due = order.resolve_due_at.astimezone(BEIJING)
        self.assertEqual(due.date(), dt.date(2026, 2, 26))
        self.assertEqual(due.time(), dt.time(23, 59, 59))

    def test_a_fault_deadline_is_counted_in_minutes_from_the_call(self) -> None:
        self.login(self.clerk)
        received = beijing(2026, 11, 27, 7, 0)
        with time_machine.travel(received, tick=False):
            post_intake(
                self.client,
                {"caller_number": "0878-1234567", "text": "家里停电了", "category": "fault_repair"},
            )
        order = WorkOrder.objects.get()
        # The caller lives in 哔叭, a group without road access: two hours.
        self.assertEqual(order.arrive_due_at, received + dt.timedelta(minutes=120))
