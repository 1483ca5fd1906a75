"""Words naming a need, recorded after the chief's lift, block the disconnection again
(walk73, H1 a and c; L8): the clerk records what the household says now on the case's page,
whatever step it is at (once cut, to tell the chiefs); why the amount changed is read as those words are; the
chief's approval reason naming a machine in use is refused; the approval's time has its year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import time_machine
from django.urls import reverse

from powerdesk.accounts.permissions import NotAllowed
from powerdesk.arrears.amount import amount_update
from powerdesk.arrears.blocks import BY_WORDS, block_of
from powerdesk.arrears.models import ArrearsCase, ArrearsEvent
from powerdesk.arrears.services import (
    ArrearsError,
    disconnection_approve,
    disconnection_carry_out,
    household_record,
)
from tests.arrears.api_cast import AFTER_NOTICE
from tests.arrears.cast import START
from tests.arrears.lift_cast import LATER, VENTILATOR, LiftCast


class WordsAfterLiftTests(LiftCast):
    def test_the_clerk_records_new_words_after_a_lift_and_they_block_again(self) -> None:
        case = self.lifted()
        self.login(self.clerk)
        page = self.client.get(case.get_absolute_url())
        self.assertContains(page, 'data-testid="household-words"')
        self.assertContains(page, 'name="step" value="words"')
        with time_machine.travel(LATER, tick=False):
            response = self.client.post(
                case.get_absolute_url(), {"step": "words", "words": VENTILATOR}
            )
        self.assertEqual(response.status_code, 302)
        case.refresh_from_db()
        self.assertEqual(block_of(case), BY_WORDS)
        self.assertEqual(case.check_result, ArrearsCase.Check.BLOCK)
        self.assertIn("呼吸机", case.check_read)
        line = case.events.get(note_code="arrears_household_said")
        self.assertEqual(
            (line.by, line.at, line.note_args["words"]), (self.clerk, LATER, VENTILATOR)
        )
        # Sent again (a double submit): one line.
        with time_machine.travel(LATER, tick=False):
            self.client.post(case.get_absolute_url(), {"step": "words", "words": VENTILATOR})
        self.assertEqual(case.events.filter(note_code="arrears_household_said").count(), 1)
        # The page, the list and the chief's home say it; the chief can neither approve nor cut.
        page = self.client.get(case.get_absolute_url())
        self.assertContains(page, 'data-block="words"')
        self.assertContains(page, 'data-testid="said-later"')
        listed = self.client.get(reverse("arrears:cases"))
        self.assertContains(listed, 'data-testid="case-blocked"')
        self.login(self.chief)
        self.assertContains(self.client.get("/home/"), case.get_absolute_url())
        with self.assertRaises(ArrearsError):
            disconnection_approve(case=case, user=self.chief, reason="拖欠太久")
        self.assertIsNone(ArrearsCase.objects.get(pk=case.pk).approved_at)

    def test_a_word_the_visit_lifted_named_again_after_it_blocks_again(self) -> None:
        case = self.lifted()
        with time_machine.travel(LATER, tick=False):
            household_record(
                case=case, user=self.clerk, situation="老人出院了，又用上制氧机", later=True
            )
        self.assertEqual(block_of(ArrearsCase.objects.get(pk=case.pk)), BY_WORDS)

    def test_words_said_after_an_approval_stop_the_cut(self) -> None:
        with time_machine.travel(START, tick=False):
            case = self.approved()
        with time_machine.travel(AFTER_NOTICE - dt.timedelta(minutes=5), tick=False):
            household_record(case=case, user=self.clerk, situation=VENTILATOR, later=True)
        with time_machine.travel(AFTER_NOTICE, tick=False), self.assertRaises(ArrearsError):
            disconnection_carry_out(case=ArrearsCase.objects.get(pk=case.pk), user=self.chief)
        self.assertIsNone(ArrearsCase.objects.get(pk=case.pk).disconnected_at)

    def test_a_reason_for_the_amount_naming_a_ventilator_blocks(self) -> None:
        case = self.lifted()
        with time_machine.travel(LATER, tick=False):
            amount_update(case=case, user=self.clerk, amount=Decimal("300.00"), why=VENTILATOR)
        case = ArrearsCase.objects.get(pk=case.pk)
        self.assertEqual(block_of(case), BY_WORDS)
        self.assertEqual(case.check_result, ArrearsCase.Check.BLOCK)

    def test_an_approval_reason_naming_a_machine_in_use_is_refused(self) -> None:
        case = self.checked()
        with self.assertRaises(ArrearsError) as refused:
            disconnection_approve(case=case, user=self.chief, reason="虽然他家用制氧机，但欠费太久")
        self.assertEqual(refused.exception.field, "reason")
        self.assertIsNone(ArrearsCase.objects.get(pk=case.pk).approved_at)
        # Denied, it is a reason like any other.
        disconnection_approve(case=case, user=self.chief, reason="家里没有用制氧机，欠费一年")
        self.assertIsNotNone(ArrearsCase.objects.get(pk=case.pk).approved_at)

    def test_who_may_record_what_the_household_says(self) -> None:
        case = self.lifted()
        for user in (self.dispatcher, self.crewman, self.liaison, self.admin):
            with self.subTest(user=user.username), self.assertRaises(NotAllowed):
                household_record(case=case, user=user, situation=VENTILATOR, later=True)
        # The dispatcher's page has no such card and its post is refused.
        self.login(self.dispatcher)
        self.assertNotContains(
            self.client.get(case.get_absolute_url()), 'data-testid="household-words"'
        )
        response = self.client.post(case.get_absolute_url(), {"step": "words", "words": VENTILATOR})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(ArrearsEvent.objects.filter(note_code="arrears_household_said").exists())
        # The chief may.
        household_record(case=case, user=self.chief, situation=VENTILATOR, later=True)
        self.assertEqual(block_of(ArrearsCase.objects.get(pk=case.pk)), BY_WORDS)

    def test_an_approved_case_offers_the_words_card_and_once_cut_still_does(self) -> None:
        # Cut, the household's words naming a need tell the chiefs at once (walk76, M1).
        with time_machine.travel(START, tick=False):
            case = self.approved()
        self.login(self.clerk)
        self.assertContains(
            self.client.get(case.get_absolute_url()), 'data-testid="household-words"'
        )
        with time_machine.travel(AFTER_NOTICE, tick=False):
            disconnection_carry_out(case=case, user=self.chief)
        self.login(self.clerk)
        self.assertContains(
            self.client.get(case.get_absolute_url()), 'data-testid="household-words"'
        )

    def test_the_approval_time_has_its_year_as_every_other_step(self) -> None:
        with time_machine.travel(START, tick=False):
            case = self.approved()
        self.login(self.clerk)
        page = self.client.get(case.get_absolute_url()).content.decode()
        self.assertIn("杨所长 2026-03-02 17:00", page)
