"""Settling a promise (walkthrough 31, findings 7 and 21): broken by hand says why and not
before its time; broken by the escalation job is a line of the order's history too."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.utils import translation

from powerdesk.servicedesk.escalation import escalations_scan
from powerdesk.servicedesk.followup import promise_make
from powerdesk.servicedesk.history_notes import note_shown
from powerdesk.servicedesk.models import Promise
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase

START = dt.datetime(2026, 6, 20, 14, 0, tzinfo=dt.UTC)


class PromiseBrokenByTheSystemTests(BaseTestCase):
    def test_a_promise_broken_by_escalation_is_in_the_order_s_history(self) -> None:
        with time_machine.travel(START, tick=False):
            order = work_order_create(
                station=self.station_a,
                user=self.clerk,
                category="fault_repair",
                summary="停电",
                customer=self.customer,
            )
            promise = promise_make(
                station=self.station_a,
                user=self.clerk,
                work_order=order,
                text="半小时内回电",
                due_at=START + dt.timedelta(minutes=30),
            )
        with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
            escalations_scan(station=self.station_a)
            escalations_scan(station=self.station_a)  # a second scan adds no second line
        promise.refresh_from_db()
        self.assertEqual(promise.state, Promise.State.BROKEN)
        lines = list(order.events.filter(note_code="promise_broken_late"))
        self.assertEqual(len(lines), 1)
        self.assertIsNone(lines[0].by)
        self.assertEqual(lines[0].at, START + dt.timedelta(hours=1))
        self.assertIn("半小时内回电", lines[0].note)
        with translation.override("en"):
            shown = note_shown(lines[0].note_code, lines[0].note_args, lines[0].note)
        self.assertIn("by the system", shown)
