"""Closing47 D6: a work order's callback and an outage's callback list had each their guard
against a try sent again (the same person, outcome and words within 60 s). One guard serves
both (``servicedesk.same_try.sent_again``), with the same behaviour on each: clerk A, clerk B,
A's press sent again are two tries; after the minute, or with other words, a third."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

from django.utils import timezone

from powerdesk.accounts.models import Role
from powerdesk.outages.outage_callback_record import outage_callback_record
from powerdesk.servicedesk import same_try
from powerdesk.servicedesk.callbacks import callback_record
from powerdesk.servicedesk.models import Callback
from tests.base import BaseTestCase, make_user
from tests.servicedesk.test_callback_sent_twice import resolved, restored_callback


class OneGuardTests(BaseTestCase):
    def setUp(self) -> None:
        self.other = make_user("dispatch", self.station_a, Role.DISPATCHER, full_name="王调度")

    def on_order(self) -> Any:
        order = resolved(self)

        def press(user: Any, words: str) -> None:
            callback_record(work_order=order, user=user, outcome="not_reached", comment=words)

        return press, lambda: Callback.objects.filter(work_order=order).count()

    def on_list(self) -> Any:
        callback = restored_callback(self)

        def press(user: Any, words: str) -> None:
            outage_callback_record(callback=callback, user=user, outcome="not_reached", note=words)

        return press, lambda: callback.tries.count()

    def test_a_b_and_as_press_sent_again_are_two_tries_on_both(self) -> None:
        for made in (self.on_order, self.on_list):
            with self.subTest(made.__name__):
                press, tries = made()
                press(self.clerk, "没人接")
                press(self.other, "没人接")
                press(self.clerk, "没人接")
                self.assertEqual(tries(), 2)

    def test_both_follow_the_one_guards_window(self) -> None:
        # With the shared window at nothing, a press sent again is a try of its own on both:
        # neither keeps a guard (or a window) of its own.
        for made in (self.on_order, self.on_list):
            with self.subTest(made.__name__):
                press, tries = made()
                with mock.patch.object(same_try, "SAME_TRY_WITHIN", dt.timedelta(0)):
                    press(self.clerk, "没人接")
                    press(self.clerk, "没人接")
                self.assertEqual(tries(), 2)

    def test_after_the_minute_it_is_another_try(self) -> None:
        for made in (self.on_order, self.on_list):
            with self.subTest(made.__name__):
                press, tries = made()
                press(self.clerk, "没人接")
                later = timezone.now() + same_try.SAME_TRY_WITHIN + dt.timedelta(seconds=1)
                with mock.patch("django.utils.timezone.now", return_value=later):
                    press(self.clerk, "没人接")
                self.assertEqual(tries(), 2)
