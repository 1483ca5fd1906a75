"""Making and settling a promise says so, naming whom it was made to (walkthrough 33, finding 3:
the page came back silently, where "record why" said "The reason is recorded.")."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse

from powerdesk.servicedesk.models import Promise
from tests.base import BaseTestCase
from tests.servicedesk.promise_cast import promised, promised_order

START = dt.datetime(2026, 6, 20, 14, 0, tzinfo=dt.UTC)


class PromiseMessagesTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.order = promised_order(self, "business")
        self.login(self.clerk)
        self.client.cookies["django_language"] = "en"
        self.action = reverse("servicedesk:promise_action")

    def promise(self, due: dt.datetime) -> Promise:
        return promised(self, due_at=due, text="明天上门办理过户", order=self.order)

    def messages_of(self, response) -> list[str]:  # type: ignore[no-untyped-def]
        return [str(m) for m in response.context["messages"]]

    def test_making_a_promise_on_an_order_s_page_says_so(self) -> None:
        with time_machine.travel(START, tick=False):
            response = self.client.post(
                self.action,
                {
                    "action": "make",
                    "order": self.order.pk,
                    "text": "明天10点前上门",
                    "due_at": "2026-06-21 10:00",
                },
                follow=True,
            )
        said = self.messages_of(response)
        self.assertEqual(len(said), 1, said)
        self.assertIn("Promise recorded", said[0])
        self.assertIn(self.customer.name, said[0])
        self.assertIn(self.order.number, said[0])

    def test_settling_says_kept_or_not_kept_and_whose(self) -> None:
        with time_machine.travel(START, tick=False):
            kept = self.promise(START + dt.timedelta(hours=2))
            response = self.client.post(self.action, {"promise": kept.pk, "kept": "1"}, follow=True)
        said = self.messages_of(response)
        self.assertEqual(len(said), 1, said)
        self.assertIn("Recorded as kept", said[0])
        self.assertIn(self.customer.name, said[0])
        with time_machine.travel(START, tick=False):
            late = self.promise(START + dt.timedelta(minutes=30))
        with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
            response = self.client.post(
                self.action,
                {"promise": late.pk, "kept": "0", "reason": "材料未备齐"},
                follow=True,
            )
        said = self.messages_of(response)
        self.assertEqual(len(said), 1, said)
        self.assertIn("Recorded as not kept", said[0])
        self.assertIn(self.order.number, said[0])

    def test_a_refusal_says_no_success(self) -> None:
        with time_machine.travel(START, tick=False):
            late = self.promise(START + dt.timedelta(minutes=30))
        with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
            response = self.client.post(
                self.action, {"promise": late.pk, "kept": "0", "reason": ""}, follow=True
            )
        self.assertEqual(self.messages_of(response), [])
