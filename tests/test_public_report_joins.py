"""A villager's report on the public page is a call like any other: it joins the household's
open order of its category as a repeat call (``call_take``, as the API's calls do), and a danger
reported there gets the safety advice a clerk reads for it, with the station's phone."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import Call, WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.safety import SAFETY_SCRIPTS
from tests.base import BaseTestCase
from tests.public_form import form_tokens

NUMBER = "0878-1234567"  # 普光荣's, account 53250000001


class PublicReportTests(BaseTestCase):
    def setUp(self) -> None:
        cache.clear()
        self.station_a.phone = "0878-5711095"
        self.station_a.save(update_fields=["phone"])

    def report(self, problem: str, text: str = "") -> object:
        page = self.client.post(
            reverse("public:lookup", args=[self.station_a.code]),
            {"account": "53250000001", "last4": "5678"},
            follow=True,
        )
        return self.client.post(
            reverse("public:report", args=[self.station_a.code]),
            {**form_tokens(page.content.decode()), "problem": problem, "text": text},
            follow=True,
        )

    def clerk_call(self, category: str, text: str, *, urgent: bool = False) -> WorkOrder:
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number=NUMBER,
            text=text,
            category=category,
            urgent=urgent,
        )
        assert taken.work_order is not None
        return taken.work_order

    def test_a_report_joins_the_household_s_open_order_of_its_category_as_a_repeat(self) -> None:
        start = timezone.now() - dt.timedelta(minutes=20)
        with time_machine.travel(start, tick=False):
            fault = self.clerk_call("fault_repair", "家里停电了，老人在家", urgent=True)
        with time_machine.travel(start + dt.timedelta(minutes=12), tick=False):
            # Rung about since: a business request, an order of its own.
            business = self.clerk_call("business", "要办过户手续")
        self.assertNotEqual(business, fault)
        answer = self.report("no_power", "还是没有电")
        self.assertContains(answer, "已收到您的报告")
        self.assertContains(answer, fault.number)
        self.assertEqual(WorkOrder.objects.count(), 2)  # no third order
        call = Call.objects.filter(taken_by=None).get()
        self.assertEqual((call.work_order, call.is_repeat), (fault, True))
        # Recorded on the order: a repeat call, by the system.
        event = fault.events.get(kind=WorkOrderEvent.Kind.REPEAT_CALL)
        self.assertIsNone(event.by)
        self.assertIn("还是没有电", event.note)

    def test_a_danger_gets_the_advice_for_what_the_villager_names_and_the_phone(self) -> None:
        answer = self.report("danger", "电线断了掉在路上")
        self.assertContains(answer, 'data-testid="public-safety"')
        self.assertContains(answer, 'data-danger="line down or low"')
        with translation.override("zh-hans"):
            self.assertContains(answer, str(SAFETY_SCRIPTS["line down or low"]))
        self.assertContains(answer, 'href="tel:0878-5711095"', count=2)  # and the page's foot
        self.assertNotContains(answer, 'data-danger="arcing or sparks"')  # not the heading's

    def test_a_danger_chosen_with_nothing_written_gets_the_general_advice(self) -> None:
        answer = self.report("danger")
        self.assertContains(answer, 'data-danger="hazard"')
        with translation.override("zh-hans"):
            self.assertContains(answer, str(SAFETY_SCRIPTS["hazard"]))
        shown = answer.redirect_chain[-1][0]  # type: ignore[attr-defined]
        english = self.client.get(shown.replace("lang=zh-hans", "lang=en"))
        with translation.override("en"):
            self.assertContains(english, str(SAFETY_SCRIPTS["hazard"]))

    def test_no_power_gets_no_safety_advice(self) -> None:
        self.assertNotContains(self.report("no_power"), 'data-testid="public-safety"')
