"""A disconnected case's page records what the household says now, and says that the chiefs
were told; their notice names the need; intake says they were told (walk76, M1, L3, L4)."""

from __future__ import annotations

import time_machine
from django.contrib.messages import constants, get_messages
from django.urls import reverse

from powerdesk.accounts.models import Role
from powerdesk.arrears.models import ArrearsCase
from powerdesk.arrears.services import disconnection_carry_out
from powerdesk.customers.models import CustomerPhone
from powerdesk.servicedesk.models import Notification
from tests.arrears.api_cast import AFTER_NOTICE
from tests.arrears.cast import START
from tests.arrears.lift_cast import RANG_VENTILATOR, VENTILATOR, LiftCast
from tests.arrears.test_cut_need_told import CUT_LATER, NUMBER
from tests.base import make_user, post_intake


class CutCase(LiftCast):
    """A household cut off, with two chiefs at its station."""

    def setUp(self) -> None:
        super().setUp()
        self.chief2 = make_user("chief2", self.station_a, Role.CHIEF, full_name="副所长")
        CustomerPhone.objects.create(customer=self.household, number="+8618876376743")

    def cut(self) -> ArrearsCase:
        with time_machine.travel(START, tick=False):
            case = self.approved()
        with time_machine.travel(AFTER_NOTICE, tick=False):
            return disconnection_carry_out(case=case, user=self.chief)

    def told(self) -> list[Notification]:
        return list(Notification.objects.filter(kind="cut_need"))


class CutCaseWordsCardTests(CutCase):
    def test_the_cut_case_s_page_has_the_words_card_for_those_who_record_words(self) -> None:
        case = self.cut()
        for user, shown in ((self.clerk, True), (self.chief, True), (self.dispatcher, False)):
            self.login(user)
            page = self.client.get(case.get_absolute_url())
            self.assertEqual(page.status_code, 200)
            self.assertEqual('data-testid="household-words"' in page.text, shown, user)

    def test_words_typed_on_the_cut_case_s_page_say_the_chiefs_were_told(self) -> None:
        case = self.cut()
        self.login(self.clerk)
        with time_machine.travel(CUT_LATER, tick=False):
            answer = self.client.post(
                case.get_absolute_url(),
                {"step": "words", "words": VENTILATOR},
                HTTP_ACCEPT_LANGUAGE="en",
            )
        self.assertEqual(answer.status_code, 302)
        said = [m for m in get_messages(answer.wsgi_request) if m.level == constants.WARNING]
        self.assertEqual(len(said), 1)
        self.assertIn("told at once", str(said[0]))
        self.assertEqual(len(self.told()), 2)

    def test_words_naming_no_need_say_nothing_of_the_chiefs(self) -> None:
        case = self.cut()
        self.login(self.clerk)
        with time_machine.travel(CUT_LATER, tick=False):
            answer = self.client.post(
                case.get_absolute_url(), {"step": "words", "words": "下个月发工资就来交"}
            )
        self.assertEqual(answer.status_code, 302)
        self.assertEqual(list(get_messages(answer.wsgi_request)), [])
        case.refresh_from_db()
        self.assertEqual(case.stage, ArrearsCase.Stage.DISCONNECTED)

    def test_the_chiefs_notice_names_the_need(self) -> None:
        case = self.cut()
        self.login(self.clerk)
        with time_machine.travel(CUT_LATER, tick=False):
            self.client.post(case.get_absolute_url(), {"step": "words", "words": VENTILATOR})
        told = list(Notification.objects.filter(kind="cut_need"))
        self.assertEqual(len(told), 2)
        for notice in told:
            self.assertIn("呼吸机", notice.text)
            self.assertIn(self.household.name, notice.text)
        self.login(self.chief)
        self.assertContains(self.client.get(reverse("servicedesk:notices")), "呼吸机")

    def test_intake_says_the_chiefs_were_told(self) -> None:
        self.cut()
        self.login(self.clerk)
        with time_machine.travel(CUT_LATER, tick=True):
            answer = post_intake(
                self.client,
                {"caller_number": NUMBER, "text": RANG_VENTILATOR, "category": "billing"},
                HTTP_ACCEPT_LANGUAGE="en",
            )
        said = " ".join(str(m) for m in get_messages(answer.wsgi_request))
        self.assertIn("was told at once", said)
        self.assertNotIn("Tell the station chief now", said)
        self.assertEqual(len(self.told()), 2)
