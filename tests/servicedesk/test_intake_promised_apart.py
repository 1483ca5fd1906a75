"""What was promised is recorded as the promise when typed apart from the answer (walk72, 6: the
promises page listed the answer "可以，关注国网云南电力公众号缴费" as what was promised).
Without it the answer is not taken for it (fix73): the clerk, the caller still on the line, is
asked for it at its field, and nothing is saved until it is said; what was promised without a
time asks for the time."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.servicedesk.models import Call, Promise
from tests.base import BaseTestCase, post_intake

ANSWER = "可以，关注国网云南电力公众号缴费"
PROMISED = "明天10点前回电确认缴费已到账"


class PromisedApartTests(BaseTestCase):
    def take(self, *, saved: bool = True, **extra: str) -> str:
        self.login(self.clerk)
        due = timezone.localtime(timezone.now() + dt.timedelta(hours=15))
        response = post_intake(
            self.client,
            {
                "caller_number": "13812345678",
                "text": "电费怎么交",
                "category": "billing",
                "answer": ANSWER,
                "promise_due": due.strftime("%Y-%m-%dT%H:%M"),
                **extra,
            },
        )
        self.assertEqual(response.status_code, 302 if saved else 200)
        self.assertEqual(Call.objects.count(), 1 if saved else 0)
        return response.content.decode()

    def test_what_was_promised_is_the_promise_and_the_answer_stays_the_call_s(self) -> None:
        self.take(promised=PROMISED)
        self.assertEqual(Promise.objects.get().text, PROMISED)
        page = self.client.get(reverse("servicedesk:promises")).content.decode()
        self.assertIn(PROMISED, page)
        self.assertNotIn(ANSWER, page)

    def test_without_it_the_answer_is_not_taken_for_it_the_field_asks(self) -> None:
        page = self.take(saved=False)
        self.assertFalse(Promise.objects.exists())
        errors = page.split('data-testid="promised-errors">', 1)[1].split("</span>", 1)[0]
        self.assertTrue(errors.strip())
        # The field takes the focus, named by its error; what was typed is kept.
        field = page.split('name="promised"', 1)[1].split(">", 1)[0]
        self.assertIn("autofocus", field)
        self.assertIn('aria-describedby="promised-errors"', field)
        self.assertIn(ANSWER, page)
        # Said, it is the promise.
        self.take(promised=PROMISED)
        self.assertEqual(Promise.objects.get().text, PROMISED)

    def test_what_was_promised_without_a_time_asks_for_the_time(self) -> None:
        page = self.take(saved=False, promised=PROMISED, promise_due="")
        self.assertIn('data-testid="promise-due-errors"', page)
        self.assertIn(PROMISED, page)
        self.assertFalse(Promise.objects.exists())

    def test_the_intake_page_offers_the_field(self) -> None:
        self.login(self.clerk)
        page = self.client.get(reverse("servicedesk:intake")).content.decode()
        self.assertIn('name="promised"', page)
