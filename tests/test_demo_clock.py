"""The demo station built early in the morning has nothing later than the clock: no crew
position "at 07:30" at 05:55, no job step or hours out on jobs still to come."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.db import transaction
from django.db.models import Max
from django.test import TestCase

from powerdesk.accounts.models import Crew, CrewPosition
from powerdesk.arrears.models import ArrearsCase
from powerdesk.demo.builder import build_demo
from powerdesk.demo.seasons import TZ
from powerdesk.servicedesk.models import (
    Call,
    Callback,
    Feedback,
    WorkOrder,
    WorkOrderEvent,
    WorkOrderStatus,
)
from tests.demo_station import REFERENCE_APPS, TODAY

EARLY = dt.datetime.combine(TODAY, dt.time(5, 55), tzinfo=TZ)


class DemoClockTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        with time_machine.travel(EARLY, tick=False):  # `powerdesk demo` run at 05:55
            cls.ctx = build_demo(only={*REFERENCE_APPS, "servicedesk", "arrears"})

    def test_the_history_ends_at_the_clock_when_built_before_the_morning(self) -> None:
        from powerdesk.demo.builder import history_end

        self.assertEqual(self.ctx.today, TODAY)
        self.assertEqual(self.ctx.now, EARLY)
        later = dt.datetime.combine(TODAY + dt.timedelta(days=1), dt.time(3), tzinfo=TZ)
        self.assertEqual(history_end(TODAY, clock=later).time(), dt.time(9, 30))

    def test_no_crew_position_is_later_than_the_clock_and_the_last_is_fresh(self) -> None:
        latest = CrewPosition.objects.aggregate(at=Max("at"))["at"]
        self.assertLessEqual(latest, EARLY)
        second = Crew.objects.get(name="抢修二班")
        last = CrewPosition.objects.filter(crew=second).latest("at")
        self.assertGreater(last.at, EARLY - dt.timedelta(hours=1))  # out this morning

    def test_no_call_or_step_of_a_job_is_later_than_the_clock(self) -> None:
        # The hours a crew is out on jobs today are counted from these steps (crew_choice):
        # none still to come, so none counted at 05:55 that happens at 09:00.
        for model, field in (
            (Call, "received_at"),
            (WorkOrder, "created_at"),
            (WorkOrder, "resolved_at"),
            (WorkOrder, "arrived_at"),
            (WorkOrderEvent, "at"),
            (Callback, "at"),
            (Feedback, "answered_at"),
        ):
            latest = model.objects.aggregate(at=Max(field))["at"]
            with self.subTest(model=model.__name__, field=field):
                self.assertIsNotNone(latest)
                self.assertLessEqual(latest, EARLY)

    def test_an_arrears_case_s_steps_are_the_times_its_history_records(self) -> None:
        # The steps box and the history show one time per step, the case is opened before its
        # notice, and nothing has happened yet that the clock has not reached.
        field_of = {
            "open": "opened_at",
            "notice_given": "notice_delivered_at",
            "liaison_contacted": "liaison_contacted_at",
            "approved": "approved_at",
            "paid": "paid_at",
        }
        cases = ArrearsCase.objects.prefetch_related("events")
        self.assertGreaterEqual(len(cases), 5)
        for case in cases:
            events = list(case.events.order_by("at", "pk"))
            with self.subTest(case=str(case)):
                self.assertEqual(events[0].stage, "open")
                self.assertEqual([e.at for e in events], sorted(e.at for e in events))
                self.assertLessEqual(events[-1].at, EARLY)
                # At a working hour of the station, whatever the hour it was built at (walk72, 9).
                hours = {e.at.astimezone(TZ).hour for e in events}
                self.assertLessEqual(hours, set(range(8, 19)), hours)
                for event in events:
                    # A step's own line (not the household's words said since, at its stage).
                    if event.stage in field_of and not event.note_code:
                        self.assertEqual(getattr(case, field_of[event.stage]), event.at)
                if case.notice_delivered_at is not None:
                    self.assertLess(case.opened_at, case.notice_delivered_at)


class DemoCallbacksDueTests(TestCase):
    """Whatever the hour the demo is built at, the counter's callback list has work on it (the
    draws alone left it empty on some mornings), each order's history ending at its repair."""

    def test_orders_resolved_in_the_last_day_wait_for_their_callback(self) -> None:
        from powerdesk.accounts.models import Station
        from powerdesk.servicedesk.demo import CALLBACKS_DUE
        from powerdesk.servicedesk.selectors import callbacks_due

        for hour in (6, 14):  # before the counter's morning, and in the afternoon
            clock = dt.datetime.combine(TODAY, dt.time(hour, 10), tzinfo=TZ)
            with self.subTest(hour=hour), transaction.atomic():
                build_demo(only={*REFERENCE_APPS, "servicedesk"}, clock=clock)
                station = Station.objects.get(name="光禄供电所")
                due = list(callbacks_due(station))
                self.assertGreaterEqual(len(due), CALLBACKS_DUE)
                for order in due:
                    self.assertFalse(order.callbacks.exists())
                    last = order.events.order_by("at", "pk").last()
                    self.assertEqual(last.to_status, WorkOrderStatus.RESOLVED)
                    self.assertIsNone(order.closed_at)
                    self.assertLess(clock - order.resolved_at, dt.timedelta(days=1))
                transaction.set_rollback(True)
