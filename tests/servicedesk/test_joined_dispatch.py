"""A work order joined to an outage gets the outage's crew, sent from the outage for all its
orders at once: its own page points to the outage (its order and crew) instead of offering a
crew, and the service refuses a dispatch of the order on its own, page or API."""

from __future__ import annotations

from django.contrib.messages import get_messages
from django.urls import reverse

from powerdesk.accounts.tokens import token_create
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import Outage, OutageLink
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.services import WorkOrderError, work_order_dispatch
from tests.base import BaseTestCase, zh
from tests.outage_cast import joined_outage

NUMBER = "0878-1234567"  # 普光荣's, below the fuse


class JoinedDispatchTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.separate, self.outage, self.order = joined_outage(self)
        self.assertNotEqual(self.separate, self.order)
        self.assertEqual(OutageLink.objects.get(outage=self.outage).order, self.order)
        self.login(self.clerk)

    def refused(self, order: WorkOrder) -> str:
        return zh(
            "Work order %(number)s is joined to the outage on %(device)s: its crew is sent from "
            "the outage (the outage board), with every order joined to it, not from this order."
        ) % {"number": order.number, "device": self.fuse}

    def test_the_order_s_page_points_to_the_outage_instead_of_offering_a_crew(self) -> None:
        for order in (self.separate, self.order):
            with self.subTest(order=order.number):
                html = self.client.get(order.get_absolute_url()).content.decode()
                self.assertIn('data-testid="joined-outage"', html)
                self.assertIn(f'#board-outage-{self.outage.pk}" data-testid="go-to-outage"', html)
                self.assertNotIn('name="action" value="dispatch"', html)
        html = self.client.get(self.separate.get_absolute_url()).content.decode()
        self.assertIn(f'data-testid="outage-order">{self.order.number}<', html)
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        html = self.client.get(self.separate.get_absolute_url()).content.decode()
        self.assertIn(f'data-testid="outage-crew">{self.crew.name}<', html)

    def test_a_dispatch_from_the_order_s_page_is_refused_with_where_to_send_it_from(
        self,
    ) -> None:
        response = self.client.post(
            reverse("servicedesk:work_order_action", args=[self.separate.pk]),
            {"action": "dispatch", "crew": str(self.crew.pk)},
        )
        said = [str(m) for m in get_messages(response.wsgi_request)]
        self.assertEqual(said, [self.refused(self.separate)])
        self.separate.refresh_from_db()
        self.assertEqual((self.separate.crew, self.separate.status), (None, "received"))

    def test_the_service_and_the_api_refuse_it_too(self) -> None:
        with self.assertRaisesMessage(WorkOrderError, self.refused(self.order)):
            work_order_dispatch(work_order=self.order, crew=self.crew, user=self.chief)
        _token, key = token_create(station_id=self.station_a.pk, name="county")
        response = self.client.post(
            f"/api/v1/work-orders/{self.order.pk}/dispatch",
            {"crew": self.crew.name},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {key}",
        )
        self.assertEqual(response.status_code, 409, response.content)
        self.order.refresh_from_db()
        self.assertIsNone(self.order.crew)

    def test_the_outage_s_dispatch_sends_its_crew_to_every_joined_order(self) -> None:
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        for order in (self.separate, self.order):
            order.refresh_from_db()
            self.assertEqual((order.crew, order.status), (self.crew, "dispatched"))

    def test_after_the_restore_an_open_order_is_dispatched_on_its_own(self) -> None:
        self.outage.status = Outage.Status.RESTORED
        self.outage.save(update_fields=["status"])
        work_order_dispatch(work_order=self.separate, crew=self.crew, user=self.chief)
        self.separate.refresh_from_db()
        self.assertEqual(self.separate.crew, self.crew)
        html = self.client.get(self.separate.get_absolute_url()).content.decode()
        self.assertNotIn('data-testid="joined-outage"', html)
