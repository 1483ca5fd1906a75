"""walk67 H1, H2 and L2: the power off now told beside a bill question.

- H1: "现在家里停电了，另外想问下这个月电费怎么这么多" was read as a question whole (the bill asked
  about cancelled the power off told): saved as billing alone under a live outage, no second
  matter said. The power off is read in its own clause, still not now when past, planned, a
  notice or a time asked, or cut for the bill unpaid.
- H2: the one click "billing and a fault order too" for a repeat caller opened a second billing
  order beside the open one: the call is added to the open order, as the single save adds it.
- L2: "Known now" listed the caller's billing and fault orders under the same note with no
  category: each says its category."""

from __future__ import annotations

from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import translation

from powerdesk.outages.models import OutageLink
from powerdesk.servicedesk.models import Call, WorkOrder
from powerdesk.servicedesk.second_matter import power_off_now, power_off_too
from tests.base import post_intake
from tests.servicedesk.test_call_second_order import SecondOrderCase
from tests.servicedesk.test_intake_second_matter import MIXED, NUMBER

NOW_BESIDE_BILL = "现在家里停电了，另外想问下这个月电费怎么这么多"


class PowerOffInItsOwnClauseTests(SimpleTestCase):
    def test_the_power_off_now_beside_a_bill_question(self) -> None:
        for text in (
            NOW_BESIDE_BILL,
            "家里没电了，还有电费怎么这么多",
            "家里没电了还有电费怎么这么多",
            "电费怎么这么多？家里停电了",
            "上个月电费怎么这么多，现在又停电了",
            "灯不亮了，另外问下电费怎么交",
        ):
            with self.subTest(text):
                self.assertTrue(power_off_now(text))
                self.assertTrue(power_off_too(text, "billing"))

    def test_past_planned_a_notice_a_time_asked_or_cut_for_the_bill_is_not_now(self) -> None:
        for text in (
            "上个月停电，电费怎么这么多",
            "昨天停电了，电费怎么这么多",
            "上个月停电三天，电费能不能少点",
            "停电时间是几点，电费怎么这么多",
            "收到停电通知，电费怎么这么多",
            "停电通知收到了吗，电费怎么交",
            "明天停电，电费怎么这么多",
            "家里停电了吗？电费怎么这么多",
            "没停电，电费怎么这么多",
            "家里停电了，刚才又来电了，电费怎么这么多",
            "欠费停电了，电费怎么交",
            "余额不足被停了，怎么充值",
            "因为停电，孵的小鸡全死了，这不是乱收费吗",
            "代周某来电，电费怎么交。",
            "一个小时前来电，上个月用了多少度",
        ):
            with self.subTest(text):
                self.assertFalse(power_off_now(text))


class PowerOffBesideBillAtIntakeTests(SecondOrderCase):
    def setUp(self) -> None:
        super().setUp()
        self.outage = self.declare()
        self.login(self.clerk)

    def test_the_page_says_the_second_matter_and_offers_both(self) -> None:
        html = self.client.post(
            reverse("servicedesk:suggest"), {"text": NOW_BESIDE_BILL, "caller_number": NUMBER}
        ).content.decode()
        self.assertIn('data-testid="power-off-too"', html)
        self.assertIn('data-testid="keep-and-fault"', html)

    def test_saved_as_suggested_the_clerk_is_asked_to_choose(self) -> None:
        response = post_intake(self.client, {"caller_number": NUMBER, "text": NOW_BESIDE_BILL})
        self.assertContains(response, 'data-testid="category-errors"')
        self.assertFalse(Call.objects.exists())

    def test_the_one_click_opens_the_fault_order_joined_to_the_outage(self) -> None:
        response = post_intake(
            self.client, {"caller_number": NUMBER, "text": NOW_BESIDE_BILL, "fault_too": "1"}
        )
        self.assertEqual(response.status_code, 302)
        call = Call.objects.get()
        self.assertEqual(call.category, "billing")
        assert call.fault_order is not None
        self.assertEqual(call.fault_order.category, "fault_repair")
        self.assertTrue(
            OutageLink.objects.filter(outage=self.outage, work_orders=call.fault_order).exists()
        )


class RepeatCallOneClickTests(SecondOrderCase):
    def setUp(self) -> None:
        super().setUp()
        self.login(self.clerk)

    def one_click(self, token: str = "") -> object:
        data = {"caller_number": NUMBER, "text": MIXED, "fault_too": "1"}
        if token:
            return self.client.post(reverse("servicedesk:intake"), {"form_token": token, **data})
        return post_intake(self.client, data)

    def test_the_repeat_call_joins_the_open_billing_order(self) -> None:
        self.assertEqual(self.one_click().status_code, 302)  # type: ignore[attr-defined]
        first = Call.objects.get()
        billing, fault = first.work_order, first.fault_order
        assert billing is not None and fault is not None
        self.assertEqual(self.one_click().status_code, 302)  # type: ignore[attr-defined]
        again = Call.objects.latest("pk")
        self.assertNotEqual(again.pk, first.pk)
        self.assertEqual(again.work_order_id, billing.pk)  # added to it, not a second one
        self.assertTrue(again.is_repeat)
        self.assertEqual(WorkOrder.objects.filter(category="billing").count(), 1)
        self.assertEqual(WorkOrder.objects.filter(category="fault_repair").count(), 1)
        self.assertIsNone(again.fault_order_id)  # the open fault order named, none opened

    def test_a_double_click_stores_once(self) -> None:
        page = self.client.get(reverse("servicedesk:intake"))
        token = page.context["form"]["form_token"].value()
        for _ in range(2):
            self.assertEqual(self.one_click(token).status_code, 302)  # type: ignore[attr-defined]
        self.assertEqual(Call.objects.count(), 1)
        self.assertEqual(WorkOrder.objects.filter(category="billing").count(), 1)
        self.assertEqual(WorkOrder.objects.filter(category="fault_repair").count(), 1)

    def test_a_new_matter_chosen_still_opens_its_own(self) -> None:
        self.one_click()
        post_intake(
            self.client,
            {"caller_number": NUMBER, "text": MIXED, "fault_too": "1", "action": "new"},
        )
        self.assertEqual(WorkOrder.objects.filter(category="billing").count(), 2)
        self.assertEqual(WorkOrder.objects.filter(category="fault_repair").count(), 1)


class KnownNowSaysEachCategoryTests(SecondOrderCase):
    def test_the_billing_and_the_fault_order_each_say_their_category(self) -> None:
        self.login(self.clerk)
        for _ in range(2):  # the second call added to the billing order (H2)
            post_intake(self.client, {"caller_number": NUMBER, "text": MIXED, "fault_too": "1"})
        first = Call.objects.earliest("pk")
        billing, fault = first.work_order, first.fault_order
        assert billing is not None and fault is not None
        # A third order of the caller's, so that both the billing and the fault order are
        # listed under "Known now" (the newest is the repeat order, said apart).
        newest = self.billing_call(text="电费卡里钱扣多了")
        assert newest.work_order is not None
        with translation.override("en"):
            html = self.client.post(
                reverse("servicedesk:caller"),
                {"caller_number": NUMBER, "text": "", "category": ""},
                HTTP_ACCEPT_LANGUAGE="en",
            ).content.decode()
        lines = [p.split("</li>")[0] for p in html.split('data-testid="own-open-order"')[1:]]
        for order, label in ((billing, "billing"), (fault, "fault repair")):
            with self.subTest(order.number):
                line = next((line for line in lines if order.number in line), "")
                self.assertIn(f">{label}</span>", line, html)
