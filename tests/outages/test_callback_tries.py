"""Every try at calling a household of an outage's callback list is kept (``OutageCallbackTry``:
who, when, what came of it, the note), not only the last: the dispatcher's "not reached" with
its note stays when the counter tries after (walk72b M1), shown on the callbacks page (the
count and the last, every try on expanding), the customer's page, the outage's history, the
API and the file; and the same person's try sent again is found among the tries, whoever
tried in between (tidy72's gap: A, B, A's page sent again counted three)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from powerdesk.accounts.models import Role
from powerdesk.accounts.tokens import token_create
from powerdesk.outages.models import OutageCallback, OutageCallbackTry, OutageEvent
from powerdesk.outages.outage_callback_record import outage_callback_record
from tests.base import BaseTestCase, make_user
from tests.servicedesk.test_callback_sent_twice import restored_callback


class CallbackTriesCase(BaseTestCase):
    def setUp(self) -> None:
        self.callback = restored_callback(self)
        self.dispatcher = make_user("dispatch", self.station_a, Role.DISPATCHER, full_name="王调度")

    def tried(self, user: Any, note: str, outcome: str = "not_reached") -> OutageCallback:
        outage_callback_record(callback=self.callback, user=user, outcome=outcome, note=note)
        self.callback.refresh_from_db()
        return self.callback

    def two_tries(self) -> None:
        self.tried(self.dispatcher, "调度打了没人接")
        self.tried(self.clerk, "柜台再打占线", outcome="retry")

    def kept(self) -> list[tuple[Any, ...]]:
        return list(
            OutageCallbackTry.objects.filter(callback=self.callback).values_list(
                "tried_by__username", "outcome", "note"
            )
        )


class TriesKeptTests(CallbackTriesCase):
    def test_each_try_is_kept_in_order_with_who_when_and_note(self) -> None:
        self.two_tries()
        self.assertEqual(
            self.kept(),
            [("dispatch", "not_reached", "调度打了没人接"), ("clerk", "retry", "柜台再打占线")],
        )
        first, last = OutageCallbackTry.objects.filter(callback=self.callback)
        self.assertLessEqual(first.tried_at, last.tried_at)
        # The callback's summary is its last try's, and the count.
        callback = self.callback
        self.assertEqual(
            (callback.attempts, callback.outcome, callback.note, callback.tried_by),
            (2, "retry", "柜台再打占线", self.clerk),
        )
        self.assertEqual(callback.tried_at, last.tried_at)

    def test_a_try_is_never_changed(self) -> None:
        self.tried(self.dispatcher, "调度打了没人接")
        one = OutageCallbackTry.objects.get(callback=self.callback)
        one.note = "改过"
        with self.assertRaises(ValueError):
            one.save()

    def test_each_try_is_a_line_of_the_outages_history(self) -> None:
        self.two_tries()
        lines = OutageEvent.objects.filter(outage=self.callback.outage, what="callback_tried")
        self.assertEqual(
            [(e.by, "普光荣" in e.note) for e in lines.order_by("at", "pk")],
            [(self.dispatcher, True), (self.clerk, True)],
        )
        self.assertIn("调度打了没人接", lines.order_by("at", "pk")[0].note)

    def test_a_role_that_may_not_record_keeps_no_try(self) -> None:
        crew = make_user("crew1", self.station_a, Role.CREW)
        with self.assertRaises(PermissionDenied):
            self.tried(crew, "x")
        self.assertEqual(self.kept(), [])


class SameTryTests(CallbackTriesCase):
    def test_a_b_and_as_try_sent_again_within_the_minute_are_two_tries(self) -> None:
        self.tried(self.dispatcher, "没人接")
        self.tried(self.clerk, "没人接")
        callback = self.tried(self.dispatcher, "没人接")
        self.assertEqual(callback.attempts, 2)
        self.assertEqual(
            [by for by, _, _ in self.kept()], ["dispatch", "clerk"], "A's press sent again"
        )

    def test_a_b_and_a_again_after_the_minute_or_other_words_are_three_tries(self) -> None:
        self.tried(self.dispatcher, "没人接")
        self.tried(self.clerk, "没人接")
        self.tried(self.dispatcher, "关机")  # other words: another call
        OutageCallbackTry.objects.filter(callback=self.callback).update(
            tried_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=61)
        )
        callback = self.tried(self.dispatcher, "关机")  # the same, a minute later
        self.assertEqual(callback.attempts, 4)
        self.assertEqual(
            [by for by, _, _ in self.kept()], ["dispatch", "clerk", "dispatch", "dispatch"]
        )


class ShownTests(CallbackTriesCase):
    def test_the_callbacks_page_shows_every_try_on_expanding(self) -> None:
        self.two_tries()
        self.login(self.clerk)
        page = self.client.get(reverse("servicedesk:callbacks"), HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, f'data-testid="outage-callback-every-try-{self.callback.pk}"')
        self.assertContains(page, 'data-testid="callback-try"', count=2)
        self.assertContains(page, 'data-by="dispatch"', count=1)
        self.assertContains(page, "调度打了没人接")
        self.assertContains(page, "王调度")

    def test_the_customers_page_shows_the_earlier_try(self) -> None:
        self.two_tries()
        self.login(self.clerk)
        page = self.client.get(self.customer.get_absolute_url())
        self.assertContains(page, f'data-testid="callback-tries-{self.callback.pk}"')
        self.assertContains(page, "调度打了没人接")
        self.assertContains(page, "王调度")

    def test_the_outage_page_shows_its_households_tries_to_the_office(self) -> None:
        self.two_tries()
        self.login(self.clerk)
        page = self.client.get(reverse("outages:list"))
        self.assertContains(page, f'data-testid="outage-callbacks-{self.callback.outage_id}"')
        self.assertContains(page, 'data-testid="callback-try"', count=2)
        self.assertContains(page, "调度打了没人接")
        # A crew member reads no callbacks (the callbacks page is not theirs).
        self.login(make_user("crew1", self.station_a, Role.CREW))
        page = self.client.get(reverse("outages:list"))
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, "调度打了没人接")

    def test_the_api_gives_each_callback_its_tries_in_utc(self) -> None:
        self.two_tries()
        _, key = token_create(station_id=self.station_a.pk, name="county")
        url = f"/api/v1/outages/{self.callback.outage_id}/callbacks"
        (row,) = self.client.get(url, HTTP_AUTHORIZATION=f"Token {key}").json()
        self.assertEqual(
            [(t["tried_by"], t["outcome"], t["note"]) for t in row["tries"]],
            [("王调度", "not_reached", "调度打了没人接"), ("李秀英", "retry", "柜台再打占线")],
        )
        self.assertEqual(
            set(row["tries"][0]),
            {
                "outcome",
                "satisfaction",
                "still_off",
                "note",
                "tried_by",
                "tried_by_key",
                "tried_at",
            },
        )
        self.assertTrue(all(t["tried_at"].endswith("Z") for t in row["tries"]), row["tries"])
        self.assertEqual(row["tries"][-1]["tried_at"], row["tried_at"])

    def test_the_file_keeps_one_line_a_household_with_every_try(self) -> None:
        self.two_tries()
        self.login(self.clerk)
        response = self.client.get(
            reverse("accounts:export", kwargs={"name": "outage_callbacks", "fmt": "csv"}),
            HTTP_ACCEPT_LANGUAGE="en",
        )
        body = b"".join(response.streaming_content).decode("utf-8")
        _, header, *rows = list(csv.reader(io.StringIO(body[1:])))  # the line saying which
        self.assertEqual(len(rows), 1)
        cell = rows[0][header.index("Every try")]
        self.assertLess(cell.index("王调度"), cell.index("李秀英"))
        self.assertIn("调度打了没人接", cell)
        self.assertIn("柜台再打占线", cell)
