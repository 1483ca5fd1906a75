"""A liaison told of an outage: the village's contact line joins the device and what was said
with the reader's language's separator ("：" in Chinese), never an ASCII colon inside Chinese
text (walk76, L10)."""

from __future__ import annotations

from powerdesk.community.models import LiaisonActivity
from powerdesk.outages.models import Outage
from tests.base import BaseTestCase
from tests.test_village_liaison_outages import VillageOutageCase


class ToldLineSeparatorTests(VillageOutageCase):
    def test_the_told_line_uses_the_language_s_separator(self) -> None:
        outage = self.outage(Outage.Status.ANNOUNCED, days=9)
        response = self.contact(liaison=self.bb_leader.pk, outage=outage.pk)
        self.assertEqual(response.status_code, 302)
        told = LiaisonActivity.objects.get(kind="told_outage")
        self.assertEqual(told.note_shown, f"{outage.device}：电话告知哔叭组")
        page = self.client.get(self.village.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans")
        self.assertContains(page, f"{outage.device}：电话告知哔叭组")
        self.assertNotContains(page, f"{outage.device}: ")


class ProblemHeaderOverdueTests(BaseTestCase):
    """The hard problem's page header marks a next revisit past as overdue, as the list does
    (walk76, L7)."""

    def test_a_past_revisit_is_marked_overdue_on_the_page(self) -> None:
        import datetime as dt

        from django.urls import reverse
        from django.utils import timezone

        from powerdesk.servicedesk.followup import hard_problem_open
        from powerdesk.servicedesk.models import HardProblem

        problem = hard_problem_open(station=self.station_a, user=self.chief, title="末端电压偏低")
        url = reverse("servicedesk:hard_problem", args=[problem.pk])
        self.login(self.chief)
        today = timezone.localdate()
        for day, marked in ((today - dt.timedelta(days=1), True), (today, False)):
            HardProblem.objects.filter(pk=problem.pk).update(next_revisit_on=day)
            page = self.client.get(url)
            self.assertEqual(page.status_code, 200)
            self.assertEqual('data-testid="revisit-overdue"' in page.text, marked, day)
