"""Who made a household's try on an outage's callback list is kept on the row (``tried_by``),
as a work order's callback keeps its ``by``: two clerks each trying the same household within
``SAME_TRY_WITHIN`` are two tries (fix71c's same-try guard read any clerk's last try as theirs
sent again, and counted one), one clerk's try sent again stays one; and the callbacks page, the
customer's page and the API say who called (tidy72, T1)."""

from __future__ import annotations

from typing import Any

from django.test import TransactionTestCase
from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Role
from powerdesk.accounts.tokens import token_create
from powerdesk.outages.models import OutageCallback
from powerdesk.outages.outage_callback_record import outage_callback_record
from tests.base import BaseTestCase, Cast, build_cast, make_user
from tests.racing import at_once
from tests.servicedesk.test_callback_sent_twice import restored_callback


def tried(callback: OutageCallback, user: Any, **fields: Any) -> OutageCallback:
    fields.setdefault("outcome", "not_reached")
    outage_callback_record(callback=callback, user=user, **fields)
    callback.refresh_from_db()
    return callback


class TriedByTests(BaseTestCase):
    def setUp(self) -> None:
        self.callback = restored_callback(self)
        self.other = make_user("counter2", self.station_a, Role.COUNTER, full_name="张丽华")

    def test_two_clerks_trying_within_the_minute_are_two_tries(self) -> None:
        tried(self.callback, self.clerk)
        callback = tried(self.callback, self.other)
        self.assertEqual((callback.attempts, callback.tried_by), (2, self.other))

    def test_one_clerks_try_sent_again_within_the_minute_is_one(self) -> None:
        tried(self.callback, self.clerk, outcome="retry", note="占线")
        callback = tried(self.callback, self.clerk, outcome="retry", note="占线")
        self.assertEqual((callback.attempts, callback.tried_by), (1, self.clerk))

    def test_the_callbacks_page_says_who_tried(self) -> None:
        tried(self.callback, self.other)
        self.login(self.clerk)
        page = self.client.get(reverse("servicedesk:callbacks"))
        self.assertContains(page, f'data-testid="outage-callback-tried-by-{self.callback.pk}"')
        self.assertContains(page, "张丽华")

    def test_the_customers_page_says_who_called_on_the_list(self) -> None:
        tried(self.callback, self.other)
        self.login(self.clerk)
        page = self.client.get(self.customer.get_absolute_url())
        self.assertContains(page, 'data-testid="customer-callback-by"', count=1)
        self.assertContains(page, "张丽华")

    def test_the_api_says_who_made_the_last_try(self) -> None:
        _, key = token_create(station_id=self.station_a.pk, name="county")
        url = f"/api/v1/outages/{self.callback.outage_id}/callbacks"
        tried(self.callback, self.other)
        (row,) = self.client.get(url, HTTP_AUTHORIZATION=f"Token {key}").json()
        self.assertEqual((row["attempts"], row["tried_by"]), (1, "张丽华"))
        # A household reached before who tried was kept: who reached it.
        OutageCallback.objects.filter(pk=self.callback.pk).update(
            tried_by=None, outcome="reached", satisfaction=5, done_at=timezone.now(),
            done_by=self.chief,
        )  # fmt: skip
        (row,) = self.client.get(url, HTTP_AUTHORIZATION=f"Token {key}").json()
        self.assertEqual((row["state"], row["tried_by"]), ("reached", "杨所长"))


class TwoClerksAtOnceTests(Cast, TransactionTestCase):
    """Two clerks each pressing "not reached" for the same household at the same moment, each
    in its own thread and connection: both calls were made, both counted."""

    def setUp(self) -> None:
        build_cast(self)

    def test_two_clerks_at_once_are_two_tries(self) -> None:
        callback = restored_callback(self)
        users = [self.clerk, make_user("counter2", self.station_a, Role.COUNTER)]
        answers = at_once(
            lambda i: outage_callback_record(
                callback=callback, user=users[i], outcome="not_reached"
            ),
            2,
        )
        self.assertFalse([a for a in answers if isinstance(a, Exception)], answers)
        callback.refresh_from_db()
        self.assertEqual(callback.attempts, 2)
        self.assertIn(callback.tried_by, users)
