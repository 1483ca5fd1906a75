"""Sending a crew from an order's page says so, as the outage board does (walkthrough 34,
finding 6: the page came back without a word)."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase


class OrderDispatchSaidTests(BaseTestCase):
    def test_sending_a_crew_from_the_order_s_page_says_which_crew_and_order(self) -> None:
        order = work_order_create(
            station=self.station_a, user=self.clerk, category="fault_repair", summary="停电"
        )
        self.login(self.chief)
        self.client.cookies["django_language"] = "en"
        response = self.client.post(
            reverse("servicedesk:work_order_action", args=[order.pk]),
            {"action": "dispatch", "crew": str(self.crew.pk)},
            follow=True,
        )
        said = [str(m) for m in response.context["messages"]]
        # (The test's crew has no phone: the page also says it was not texted.)
        self.assertEqual(said[0], f"{self.crew.name} is sent to work order {order.number}.")
        self.assertEqual(WorkOrder.objects.get(pk=order.pk).crew, self.crew)
