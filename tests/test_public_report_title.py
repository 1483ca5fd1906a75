"""An order opened from the public outage page is titled by what the villager wrote, not by the
page's line "公开停电信息页报告：…" the note begins with; the page is shown apart, as the order's
source, in the orders list (walkthrough 33, item 4)."""

from __future__ import annotations

from django.core.cache import cache
from django.urls import reverse

from powerdesk.accounts.models import Role
from powerdesk.servicedesk.models import WorkOrder
from tests.base import BaseTestCase, make_user
from tests.public_form import form_tokens


class PublicReportTitleTests(BaseTestCase):
    def report(self, problem: str, text: str = "") -> None:
        cache.clear()
        page = self.client.post(
            reverse("public:lookup", args=[self.station_a.code]),
            {"account": "53250000001", "last4": "5678"},
            follow=True,
        )
        answer = self.client.post(
            reverse("public:report", args=[self.station_a.code]),
            {**form_tokens(page.content.decode()), "problem": problem, "text": text},
        )
        self.assertEqual(answer.status_code, 302)

    def test_the_order_is_titled_by_the_villager_s_words_and_its_source_shown_apart(self) -> None:
        self.report("danger", "电线断了掉在路边。小孩放学要走那里")
        order = WorkOrder.objects.get()
        self.assertEqual(order.title, "电线断了掉在路边")
        self.assertTrue(order.from_public_page)
        self.assertTrue(order.description.startswith("公开停电信息页报告："))
        self.client.force_login(make_user("desk", self.station_a, Role.COUNTER))
        listed = self.client.get(reverse("servicedesk:work_orders")).content.decode()
        self.assertIn("电线断了掉在路边", listed)
        self.assertIn('data-testid="row-public-page"', listed)
        self.assertNotIn("公开停电信息页报告", listed)

    def test_a_danger_chosen_with_nothing_written_is_titled_by_the_problem_chosen(self) -> None:
        self.report("danger")
        order = WorkOrder.objects.get()
        self.assertNotIn("公开停电信息页", order.title)
        self.assertTrue(order.title)
