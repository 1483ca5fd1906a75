"""The limit of wrong logins by address counts the last hour, whenever it is: a clock hour
ending does not wipe an attack's count, and the address is let in again once enough of its
failures are an hour old (``Retry-After`` says when)."""

from __future__ import annotations

import time

import time_machine
from django.core.cache import cache
from django.test import override_settings

from powerdesk.accounts.login import LOGIN_FAILURES_PER_ADDRESS
from tests.base import PASSWORD, BaseTestCase

ADDRESS = "10.0.0.99"


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
class LoginRollingHourTests(BaseTestCase):
    def setUp(self) -> None:
        # Ten minutes before a clock hour ends: the hour of the failures spans two clock hours.
        self.start = (time.time() // 3600 + 1) * 3600 - 600
        self.clock = self.enterContext(time_machine.travel(self.start, tick=False))
        cache.clear()

    def at(self, minutes: float) -> None:
        self.clock.move_to(self.start + minutes * 60)

    def fail(self, n: int, first: int = 0) -> None:
        for i in range(first, first + n):
            answer = self.client.post(
                "/accounts/login/",
                {"username": f"user{i}", "password": "123456"},
                REMOTE_ADDR=ADDRESS,
            )
            self.assertEqual(answer.status_code, 200)  # the form again

    def log_in(self) -> object:
        return self.client.post(
            "/accounts/login/", {"username": "clerk", "password": PASSWORD}, REMOTE_ADDR=ADDRESS
        )

    def test_the_count_runs_past_the_end_of_the_clock_hour(self) -> None:
        self.fail(LOGIN_FAILURES_PER_ADDRESS)
        self.at(11)  # a new clock hour: the failures of the last hour are still 30
        held = self.log_in()
        self.assertEqual(held.status_code, 429)
        left = int(held["Retry-After"])
        self.assertTrue(48 * 60 <= left <= 50 * 60, left)  # an hour after the failures
        self.at(61)
        self.assertEqual(self.log_in().status_code, 302)

    def test_failures_either_side_of_the_clock_hour_add_up(self) -> None:
        first = LOGIN_FAILURES_PER_ADDRESS * 2 // 3
        self.fail(first)
        self.at(30)
        self.fail(LOGIN_FAILURES_PER_ADDRESS - first, first=first)
        self.at(35)
        held = self.log_in()
        self.assertEqual(held.status_code, 429)
        # Free again when the first lot is an hour old, not when the later one is.
        left = int(held["Retry-After"])
        self.assertTrue(24 * 60 <= left <= 26 * 60, left)
        self.at(61)
        self.assertEqual(self.log_in().status_code, 302)  # the later lot alone: under the limit
