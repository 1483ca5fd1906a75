"""Why an unhappy callback reopened the order ("still not fixed", "score 2") is kept as what it
says and read in the reader's language: on the order's history and in the chief's notice
(walkthrough: stored as Chinese text). Lines and notices stored before read the same way; the
customer's own words are shown as they said them."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.notifications.inapp import inapp_texts
from powerdesk.notifications.texts import render_text
from powerdesk.servicedesk.callbacks import callback_record
from powerdesk.servicedesk.models import Notification, WorkOrder, WorkOrderEvent
from tests.base import BaseTestCase
from tests.servicedesk.callback_cast import resolved_complaint

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


class CallbackReasonLanguageTests(BaseTestCase):
    def resolved(self) -> WorkOrder:
        return resolved_complaint(self)

    def history(self, order: WorkOrder, **headers: str) -> str:
        self.login(self.chief)
        with translation.override("en" if headers else "zh-hans"):
            page = self.client.get(
                reverse("servicedesk:work_order", args=[order.pk]), **headers
            ).content.decode()
        body = page[page.rindex("<tbody>") : page.rindex("</tbody>")]
        return " | ".join(re.sub(r"<[^>]+>", "", row) for row in body.split("</tr>"))

    def notice_text(self, order: WorkOrder) -> str:
        notice = Notification.objects.get(recipient=self.chief, work_order=order, kind="unhappy")
        with translation.override("en"):
            return inapp_texts([notice])[0]

    def test_still_not_fixed_reads_in_english_and_is_stored_in_chinese(self) -> None:
        order = self.resolved()
        callback_record(work_order=order, user=self.clerk, outcome="reached", still_not_fixed=True)
        reopened = order.events.get(kind=WorkOrderEvent.Kind.REOPENED)
        self.assertEqual(reopened.note_code, "callback_reopened")
        self.assertEqual(reopened.note, "回访：仍未解决")
        escalated = order.events.get(kind=WorkOrderEvent.Kind.ESCALATED)
        self.assertEqual(
            (escalated.note_code, escalated.note), ("callback_still_not_fixed", "仍未解决")
        )
        english = self.history(order, **ENGLISH)
        self.assertIn("Callback: still not fixed", english)
        self.assertNotIn("仍未解决", english)
        self.assertIn("回访：仍未解决", self.history(order))
        # "still not fixed" is what came of it: said once (review46, 6); a complaint goes back
        # to the desk, no crew is sent to one (review50, 3).
        self.assertEqual(
            self.notice_text(order),
            f"{order.number} · reopened: still not solved, the desk takes it up again",
        )

    def test_a_low_score_reads_in_english(self) -> None:
        order = self.resolved()
        callback_record(work_order=order, user=self.clerk, outcome="reached", satisfaction=2)
        escalated = order.events.get(kind=WorkOrderEvent.Kind.ESCALATED)
        self.assertEqual(
            escalated.note_args, {"reason": {"code": "callback_score", "args": {"n": 2}}}
        )
        english = self.history(order, **ENGLISH)
        self.assertIn("Callback: score 2. The problem is solved, so the order stays done", english)
        self.assertNotIn("评分", english)
        self.assertEqual(
            self.notice_text(order), f"{order.number} · solved but unhappy, for review · score 2"
        )

    def test_the_customer_s_own_words_are_shown_as_said(self) -> None:
        order = self.resolved()
        callback_record(
            work_order=order,
            user=self.clerk,
            outcome="reached",
            satisfaction=1,
            comment="还是没人来看",
        )
        self.assertIn("Callback: 还是没人来看", self.history(order, **ENGLISH))
        self.assertEqual(
            self.notice_text(order),
            f"{order.number} · solved but unhappy, for review · 还是没人来看",
        )

    def test_lines_stored_before_the_codes_read_in_english(self) -> None:
        order = self.resolved()
        for kind, note in (
            (WorkOrderEvent.Kind.REOPENED, "回访：仍未解决"),
            (WorkOrderEvent.Kind.ESCALATED, "仍未解决"),
            (WorkOrderEvent.Kind.REOPENED, "回访：评分 2"),
            (WorkOrderEvent.Kind.ESCALATED, "评分 2"),
        ):
            WorkOrderEvent.objects.create(work_order=order, at=timezone.now(), kind=kind, note=note)
        english = self.history(order, **ENGLISH)
        self.assertIn("Callback: still not fixed", english)
        self.assertIn("Callback: score 2", english)
        self.assertNotIn("仍未解决", english)
        self.assertNotIn("评分", english)

    def test_a_notice_told_before_the_codes_reads_in_english(self) -> None:
        facts = {"what": "unhappy", "about": "2026-00012 · 评分 1", "inapp": {"kind": "unhappy"}}
        with translation.override("en"):
            said = render_text("escalation", facts, sms=False, in_app=True)
        self.assertEqual(said, "2026-00012 · score 1")
