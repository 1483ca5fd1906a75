"""Answering suggestions and praise from a filtered list (walk71, L2): the answer takes the clerk
back to the same list (still to answer, a kind, its page), says it was recorded, and the page
says how many the list holds when it shows a page of them (100 of 323 were listed without a
word), with the pages to go through, keeping the filter."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.servicedesk.models import Feedback
from tests.base import BaseTestCase

EN = {"accept-language": "en"}


class FeedbackAnsweredBackTests(BaseTestCase):
    def setUp(self) -> None:
        now = timezone.now()
        Feedback.objects.bulk_create(
            Feedback(
                station=self.station_a,
                kind=Feedback.Kind.SUGGESTION,
                text=f"建议{i}",
                received_at=now - dt.timedelta(minutes=i),
            )
            for i in range(130)
        )
        Feedback.objects.create(
            station=self.station_a,
            kind=Feedback.Kind.PRAISE,
            text="谢谢师傅",
            received_at=now,
            state=Feedback.State.ANSWERED,
            answer="谢谢您",
        )
        self.login(self.chief)
        self.url = reverse("servicedesk:feedback")

    def test_an_answer_comes_back_to_the_list_still_to_answer_and_says_so(self) -> None:
        item = Feedback.objects.get(text="建议0")
        response = self.client.post(
            f"{self.url}?waiting=1", {"item": item.pk, "answer": "已安排"}, headers=EN
        )
        self.assertRedirects(response, f"{self.url}?waiting=1", fetch_redirect_response=False)
        page = self.client.get(response["Location"], headers=EN).content.decode()
        self.assertIn('<li class="success">Answer recorded.</li>', page)
        item.refresh_from_db()
        self.assertEqual(item.state, Feedback.State.ANSWERED)
        self.assertNotIn("谢谢师傅", page)  # still the list of those to answer

    def test_the_kind_and_the_page_are_kept_too(self) -> None:
        item = Feedback.objects.get(text="建议120")
        response = self.client.post(
            f"{self.url}?kind=suggestion&page=2", {"item": item.pk, "answer": "已安排"}
        )
        self.assertRedirects(
            response, f"{self.url}?kind=suggestion&page=2", fetch_redirect_response=False
        )

    def test_the_page_says_how_many_in_all_and_pages_on_with_its_filter(self) -> None:
        page = self.client.get(self.url, {"waiting": "1"}, headers=EN).content.decode()
        self.assertIn("page 1 of 2 · 130 in all", page)
        self.assertIn('href="?waiting=1&page=2"', page)
        self.assertIn("建议99", page)
        self.assertNotIn("建议100<", page)
        second = self.client.get(self.url, {"waiting": "1", "page": "2"}, headers=EN)
        html = second.content.decode()
        self.assertIn("建议129", html)
        self.assertNotIn("谢谢师傅", html)
        everything = self.client.get(self.url, headers=EN).content.decode()
        self.assertIn("131 in all", everything)
