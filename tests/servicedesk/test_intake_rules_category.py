"""Intake while no call classifier is loaded (the first start, or after an upgrade until the task
worker has trained one): what the rules can tell is chosen for the clerk. A danger the rules
hear is a hazard call, a household under an outage calls about a fault, and "log only" needs no
category; the select never offers "as suggested" when nothing is suggested."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import translation

from powerdesk.outages.models import OutageLink
from powerdesk.servicedesk.forms import CHOOSE_CATEGORY
from powerdesk.servicedesk.models import Call, WorkOrder
from tests.base import BaseTestCase, post_intake
from tests.outage_cast import fault_declare
from tests.servicedesk.model_store import no_model_stored

NUMBER = "0878-1234567"  # the customer's, below the fuse
DANGER = "路边电线断了掉在地上，还在冒火花"


class NoModelIntakeTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.enterContext(no_model_stored())
        self.login(self.clerk)

    def intake(self, number: str = "0878-7654321", **data: str) -> Any:
        return post_intake(self.client, {"caller_number": number, "action": "", **data})

    def suggested(self, text: str, number: str = "") -> str:
        return self.client.post(
            reverse("servicedesk:suggest"), {"text": text, "caller_number": number}
        ).content.decode()

    def test_the_select_asks_for_a_category_instead_of_offering_the_suggestion(self) -> None:
        page = self.client.get(reverse("servicedesk:intake")).content.decode()
        first = page.split('name="category"')[1].split("</option>")[0]
        with translation.override("zh-hans"):
            self.assertIn(str(CHOOSE_CATEGORY), first)  # 请选择类别
        self.assertNotIn("按建议", first)

    def test_a_danger_the_rules_hear_is_taken_as_a_hazard_call(self) -> None:
        shown = self.suggested(DANGER)
        self.assertIn('data-rules-category="hazard"', shown)
        self.assertIn("安全隐患", shown)  # said as chosen, not asked for
        # Saved as the page left it, the place given: a hazard order, urgent.
        self.intake(text=DANGER, place="村口小卖部旁边")
        call = Call.objects.get()
        self.assertEqual(call.category, "hazard")
        self.assertTrue(call.urgent)
        order = WorkOrder.objects.get()
        self.assertEqual((order.category, order.urgent), ("hazard", True))
        self.assertEqual(call.work_order, order)

    def test_log_only_with_no_category_is_accepted(self) -> None:
        response = self.intake(text="问一下营业厅几点下班", action="log")
        self.assertEqual(response.status_code, 302)
        call = Call.objects.get()
        self.assertEqual(call.category, "")
        self.assertFalse(call.needs_order)  # logged only: no work for the desk
        self.assertFalse(WorkOrder.objects.exists())

    def test_a_household_under_an_outage_calls_about_a_fault(self) -> None:
        outage = fault_declare(self, self.fuse, began=30)
        shown = self.suggested("家里没电了", NUMBER)
        self.assertIn('data-rules-category="fault_repair"', shown)
        # The "Then" choices are drawn for a fault call: joining the outage is chosen.
        then = self.client.post(
            reverse("servicedesk:caller"), {"caller_number": NUMBER, "text": "家里没电了"}
        ).content.decode()
        self.assertIn(f'value="outage:{outage.pk}" data-testid="join-outage" checked', then)
        self.intake(number=NUMBER, text="家里没电了", action=f"outage:{outage.pk}")
        call = Call.objects.get()
        self.assertEqual(call.category, "fault_repair")
        self.assertTrue(OutageLink.objects.filter(outage=outage, order=call.work_order).exists())

    def test_a_household_under_an_outage_saying_it_has_power_is_no_fault_call(self) -> None:
        """walk39, 1: "我家有电，问电费" was preselected 故障报修 and joined to the outage."""
        outage = fault_declare(self, self.fuse, began=30)
        text = "我家有电，问电费"
        self.assertIn('data-rules-category="billing"', self.suggested(text, NUMBER))
        self.assertIn('data-rules-category=""', self.suggested("我家有电了", NUMBER))
        then = self.client.post(
            reverse("servicedesk:caller"), {"caller_number": NUMBER, "text": text}
        ).content.decode()
        self.assertNotIn(f'value="outage:{outage.pk}" data-testid="join-outage" checked', then)
        # Saved as the page leaves it (nothing chosen), or with the outage still chosen.
        for action in ("", f"outage:{outage.pk}"):
            with self.subTest(action=action):
                self.intake(number=NUMBER, text=text, action=action)
                call = Call.objects.latest("pk")
                self.assertEqual(call.category, "billing")
                self.assertFalse(OutageLink.objects.filter(work_orders__calls=call).exists())

    def test_an_english_note_of_power_is_no_test_call(self) -> None:
        """walk40, 7: "the power is back now" from a caller under an outage was suggested "not a
        request: a test call, a wrong number or nothing said", as was any short English note (its
        letters taken for letters struck at random)."""
        fault_declare(self, self.fuse, began=30)
        shown = self.suggested("the power is back now", NUMBER)
        self.assertNotIn('data-category="other"', shown)
        # As for "我家有电了": no category suggested yet, none chosen by the rules.
        self.assertIn('data-testid="no-suggestion"', shown)
        self.assertIn('data-rules-category=""', shown)
        self.assertIn('data-power-on="1"', shown)
        # A caller under the outage without power calls about the fault.
        shown = self.suggested("no power since 3pm", NUMBER)
        self.assertIn('data-rules-category="fault_repair"', shown)
        for note in ("we have power now", "lights out"):
            with self.subTest(note):
                shown = self.suggested(note)
                self.assertNotIn('data-category="other"', shown)
                self.assertIn('data-testid="no-suggestion"', shown)
        # A test call said in English is one all the same.
        for note in ("test call", "sorry, wrong number", "hello hello", "asdf"):
            with self.subTest(note):
                self.assertIn('data-category="other"', self.suggested(note))

    def test_an_english_danger_is_a_hazard_call_urgent_with_its_advice(self) -> None:
        """walk42, 8: "line down near school, sparks" was no junk, but neither urgent nor given
        the advice for a line down: the rules read dangers in Chinese only."""
        note = "line down near school, sparks"
        shown = self.suggested(note)
        self.assertIn('data-rules-category="hazard"', shown)
        self.assertIn('data-testid="safety-script"', shown)
        self.assertIn('data-danger="line down or low"', shown)
        self.assertIn('data-danger="arcing or sparks"', shown)
        self.intake(text=note, place="near the school gate")
        call = Call.objects.get()
        self.assertEqual(call.category, "hazard")
        self.assertTrue(call.urgent)
        self.assertEqual(
            (WorkOrder.objects.get().category, WorkOrder.objects.get().urgent), ("hazard", True)
        )

    def test_under_an_outage_a_note_of_no_power_trouble_is_chosen_as_without_it(self) -> None:
        """walk42, 9: under an outage the rules chose 故障报修 for "用制氧机的老人已经走了" and for
        "asdfgh qwerty", so Ctrl+Enter would join a bereaved family's call, or keyboard noise, to
        the outage; with no outage nothing was chosen."""
        outage = fault_declare(self, self.fuse, began=30)
        joined = f'value="outage:{outage.pk}" data-testid="join-outage" checked'
        for note in ("用制氧机的老人已经走了", "asdfgh qwerty", "我想问一下低保的事"):
            with self.subTest(note):
                self.assertNotIn('data-rules-category="fault_repair"', self.suggested(note, NUMBER))
                # As with no outage above the caller.
                self.assertEqual(
                    self.suggested(note, NUMBER).count("data-rules-category="),
                    self.suggested(note).count("data-rules-category="),
                )
                then = self.client.post(
                    reverse("servicedesk:caller"), {"caller_number": NUMBER, "text": note}
                ).content.decode()
                self.assertNotIn(joined, then)
        # Saved as the page leaves it: not joined to the outage (the death note asks the clerk
        # for a category).
        self.intake(number=NUMBER, text="asdfgh qwerty", action="")
        self.assertFalse(OutageLink.objects.exists())
        self.assertNotEqual(Call.objects.get().category, "fault_repair")
        response = self.intake(number=NUMBER, text="用制氧机的老人已经走了", action="")
        self.assertEqual(response.status_code, 200)  # the form asks for a category
        self.assertEqual(Call.objects.count(), 1)
        self.assertFalse(OutageLink.objects.exists())
        # Power trouble told, said in dialect or in English, still calls about the fault.
        for note in ("屋里黑了", "啥时候来电", "老人走了，家里又停电了", "no power since 3pm"):
            with self.subTest(note):
                self.assertIn('data-rules-category="fault_repair"', self.suggested(note, NUMBER))
