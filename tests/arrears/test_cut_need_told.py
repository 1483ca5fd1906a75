"""A household already cut off whose words, recorded since, name a medical need: the station's
chiefs are told at once, the case linked, once per line recorded (review74, L5)."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse

from powerdesk.accounts.models import Role
from powerdesk.arrears.models import ArrearsCase
from powerdesk.arrears.services import disconnection_carry_out, household_record
from powerdesk.customers.models import CustomerPhone
from powerdesk.servicedesk.models import Notification
from powerdesk.servicedesk.notices import notice_link
from tests.arrears.api_cast import AFTER_NOTICE, URL
from tests.arrears.cast import START
from tests.arrears.lift_cast import RANG_VENTILATOR, VENTILATOR, LiftCast
from tests.base import make_user, post_intake

CUT_LATER = AFTER_NOTICE + dt.timedelta(hours=1)
ELDERLY = "家里只有一位八十岁的老人"
NUMBER = "188 7637 6743"


class CutNeedToldTests(LiftCast):
    def setUp(self) -> None:
        super().setUp()
        self.chief2 = make_user("chief2", self.station_a, Role.CHIEF, full_name="副所长")
        self.chief_b = make_user("chief_b", self.station_b, Role.CHIEF, full_name="栋川所长")
        CustomerPhone.objects.create(customer=self.household, number="+8618876376743")

    def cut(self) -> ArrearsCase:
        with time_machine.travel(START, tick=False):
            case = self.approved()
        with time_machine.travel(AFTER_NOTICE, tick=False):
            case = disconnection_carry_out(case=case, user=self.chief)
        self.assertEqual(case.stage, ArrearsCase.Stage.DISCONNECTED)
        return case

    def told(self) -> list[Notification]:
        return list(Notification.objects.filter(kind="cut_need").order_by("recipient_id"))

    def assert_chiefs_told(self, case: ArrearsCase) -> None:
        told = self.told()
        self.assertEqual(
            [(n.recipient_id, n.station_id) for n in told],
            [(self.chief.pk, self.station_a.pk), (self.chief2.pk, self.station_a.pk)],
        )
        self.assertEqual({notice_link(n.kind, n) for n in told}, {case.get_absolute_url()})
        self.assertTrue(all(self.household.name in n.text for n in told))
        # The chief's own notices link the case.
        self.login(self.chief2)
        page = self.client.get(reverse("servicedesk:notices"))
        self.assertContains(page, case.get_absolute_url())

    def test_words_typed_on_a_cut_case_s_page_tell_each_chief_once(self) -> None:
        case = self.cut()
        self.login(self.clerk)
        with time_machine.travel(CUT_LATER, tick=False):
            for _twice in range(2):
                answer = self.client.post(
                    case.get_absolute_url(), {"step": "words", "words": VENTILATOR}
                )
                self.assertEqual(answer.status_code, 302)
        case.refresh_from_db()
        self.assertEqual(case.stage, ArrearsCase.Stage.DISCONNECTED)
        self.assert_chiefs_told(case)

    def test_words_sent_by_the_api_on_a_cut_case_tell_the_chiefs(self) -> None:
        case = self.cut()
        self.login(self.clerk)
        with time_machine.travel(CUT_LATER, tick=False):
            for _twice in range(2):
                answer = self.post(f"{URL}/{case.pk}/words", {"words": VENTILATOR})
                self.assertEqual(answer.status_code, 200, answer.content)
        self.assert_chiefs_told(case)

    def test_a_call_from_the_cut_household_naming_a_need_tells_the_chiefs(self) -> None:
        case = self.cut()
        self.login(self.clerk)
        with time_machine.travel(CUT_LATER, tick=True):
            post_intake(
                self.client,
                {"caller_number": NUMBER, "text": RANG_VENTILATOR, "category": "billing"},
            )
        self.assertTrue(case.events.filter(note_code="arrears_call_said").exists())
        self.assert_chiefs_told(case)

    def test_words_naming_no_need_that_blocks_tell_nobody(self) -> None:
        case = self.cut()
        with time_machine.travel(CUT_LATER, tick=False):
            household_record(case=case, user=self.clerk, situation=ELDERLY, later=True)
            household_record(case=case, user=self.clerk, situation="下个月发工资就来交", later=True)
        self.assertEqual(case.events.filter(note_code="arrears_household_said").count(), 2)
        self.assertEqual(self.told(), [])

    def test_words_on_a_case_not_cut_block_it_and_tell_nobody(self) -> None:
        with time_machine.travel(START, tick=False):
            case = self.approved()
        with time_machine.travel(AFTER_NOTICE, tick=False):
            case = household_record(case=case, user=self.clerk, situation=VENTILATOR, later=True)
        self.assertEqual(case.check_result, ArrearsCase.Check.BLOCK)
        self.assertEqual(self.told(), [])
