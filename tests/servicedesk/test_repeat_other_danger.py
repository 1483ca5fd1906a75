"""A second call from the same caller about another danger opens its own order (walk51, F9):
every danger is of one category, so "变压器掉下来了" joined the order of "牛圈门口吊着一根电线" by
the save key alone. A repeat about the same danger, or one naming no kind, still joins; so does
a fault call its caller's fault order; a clerk who chooses the order still adds the call."""

from __future__ import annotations

import re

from django.core.cache import cache
from django.urls import reverse

from powerdesk.accounts.tokens import token_create
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import Call, WorkOrder
from tests.base import BaseTestCase
from tests.servicedesk.intake_page import NUMBER, action_choices, checked_actions

LINE = "牛圈门口吊着一根电线"
TRANSFORMER = "变压器掉下来了"


def _then_default(html: str) -> str:
    found = re.search(r'name="then_default" value="([^"]*)"', html)
    return found.group(1) if found else ""


class RepeatOfAnotherDangerTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.order = self.take(LINE)
        assert self.order is not None

    def take(self, text: str, *, category: str = "hazard", place: str = "") -> WorkOrder:
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number=NUMBER,
            text=text,
            category=category,
            place=place,
        )
        assert taken.work_order is not None
        return taken.work_order

    def test_another_danger_opens_its_own_order(self) -> None:
        second = self.take(TRANSFORMER)
        self.assertNotEqual(second.pk, self.order.pk)
        self.assertEqual(self.order.calls.count(), 1)

    def test_the_same_danger_again_joins(self) -> None:
        for text in ("牛圈门口那根电线还吊着，快来", "还没人来，快点"):
            with self.subTest(text):
                self.assertEqual(self.take(text).pk, self.order.pk)
        self.assertEqual(self.order.calls.filter(is_repeat=True).count(), 2)

    def test_the_same_danger_after_another_joins_the_order_of_its_danger(self) -> None:
        transformer = self.take(TRANSFORMER)
        self.assertEqual(self.take("牛圈门口那根电线还吊着").pk, self.order.pk)
        self.assertEqual(self.take("变压器掉下来了，还没人来").pk, transformer.pk)

    def test_the_same_danger_at_another_place_told_opens_its_own_order(self) -> None:
        first = self.take("电线掉下来了", place="牛圈门口")
        self.assertEqual(self.take("电线掉下来了", place="牛圈").pk, first.pk)
        self.assertNotEqual(self.take("电线掉下来了", place="村口大路边").pk, first.pk)

    def test_a_fault_call_still_joins_the_caller_s_fault_order(self) -> None:
        fault = self.take("家里停电了", category="fault_repair")
        self.assertEqual(self.take("还是没电", category="fault_repair").pk, fault.pk)

    def test_the_api_opens_its_own_order_too(self) -> None:
        cache.clear()
        _token, key = token_create(station_id=self.station_a.pk, name="county")
        response = self.client.post(
            "/api/v1/calls",
            {"text": TRANSFORMER, "category": "hazard", "caller_number": NUMBER},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {key}",
        )
        self.assertIn(response.status_code, (200, 201), response.content)
        call = Call.objects.latest("pk")
        self.assertIsNotNone(call.work_order_id)
        self.assertNotEqual(call.work_order_id, self.order.pk)


class IntakeOfAnotherDangerTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.order = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number=NUMBER,
            text=LINE,
            category="hazard",
        ).work_order
        assert self.order is not None
        self.login(self.clerk)
        page = self.client.get(reverse("servicedesk:intake"), {"number": NUMBER}, follow=True)
        self.form = page.context["form"]

    def panel(self, text: str) -> str:
        return self.client.post(
            reverse("servicedesk:caller"),
            {"caller_number": NUMBER, "text": text, "category": "hazard"},
            HTTP_ACCEPT_LANGUAGE="en",
        ).content.decode()

    def save(self, text: str, action: str, then_default: str) -> None:
        self.client.post(
            reverse("servicedesk:intake"),
            {
                "caller_number": self.form["caller_number"].value(),
                "form_token": self.form["form_token"].value(),
                "text": text,
                "category": "hazard",
                "action": action,
                "then_default": then_default,
            },
        )

    def test_the_order_is_offered_not_chosen_and_saving_opens_a_new_one(self) -> None:
        html = self.panel(TRANSFORMER)
        repeat = f"repeat:{self.order.pk}"
        self.assertIn(repeat, action_choices(html))  # asked: the clerk may still add it
        self.assertNotIn(repeat, checked_actions(html))
        self.assertIn('data-testid="join-repeat-other"', html)
        self.assertIn("a line down or low", html)  # what the order is about, said
        chosen = checked_actions(html)
        self.save(TRANSFORMER, chosen[-1] if chosen else "", _then_default(html))
        self.assertEqual(WorkOrder.objects.count(), 2)
        self.assertEqual(self.order.calls.count(), 1)

    def test_the_same_danger_is_chosen_and_joins(self) -> None:
        text = "牛圈门口那根电线还吊着"
        html = self.panel(text)
        repeat = f"repeat:{self.order.pk}"
        self.assertEqual(checked_actions(html)[-1], repeat)
        self.save(text, repeat, _then_default(html))
        self.assertEqual(WorkOrder.objects.count(), 1)
        self.assertEqual(self.order.calls.count(), 2)

    def test_a_note_typed_on_to_another_danger_after_the_choice_opens_a_new_one(self) -> None:
        # Drawn while the note said a line; saved (Ctrl+Enter) once it told a transformer fallen.
        html = self.panel("电线吊着")
        repeat = f"repeat:{self.order.pk}"
        self.assertEqual(_then_default(html), repeat)
        self.save(TRANSFORMER, repeat, repeat)
        self.assertEqual(WorkOrder.objects.count(), 2)

    def test_the_clerk_who_chooses_the_order_adds_the_call(self) -> None:
        html = self.panel(TRANSFORMER)
        self.save(TRANSFORMER, f"repeat:{self.order.pk}", _then_default(html))
        self.assertEqual(WorkOrder.objects.count(), 1)
        self.assertEqual(self.order.calls.count(), 2)
