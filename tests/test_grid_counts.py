"""The grid page's line counts (walkthrough 33, finding 1): a line's transformer areas, fuses
and poles counted once each, not once per customer below them."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.customers.models import Customer
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.network.selectors import feeders_listed
from tests.base import BaseTestCase


class LineCountsTests(BaseTestCase):
    def test_each_line_counts_its_areas_and_its_customers_apart(self) -> None:
        second = GridNode.objects.create(
            station=self.station_a,
            feeder=self.feeder,
            code="ZM-B01-T2",
            kind=NodeKind.TRANSFORMER,
            parent=self.fuse,
            name="左门哔叭2号台区",
        )
        for number, area in enumerate([self.transformer] * 3 + [second] * 4):
            Customer.objects.create(
                station=self.station_a,
                account_number=f"5325000010{number}",
                name=f"用户{number}",
                transformer=area,
            )
        line = feeders_listed(self.station_a).get(pk=self.feeder.pk)
        self.assertEqual(line.transformer_count, 2)  # type: ignore[attr-defined]
        self.assertEqual(line.fuse_count, 1)  # type: ignore[attr-defined]
        self.assertEqual(line.pole_count, 1)  # type: ignore[attr-defined]
        self.assertEqual(line.customer_count, 8)  # type: ignore[attr-defined]

        self.client.force_login(self.chief)
        page = self.client.get(reverse("network:feeders"))
        self.assertEqual(page.status_code, 200)
        self.assertEqual(page.context["feeders"].get(pk=self.feeder.pk).transformer_count, 2)
