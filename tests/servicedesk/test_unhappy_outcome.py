"""review46, 6: the chief's notice of an unhappy callback says what came of it. "Still not fixed"
reopened the order, with no crew on it (one is to be sent again); a score of 1-2 with the
problem solved leaves it done, for the chief to review. Both are said on the notice, on the
chief's notices list and in the home page's "Needs a decision", in either language."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from powerdesk.servicedesk.models import Notification, WorkOrderStatus
from tests.base import BaseTestCase
from tests.servicedesk.callback_cast import resolved_fault_order

REOPENED = "reopened: still not fixed, a crew to send again"
TO_REVIEW = "solved but unhappy, for review"
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def slot(page: str, name: str) -> str:
    """Every panel of the home page's slot ``name``."""
    parts = page.split(f'data-slot="{name}"')[1:]
    return "".join(part.split("</section>")[0] for part in parts)


class UnhappyOutcomeTests(BaseTestCase):
    def setUp(self) -> None:
        self.order = resolved_fault_order(self)
        self.assertEqual(self.order.status, WorkOrderStatus.RESOLVED)

    def act(self, **data: str) -> None:
        self.client.post(reverse("servicedesk:work_order_action", args=[self.order.pk]), data)
        self.order.refresh_from_db()

    def called_back(self, **data: str) -> None:
        """The clerk records the callback on the order's page, then the chief reads."""
        self.login(self.clerk)
        self.act(action="callback", outcome="reached", **data)
        self.login(self.chief)

    def seen_by_the_chief(self) -> tuple[str, str]:
        """The chief's notices list and home page's decisions (in English: each reader's)."""
        with translation.override("en"):
            notices = self.client.get(reverse("servicedesk:notices"), **ENGLISH).content.decode()
            home = self.client.get(reverse("web:home"), **ENGLISH).content.decode()
        return notices, slot(home, "decisions")

    def notice(self) -> Notification:
        return Notification.objects.get(recipient=self.chief, work_order=self.order, kind="unhappy")

    def outcome_stored(self) -> list[str]:
        """The codes of the notice's parts as kept (drawn in each reader's language)."""
        from powerdesk.notifications.models import Notice

        said = Notice.objects.get(key=self.notice().key).facts["about_said"]
        return [p["code"] for p in said["args"]["parts"] if isinstance(p, dict)]

    def test_still_not_fixed_says_reopened_and_a_crew_to_send(self) -> None:
        self.called_back(satisfaction="2", still_not_fixed="on", comment="灯还是一闪一闪")
        self.assertEqual((self.order.status, self.order.crew), (WorkOrderStatus.RECEIVED, None))
        self.assertEqual(self.outcome_stored(), ["unhappy_reopened"])
        self.assertIn("灯还是一闪一闪", self.notice().text)
        notices, decisions = self.seen_by_the_chief()
        line = f"{self.order.number} · {REOPENED} · 灯还是一闪一闪"
        self.assertIn(line, notices)
        self.assertNotIn(TO_REVIEW, notices)
        self.assertIn('data-testid="decisions-unhappy"', decisions)
        self.assertIn(line, decisions)
        self.assertIn(self.order.get_absolute_url(), decisions)

    def test_still_not_fixed_without_words_says_it_once(self) -> None:
        self.called_back(still_not_fixed="on")
        notices, decisions = self.seen_by_the_chief()
        self.assertIn(f"{self.order.number} · {REOPENED}<", notices.replace("</a>", "<"))
        self.assertEqual(decisions.count("still not fixed"), 1)

    def test_a_low_score_solved_says_it_stays_done_to_review(self) -> None:
        self.called_back(satisfaction="1", comment="修好了，但等了两天")
        self.assertEqual(self.order.status, WorkOrderStatus.CALLBACK_DONE)
        self.assertFalse(self.order.events.filter(kind="reopened").exists())
        self.assertEqual(self.outcome_stored(), ["unhappy_to_review"])
        notices, decisions = self.seen_by_the_chief()
        line = f"{self.order.number} · {TO_REVIEW} · 修好了，但等了两天"
        self.assertIn(line, notices)
        self.assertNotIn("reopened", notices)
        self.assertIn(line, decisions)

    def test_a_low_score_without_words_says_the_score(self) -> None:
        self.called_back(satisfaction="2")
        _notices, decisions = self.seen_by_the_chief()
        self.assertIn(f"{self.order.number} · {TO_REVIEW} · score 2", decisions)

    def test_a_notice_read_leaves_the_decisions(self) -> None:
        self.called_back(satisfaction="2")
        notice = self.notice()
        self.client.post(reverse("servicedesk:notice_read", args=[notice.pk]))
        notice.refresh_from_db()
        self.assertIsNotNone(notice.read_at)
        _notices, decisions = self.seen_by_the_chief()
        self.assertNotIn('data-testid="decisions-unhappy"', decisions)

    def test_a_happy_callback_tells_no_one(self) -> None:
        self.called_back(satisfaction="5")
        self.assertFalse(Notification.objects.filter(kind="unhappy").exists())
        _notices, decisions = self.seen_by_the_chief()
        self.assertNotIn('data-testid="decisions-unhappy"', decisions)


class ComplaintReopenedTests(BaseTestCase):
    """review50, 3: no crew is ever sent to a complaint, so its reopening is not told as one."""

    def test_a_complaint_still_not_solved_goes_back_to_the_desk_not_to_a_crew(self) -> None:
        from powerdesk.notifications.inapp import inapp_texts
        from powerdesk.servicedesk.callbacks import callback_record
        from tests.servicedesk.callback_cast import resolved_complaint

        order = resolved_complaint(self)
        callback_record(work_order=order, user=self.clerk, outcome="reached", still_not_fixed=True)
        order.refresh_from_db()
        self.assertEqual(order.status, WorkOrderStatus.RECEIVED)
        notices = list(Notification.objects.filter(kind="unhappy", work_order=order))
        self.assertTrue(notices)
        with translation.override("en"):
            said = " ".join(str(t) for t in inapp_texts(notices))
        self.assertIn("reopened: still not solved, the desk takes it up again", said)
        self.assertNotIn("crew", said)
        with translation.override("zh-hans"):
            said_zh = " ".join(str(t) for t in inapp_texts(notices))
        self.assertIn("客服重新受理", said_zh)
