"""The reliability figures' weights are kept per process (``reliability.weights_kept``): a second
page weighs nothing, an import (the grid's version moved) weighs anew at once, a customer added
on a page counts once the fingerprint is checked again; the figures are those weighed anew."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from powerdesk.customers.models import Customer
from powerdesk.outages.live import grid_changed
from powerdesk.reliability import weights_kept
from powerdesk.reliability.weights import Basis, grid_weights_on
from tests.base import BaseTestCase

DAYS = [dt.date(2026, 3, 1), dt.date(2025, 3, 1), None]


class WeightsKeptTests(BaseTestCase):
    def setUp(self) -> None:
        weights_kept.forget()
        self.addCleanup(weights_kept.forget)

    def households(self) -> int:
        [today] = grid_weights_on(self.station_a, [None])
        return today.served[Basis.HOUSEHOLDS][("station", self.station_a.pk)]

    def add_household(self, account: str) -> None:
        Customer.objects.create(
            station=self.station_a,
            account_number=account,
            name="新户",
            village=self.village,
            transformer=self.transformer,
        )

    @override_settings(POWERDESK_GRID_WEIGHTS_KEPT=True, POWERDESK_GRID_WEIGHTS_RECHECK=60)
    def test_kept_until_an_import_moves_the_grid_s_version(self) -> None:
        with CaptureQueriesContext(connection) as first:
            weighed = grid_weights_on(self.station_a, DAYS)
        with CaptureQueriesContext(connection) as again:
            kept = grid_weights_on(self.station_a, DAYS)
        self.assertIs(kept, weighed)
        self.assertEqual(len(again), 1, [q["sql"] for q in again.captured_queries])  # the version
        self.assertGreater(len(first), len(again))
        self.assertEqual(self.households(), 1)
        self.add_household("53250000901")
        self.assertEqual(self.households(), 1)  # within the recheck: as kept
        grid_changed(self.station_a)  # what every network or customer import calls
        self.assertEqual(self.households(), 2)
        kept = grid_weights_on(self.station_a, DAYS)
        with override_settings(POWERDESK_GRID_WEIGHTS_KEPT=False):
            weighed = grid_weights_on(self.station_a, DAYS)
        self.assertEqual([w.served for w in kept], [w.served for w in weighed])
        self.assertEqual([w.below for w in kept], [w.below for w in weighed])

    @override_settings(POWERDESK_GRID_WEIGHTS_KEPT=True, POWERDESK_GRID_WEIGHTS_RECHECK=0)
    def test_a_customer_moved_or_connected_on_a_page_counts_at_the_next_check(self) -> None:
        self.assertEqual(self.households(), 1)
        self.add_household("53250000902")
        self.assertEqual(self.households(), 2)
        # Connected later than the day asked: not served that day.
        Customer.objects.filter(account_number="53250000902").update(
            connected_on=dt.date(2026, 6, 1)
        )
        [march] = grid_weights_on(self.station_a, [dt.date(2026, 3, 1)])
        self.assertEqual(march.served[Basis.HOUSEHOLDS][("station", self.station_a.pk)], 1)
        # Moved off the transformer area: no longer below the fuse.
        Customer.objects.filter(account_number="53250000902").update(transformer=None)
        [today] = grid_weights_on(self.station_a, [None])
        below = today.below[Basis.HOUSEHOLDS][self.fuse.pk]
        self.assertEqual(below[("station", self.station_a.pk)], 1)

    @override_settings(POWERDESK_GRID_WEIGHTS_KEPT=True, POWERDESK_GRID_WEIGHTS_RECHECK=60)
    def test_the_reliability_page_weighs_once(self) -> None:
        self.login(self.chief)
        url = reverse("dashboards:reliability")
        with CaptureQueriesContext(connection) as first:
            self.assertEqual(self.client.get(url).status_code, 200)
        with CaptureQueriesContext(connection) as again:
            self.assertEqual(self.client.get(url).status_code, 200)
        # The grid, its transformers and the customers are not read again (three queries).
        self.assertLessEqual(len(again), len(first) - 2)

    @override_settings(POWERDESK_GRID_WEIGHTS_KEPT=True, POWERDESK_GRID_WEIGHTS_RECHECK=60)
    def test_the_warm_up_weighs_them_before_the_first_page(self) -> None:
        from powerdesk.ops.warmup import keep_reliability_weights

        self.assertEqual(keep_reliability_weights(), 2)
        self.assertEqual(set(weights_kept._kept), {self.station_a.pk, self.station_b.pk})
        self.login(self.chief)
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(reverse("dashboards:reliability")).status_code, 200)
        read = " ".join(q["sql"] for q in queries.captured_queries)
        self.assertNotIn('"network_gridnode"."parent_id"', read)  # the grid is not read again
        weights_kept.forget()  # (as the first page of a process without the warm-up)
        with CaptureQueriesContext(connection) as queries:
            self.client.get(reverse("dashboards:reliability"))
        read = " ".join(q["sql"] for q in queries.captured_queries)
        self.assertIn('"network_gridnode"."parent_id"', read)
