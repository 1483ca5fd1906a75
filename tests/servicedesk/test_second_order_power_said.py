"""review61 L1 and L4: a call's second matter only when the power is off, and a retried call
keeps what it asked.

- L1: the service opened a fault repair order for any answered call (the API, also_fault_repair,
  a stale intake panel). Now only a note that tells the power off now opens one, or the
  opener's word that the caller said so (``power_off_said``), which the order's history
  records; anything else is refused with why (422 at the API, naming the flag to confirm).
- L4: a call sent again with its cti_call_id and also_fault_repair answered 200 with no fault
  order and no word. Now it answers what the first request did (the same call, the same fault
  order, the caller's open one named), or the call's second matter kept now, or 422 saying
  why the call logged cannot have one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from powerdesk.lib.language import station_language
from powerdesk.servicedesk.models import Call, WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.second_order import (
    PowerOffNotSaid,
    call_open_fault_order,
    fault_too_or_the_open_one,
    power_off_unsaid,
)
from tests.base import post_intake
from tests.servicedesk.test_call_second_order import SecondOrderCase
from tests.servicedesk.test_intake_second_matter import MIXED, NUMBER

BILL_ONLY = "电费卡里钱扣多了"  # nothing of the power


def station_said(words: Callable[[], str]) -> str:
    """A refusal as the API says it: in the station's language, whatever the client's."""
    with station_language():
        return words()


def faults() -> int:
    return WorkOrder.objects.filter(category="fault_repair").count()


class PowerOffNeededTests(SecondOrderCase):
    def test_a_note_that_tells_nothing_of_the_power_opens_none(self) -> None:
        call = self.billing_call(text=BILL_ONLY)
        with self.assertRaises(PowerOffNotSaid):
            call_open_fault_order(call=call, user=self.clerk)
        with self.assertRaises(PowerOffNotSaid):
            fault_too_or_the_open_one(call, self.clerk)
        self.assertEqual(faults(), 0)
        self.assertIsNone(Call.objects.get(pk=call.pk).fault_order_id)

    def test_nor_names_the_caller_s_open_fault_order(self) -> None:
        fault = call_open_fault_order(call=self.billing_call(), user=self.clerk).order
        later = self.billing_call(text=BILL_ONLY)  # rings again about the bill alone
        with self.assertRaises(PowerOffNotSaid):
            fault_too_or_the_open_one(later, self.clerk)
        self.assertFalse(fault.events.filter(note_code__startswith="second_matter_again"))

    def test_on_the_opener_s_word_it_is_opened_and_the_history_says_so(self) -> None:
        call = self.billing_call(text=BILL_ONLY)
        order, opened = call_open_fault_order(call=call, user=self.clerk, power_off_said=True)
        self.assertTrue(opened)
        line = order.events.get(kind=WorkOrderEvent.Kind.NOTE, note_code="second_matter_said")
        self.assertEqual(line.by, self.clerk)
        assert call.work_order is not None
        self.assertIn(call.work_order.number, line.note)
        with translation.override("en"):
            self.assertIn("the note does not say so", line.shown_note)
        # A note that tells it: the line says the note told it, word or not.
        told = call_open_fault_order(
            call=self.billing_call(caller_number="13700001111"), user=self.clerk
        ).order
        self.assertTrue(told.events.filter(note_code="second_matter_of").exists())


class ApiPowerOffTests(SecondOrderCase):
    def test_the_endpoint_refuses_and_is_confirmed(self) -> None:
        call = self.billing_call(text=BILL_ONLY)
        url = f"/api/v1/calls/{call.pk}/fault-order"
        refused = self.api(url)
        self.assertEqual(refused.status_code, 422, refused.content)
        body = refused.json()
        self.assertEqual((body["field"], body["confirm"]), ("call_id", "power_off_said"))
        self.assertEqual(body["detail"], station_said(power_off_unsaid))  # the station's words
        self.assertEqual(faults(), 0)
        opened = self.api(url, {"power_off_said": True})
        self.assertEqual(opened.status_code, 201, opened.content)
        order = WorkOrder.objects.get(pk=opened.json()["id"])
        self.assertTrue(order.events.filter(note_code="second_matter_said").exists())
        # Sent again without the flag (a retry): the order opened, nothing more.
        self.assertEqual(self.api(url).json()["id"], order.pk)
        self.assertEqual(faults(), 1)

    def test_a_body_left_out_is_taken_as_empty(self) -> None:
        call = self.billing_call()
        response = self.client.generic(
            "POST", f"/api/v1/calls/{call.pk}/fault-order", b"", HTTP_AUTHORIZATION=self.api_auth()
        )
        self.assertEqual(response.status_code, 201, response.content)

    def test_also_fault_repair_refuses_and_is_confirmed(self) -> None:
        sent = {
            "caller_number": NUMBER,
            "text": BILL_ONLY,
            "category": "billing",
            "also_fault_repair": True,
        }
        refused = self.api("/api/v1/calls", sent)
        self.assertEqual(refused.status_code, 422, refused.content)
        body = refused.json()
        self.assertEqual((body["field"], body["confirm"]), ("also_fault_repair", "power_off_said"))
        self.assertEqual(body["detail"], station_said(power_off_unsaid))
        self.assertFalse(Call.objects.exists())  # the whole call with it
        opened = self.api("/api/v1/calls", {**sent, "power_off_said": True})
        self.assertEqual(opened.status_code, 201, opened.content)
        fault = WorkOrder.objects.get(pk=opened.json()["fault_order_id"])
        self.assertTrue(fault.events.filter(note_code="second_matter_said").exists())


class PagesPowerOffTests(SecondOrderCase):
    def setUp(self) -> None:
        super().setUp()
        self.login(self.clerk)

    def said(self, response: Any) -> str:
        return " ".join(str(m) for m in get_messages(response.wsgi_request))

    def test_the_call_s_page_refuses_and_takes_the_clerk_s_word(self) -> None:
        call = self.billing_call(text=BILL_ONLY)
        page = reverse("servicedesk:call", args=[call.pk])
        shown = self.client.get(page)
        self.assertNotContains(shown, 'data-testid="open-fault-order"')
        self.assertContains(shown, 'data-testid="power-off-said"')
        url = reverse("servicedesk:call_fault_order", args=[call.pk])
        with translation.override("en"):
            refused = self.client.post(url, HTTP_ACCEPT_LANGUAGE="en")
        self.assertRedirects(refused, page, fetch_redirect_response=False)
        self.assertIn("does not say the power is off", self.said(refused))
        self.assertEqual(faults(), 0)
        opened = self.client.post(url, {"power_off_said": "1"})
        order = WorkOrder.objects.get(category="fault_repair")
        self.assertRedirects(opened, order.get_absolute_url(), fetch_redirect_response=False)
        self.assertTrue(order.events.filter(note_code="second_matter_said", by=self.clerk))
        self.assertNotContains(self.client.get(page), 'data-testid="power-off-said"')

    def test_a_stale_intake_panel_saves_nothing_and_says_why_at_the_note(self) -> None:
        # The one click pressed, then the note changed to the bill alone before saving.
        with translation.override("en"):
            response = post_intake(
                self.client,
                {"caller_number": NUMBER, "text": BILL_ONLY, "fault_too": "1"},
                HTTP_ACCEPT_LANGUAGE="en",
            )
        self.assertEqual(response.status_code, 200)
        errors = response.context["form"].errors
        self.assertIn("does not say the power is off", " ".join(errors.get("text", [])))
        self.assertFalse(Call.objects.exists())
        self.assertEqual(faults(), 0)


class CallSentAgainTests(SecondOrderCase):
    def call(self, **extra: Any) -> Any:
        body = {"caller_number": NUMBER, "text": MIXED, "category": "billing", **extra}
        return self.api("/api/v1/calls", body)

    def test_asked_again_with_also_fault_repair_the_call_gets_its_fault_order(self) -> None:
        first = self.call(cti_call_id="cti-1")  # logged without the second matter
        self.assertEqual(first.status_code, 201, first.content)
        self.assertIsNone(first.json()["fault_order_id"])
        again = self.call(cti_call_id="cti-1", also_fault_repair=True)
        self.assertEqual(again.status_code, 200, again.content)
        self.assertEqual(again.json()["id"], first.json()["id"])
        fault = WorkOrder.objects.get(category="fault_repair")
        self.assertEqual(again.json()["fault_order_id"], fault.pk)
        # Once more: the same answer, nothing more.
        third = self.call(cti_call_id="cti-1", also_fault_repair=True)
        self.assertEqual(third.json()["fault_order_id"], fault.pk)
        self.assertEqual((Call.objects.count(), faults()), (1, 1))

    def test_a_retry_names_the_caller_s_open_fault_order_again_once(self) -> None:
        fault = call_open_fault_order(call=self.billing_call(), user=self.clerk).order
        first = self.call(cti_call_id="cti-2", also_fault_repair=True)
        self.assertEqual(first.status_code, 201, first.content)
        self.assertIn(fault.number, first.json()["notice"])
        again = self.call(cti_call_id="cti-2", also_fault_repair=True)
        self.assertEqual(again.status_code, 200, again.content)
        self.assertEqual(again.json()["notice"], first.json()["notice"])
        self.assertIsNone(again.json()["fault_order_id"])
        self.assertEqual(fault.events.filter(note_code="second_matter_again").count(), 1)
        self.assertEqual(faults(), 1)

    def test_a_call_logged_missed_cannot_have_one_and_says_so(self) -> None:
        missed = self.api(
            "/api/v1/calls", {"caller_number": NUMBER, "status": "missed", "cti_call_id": "c3"}
        )
        self.assertEqual(missed.status_code, 201, missed.content)
        again = self.call(cti_call_id="c3", also_fault_repair=True)
        self.assertEqual(again.status_code, 422, again.content)
        self.assertEqual(again.json()["field"], "also_fault_repair")
        self.assertNotEqual(again.json()["detail"], station_said(power_off_unsaid))
        self.assertEqual(faults(), 0)
