"""A call from a household with an open arrears case whose note names a need goes on the case
and blocks it (walk73, H1 b): recorded as the household's words (the clerk, the time, the call),
said to the clerk at intake; another household's call leaves the case alone; a case already cut
is not reopened, the clerk is told to tell the chief; an urgent question gets a work order."""

from __future__ import annotations

import time_machine
from django.urls import reverse

from powerdesk.arrears.blocks import BY_WORDS, block_of
from powerdesk.arrears.models import ArrearsCase
from powerdesk.arrears.services import (
    ArrearsError,
    disconnection_approve,
    disconnection_carry_out,
)
from powerdesk.customers.models import CustomerPhone
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import Call
from tests.arrears.api_cast import AFTER_NOTICE
from tests.arrears.cast import START
from tests.arrears.lift_cast import LATER, RANG_VENTILATOR, LiftCast
from tests.base import post_intake

NUMBER = "188 7637 6743"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


class CallWordsTests(LiftCast):
    def setUp(self) -> None:
        super().setUp()
        CustomerPhone.objects.create(customer=self.household, number="+8618876376743")

    def intake(self, text: str = RANG_VENTILATOR, number: str = NUMBER) -> object:
        self.login(self.clerk)
        with time_machine.travel(LATER, tick=True):
            return post_intake(
                self.client,
                {"caller_number": number, "text": text, "category": "billing"},
                follow=True,
                **EN,
            )

    def test_a_call_naming_a_ventilator_blocks_the_households_case(self) -> None:
        case = self.lifted()
        self.assertEqual(block_of(case), "")
        page = self.intake()
        call = Call.objects.get(text=RANG_VENTILATOR)
        case.refresh_from_db()
        self.assertEqual(block_of(case), BY_WORDS)
        self.assertEqual(case.check_result, ArrearsCase.Check.BLOCK)
        line = case.events.get(note_code="arrears_call_said")
        self.assertEqual((line.by, line.note_args["call"]), (self.clerk, call.pk))
        self.assertEqual(line.note_args["words"], RANG_VENTILATOR)
        # The clerk is told, in the messages of the page they are sent back to.
        told = [str(m) for m in page.context["messages"]]  # type: ignore[attr-defined]
        self.assertTrue(any("disconnection is held" in m for m in told), told)
        # The case's page links the call; the list and the chief's home flag the household.
        shown = self.client.get(case.get_absolute_url())
        self.assertContains(shown, reverse("servicedesk:call", args=[call.pk]))
        self.assertContains(shown, 'data-block="words"')
        self.assertContains(self.client.get(reverse("arrears:cases")), 'data-testid="case-blocked"')
        self.login(self.chief)
        self.assertContains(self.client.get("/home/"), case.get_absolute_url())
        with self.assertRaises(ArrearsError):
            disconnection_approve(case=case, user=self.chief, reason="拖欠太久")

    def test_a_call_from_another_household_leaves_the_case_alone(self) -> None:
        case = self.lifted()
        self.intake(number="138 1234 5678")  # the cast's other customer
        self.assertEqual(block_of(ArrearsCase.objects.get(pk=case.pk)), "")
        self.assertFalse(case.events.filter(note_code="arrears_call_said").exists())
        # The household's own number, the same words: its case.
        self.intake(text=RANG_VENTILATOR + "。")
        self.assertEqual(block_of(ArrearsCase.objects.get(pk=case.pk)), BY_WORDS)

    def test_a_call_naming_no_need_records_nothing(self) -> None:
        case = self.lifted()
        self.intake(text="这个月电费怎么这么多，帮我查一下")
        self.assertFalse(case.events.filter(note_code="arrears_call_said").exists())
        self.intake()
        self.assertEqual(case.events.filter(note_code="arrears_call_said").count(), 1)

    def test_a_call_through_the_api_or_telephone_goes_on_the_case_too(self) -> None:
        case = self.lifted()
        with time_machine.travel(LATER, tick=False):
            call_take(station=self.station_a, user=None, caller_number=NUMBER, text=RANG_VENTILATOR)
        self.assertEqual(block_of(ArrearsCase.objects.get(pk=case.pk)), BY_WORDS)

    def test_a_cut_case_is_not_reopened_and_the_clerk_is_told_the_chief_was_told(self) -> None:
        with time_machine.travel(START, tick=False):
            case = self.approved()
        with time_machine.travel(AFTER_NOTICE, tick=False):
            disconnection_carry_out(case=case, user=self.chief)
        page = self.intake()
        case.refresh_from_db()
        self.assertEqual(case.stage, ArrearsCase.Stage.DISCONNECTED)
        self.assertTrue(case.events.filter(note_code="arrears_call_said").exists())
        told = [str(m) for m in page.context["messages"]]  # type: ignore[attr-defined]
        # The chiefs were told at once (``cut_need``): not "tell the chief" (walk76, L3).
        self.assertTrue(any("chief was told at once" in m for m in told), told)
        self.assertFalse(any("Tell the station chief now" in m for m in told), told)
        self.login(self.chief)
        self.assertContains(self.client.get("/home/"), case.get_absolute_url())

    def test_an_urgent_question_without_an_arrears_case_gets_a_work_order(self) -> None:
        self.intake()  # no case for this household
        call = Call.objects.get(text=RANG_VENTILATOR)
        self.assertTrue(call.urgent)
        self.assertIsNotNone(call.work_order_id)
