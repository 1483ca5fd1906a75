"""A villager's report sent again from the public page (Back, then Report: the page, without
script, holds a fresh token) is the same report when it is the same problem in the same words
read plainly (spaces and punctuation aside): nothing more is stored, and the answer page says it
was received already, and when. Another problem, or other words, is another report."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from powerdesk.public.services import Problem, Reported, public_report, report_receipt
from powerdesk.servicedesk.idempotency import form_token_new
from powerdesk.servicedesk.models import Call
from tests.base import BaseTestCase

WORDS = "我家电表箱门坏了，关不上"


class PublicReportAgainTests(BaseTestCase):
    def report(self, text: str = WORDS, problem: str = Problem.OTHER) -> Reported:
        return public_report(
            station=self.station_a,
            customer=self.customer,
            problem=problem,
            text=text,
            form_token=form_token_new(),  # each page fetched anew has its own
        )

    def test_the_same_words_typed_again_with_other_punctuation_are_one_report(self) -> None:
        first = self.report()
        again = self.report("我家电表箱门坏了， 关不上。")
        self.assertTrue(first.first)
        self.assertFalse(again.first)
        self.assertEqual(again.call, first.call)
        self.assertEqual(Call.objects.filter(customer=self.customer).count(), 1)

    def test_another_problem_or_other_words_are_another_report(self) -> None:
        self.report()
        self.assertTrue(self.report(problem=Problem.DANGER).first)
        self.assertTrue(self.report("我家电表箱门坏了，关不上，锁也掉了").first)
        self.assertEqual(Call.objects.filter(customer=self.customer).count(), 3)

    def answer(self, reported: Reported) -> str:
        receipt = report_receipt(customer=self.customer, reported=reported)
        url = reverse("public:report", kwargs={"code": self.station_a.code})
        response = self.client.get(url, {"receipt": receipt, "lang": "en"})
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_the_answer_page_says_it_was_received_already_and_when(self) -> None:
        first = self.report()
        self.assertNotIn('data-testid="report-again"', self.answer(first))
        page = self.answer(self.report())
        said = page.split('data-testid="report-again">', 1)[1].split("</p>", 1)[0]
        assert first.received_at is not None
        self.assertIn(timezone.localtime(first.received_at).strftime("%H:%M"), said)
