"""A suggestion or praise answered already (probe72 M4): another clerk's answer, a second tab's,
a stale page's is refused (409), the first answer and who wrote it kept and said; the person who
answered may correct it, the earlier answer kept in its history (who, when, what) and shown.
Two answers at once on SQLite and on PostgreSQL: one after the other, none lost."""

from __future__ import annotations

from django.test import TransactionTestCase
from django.urls import reverse
from django.utils import timezone

from powerdesk.servicedesk.models import Feedback
from tests.base import BaseTestCase, Cast, build_cast
from tests.racing import sent_at_once


def suggestion(station: object) -> Feedback:
    return Feedback.objects.create(
        station=station,
        kind=Feedback.Kind.SUGGESTION,
        text="希望停电早点通知",
        received_at=timezone.now(),
    )


class AnsweredOnceTests(BaseTestCase):
    def setUp(self) -> None:
        self.item = suggestion(self.station_a)
        self.url = reverse("servicedesk:feedback")

    def answer(self, text: str) -> int:
        return int(self.client.post(self.url, {"item": self.item.pk, "answer": text}).status_code)

    def test_another_person_s_answer_is_refused_and_the_first_kept_and_named(self) -> None:
        self.login(self.chief)
        self.assertEqual(self.answer("已转调度，停电前一天短信通知"), 302)
        self.login(self.clerk)
        response = self.client.post(self.url, {"item": self.item.pk, "answer": "已记录"})
        self.assertEqual(response.status_code, 409)
        said = " ".join(str(m) for m in response.context["messages"])
        self.assertIn("杨所长", said)  # who answered, said
        self.item.refresh_from_db()
        self.assertEqual(self.item.answer, "已转调度，停电前一天短信通知")
        self.assertEqual(self.item.answered_by, self.chief)
        self.assertEqual(self.item.answer_history, [])
        self.assertIn("杨所长", response.content.decode())  # the page says who answered

    def test_the_same_person_s_correction_keeps_the_earlier_answer_in_the_history(self) -> None:
        self.login(self.chief)
        self.answer("已转调度")
        first_at = Feedback.objects.get().answered_at
        self.assertEqual(self.answer("已转调度，停电前一天短信通知"), 302)
        self.assertEqual(self.answer("已转调度，停电前一天短信通知"), 302)  # sent again: nothing
        self.item.refresh_from_db()
        self.assertEqual(self.item.answer, "已转调度，停电前一天短信通知")
        self.assertEqual(len(self.item.answer_history), 1)
        earlier = self.item.answer_history[0]
        self.assertEqual((earlier["answer"], earlier["by_id"]), ("已转调度", self.chief.pk))
        self.assertEqual(earlier["at"], first_at.isoformat())
        page = self.client.get(self.url).content.decode()
        self.assertIn('data-testid="answered-before"', page)
        self.assertIn("已转调度<", page.replace("</s>", "<"))


class AnsweredAtOnceTests(Cast, TransactionTestCase):
    def setUp(self) -> None:
        build_cast(self)
        self.item = suggestion(self.station_a)

    def test_two_tabs_answering_at_once_lose_neither_answer(self) -> None:
        url = reverse("servicedesk:feedback")
        texts = iter(["第一个答复", "第二个答复"])  # one text for each tab
        answers = sent_at_once(
            self.chief, lambda c: c.post(url, {"item": self.item.pk, "answer": next(texts)}), 2
        )
        self.assertEqual([a.status_code for a in answers], [302, 302])
        self.item.refresh_from_db()
        written = {self.item.answer, *(e["answer"] for e in self.item.answer_history)}
        self.assertEqual(written, {"第一个答复", "第二个答复"})
