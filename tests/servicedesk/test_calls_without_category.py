"""No caller left unanswered while no call classifier is loaded (the first minutes after a start
or an upgrade): a call that comes with no category and nobody to choose one (the API, a text
message) is kept for the desk, who choose its category as they open its order; an urgent one
reaches the dispatchers at once. And an urgent fault call the administrator takes below a
predicted outage goes to the desk at once too, instead of waiting for the outage."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.accounts.models import Role
from powerdesk.accounts.tokens import token_create
from powerdesk.outages.models import Outage
from powerdesk.servicedesk.models import Call, Notification, WorkOrder
from tests.base import BaseTestCase, make_user, post_intake
from tests.servicedesk.intake_page import predict_outage
from tests.servicedesk.model_store import no_model_stored


class NoModelLoadedTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.enterContext(no_model_stored())
        self.dispatcher = make_user("dispatcher", self.station_a, Role.DISPATCHER)
        _, key = token_create(station_id=self.station_a.pk, name="county")
        self.auth = {"HTTP_AUTHORIZATION": f"Token {key}"}

    def post_call(self, text: str) -> Call:
        response = self.client.post(
            "/api/v1/calls",
            {"caller_number": "0878-1234567", "text": text},
            content_type="application/json",
            **self.auth,
        )
        self.assertIn(response.status_code, (200, 201), response.content)
        return Call.objects.get(pk=response.json()["id"])

    def test_an_api_call_with_no_category_waits_for_the_desk_and_a_danger_is_told(self) -> None:
        call = self.post_call("村口电线断了掉在路上，还在冒火花")
        self.assertEqual(call.category, "")
        self.assertTrue(call.urgent)  # the rules heard the line down
        self.assertTrue(call.needs_order)
        self.assertIsNone(call.work_order_id)
        self.assertEqual(
            Notification.objects.filter(recipient=self.dispatcher, kind="urgent_call").count(), 1
        )
        # The desk finds it, chooses its category and opens its order.
        self.login(self.clerk)
        self.assertContains(self.client.get(reverse("servicedesk:calls")), "待开工单")
        page = self.client.get(reverse("servicedesk:call", args=[call.pk]))
        self.assertContains(page, 'data-testid="order-category"')
        refused = self.client.post(reverse("servicedesk:call_order", args=[call.pk]), follow=True)
        self.assertFalse(WorkOrder.objects.exists())
        self.assertContains(refused, "工单")
        self.client.post(reverse("servicedesk:call_order", args=[call.pk]), {"category": "hazard"})
        call.refresh_from_db()
        self.assertEqual(call.category, "hazard")
        self.assertFalse(call.needs_order)
        order = WorkOrder.objects.get()
        self.assertEqual(call.work_order, order)
        self.assertTrue(order.urgent)

    def test_a_calm_api_call_with_no_category_waits_too_and_tells_nobody(self) -> None:
        call = self.post_call("我想问一下电费怎么交")
        self.assertTrue(call.needs_order)
        self.assertFalse(call.urgent)
        self.assertFalse(Notification.objects.filter(kind="urgent_call").exists())


class UrgentCallBelowAPredictionTests(BaseTestCase):
    def test_the_administrator_s_urgent_fault_call_goes_to_the_desk_at_once(self) -> None:
        predict_outage(self.station_a, self.fuse)
        admin = make_user("admin", self.station_a, Role.ADMIN)
        dispatcher = make_user("dispatcher", self.station_a, Role.DISPATCHER)
        self.login(admin)
        post_intake(
            self.client,
            {
                "caller_number": "0878-1234567",
                "text": "家里停电了，老人在用制氧机，快来",
                "category": "fault_repair",
                "action": f"predicted:{self.fuse.pk}",
            },
        )
        call = Call.objects.get()
        self.assertTrue(call.urgent)
        self.assertIsNone(call.awaits_outage_on)
        self.assertTrue(call.needs_order)
        self.assertFalse(Outage.objects.exists())
        self.assertEqual(
            Notification.objects.filter(recipient=dispatcher, kind="urgent_call").count(), 1
        )
