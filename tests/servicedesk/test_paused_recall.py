"""A paused order's page hid every step while the service still let its crew be called back.
A station calls a crew back from a job that waits (the customer away, a part to come) to send it
elsewhere: the page offers "Call the crew back" on a paused dispatched order, its only step, as
the service allows (one rule, ``step_problems``); the crew's other steps wait for the resume."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.servicedesk.models import WorkOrderStatus
from powerdesk.servicedesk.order_field import work_order_pause
from powerdesk.servicedesk.services import work_order_create, work_order_dispatch
from powerdesk.servicedesk.workflow import WorkOrderError, order_actions
from tests.base import BaseTestCase

S = WorkOrderStatus


class PausedRecallTests(BaseTestCase):
    def setUp(self) -> None:
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="fault_repair",
            summary="家里没电了，户主外出",
            customer=self.customer,
        )
        order = work_order_dispatch(work_order=order, crew=self.crew, user=self.clerk)
        self.order = work_order_pause(
            work_order=order, reason="户主外出，明天回来", user=self.clerk
        )

    def steps(self) -> list[str]:
        return [step.status for step in order_actions(self.order, self.clerk)["steps"]]  # type: ignore[attr-defined]

    def test_a_paused_order_offers_calling_its_crew_back_and_nothing_else(self) -> None:
        self.assertTrue(self.order.is_paused)
        self.assertEqual(self.steps(), [S.RECEIVED])

    def test_the_service_calls_the_crew_back_as_offered(self) -> None:
        from powerdesk.servicedesk.services import work_order_transition

        with self.assertRaises(WorkOrderError):
            work_order_transition(work_order=self.order, to_status=S.ON_THE_WAY, user=self.clerk)
        order = work_order_transition(work_order=self.order, to_status=S.RECEIVED, user=self.clerk)
        self.assertEqual((order.status, order.crew), (S.RECEIVED, None))
        self.assertTrue(order.is_paused)  # the clock stays paused until resumed
        self.assertTrue(order.events.filter(kind="status", to_status=S.RECEIVED).exists())
        self.order = order
        self.assertEqual(self.steps(), [])  # nothing left to do but resume

    def test_the_page_shows_the_recall_and_it_is_taken(self) -> None:
        self.login(self.clerk)
        page = self.client.get(self.order.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, f'<input type="hidden" name="to" value="{S.RECEIVED}">')
        self.assertContains(page, 'data-testid="paused-said"')
        self.assertNotContains(page, f'<input type="hidden" name="to" value="{S.ON_THE_WAY}">')
        self.client.post(
            reverse("servicedesk:work_order_action", args=[self.order.pk]),
            {"action": "status", "to": S.RECEIVED},
        )
        self.order.refresh_from_db()
        self.assertEqual((self.order.status, self.order.crew), (S.RECEIVED, None))
