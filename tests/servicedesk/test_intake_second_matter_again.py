"""walk61 M4 and L5, and fix61c's left refusal: a note that tells the power off beside a bill
("电费卡里钱扣多了，灯也不亮") under an outage.

- M4: intake's "Known now" said "The outage this call joins" while "Then" took the call as
  billing, which joins nothing: the outage is said by what would join it and what does not.
- L5: a billing call kept alone, the caller's fault order open, was told to open a fault order
  from the call: the open order is named instead.
- A caller ringing again with the same two things, the one click pressed, had the whole save
  refused: the call is saved as billing, no second fault order, the open one named to the clerk
  and a line of its history naming the call (the API's also_fault_repair: logged, the open
  order named in notice)."""

from __future__ import annotations

from typing import Any

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from powerdesk.servicedesk.models import Call, WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.second_order import call_open_fault_order
from tests.base import post_intake
from tests.outage_cast import neighbour_joins
from tests.servicedesk.test_call_second_order import SecondOrderCase
from tests.servicedesk.test_intake_second_matter import MIXED, NUMBER

JOINS = "The outage this call joins"


class KnownNowSaysWhatJoinsTests(SecondOrderCase):
    def setUp(self) -> None:
        super().setUp()
        self.outage = self.declare()
        # A neighbour's fault call has opened the outage's job: listed under "Known now".
        self.job = neighbour_joins(self, self.outage, "家里没电了")
        self.login(self.clerk)

    def known_now(self, **sent: str) -> str:
        with translation.override("en"):
            html = self.client.post(
                reverse("servicedesk:caller"),
                {"caller_number": NUMBER, **sent},
                HTTP_ACCEPT_LANGUAGE="en",
            ).content.decode()
        lines = [p.split("</li>")[0] for p in html.split('data-testid="area-order">')[1:]]
        return next(line for line in lines if self.job.number in line)

    def test_billing_with_the_lights_out_says_what_joins_and_what_does_not(self) -> None:
        line = self.known_now(text=MIXED)  # suggested billing, sure of it
        self.assertFalse(line.startswith(JOINS), line)
        self.assertIn("fault repair", line.lower())  # taken as it, or with its order too
        self.assertIn("alone it does not", line)

    def test_billing_chosen_by_hand_says_the_same(self) -> None:
        line = self.known_now(text=MIXED, category="billing")
        self.assertIn("alone it does not", line)

    def test_a_bill_alone_does_not_join(self) -> None:
        line = self.known_now(text="电费卡里钱扣多了", category="billing")
        self.assertIn("does not join it", line)

    def test_taken_as_fault_repair_it_joins(self) -> None:
        self.assertTrue(self.known_now(text=MIXED, category="fault_repair").startswith(JOINS))
        self.assertTrue(self.known_now().startswith(JOINS))  # no note yet: as before


class OpenFaultOrderNamedTests(SecondOrderCase):
    def setUp(self) -> None:
        super().setUp()
        self.outage = self.declare()
        first = self.billing_call()
        self.fault = call_open_fault_order(call=first, user=self.clerk).order
        self.login(self.clerk)

    def said(self, response: Any) -> str:
        return " ".join(str(m) for m in get_messages(response.wsgi_request))

    def test_billing_kept_alone_names_the_open_fault_order(self) -> None:
        # walk61 L5: the top-two choice's billing, saved alone.
        with translation.override("en"):
            response = post_intake(
                self.client,
                {"caller_number": NUMBER, "text": MIXED, "category": "billing"},
                HTTP_ACCEPT_LANGUAGE="en",
            )
        said = self.said(response)
        self.assertIn(self.fault.number, said)
        self.assertNotIn("open a", said.split(self.fault.number)[0][-200:])
        self.assertNotIn("from the call", said)

    def test_billing_with_an_order_of_its_own_names_it_too(self) -> None:
        # Added to the caller's billing order as a repeat call, or a new billing order: the
        # redirect to the order said nothing of the power off.
        first = Call.objects.get()
        for action in (f"repeat:{first.work_order_id}", "new"):
            with self.subTest(action), translation.override("en"):
                response = post_intake(
                    self.client,
                    {
                        "caller_number": NUMBER,
                        "text": MIXED,
                        "category": "billing",
                        "action": action,
                    },
                    HTTP_ACCEPT_LANGUAGE="en",
                )
                self.assertEqual(response.status_code, 302)
                self.assertIn(self.fault.number, self.said(response))

    def test_the_one_click_again_saves_billing_and_names_the_open_order(self) -> None:
        with translation.override("en"):
            response = post_intake(
                self.client,
                {"caller_number": NUMBER, "text": MIXED, "fault_too": "1"},
                HTTP_ACCEPT_LANGUAGE="en",
            )
        self.assertEqual(response.status_code, 302)
        call = Call.objects.latest("pk")
        self.assertEqual(call.category, "billing")
        self.assertIsNone(call.fault_order_id)
        assert call.work_order is not None
        self.assertEqual(call.work_order.category, "billing")
        self.assertEqual(WorkOrder.objects.filter(category="fault_repair").count(), 1)
        self.assertIn(self.fault.number, self.said(response))
        line = self.fault.events.get(note_code="second_matter_again")
        self.assertEqual((line.kind, line.by), (WorkOrderEvent.Kind.NOTE, self.clerk))
        self.assertIn(call.work_order.number, line.note)

    def test_the_api_logs_the_call_and_names_the_open_order(self) -> None:
        response = self.api(
            "/api/v1/calls",
            {
                "caller_number": NUMBER,
                "text": MIXED,
                "category": "billing",
                "also_fault_repair": True,
            },
        )
        self.assertEqual(response.status_code, 201, response.content)
        answer = response.json()
        self.assertIsNone(answer["fault_order_id"])
        self.assertIn(self.fault.number, answer["notice"])
        self.assertEqual(WorkOrder.objects.filter(category="fault_repair").count(), 1)
        self.assertTrue(self.fault.events.filter(note_code="second_matter_again").exists())
