"""At intake, the caller's own open order names its crew, as a neighbour's order does
(walk37, 16)."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.servicedesk.services import work_order_create, work_order_dispatch
from tests.base import BaseTestCase


class OwnOrderCrewTests(BaseTestCase):
    def test_the_caller_s_own_order_is_listed_with_its_crew(self) -> None:
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="business",
            summary="电表移位",
            customer=self.customer,
        )
        work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
        self.login(self.clerk)
        panel = self.client.post(
            reverse("servicedesk:caller"), {"caller_number": "13812345678"}
        ).content.decode()
        start = panel.index('data-testid="own-open-order"')
        line = panel[start : panel.index("</li>", start)]
        self.assertIn(order.number, line)
        self.assertIn(self.crew.name, line)
