"""A line of "Notices to you" (the home page's panel, the notices page) says its kind once: its
badge names it, its text does not open with it again (walk77 L5: "已停电户反映有医疗用电需要
已停电户反映有医疗用电需要（制氧机）：…"; an urgent call waiting for a work order read so too)."""

from __future__ import annotations

import time_machine
from django.urls import reverse

from powerdesk.accounts.models import Role
from powerdesk.servicedesk.models import Notification
from tests.arrears.lift_cast import VENTILATOR
from tests.arrears.test_cut_case_words_card import CutCase
from tests.arrears.test_cut_need_told import CUT_LATER
from tests.base import BaseTestCase, make_user, post_intake

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def lines(page: str, testid: str) -> str:
    return page.split(f'data-testid="{testid}"', 1)[1].split("</ul>", 1)[0]


class CutNeedNoticeOnceTests(CutCase):
    def test_the_chief_s_line_names_its_kind_once(self) -> None:
        case = self.cut()
        self.login(self.clerk)
        with time_machine.travel(CUT_LATER, tick=False):
            self.client.post(case.get_absolute_url(), {"step": "words", "words": VENTILATOR})
        self.login(self.chief)
        home = lines(self.client.get(reverse("web:home"), **EN).text, "notice-groups")
        listed = lines(self.client.get(reverse("servicedesk:notices"), **EN).text, "notices")
        for shown in (home, listed):
            self.assertEqual(shown.lower().count("names a medical need"), 1, shown)
            self.assertIn("呼吸机", shown)
            self.assertIn(self.household.name, shown)
        for notice in Notification.objects.filter(kind="cut_need"):
            self.assertIn("呼吸机", notice.text)


class UrgentCallNoticeOnceTests(BaseTestCase):
    def test_the_dispatcher_s_line_names_its_kind_once(self) -> None:
        admin = make_user("night_admin", self.station_a, Role.ADMIN, full_name="值夜管理员")
        dispatcher = make_user("dispatcher", self.station_a, Role.DISPATCHER, full_name="王调度")
        self.login(admin)
        post_intake(
            self.client,
            {
                "caller_number": "13900001111",
                "village": str(self.village.pk),
                "place": "村口",
                "category": "hazard",
                "text": "路边电线断了掉在地上，小孩在旁边",
            },
        )
        self.login(dispatcher)
        home = lines(self.client.get(reverse("web:home"), **EN).text, "notice-groups")
        listed = lines(self.client.get(reverse("servicedesk:notices"), **EN).text, "notices")
        for shown in (home, listed):
            said = shown.lower().count("urgent call waiting for a work order")
            self.assertEqual(said, 1, shown)
            self.assertIn("电线断了", shown)
