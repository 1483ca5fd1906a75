"""A crew on its way could not be called back (fix54c, 1): on the way led only to on site. A
dispatcher diverts a crew on its way to a more urgent job: the order goes back to waiting for a
crew, the crew's phone drops it, the crew is told and the history says who; page, service and
API alike. Not once the crew is on site: it is working there."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.accounts.permissions import NotAllowed
from powerdesk.servicedesk.crew_jobs import crew_jobs_for
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import Category, Notification, WorkOrderEvent, WorkOrderStatus
from powerdesk.servicedesk.services import (
    work_order_create,
    work_order_dispatch,
    work_order_transition,
)
from powerdesk.servicedesk.workflow import WorkOrderError, order_actions
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews

S = WorkOrderStatus


class RecallOnTheWayTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category=Category.FAULT_REPAIR,
            summary="表箱没电",
            customer=self.customer,
        )
        work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
        crew_step_take(work_order=order, step="on_the_way", user=self.member, fields={})
        order.refresh_from_db()
        self.assertEqual(order.status, S.ON_THE_WAY)
        self.order = order

    def steps(self, user: object) -> list[str]:
        return [s.status for s in order_actions(self.order, user)["steps"]]  # type: ignore[arg-type,attr-defined]

    def test_the_service_calls_back_a_crew_on_its_way(self) -> None:
        self.assertIn(S.RECEIVED, self.steps(self.chief))
        self.assertEqual(len(crew_jobs_for(self.member, self.station_a)), 1)
        order = work_order_transition(work_order=self.order, to_status=S.RECEIVED, user=self.chief)
        self.assertEqual((order.status, order.crew), (S.RECEIVED, None))
        # The crew's phone drops the job; its members are told; the history says who.
        self.assertEqual(crew_jobs_for(self.member, self.station_a), [])
        told = Notification.objects.filter(recipient=self.member, kind="crew_taken_off")
        self.assertEqual([n.work_order for n in told], [order])
        line = WorkOrderEvent.objects.filter(work_order=order, to_status=S.RECEIVED).latest("pk")
        self.assertEqual((line.from_status, line.by), (S.ON_THE_WAY, self.chief))
        self.assertIn(self.crew.name, line.note)
        # Waiting for a crew again: it can be dispatched anew.
        self.assertTrue(order_actions(order, self.chief)["dispatch"])

    def test_the_crew_itself_does_not_call_itself_back(self) -> None:
        self.assertNotIn(S.RECEIVED, self.steps(self.member))
        with self.assertRaises(NotAllowed):
            work_order_transition(work_order=self.order, to_status=S.RECEIVED, user=self.member)

    def test_not_once_the_crew_is_on_site(self) -> None:
        crew_step_take(work_order=self.order, step="on_site", user=self.member, fields={})
        self.order.refresh_from_db()
        self.assertNotIn(S.RECEIVED, self.steps(self.chief))
        with self.assertRaises(WorkOrderError):
            work_order_transition(work_order=self.order, to_status=S.RECEIVED, user=self.chief)
        self.order.refresh_from_db()
        self.assertEqual((self.order.status, self.order.crew), (S.ON_SITE, self.crew))

    def test_the_page_offers_it_and_takes_it(self) -> None:
        self.login(self.chief)
        page = self.client.get(self.order.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, f'<input type="hidden" name="to" value="{S.RECEIVED}">')
        self.client.post(
            reverse("servicedesk:work_order_action", args=[self.order.pk]),
            {"action": "status", "to": S.RECEIVED},
        )
        self.order.refresh_from_db()
        self.assertEqual((self.order.status, self.order.crew), (S.RECEIVED, None))

    def test_the_api_takes_it(self) -> None:
        from powerdesk.accounts.tokens import token_create

        _, key = token_create(station_id=self.station_a.pk, name="county")
        response = self.client.post(
            f"/api/v1/work-orders/{self.order.pk}/transition",
            {"to": "received"},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {key}",
        )
        self.assertEqual(response.status_code, 200, response.content)
        self.order.refresh_from_db()
        self.assertEqual((self.order.status, self.order.crew), (S.RECEIVED, None))
