"""After an action on a work order the page goes back where the form came from, but only to a
page of this site (probe28: ``next=/\\evil.example`` passed a "starts with /" check; browsers
read ``/\\`` as ``//``, another site)."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase


class OrderActionNextTests(BaseTestCase):
    def test_back_to_a_page_of_the_site_never_to_another_site(self) -> None:
        order = work_order_create(
            station=self.station_a, user=self.clerk, category="consultation", summary="问电价"
        )
        self.login(self.clerk)
        url = reverse("servicedesk:work_order_action", args=[order.pk])
        for target, expected in [
            (reverse("servicedesk:work_orders") + "?status=open", None),
            ("/\\evil.example/", order.get_absolute_url()),
            ("//evil.example/", order.get_absolute_url()),
            ("https://evil.example/", order.get_absolute_url()),
            ("", order.get_absolute_url()),
        ]:
            with self.subTest(target=target):
                response = self.client.post(
                    url, {"action": "note", "note": "已答复", "next": target}
                )
                self.assertEqual(response.status_code, 302)
                self.assertEqual(response["Location"], expected or target)
