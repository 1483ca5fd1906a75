"""A case not yet checked on which later words block a disconnection says so on its own page
(arrears74): the words said since it was opened (the page's words form, a household's call) block
at once, and the page says it with the words read, before the household check; the village
liaison's words, which the check will read, are said as what the check will block for. Nothing is
said of words that name no need, nor of a case checked (its own notice says it)."""

from __future__ import annotations

import time_machine

from powerdesk.arrears.blocks import BY_FLAG, BY_WORDS, block_of
from powerdesk.arrears.models import ArrearsCase
from powerdesk.arrears.services import household_record, liaison_contact, notice_record
from powerdesk.customers.models import CustomerPhone
from tests.arrears.cast import START, ArrearsCast
from tests.arrears.lift_cast import CLEAR, OXYGEN_LIAISON, PASSED_ON, RANG_VENTILATOR
from tests.base import post_intake


class UncheckedBlockShownTests(ArrearsCast):
    def page(self, case: ArrearsCase) -> str:
        self.login(self.clerk)
        response = self.client.get(case.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_words_typed_before_the_check_show_the_block(self) -> None:
        with time_machine.travel(START, tick=False):
            case = self.open_case()
            notice_record(case=case, user=self.clerk, method="door")
            self.assertNotIn('data-testid="unchecked-block"', self.page(case))
            self.login(self.clerk)
            self.client.post(
                case.get_absolute_url(), {"step": "words", "words": "老伴晚上要用呼吸机"}
            )
        case.refresh_from_db()
        self.assertEqual(case.check_result, "")
        self.assertEqual(block_of(case), BY_WORDS)
        page = self.page(case)
        shown = page.split('data-testid="unchecked-block"')[1].split("</p>")[0]
        self.assertIn("呼吸机", shown)
        # The check is still to be recorded: its form stays, below the notice.
        self.assertIn('name="step" value="liaison"', page)

    def test_a_call_s_note_before_the_check_shows_the_block(self) -> None:
        CustomerPhone.objects.create(customer=self.household, number="+8618876376743")
        with time_machine.travel(START, tick=True):
            case = self.open_case()
            self.login(self.clerk)
            post_intake(
                self.client,
                {"caller_number": "18876376743", "text": RANG_VENTILATOR, "category": "billing"},
            )
        case.refresh_from_db()
        self.assertEqual((case.check_result, case.blocked_by), ("", BY_WORDS))
        page = self.page(case)
        self.assertIn(f'data-block="{BY_WORDS}" data-testid="unchecked-block"', page)
        self.assertIn("呼吸机", page.split('data-testid="unchecked-block-words"')[1])

    def test_the_liaison_s_words_say_what_the_check_will_block(self) -> None:
        with time_machine.travel(START, tick=False):
            calm = self.open_case(self.customer)
            notice_record(case=calm, user=self.clerk, method="door")
            liaison_contact(case=calm, user=self.clerk, outcome=PASSED_ON)
        page = self.page(calm)  # words that name no need: nothing said
        self.assertNotIn('data-testid="unchecked-block"', page)
        self.assertNotIn('data-testid="check-would-block"', page)
        with time_machine.travel(START, tick=False):
            case = self.open_case()
            notice_record(case=case, user=self.clerk, method="door")
            liaison_contact(case=case, user=self.clerk, outcome=OXYGEN_LIAISON)
        page = self.page(case)
        self.assertNotIn('data-testid="unchecked-block"', page)
        shown = page.split('data-testid="check-would-block"')[1].split("</p>")[0]
        self.assertIn("制氧机", shown)
        with time_machine.travel(START, tick=False):
            household_record(case=case, user=self.clerk, situation=CLEAR)
        case.refresh_from_db()
        self.assertEqual(case.check_result, ArrearsCase.Check.BLOCK)  # as the page said
        page = self.page(case)
        self.assertNotIn('data-testid="check-would-block"', page)
        self.assertIn('class="blocked-reason"', page)

    def test_the_care_flag_is_said_before_the_check(self) -> None:
        self.household.medical_need = True
        self.household.save()
        case = self.open_case()
        self.assertEqual(block_of(case), BY_FLAG)
        self.assertIn(f'data-block="{BY_FLAG}" data-testid="unchecked-block"', self.page(case))
