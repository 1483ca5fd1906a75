"""Walk64 M2: a household's callback after an outage has the outcomes and score of a work order's
callback (the same rules). Reached with a score ends it and counts in the station's satisfaction;
"power still off or danger still there" opens the household's fault order; not reached and retry
later keep it due, each try counted and shown; after the tries the chief alone may give it up,
saying why, and only then may the outage be closed. An empty note is no longer a callback made.
Walk64 L: "retry later" says its own thing, not "not reached"."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from powerdesk.accounts.models import Role
from powerdesk.accounts.permissions import NotAllowed
from powerdesk.outages.callback_told import recorded_told
from powerdesk.outages.life import outage_close
from powerdesk.outages.models import OutageCallback
from powerdesk.outages.outage_callback_record import (
    GIVE_UP_AFTER,
    outage_callback_give_up,
    outage_callback_record,
)
from powerdesk.outages.services import OutageError
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.satisfaction import satisfaction_between
from tests.base import make_user
from tests.outages.callback_due import CallbackDueCase


class OutageCallbackOutcomeTests(CallbackDueCase):
    def record(self, outcome: str, **kw: object) -> OutageCallback:
        recorded = outage_callback_record(
            callback=self.callback,
            user=self.clerk,
            outcome=outcome,
            **kw,  # type: ignore[arg-type]
        )
        self.callback.refresh_from_db()
        return recorded.callback

    # -- the service --------------------------------------------------------------------------
    def test_not_reached_and_retry_later_keep_the_household_due_each_try_counted(self) -> None:
        self.record("not_reached", note="打了两次无人接听")
        self.assertEqual((self.callback.attempts, self.callback.outcome), (1, "not_reached"))
        self.assertIsNone(self.callback.done_at)
        self.assertTrue(self.listed())
        self.record("retry")
        self.assertEqual((self.callback.attempts, self.callback.outcome), (2, "retry"))
        self.assertIsNone(self.callback.done_at)
        self.assertTrue(self.listed())

    def test_the_work_order_rules_on_the_score(self) -> None:
        for outcome, kw in (
            ("", {}),
            ("reached", {}),  # reached: a score, or still off
            ("reached", {"satisfaction": 6}),
            ("not_reached", {"satisfaction": 5}),
            ("retry", {"still_off": True}),
        ):
            with self.subTest(outcome=outcome, **kw), self.assertRaises(OutageError):
                self.record(outcome, **kw)
        self.assertEqual(self.callback.attempts, 0)
        self.assertIsNone(self.callback.done_at)

    def test_reached_with_a_score_ends_it_and_counts_in_the_satisfaction(self) -> None:
        start = timezone.now() - dt.timedelta(hours=1)
        before = satisfaction_between(self.station_a, start, start + dt.timedelta(hours=2))
        self.record("reached", satisfaction=4)
        self.assertIsNotNone(self.callback.done_at)
        self.assertEqual((self.callback.satisfaction, self.callback.attempts), (4, 1))
        self.assertFalse(self.listed())
        after = satisfaction_between(self.station_a, start, start + dt.timedelta(hours=2))
        self.assertEqual(after.callbacks.count, before.callbacks.count + 1)
        self.assertEqual(after.callbacks.satisfied, before.callbacks.satisfied + 1)

    def test_a_score_of_1_or_2_goes_to_the_chief(self) -> None:
        from powerdesk.servicedesk.models import Notification

        self.record("reached", satisfaction=2, note="等了一整夜")
        notice = Notification.objects.get(recipient=self.chief, key__startswith="esc:unhappy")
        self.assertIn("普光荣", str(notice.__dict__))

    def test_power_still_off_opens_the_households_fault_order(self) -> None:
        self.assertFalse(WorkOrder.objects.filter(customer=self.customer).exists())
        self.record("reached", still_off=True, note="还是没电")
        order = WorkOrder.objects.get(customer=self.customer)
        self.assertEqual(order.category, "fault_repair")
        self.assertEqual(order.status, "received")
        self.assertIsNotNone(self.callback.done_at)
        self.assertTrue(self.callback.still_off)

    def test_a_second_record_of_a_household_reached_is_refused(self) -> None:
        self.record("reached", satisfaction=5)
        with self.assertRaises(OutageError):
            self.record("reached", satisfaction=5)
        self.assertEqual(self.callback.attempts, 1)

    def test_the_outage_is_closed_only_when_every_household_is_reached_or_given_up(self) -> None:
        self.record("not_reached")
        with self.assertRaises(OutageError):
            outage_close(outage=self.outage, user=self.chief)
        with self.assertRaises(OutageError):  # too early: one try
            outage_callback_give_up(callback=self.callback, user=self.chief, reason="号码停机")
        for n in range(GIVE_UP_AFTER - 1):  # more tries, not the first sent again
            self.record("not_reached", note=f"又打了第{n + 2}次")
        with self.assertRaises(NotAllowed):  # the chief's decision, not the clerk's
            outage_callback_give_up(callback=self.callback, user=self.clerk, reason="号码停机")
        with self.assertRaises(OutageError):  # with why
            outage_callback_give_up(callback=self.callback, user=self.chief, reason=" ")
        with self.assertRaises(OutageError):
            outage_close(outage=self.outage, user=self.chief)
        outage_callback_give_up(
            callback=self.callback, user=self.chief, reason="号码停机，村委会已上门"
        )
        self.callback.refresh_from_db()
        self.assertTrue(self.callback.given_up)
        self.assertEqual(self.callback.done_by, self.chief)
        outage_close(outage=self.outage, user=self.chief)

    def test_each_outcome_says_its_own_thing(self) -> None:
        with override("en"):
            busy = recorded_told(
                outage_callback_record(callback=self.callback, user=self.clerk, outcome="retry")
            )
            self.assertIn("asked to be called later (try 1)", busy)
            self.assertNotIn("not reached", busy)
            missed = recorded_told(
                outage_callback_record(
                    callback=self.callback, user=self.clerk, outcome="not_reached"
                )
            )
            self.assertIn("not reached (try 2)", missed)

    # -- the page -----------------------------------------------------------------------------
    def post(self, data: dict[str, str]):  # type: ignore[no-untyped-def]
        return self.client.post(
            reverse("outages:callback_done", args=[self.callback.pk]), data, follow=True
        )

    def test_the_page_records_not_reached_and_shows_the_tries(self) -> None:
        self.login(self.clerk)
        page = self.client.get(reverse("servicedesk:callbacks")).content.decode()
        self.assertIn('name="outcome"', page)
        self.assertIn('name="satisfaction"', page)
        response = self.post({"outcome": "not_reached", "note": ""})
        self.assertEqual(response.status_code, 200)
        self.callback.refresh_from_db()
        self.assertEqual((self.callback.attempts, self.callback.done_at), (1, None))
        html = response.content.decode()
        self.assertIn(f'data-testid="outage-callback-tries-{self.callback.pk}">1 ', html)
        # The clerk is not offered to give it up; nor the chief before the tries.
        self.assertNotIn(f"outage-callback-give-up-{self.callback.pk}", html)

    def test_the_page_refuses_an_empty_callback_at_its_row(self) -> None:
        self.login(self.clerk)
        response = self.post({"note": ""})  # what 已回访 sent: no outcome
        self.callback.refresh_from_db()
        self.assertIsNone(self.callback.done_at)
        self.assertEqual(self.callback.attempts, 0)
        self.assertIn(f"callback-note-errors-{self.callback.pk}", response.content.decode())
        response = self.post({"outcome": "reached", "note": "好的"})  # reached, no score
        self.callback.refresh_from_db()
        self.assertIsNone(self.callback.done_at)
        html = response.content.decode()
        self.assertIn(f"callback-note-errors-{self.callback.pk}", html)
        self.assertIn('value="好的"', html)

    def test_a_double_submit_records_one_try(self) -> None:
        self.login(self.clerk)
        self.post({"outcome": "reached", "satisfaction": "5"})
        self.post({"outcome": "reached", "satisfaction": "5"})
        self.callback.refresh_from_db()
        self.assertEqual((self.callback.attempts, self.callback.satisfaction), (1, 5))

    def test_the_chief_gives_it_up_from_the_page_after_the_tries(self) -> None:
        OutageCallback.objects.filter(pk=self.callback.pk).update(
            attempts=GIVE_UP_AFTER, outcome="not_reached", tried_at=timezone.now()
        )
        self.login(self.chief)
        page = self.client.get(reverse("servicedesk:callbacks")).content.decode()
        self.assertIn(f"outage-callback-give-up-{self.callback.pk}", page)
        self.post({"action": "give_up", "note": "家属已接走老人"})
        self.callback.refresh_from_db()
        self.assertTrue(self.callback.given_up)
        self.assertEqual(self.callback.given_up_why, "家属已接走老人")

    def test_a_wrong_role_records_nothing(self) -> None:
        crew = make_user("crew9", self.station_a, Role.CREW)
        self.login(crew)
        response = self.client.post(
            reverse("outages:callback_done", args=[self.callback.pk]),
            {"outcome": "reached", "satisfaction": "5"},
        )
        self.assertEqual(response.status_code, 403)
        OutageCallback.objects.filter(pk=self.callback.pk).update(attempts=GIVE_UP_AFTER)
        self.login(self.clerk)  # the office records; giving up is the chief's
        self.post({"action": "give_up", "note": "号码停机"})
        self.callback.refresh_from_db()
        self.assertEqual((self.callback.done_at, self.callback.attempts), (None, GIVE_UP_AFTER))
