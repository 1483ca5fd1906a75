"""A liaison's report made urgent says so, with the safety advice the clerk reads to a caller
for the danger it names (walkthrough 34, finding 7: "电线被大风刮断了，掉在路边地上，还有人从旁
边走" was answered only "reported: the station has it"); a routine report says no more."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import override

from powerdesk.accounts.models import Membership, Role
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.safety import LIAISON_SCRIPTS, SAFETY_SCRIPTS
from tests.base import BaseTestCase, make_user


class LiaisonUrgentSaidTests(BaseTestCase):
    def setUp(self) -> None:
        self.liaison = make_user("zm", self.station_a, full_name="左门村委会 李文华")
        Membership.objects.create(
            user=self.liaison, station=self.station_a, role=Role.LIAISON, village=self.village
        )
        self.login(self.liaison)

    def report(self, text: str, token: str) -> str:
        response = self.client.post(
            reverse("web:liaison"),
            {"action": "report", "group": self.group.pk, "text": text, "form_token": token},
            follow=True,
        )
        return response.content.decode()

    def test_a_line_down_is_said_urgent_with_the_advice_to_keep_away(self) -> None:
        page = self.report("电线被大风刮断了，掉在路边地上，还有人从旁边走", "t1")
        order = WorkOrder.objects.get()
        self.assertTrue(order.urgent)
        self.assertIn('data-testid="liaison-urgent"', page)
        said = page.split('data-testid="liaison-urgent"')[1].split("</section>")[0]
        self.assertIn(order.number, said)
        # The advice for a line down, in words for the liaison (whole msgids, in the reader's
        # language): not the clerk's "our crew is on the way; we will call you back", said to
        # a caller on the phone (walkthrough 35, 5).
        with override(settings.LANGUAGE_CODE):
            advice = str(LIAISON_SCRIPTS["line down or low"])
            clerk_s = str(SAFETY_SCRIPTS["line down or low"])
        self.assertIn(escape(advice), said)
        self.assertNotIn(escape(clerk_s), said)
        # Said once.
        again = self.client.get(reverse("web:liaison")).content.decode()
        self.assertNotIn('data-testid="liaison-urgent"', again)

    def test_a_routine_report_says_nothing_urgent(self) -> None:
        page = self.report("路灯不亮了，麻烦看一下", "t2")
        self.assertNotIn('data-testid="liaison-urgent"', page)
