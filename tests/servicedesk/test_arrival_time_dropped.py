"""review50 #10: a crew card drawn before its order became "danger-only" (a hazard with no
outage with the power off joined to it: ``workflow.danger_only``) still shows the time power is
expected back. Its arrival sent with a time was refused whole, and the arrival lost until pressed
again. The arrival is what the crew did: it is stored, the time dropped, and a warning says so
(the phone's page, the offline queue's answer). The cause found with a time is still refused at
the top of the card, what was typed kept there (``test_danger_only_refused``)."""

from __future__ import annotations

from dataclasses import FrozenInstanceError

from django.urls import reverse

from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import WorkOrderStatus
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, synced
from tests.servicedesk.test_danger_only_refused import back_in, sent_order

# The page below is drawn in English; the offline queue answers in the station's language.
DROPPED_PAGE = "The arrival is recorded, not the time power is expected back"


class ArrivalTimeDroppedTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.order = sent_order(self, "hazard", "on_the_way")

    def assert_arrived_without_a_time(self) -> None:
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, WorkOrderStatus.ON_SITE)
        self.assertIsNotNone(self.order.arrived_at)
        self.assertFalse(self.order.events.filter(note_code="expected_back").exists())
        self.assertTrue(
            self.order.events.filter(kind="status", to_status=WorkOrderStatus.ON_SITE).exists()
        )

    def test_the_service_keeps_the_arrival_and_drops_the_time(self) -> None:
        saved = crew_step_take(
            work_order=self.order,
            step="on_site",
            user=self.member,
            fields={"expected_back": back_in()},
        )
        self.assert_arrived_without_a_time()
        self.assertEqual(len(saved.warnings), 1)
        # The words and the warning apart, neither said in the other, and kept as they are.
        self.assertEqual(len(saved.lines), 1)
        self.assertNotIn(saved.warnings[0], saved.lines)
        with self.assertRaises(FrozenInstanceError):
            saved.warnings = ()  # type: ignore[misc]

    def test_the_phone_page_says_the_arrival_and_warns_of_the_time(self) -> None:
        self.login(self.member)
        response = self.client.post(
            reverse("servicedesk:crew_step", args=[self.order.pk]),
            {"step": "on_site", "expected_back": back_in()},
            follow=True,
            headers={"accept-language": "en"},
        )
        page = response.content.decode()
        self.assertIn(f'<li class="success">{self.order.number}: Arrived at', page)
        self.assertIn(f'<li class="warning">{self.order.number}: {DROPPED_PAGE}', page)
        self.assert_arrived_without_a_time()

    def test_the_offline_queue_answers_ok_with_a_warning(self) -> None:
        answer = synced(self, self.order, "on_site", expected_back=back_in())
        self.assertEqual(answer["status"], "ok", answer)
        self.assertEqual(len(answer["warnings"]), 1)
        self.assertNotIn(answer["warnings"][0], answer["saved"])
        self.assert_arrived_without_a_time()

    def test_an_arrival_without_a_time_warns_of_nothing(self) -> None:
        answer = synced(self, self.order, "on_site")
        self.assertEqual((answer["status"], answer["warnings"]), ("ok", []))
        self.assert_arrived_without_a_time()

    def test_a_retried_arrival_warns_again(self) -> None:
        # A double tap, or the POST sent again after its first answer was lost.
        answers = []
        for _ in range(2):
            saved = crew_step_take(
                work_order=self.order,
                step="on_site",
                user=self.member,
                fields={"expected_back": back_in()},
            )
            self.assertEqual(len(saved.warnings), 1)
            answers.append(saved)
        self.assertEqual(answers[0], answers[1])  # the same words and the same warning
        self.assert_arrived_without_a_time()
