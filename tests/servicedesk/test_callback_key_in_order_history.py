"""A work order's callback made with an API key names the key as who in the order's history,
as an outage's callback names it (desk76 left it "—": the line's ``by`` is empty): the try's
line, and the lines of a callback that reopens the order (reopened, escalated)."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.accounts.tokens import token_create
from powerdesk.servicedesk.callbacks import callback_record
from tests.base import BaseTestCase
from tests.servicedesk.test_callback_sent_twice import resolved

KEY_NAME = "县公司看板"
WHO = f'<td class="who">API key: {KEY_NAME}</td>'


class CallbackKeyInHistoryTests(BaseTestCase):
    def setUp(self) -> None:
        self.order = resolved(self)
        self.token, key = token_create(station_id=self.station_a.pk, name=KEY_NAME)
        self.auth = {"HTTP_AUTHORIZATION": f"Token {key}"}

    def history(self) -> str:
        self.login(self.clerk)
        page = self.client.get(
            reverse("servicedesk:work_order", args=[self.order.pk]), HTTP_ACCEPT_LANGUAGE="en"
        )
        return page.content.decode()

    def test_a_key_s_try_names_the_key_as_who(self) -> None:
        answer = self.client.post(
            f"/api/v1/work-orders/{self.order.pk}/callbacks",
            {"outcome": "not_reached", "comment": "没人接"},
            content_type="application/json",
            **self.auth,
        )
        self.assertEqual(answer.status_code, 201, answer.content)
        self.assertEqual(self.history().count(WHO), 1)

    def test_a_key_s_callback_that_reopens_names_the_key_on_each_line(self) -> None:
        callback_record(
            work_order=self.order, user=None, outcome="reached", still_not_fixed=True,
            comment="还是没电", key=self.token,
        )  # fmt: skip
        events = self.order.events.filter(by=None, note_args__by_key=KEY_NAME)
        self.assertEqual(set(events.values_list("kind", flat=True)), {"reopened", "escalated"})
        self.assertEqual(self.history().count(WHO), 2)

    def test_a_person_s_callback_is_theirs(self) -> None:
        callback_record(work_order=self.order, user=self.clerk, outcome="retry", comment="关机")
        page = self.history()
        self.assertNotIn("API key", page.split('id="history"', 1)[-1])
