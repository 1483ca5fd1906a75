"""A crew sent again to a work order says so where the office reads it, not only in the crew's
text (walk61 M2): the order's history line and the dispatcher's message, in the reader's
language. The crew already on the order sent again stores nothing and says so (walk61 L1): the
service, the order's page (a double click too) and the API."""

from __future__ import annotations

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from powerdesk.accounts.tokens import token_create
from powerdesk.servicedesk.models import WorkOrderEvent
from powerdesk.servicedesk.sent_again import AGAIN, ALREADY, SENT, SENT_AGAIN, sent_how
from tests.base import zh
from tests.servicedesk.crew_cast import A_PHONE, CrewOrderTestCase

SAID_AGAIN = "Sent again: %(name)s (the earlier withdrawal no longer holds)"


class OrderSentAgainHistoryTests(CrewOrderTestCase):
    def dispatch_lines(self) -> list[WorkOrderEvent]:
        return list(self.order.events.filter(kind=WorkOrderEvent.Kind.DISPATCHED).order_by("pk"))

    def test_sent_after_a_recall_the_history_line_says_sent_again_in_either_language(
        self,
    ) -> None:
        self.assertEqual(sent_how(self.send()), SENT)
        self.assertEqual(sent_how(self.send(self.recall())), AGAIN)
        first, again = self.dispatch_lines()
        self.assertEqual((first.note_code, first.note), ("", "抢修一班"))
        self.assertEqual(again.note_code, SENT_AGAIN)
        with translation.override("en"):
            self.assertEqual(
                again.shown_note,
                "Sent again: 抢修一班 (the earlier withdrawal no longer holds)",
            )
            self.assertEqual(first.shown_note, "抢修一班")
        with translation.override("zh-hans"):
            self.assertEqual(again.shown_note, zh(SAID_AGAIN) % {"name": "抢修一班"})
        # Still the crew's line, by its id: the phone and the conflicts read it so.
        self.assertEqual(again.note_args["crew"], self.crew.pk)

    def test_a_b_a_the_third_line_says_sent_again_the_second_does_not(self) -> None:
        self.send()
        self.send(crew=self.other_crew)
        self.send()
        codes = [e.note_code for e in self.dispatch_lines()]
        self.assertEqual(codes, ["", "", SENT_AGAIN])

    def test_the_crew_already_on_it_sent_again_stores_and_texts_nothing(self) -> None:
        self.send()
        events, texts = self.order.events.count(), self.texts(A_PHONE)
        self.assertEqual(sent_how(self.send()), ALREADY)
        self.assertEqual(self.order.events.count(), events)
        self.assertEqual(self.texts(A_PHONE), texts)

    def post_dispatch(self) -> list[str]:
        response = self.client.post(
            reverse("servicedesk:work_order_action", args=[self.order.pk]),
            {"action": "dispatch", "crew": str(self.crew.pk)},
        )
        self.assertEqual(response.status_code, 302)
        return [str(m) for m in get_messages(response.wsgi_request)][-1:]

    def test_the_page_says_sent_again_and_a_double_click_says_it_is_on_it_already(self) -> None:
        self.login(self.chief)
        words = {"crew": "抢修一班", "number": self.order.number}
        sent = zh("%(crew)s is sent to work order %(number)s.") % words
        self.assertEqual(self.post_dispatch(), [sent])
        already = zh("%(crew)s is already working work order %(number)s.") % words
        self.assertEqual(self.post_dispatch(), [already])
        self.recall()
        again = zh(
            "%(crew)s is sent again to work order %(number)s (the earlier withdrawal no "
            "longer holds)."
        )
        self.assertEqual(self.post_dispatch(), [again % words])
        self.assertEqual(len(self.dispatch_lines()), 2)

    def test_the_api_sent_the_crew_on_it_answers_the_order_and_stores_nothing(self) -> None:
        self.send()
        events = self.order.events.count()
        _token, key = token_create(station_id=self.station_a.pk, name="county")
        response = self.client.post(
            f"/api/v1/work-orders/{self.order.pk}/dispatch",
            {"crew": self.crew.name},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {key}",
        )
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(self.order.events.count(), events)
