"""Estimated restoration times (``powerdesk.outages.etr``): learnt, shown, revised, overridden."""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from pathlib import Path

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from powerdesk.network.models import GridNode
from powerdesk.outages import etr_store
from powerdesk.outages.estimates import outage_cause_found, outage_estimate
from powerdesk.outages.etr import etr_for, etr_train
from powerdesk.outages.life import outage_progress
from powerdesk.outages.models import Outage, OutageEvent, OutageLink
from powerdesk.outages.services import outage_declare
from tests.base import BaseTestCase

# Minutes off by cause in the made-up history: lightning is quick, external damage slow.
REPAIR = {"lightning": 60, "tree": 150, "external": 300}


def history(station, device: GridNode, n: int, *, seed: int = 3) -> None:  # type: ignore[no-untyped-def]
    """``n`` restored outages of ``device`` over the past two years, with crews' steps."""
    rng = random.Random(seed)
    now = timezone.now()
    for i in range(n):
        cause = rng.choice(list(REPAIR))
        start = now - dt.timedelta(days=700 - i * (690 // n), hours=rng.uniform(0, 20))
        arrive = start + dt.timedelta(minutes=rng.uniform(30, 60))
        found = arrive + dt.timedelta(minutes=rng.uniform(10, 30))
        end = found + dt.timedelta(minutes=REPAIR[cause] * rng.uniform(0.8, 1.25))
        outage = Outage.objects.create(
            station=station,
            device=device,
            kind=Outage.Kind.UNPLANNED,
            status=Outage.Status.RESTORED,
            starts_at=start,
            restored_at=end,
        )
        OutageLink.objects.create(outage=outage, cause_kind=cause)
        OutageEvent.objects.bulk_create(
            [
                OutageEvent(outage=outage, at=arrive, what="patrolling"),
                OutageEvent(outage=outage, at=found, what="cause_found"),
            ]
        )


class EtrTests(BaseTestCase):
    def setUp(self) -> None:
        etr_store.forget()
        self.addCleanup(etr_store.forget)

    def declare(self) -> Outage:
        return outage_declare(
            station=self.station_a,
            user=None,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            starts_at=timezone.now() - dt.timedelta(minutes=5),
        )

    def test_with_no_history_a_rule_of_thumb_a_few_hours_ahead(self) -> None:
        etr = etr_for(self.declare())
        self.assertEqual(etr.basis, "rule_of_thumb")
        self.assertTrue(timezone.now() < etr.low <= etr.at <= etr.high)
        self.assertLess(etr.high - timezone.now(), dt.timedelta(hours=12))

    def test_with_a_little_history_the_quantiles_of_its_own_kind(self) -> None:
        history(self.station_a, self.fuse, 12)
        etr = etr_for(self.declare())
        self.assertEqual(etr.basis, "kind_history")  # no model without enough history
        self.assertEqual(etr_train(self.station_a).fitted, [])

    def test_the_model_learns_and_revises_when_the_cause_is_found(self) -> None:
        history(self.station_a, self.fuse, 80)
        model = etr_train(self.station_a)
        self.assertEqual(model.trained_on, 80)
        outage = self.declare()
        first = etr_for(outage)
        self.assertEqual((first.basis, first.stage), ("model", "start"))
        self.assertTrue(first.low <= first.at <= first.high)
        # Within what the history ever took (about 1.5 to 7.5 hours).
        self.assertLess(first.high - outage.starts_at, dt.timedelta(hours=9))
        self.assertGreater(first.at - outage.starts_at, dt.timedelta(minutes=60))
        outage_progress(outage=outage, user=None, what="patrolling")
        self.assertEqual(etr_for(outage).stage, "on_site")
        outage_cause_found(outage=outage, user=None, cause="lightning")
        quick = etr_for(outage)
        self.assertEqual(quick.stage, "cause_found")
        outage_cause_found(outage=outage, user=None, cause="external")
        slow = etr_for(outage)
        self.assertGreater(slow.at - quick.at, dt.timedelta(hours=1))

    def test_an_outage_still_off_past_its_estimate_is_said_past_not_moved_ahead(self) -> None:
        history(self.station_a, self.fuse, 60)
        etr_train(self.station_a)
        outage = self.declare()
        now = etr_for(outage)
        later = etr_for(outage, now=timezone.now() + dt.timedelta(hours=30))
        self.assertEqual(later.at, now.at)  # (it was put ten minutes ahead of the clock)
        self.assertEqual((now.overdue, later.overdue), (False, True))

    def test_staff_override_keeps_its_reason_beside_the_model(self) -> None:
        outage = self.declare()
        at = timezone.now() + dt.timedelta(hours=6)
        outage = outage_estimate(
            outage=outage, user=self.chief, expected_restore_at=at, note="等备件"
        )
        etr = etr_for(outage)
        self.assertEqual(etr.staff_at, at)
        # The reason alone: the history line's "— → 12-05 12:30" is not shown as the staff's
        # words beside the time (walk37, 16).
        self.assertEqual(etr.staff_note, "等备件")
        self.assertEqual(etr.best, at)

    def test_staff_time_without_a_reason_shows_no_change_line(self) -> None:
        outage = self.declare()
        at = timezone.now() + dt.timedelta(hours=6)
        outage = outage_estimate(outage=outage, user=self.chief, expected_restore_at=at)
        outage = outage_estimate(
            outage=outage, user=self.chief, expected_restore_at=at + dt.timedelta(hours=1)
        )
        self.assertEqual(etr_for(outage).staff_note, "")
        self.assertEqual(
            OutageEvent.objects.filter(outage=outage, what="estimated").count(), 2
        )  # the history keeps each change

    def test_a_stored_model_is_read_by_another_process(self) -> None:
        history(self.station_a, self.fuse, 60)
        with tempfile.TemporaryDirectory() as folder, override_settings(ETR_DIR=Path(folder)):
            etr_train(self.station_a)
            etr_store.forget()  # as a fresh process
            model = etr_store.current(self.station_a.pk)
            assert model is not None
            self.assertEqual(model.trained_on, 60)
            self.assertTrue((Path(folder) / str(self.station_a.pk) / "current.json").exists())

    # -- where it is shown ---------------------------------------------------------------------
    def test_the_board_shows_the_estimate_next_to_the_staff_s(self) -> None:
        outage = self.declare()
        self.login(self.chief)
        response = self.client.get(reverse("outages:board"))
        self.assertContains(response, 'data-testid="etr-model"')
        self.assertNotContains(response, 'data-testid="etr-staff"')
        outage_estimate(
            outage=outage,
            user=self.chief,
            expected_restore_at=timezone.now() + dt.timedelta(hours=5),
            note="山路塌方",
        )
        response = self.client.get(reverse("outages:board"))
        self.assertContains(response, 'data-testid="etr-staff"')
        self.assertContains(response, 'data-testid="etr-model"')
        self.assertContains(response, "山路塌方")

    def test_intake_tells_the_caller_when_power_is_likely_back(self) -> None:
        self.declare()
        self.login(self.clerk)
        response = self.client.get(reverse("servicedesk:caller"), {"caller_number": "0878-1234567"})
        self.assertContains(response, 'data-testid="intake-etr"')


def test_an_interval_over_midnight_names_the_day_of_the_bound_on_another_day() -> None:
    from powerdesk.outages.etr import Etr

    tz = dt.timezone(dt.timedelta(hours=8))
    etr = Etr(
        at=dt.datetime(2026, 12, 1, 0, 10, tzinfo=tz),
        low=dt.datetime(2026, 11, 30, 23, 50, tzinfo=tz),
        high=dt.datetime(2026, 12, 1, 1, 0, tzinfo=tz),
        basis="model",
        stage="start",
        trained_on=3,
    )
    # "23:50 to 01:00" alone would read as a window ending before it begins.
    assert (etr.low_text, etr.high_text) == ("11-30 23:50", "01:00")


class MendedCauseTests(BaseTestCase):
    """A cause recorded as already replaced ("低压熔丝老化熔断，已更换") does not push the
    estimate out: it is never later than before the cause (walk72, 1: about 15:40, then 20:05)."""

    def setUp(self) -> None:
        etr_store.forget()
        self.addCleanup(etr_store.forget)
        history(self.station_a, self.fuse, 80)
        etr_train(self.station_a)

    def on_site(self) -> Outage:
        outage = outage_declare(
            station=self.station_a,
            user=None,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            starts_at=timezone.now() - dt.timedelta(minutes=5),
        )
        outage_progress(outage=outage, user=None, what="patrolling")
        return outage

    def test_a_slow_cause_said_mended_keeps_the_estimate(self) -> None:
        outage = self.on_site()
        before = etr_for(outage)
        outage_cause_found(outage=outage, user=None, cause="external", note="熔丝熔断，已更换")
        self.assertLessEqual(etr_for(outage).at, before.at)

    def test_a_slow_cause_still_to_mend_moves_it_out(self) -> None:
        outage = self.on_site()
        before = etr_for(outage)
        outage_cause_found(outage=outage, user=None, cause="external", note="线路被挖断，需更换")
        self.assertGreater(etr_for(outage).at, before.at)
