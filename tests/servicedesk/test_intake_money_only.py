"""fix44b's leftover: under an outage with no call classifier loaded, "电费多少" (a question
about the bill) was chosen 故障报修 and, saved as the page left it, joined to the outage. A note
about money alone (the bill, the rates, paying), telling nothing of the power off, is no fault of
the outage: a billing call when it names the bill, never joined; a note about money that tells
the power is off still calls about the fault."""

from __future__ import annotations

import doctest

from django.test import SimpleTestCase

from powerdesk.outages.models import OutageLink
from powerdesk.servicedesk.models import Call
from powerdesk.servicedesk.understanding import money
from powerdesk.servicedesk.understanding.urgency import findings
from tests.base import post_intake
from tests.servicedesk.intake_page import NUMBER, UnderAnOutage
from tests.servicedesk.model_store import no_model_stored


class MoneyOnlyReadingTests(SimpleTestCase):
    def test_the_examples_in_the_docstring_hold(self) -> None:
        failures, tried = doctest.testmod(money)
        self.assertGreater(tried, 0)
        self.assertEqual(failures, 0)

    def test_a_danger_or_a_need_beside_the_bill_is_no_money_note(self) -> None:
        for note in ("电费多少，门口电线还在打火", "我妈用制氧机，停电了，电费也交了"):
            with self.subTest(note):
                self.assertFalse(findings(note).money_only)
        self.assertTrue(findings("电费多少").money_only)


class MoneyNoteUnderAnOutageTests(UnderAnOutage):
    def setUp(self) -> None:
        super().setUp()
        self.enterContext(no_model_stored())

    def test_a_question_about_the_bill_is_a_billing_call_not_joined(self) -> None:
        for note in ("电费多少", "这个月电费咋个这么多", "交电费在哪里交", "how much is my bill"):
            with self.subTest(note):
                shown = self.suggested(note)
                self.assertNotIn('data-rules-category="fault_repair"', shown)
                self.assertIn('data-rules-category="billing"', shown)
                self.assertNotIn(self.joined, self.caller(note))
        # Saved as the page leaves it (nothing chosen), or with the outage still chosen: a
        # billing call, its order not joined to the outage.
        for action in ("", f"outage:{self.outage.pk}"):
            with self.subTest(action=action):
                response = post_intake(
                    self.client, {"caller_number": NUMBER, "text": "电费多少", "action": action}
                )
                self.assertEqual(response.status_code, 302)
                call = Call.objects.latest("pk")
                self.assertEqual(call.category, "billing")
                self.assertFalse(OutageLink.objects.filter(work_orders__calls=call).exists())

    def test_money_said_with_the_power_off_still_calls_about_the_fault(self) -> None:
        for note in (
            "交了电费怎么还停电",
            "电费交了，啥时候来电",
            "屋里黑了，是不是欠费了",
            "no power, and I paid the bill",
        ):
            with self.subTest(note):
                self.assertIn('data-rules-category="fault_repair"', self.suggested(note))
                self.assertIn(self.joined, self.caller(note))
