"""The latest wider outage above each of a village's outages, and its time, read for all of
them at once (review46, 9): the liaison's page and the caller panel redrawn as a number is typed
ask it of every outage; the queries do not grow with the outages asked of."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from powerdesk.network.models import GridNode, NodeKind
from powerdesk.notifications.nested_times import later_wider, later_wider_of
from powerdesk.outages.models import Outage
from powerdesk.outages.restoration import outage_restore_part
from tests.base import BaseTestCase
from tests.outage_cast import declared


class LaterWiderBatchedTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.now = timezone.now().replace(second=0, microsecond=0)
        self.other_fuse = other_fuse = GridNode.objects.create(
            station=self.station_a, feeder=self.feeder, code="ZM-B02-F", kind=NodeKind.FUSE,
            parent=self.pole, name="哔叭二支线熔断器",
        )  # fmt: skip
        hours = dt.timedelta(hours=1)
        self.wider = declared(self, self.pole, began=10, back_in=4 * hours)
        self.inner = declared(self, self.fuse, began=5, back_in=hours)
        self.other = declared(self, other_fuse, began=5, back_in=hours)
        self.at = self.now + hours

    def asked(self, outages: list[Outage]) -> tuple[int, dict[int, object]]:
        with CaptureQueriesContext(connection) as queries:
            found = later_wider_of([(o, self.at) for o in outages])
        return len(queries), found

    def test_the_latest_wider_outage_and_its_time_for_each(self) -> None:
        _n, found = self.asked([self.inner, self.other, self.wider])
        self.assertEqual(set(found), {self.inner.pk, self.other.pk})  # the pole's: none above
        for pk in (self.inner.pk, self.other.pk):
            self.assertEqual(found[pk].by, self.wider)  # type: ignore[attr-defined]
            self.assertEqual(found[pk].at, self.wider.expected_restore_at)  # type: ignore[attr-defined]
        # Ending later than the pole's, nothing holds it.
        later = later_wider_of([(self.inner, self.now + dt.timedelta(hours=5))])
        self.assertEqual(later, {})

    def test_the_queries_do_not_grow_with_the_outages(self) -> None:
        one, _found = self.asked([self.inner])
        two, _found = self.asked([self.inner, self.other])
        self.assertEqual(one, two)
        self.assertLessEqual(two, 6)

    def test_the_households_spared_are_those_below_the_inner_outage(self) -> None:
        customers, wider = later_wider(self.inner, self.at)
        self.assertEqual(wider, [self.wider])
        self.assertIn(self.customer.pk, customers)  # 普光荣, below the fuse

    def test_a_partial_restore_that_gave_the_place_power_back_leaves_it_to_the_inner(self) -> None:
        """review50, 4: the pole's outage restored all but the other fuse's branch, the fuse's
        place is dark from the fuse's outage alone: its own, earlier time is when power is back,
        not the pole's."""
        outage_restore_part(outage=self.wider, user=self.chief, still_open=[self.other_fuse])
        self.wider.refresh_from_db()
        found = later_wider_of([(self.inner, self.at), (self.other, self.at)])
        self.assertEqual(set(found), {self.other.pk})  # the other fuse's branch: still the pole's
        self.assertEqual(found[self.other.pk].by, self.wider)
        self.assertEqual(later_wider(self.inner, self.at), (frozenset(), []))
