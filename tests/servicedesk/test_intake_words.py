"""What the counter clerk reads out under a known outage says what is true: the model's time is
"about" a time, with its interval (not a deadline, "前"), and the repair is under way only once
a crew is there — the crew named once one is sent ("已派抢修一班前往"), "正在安排" before."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from powerdesk.notifications.texts import render_text
from powerdesk.outages.estimates import outage_estimate
from powerdesk.outages.life import outage_dispatch
from powerdesk.servicedesk.crew_steps import crew_step_take
from tests.base import BaseTestCase
from tests.outage_cast import fault_declare
from tests.servicedesk.crew_cast import add_crews

NUMBER = "0878-1234567"  # 普光荣's, below the fuse


class IntakeWordsTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.outage = fault_declare(self, self.fuse, began=30)
        self.login(self.clerk)

    def said(self, testid: str) -> str:
        html = self.client.get(
            reverse("servicedesk:intake"), {"number": NUMBER}, follow=True
        ).content.decode()
        found = re.search(rf'data-testid="{testid}"[^>]*>(.*?)</p>', html, re.S)
        assert found, html[-3000:]
        return re.sub(r"<[^>]+>", "", found.group(1))

    def test_the_model_s_estimate_is_said_as_about_a_time_with_its_interval(self) -> None:
        line = self.said("intake-etr")
        self.assertRegex(line, r"预计复电：\d\d-\d\d \d\d:\d\d左右（80%：[^–]+–[^）]+）")
        self.assertNotIn("前", line)

    def test_a_time_staff_set_is_said_as_the_public_page_says_it(self) -> None:
        back = timezone.localtime() + dt.timedelta(hours=3)
        outage_estimate(outage=self.outage, user=self.chief, expected_restore_at=back)
        html = self.client.get(
            reverse("servicedesk:intake"), {"number": NUMBER}, follow=True
        ).content.decode()
        self.assertIn(f"预计复电 {back:%m-%d %H:%M}", html)
        self.assertNotIn("前复电", html)

    def test_a_time_staff_set_is_named_with_its_reason_not_as_a_change(self) -> None:
        back = timezone.localtime() + dt.timedelta(hours=3)
        outage_estimate(
            outage=self.outage, user=self.chief, expected_restore_at=back, note="等备件"
        )
        line = self.said("intake-etr")
        self.assertIn(f"{back:%m-%d %H:%M}", line)
        self.assertIn("等备件", line)
        self.assertNotIn("→", line)  # "人工设定：— → 12-05 12:30" read like a diff (walk37, 16)

    def test_the_script_says_where_the_repair_is(self) -> None:
        self.assertIn("所里正在安排抢修人员", self.said("tell-caller"))
        self.assertNotIn("正在抢修", self.said("tell-caller"))
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        self.assertIn(f"已派{self.crew.name}前往", self.said("tell-caller"))
        self.outage.refresh_from_db()
        order = self.outage.link.order
        assert order is not None
        crew_step_take(work_order=order, step="on_the_way", user=self.member, fields={})
        self.assertIn(f"{self.crew.name}正在赶往现场", self.said("tell-caller"))
        crew_step_take(work_order=order, step="on_site", user=self.member, fields={})
        self.assertIn(f"{self.crew.name}已到现场抢修", self.said("tell-caller"))

    def test_the_text_to_households_says_no_repair_before_a_crew_is_sent(self) -> None:
        from powerdesk.notifications.events import outage_facts

        text = render_text("outage_known", {**outage_facts(self.outage), "station": "光禄供电所"})
        self.assertIn("停电，正在安排抢修人员", text)
        self.assertNotIn("正在抢修", text)
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        self.outage.refresh_from_db()
        text = render_text("outage_known", {**outage_facts(self.outage), "station": "光禄供电所"})
        self.assertIn("已安排抢修", text)
