"""The household check reads the words seen at the door and the village liaison's, and fails
safe (walk71): a medical machine named in a double negative blocks as the care flag does (H1),
a household described as having nothing of concern is not escalated (M1), the page says what was
read, and the clerk's next step says the chief's approval comes next (L6)."""

from __future__ import annotations

import time_machine

from powerdesk.arrears.models import ArrearsCase
from powerdesk.arrears.services import (
    ArrearsError,
    disconnection_approve,
    disconnection_carry_out,
    household_record,
    liaison_contact,
    notice_record,
)
from tests.arrears.api_cast import AFTER_NOTICE
from tests.arrears.cast import START, ArrearsCast

OXYGEN = "户主父亲肺气肿，没有制氧机活不了，白天晚上都在用"
CALM = "户主在家务农，家中无老人独居、无用电医疗设备，有交费能力"


class HouseholdWordsTests(ArrearsCast):
    def seen(self, situation: str, *, liaison: str = "村小组长已转告") -> ArrearsCase:
        """A case of ``household`` (no care flag) seen with ``situation`` after ``liaison``."""
        case = self.open_case()
        notice_record(case=case, user=self.clerk, method="door")
        liaison_contact(case=case, user=self.clerk, outcome=liaison)
        return household_record(case=case, user=self.clerk, situation=situation)

    def page(self, case: ArrearsCase, *, language: str = "zh-hans") -> str:
        self.client.cookies["django_language"] = language
        return self.client.get(case.get_absolute_url()).content.decode()

    def test_a_machine_the_household_cannot_live_without_blocks_the_approval(self) -> None:
        """walk71 H1, as walked: /arrears/9/, the customer record without a care flag."""
        with time_machine.travel(START, tick=False):
            case = self.seen(OXYGEN, liaison="联络员说户主父亲长期吸氧")
        self.assertEqual(case.check_result, ArrearsCase.Check.BLOCK)
        self.assertEqual(case.check_read, "制氧机、吸氧、肺气肿")
        with self.assertRaisesMessage(ArrearsError, "不得停电"):
            disconnection_approve(case=case, user=self.chief, reason="已多次催缴")
        case.refresh_from_db()
        self.assertIsNone(case.approved_at)
        self.login(self.chief)
        page = self.page(case)
        self.assertIn('class="blocked-reason"', page)
        self.assertNotIn('value="approve"', page)
        self.assertIn('data-testid="check-read"', page)
        self.assertIn("制氧机、吸氧、肺气肿", page)
        response = self.client.post(case.get_absolute_url(), {"step": "approve", "reason": "催缴"})
        self.assertEqual(response.status_code, 302)
        case.refresh_from_db()
        self.assertIsNone(case.approved_at)

    def test_the_liaison_s_words_alone_block(self) -> None:
        with time_machine.travel(START, tick=False):
            case = self.seen("户主在家，答应月底缴清", liaison="户主父亲长期吸氧")
        self.assertEqual((case.check_result, case.check_read), ("block", "吸氧"))

    def test_a_calm_household_is_not_escalated_and_the_chief_approves_without_a_reason(
        self,
    ) -> None:
        """walk71 M1: "家中无老人独居、无用电医疗设备" named nothing, and read nothing."""
        with time_machine.travel(START, tick=False):
            case = self.seen(CALM)
            self.assertEqual((case.check_result, case.check_read), ("clear", ""))
            case = disconnection_approve(case=case, user=self.chief)
        self.assertIsNotNone(case.approved_at)

    def test_an_escalated_case_says_what_was_read(self) -> None:
        with time_machine.travel(START, tick=False):
            case = self.seen("户主外出务工，家中老人独居")
        self.assertEqual((case.check_result, case.check_read), ("escalate", "老人、独居"))
        self.login(self.chief)
        page = self.page(case, language="en")
        self.assertIn("(read: 老人、独居)", page)
        self.assertIn("approve only with a written reason", page)

    def test_the_flag_and_the_words_the_more_serious_decides(self) -> None:
        self.household.elderly_alone = True
        self.household.save()
        with time_machine.travel(START, tick=False):
            case = self.seen("家里有台呼吸机")
        self.assertEqual((case.check_result, case.check_read), ("block", "呼吸机"))

    def test_a_case_checked_before_the_words_were_read_so_is_blocked_still(self) -> None:
        """Recorded "nothing against disconnection" by the earlier reader (walk71's /arrears/9/):
        neither approved nor carried out now."""
        with time_machine.travel(START, tick=False):
            case = self.seen(CALM)
        as_read_before = ArrearsCase.objects.filter(pk=case.pk)
        as_read_before.update(situation=OXYGEN)
        case.refresh_from_db()
        self.assertEqual(case.check_result, "clear")
        with self.assertRaisesMessage(ArrearsError, "不得停电"):
            disconnection_approve(case=case, user=self.chief)
        as_read_before.update(situation=CALM)
        case.refresh_from_db()
        with time_machine.travel(START, tick=False):
            case = disconnection_approve(case=case, user=self.chief)
        as_read_before.update(situation=OXYGEN)
        case.refresh_from_db()
        with (
            time_machine.travel(AFTER_NOTICE, tick=False),
            self.assertRaisesMessage(ArrearsError, "不得停电"),
        ):
            disconnection_carry_out(case=case, user=self.chief)
        case.refresh_from_db()
        self.assertIsNone(case.disconnected_at)

    def test_the_clerk_s_next_step_says_the_chief_s_approval_comes_next(self) -> None:
        """walk71 L6: the clerk's card showed only "欠费已缴清"."""
        with time_machine.travel(START, tick=False):
            escalated = self.seen("独居")
        self.login(self.clerk)
        page = self.page(escalated, language="en")
        card = page.split('data-testid="awaiting-approval"')[1].split("</p>")[0]
        self.assertIn("Waiting for the station chief's approval", card)
        self.assertIn("written reason", card)
        self.assertNotIn('value="approve"', page)
        ArrearsCase.objects.filter(pk=escalated.pk).update(stage="paid")
        with time_machine.travel(START, tick=False):
            clear = self.seen(CALM)
        card = self.page(clear, language="en").split('data-testid="awaiting-approval"')[1]
        self.assertIn("Waiting for the station chief's approval", card.split("</p>")[0])
        self.assertNotIn("written reason", card.split("</p>")[0])
        self.login(self.chief)
        self.assertNotIn('data-testid="awaiting-approval"', self.page(clear))
