"""What was promised is recorded as the promise when typed apart from the answer (walk72, 6: the
promises page listed the answer "可以，关注国网云南电力公众号缴费" as what was promised);
without it the answer is the promise, as before."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.servicedesk.models import Call, Promise
from tests.base import BaseTestCase, post_intake

ANSWER = "可以，关注国网云南电力公众号缴费"
PROMISED = "明天10点前回电确认缴费已到账"


class PromisedApartTests(BaseTestCase):
    def take(self, **extra: str) -> None:
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
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Call.objects.count(), 1)

    def test_what_was_promised_is_the_promise_and_the_answer_stays_the_call_s(self) -> None:
        self.take(promised=PROMISED)
        self.assertEqual(Promise.objects.get().text, PROMISED)
        page = self.client.get(reverse("servicedesk:promises")).content.decode()
        self.assertIn(PROMISED, page)
        self.assertNotIn(ANSWER, page)

    def test_without_it_the_answer_is_the_promise(self) -> None:
        self.take()
        self.assertEqual(Promise.objects.get().text, ANSWER)

    def test_the_intake_page_offers_the_field(self) -> None:
        self.login(self.clerk)
        page = self.client.get(reverse("servicedesk:intake")).content.decode()
        self.assertIn('name="promised"', page)
