""" "Found here" on a prediction while a crew is already on a caller's order below it (fix67c, 3):
the ask's message to the households ("短信内容") and the text they get say the crew is at work
there, never "正在安排抢修人员" (a crew is being arranged); with no crew on any order below,
the station is still arranging one."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from powerdesk.notifications.models import Notice
from powerdesk.notifications.texts import repair_words
from powerdesk.outages.models import Outage
from tests.base import BaseTestCase
from tests.board_confirm import ARRANGING, FOUND, asked_form, asked_message
from tests.outage_cast import predicted_below_the_fuse
from tests.servicedesk.crew_cast import add_crews, caller_order_sent


class FoundHereCrewSaidTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        add_crews(self)
        self.prediction = predicted_below_the_fuse(self)
        self.url = reverse("outages:prediction_patrol", args=[self.prediction.pk])
        self.found = {"place": "ZM-B01-T1", "cause": "animal", "note": "蛇"}
        with translation.override("zh-hans"):
            self.at_work = repair_words("on_site")

    def caller_order_on_the_way(self) -> None:
        caller_order_sent(self, "on_the_way")

    def asked_text(self) -> tuple[str, str]:
        """The message the ask shows, and the page (its form sent to record)."""
        self.login(self.chief)  # the office types what the crew said by phone
        html = self.client.post(self.url, self.found, follow=True).content.decode()
        return asked_message(html), html

    def test_a_crew_on_a_caller_s_order_below_is_said_at_work(self) -> None:
        self.caller_order_on_the_way()
        text, html = self.asked_text()
        self.assertNotIn(ARRANGING, text)
        self.assertIn(self.at_work, text)
        self.client.post(self.url, asked_form(html, FOUND))
        outage = Outage.objects.get()
        notice = Notice.objects.get(key=f"outage_known:{outage.pk}")
        self.assertEqual(notice.facts["crew_state"], "on_site")  # as the ask said

    def test_with_no_crew_below_a_crew_is_being_arranged(self) -> None:
        text, html = self.asked_text()
        self.assertIn(ARRANGING, text)
        self.client.post(self.url, asked_form(html, FOUND))
        notice = Notice.objects.get(key=f"outage_known:{Outage.objects.get().pk}")
        self.assertEqual(notice.facts["crew_state"], "none")
