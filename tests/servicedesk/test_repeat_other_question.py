"""A caller's second, different question a minute after the first opens its own order (walk74
finding 8): "想问一下电表什么时候换" joined the order of "想问一下电费发票…" (both business) as a
repeat call, with no order of its own. The same question again still joins; the clerk is told
of the caller's other open order, with its link; a fault call still joins the fault order."""

from __future__ import annotations

import re

from django.contrib.messages import get_messages
from django.urls import reverse

from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import WorkOrder
from tests.base import BaseTestCase
from tests.servicedesk.intake_page import NUMBER, action_choices, checked_actions

INVOICE = "想问一下电费发票什么时候能开"
METER = "想问一下电表什么时候换"


def _then_default(html: str) -> str:
    found = re.search(r'name="then_default" value="([^"]*)"', html)
    return found.group(1) if found else ""


class AnotherQuestionTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.order = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number=NUMBER,
            text=INVOICE,
            category="business",
            open_order=True,
        ).work_order
        assert self.order is not None

    def test_another_question_opens_its_own_order_the_same_one_joins(self) -> None:
        meter = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number=NUMBER,
            text=METER,
            category="business",
        )
        assert meter.work_order is not None
        self.assertNotEqual(meter.work_order.pk, self.order.pk)
        self.assertFalse(meter.repeat)
        again = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number=NUMBER,
            text="电费发票开好了没有",
            category="business",
        )
        self.assertEqual((again.work_order, again.repeat), (self.order, True))

    def test_intake_offers_the_order_unchosen_saves_a_new_one_and_names_the_other(self) -> None:
        self.login(self.clerk)
        page = self.client.get(reverse("servicedesk:intake"), {"number": NUMBER}, follow=True)
        form = page.context["form"]
        html = self.client.post(
            reverse("servicedesk:caller"),
            {"caller_number": NUMBER, "text": METER, "category": "business"},
        ).content.decode()
        repeat = f"repeat:{self.order.pk}"
        self.assertIn(repeat, action_choices(html))
        self.assertNotIn(repeat, checked_actions(html))
        self.assertIn('data-testid="join-repeat-other"', html)
        chosen = checked_actions(html)
        saved = self.client.post(
            reverse("servicedesk:intake"),
            {
                "caller_number": form["caller_number"].value(),
                "form_token": form["form_token"].value(),
                "text": METER,
                "category": "business",
                "action": chosen[-1] if chosen else "",
                "then_default": _then_default(html),
            },
        )
        self.assertEqual(WorkOrder.objects.count(), 2)
        self.assertEqual(self.order.calls.count(), 1)
        said = " ".join(str(m) for m in get_messages(saved.wsgi_request))
        self.assertIn(f'href="{self.order.get_absolute_url()}"', said)

    def test_the_same_question_is_chosen_at_intake(self) -> None:
        self.login(self.clerk)
        html = self.client.post(
            reverse("servicedesk:caller"),
            {"caller_number": NUMBER, "text": "电费发票开好了没有", "category": "business"},
        ).content.decode()
        self.assertEqual(checked_actions(html)[-1], f"repeat:{self.order.pk}")
