"""Before a station's restoration-time model is trained (or with under 40 restored outages) the
estimate is rough, and counted as a line worker counts it: from the moment it is made at (the
start, the crew on site, the cause found) with the history's time still to wait then; never a
time already past; said to be rough (walkthrough 26: three outages all told "预计 01:05 恢复",
one of them with its cause found, each from its start)."""

from __future__ import annotations

import datetime as dt

import numpy as np
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages import etr_store
from powerdesk.outages.estimates import outage_cause_found
from powerdesk.outages.etr import etr_for, etr_model
from powerdesk.outages.models import Outage
from tests.base import BaseTestCase
from tests.test_etr import history

HX = {"HX-Request": "true"}


class RoughEtrTests(BaseTestCase):
    def setUp(self) -> None:
        etr_store.forget()
        self.addCleanup(etr_store.forget)
        history(self.station_a, self.fuse, 12)  # too little for a model: the history's figures
        self.other_fuse = GridNode.objects.create(
            station=self.station_a,
            feeder=self.feeder,
            code="ZM-B01-F2",
            kind=NodeKind.FUSE,
            parent=self.pole,
            name="哔叭支线02号杆2号熔断器",
        )
        self.now = timezone.now()

    def off(self, device: GridNode, minutes_ago: float) -> Outage:
        return Outage.objects.create(
            station=self.station_a,
            device=device,
            kind=Outage.Kind.UNPLANNED,
            status=Outage.Status.ACTIVE,
            starts_at=self.now - dt.timedelta(minutes=minutes_ago),
        )

    def test_same_kind_minutes_apart_at_different_stages_get_different_times(self) -> None:
        found = self.off(self.fuse, 25)
        fresh = self.off(self.other_fuse, 20)
        cause_at = self.now - dt.timedelta(minutes=5)
        outage_cause_found(outage=found, user=None, cause="tree", at=cause_at)
        a, b = etr_for(found, now=self.now), etr_for(fresh, now=self.now)
        self.assertEqual((a.stage, b.stage), ("cause_found", "start"))
        self.assertEqual((a.basis, b.basis), ("kind_history", "kind_history"))
        # Not the same minute give or take the five minutes between their starts: the one
        # whose cause is found waits only for the repair.
        self.assertGreaterEqual(b.at - a.at, dt.timedelta(minutes=30))

    def test_a_cause_found_outage_is_counted_from_the_cause(self) -> None:
        found = self.off(self.fuse, 25)
        cause_at = self.now - dt.timedelta(minutes=5)
        outage_cause_found(outage=found, user=None, cause="tree", at=cause_at)
        etr = etr_for(found, now=self.now)
        # The history's median time still to wait once the cause was found, from the cause.
        left = etr_model(self.station_a.pk).remaining[("cause_found", "fuse")]
        expected = cause_at + dt.timedelta(minutes=float(np.quantile(np.array(left), 0.5)))
        self.assertGreaterEqual(etr.at, expected)
        self.assertLess(etr.at - expected, dt.timedelta(minutes=5))  # to the next five minutes
        self.assertEqual(etr.since, cause_at)

    def test_a_past_time_is_never_shown_and_it_is_said_late(self) -> None:
        # Off far longer than any of the history's outages (at most about 8 hours).
        long = self.off(self.fuse, 11 * 60)
        etr = etr_for(long, now=self.now)
        self.assertTrue(self.now < etr.low <= etr.at <= etr.high)
        self.assertIsNotNone(etr.late_from)
        assert etr.late_from is not None
        self.assertLessEqual(etr.late_from, self.now)
        self.assertFalse(etr.overdue)
        self.assertIn(_("late: past outages' time passed, counted from now"), etr.rough_label)
        # It does not slide with the clock: the same time until it passes, then a later one.
        again = etr_for(long, now=etr.at - dt.timedelta(minutes=1))
        self.assertEqual(again.at, etr.at)
        after = etr_for(long, now=etr.at + dt.timedelta(minutes=1))
        self.assertGreater(after.at, etr.at + dt.timedelta(minutes=1))

    def test_the_basis_is_said_where_staff_see_it(self) -> None:
        outage = self.off(self.fuse, 5)
        etr = etr_for(outage)
        self.assertTrue(etr.rough)
        self.assertEqual(etr.rough_label, _("rough, from past outages"))
        self.login(self.chief)
        board = self.client.get(reverse("outages:board"), headers=HX).content.decode()
        self.assertIn('data-testid="etr-rough"', board)
        self.assertIn(etr.rough_label, board)

    def test_without_stage_times_a_rule_of_thumb_that_shrinks_with_the_stage(self) -> None:
        Outage.objects.all().delete()  # no history at all
        start = self.off(self.fuse, 5)
        found = self.off(self.other_fuse, 5)
        outage_cause_found(outage=found, user=None, cause="tree", at=self.now)
        a, b = etr_for(start, now=self.now), etr_for(found, now=self.now)
        self.assertEqual((a.basis, b.basis), ("rule_of_thumb", "rule_of_thumb"))
        self.assertEqual(a.rough_label, _("rough, by rule of thumb"))
        self.assertLess(b.at - self.now, a.at - self.now)


def test_a_time_told_is_the_next_five_minutes_never_an_earlier_one() -> None:
    from powerdesk.outages.etr import _rounded

    start = dt.datetime(2026, 12, 3, 21, 0, tzinfo=dt.UTC)
    # 21:30:45 is told 21:35, not 21:30 (it was cut back to the minute on a five-minute mark).
    assert _rounded(start, 30.75) == start.replace(minute=35)
    assert _rounded(start, 30.0) == start.replace(minute=30)  # on the mark: itself
    assert _rounded(start, 31.0) == start.replace(minute=35)
    assert _rounded(start, 59.5) == start.replace(hour=22, minute=0)
