"""Power back step by step: the crew isolates the fault behind a device and closes the one above,
so most households have power long before the last ones. The board shows who is still out, the
engine hears which devices were closed and opened, and reliability counts each household's own
time without power."""

from __future__ import annotations

import datetime as dt

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Station, User
from powerdesk.accounts.permissions import NotAllowed
from powerdesk.community.models import Village
from powerdesk.community.selectors import village_reliability
from powerdesk.network.models import PROTECTIVE_KINDS, GridNode
from powerdesk.outages.board import board_rows
from powerdesk.outages.joined import customers_below
from powerdesk.outages.models import Outage, Signal
from powerdesk.outages.restoration import outage_restore_part
from powerdesk.outages.selectors import open_devices
from powerdesk.outages.services import OutageError, outage_declare, outage_restore
from tests.demo_station import REFERENCE_APPS, load_demo


class PartialRestoreTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_demo(only=REFERENCE_APPS)
        cls.station = Station.objects.get(code="guanglu")
        cls.chief = User.objects.get(username="gl_chief")
        cls.crew_user = User.objects.get(username="gl_crew1")
        # A device with a smaller one below it, both with households: the fault is isolated
        # behind the smaller one and the rest comes back.
        devices = GridNode.objects.for_station(cls.station).filter(kind__in=PROTECTIVE_KINDS)
        for upper in devices.exclude(kind="source").order_by("code"):
            total = customers_below(upper).count()
            inner = [
                (d, customers_below(d).count())
                for d in devices.filter(feeder_id=upper.feeder_id, parent__isnull=False)
                if d.pk != upper.pk
            ]
            below = [(d, n) for d, n in inner if 0 < n < total and _is_below(d, upper)]
            if total >= 10 and below:
                cls.upper, cls.total = upper, total
                cls.inner, cls.inner_n = below[0]
                break
        else:  # pragma: no cover - the demo grid has nested devices
            raise AssertionError("no nested devices with households in the demo")
        cls.start = timezone.now() - dt.timedelta(hours=3)

    def declare(self) -> Outage:
        return outage_declare(
            station=self.station,
            user=self.chief,
            device=self.upper,
            kind=Outage.Kind.UNPLANNED,
            starts_at=self.start,
        )

    def test_the_households_outside_the_isolated_section_are_back_and_the_engine_hears_it(
        self,
    ) -> None:
        outage = self.declare()
        at = self.start + dt.timedelta(hours=1)
        step = outage_restore_part(outage=outage, user=self.chief, still_open=[self.inner], at=at)
        self.assertEqual((step.back, step.out), (self.total - self.inner_n, self.inner_n))
        signals = Signal.objects.filter(station=self.station, source="staff").order_by("pk")
        self.assertEqual(
            [(s.type, s.device_id, s.event_at) for s in signals],
            [("restore", self.upper.pk, at), ("confirm_open", self.inner.pk, at)],
        )
        (row,) = board_rows(self.station)
        self.assertEqual(row.households, self.inner_n)  # only those still out
        # The map and the diagram draw the device still open, not the one closed.
        self.assertEqual(open_devices(self.station), {self.inner.pk: "declared"})
        self.assertEqual(row.still_open, [self.inner])
        outage.refresh_from_db()
        self.assertEqual(outage.customers, self.total)  # everyone was interrupted once

        # The last section back: the device still open is the one closed.
        outage_restore(
            outage=outage,
            user=self.chief,
            at=self.start + dt.timedelta(hours=2),
            cause="unknown",
            how="remote",
        )
        last = Signal.objects.filter(station=self.station, source="staff").order_by("pk").last()
        assert last is not None
        self.assertEqual((last.type, last.device_id), ("restore", self.inner.pk))

    def test_reliability_counts_each_households_own_time_without_power(self) -> None:
        outage = self.declare()
        outage_restore_part(
            outage=outage,
            user=self.chief,
            still_open=[self.inner],
            at=self.start + dt.timedelta(hours=1),
        )
        outage_restore(
            outage=outage,
            user=self.chief,
            at=self.start + dt.timedelta(hours=3),
            cause="unknown",
            how="remote",
        )
        # A village with households on both sides: its customer-hours are 1 h and 3 h each.
        back = customers_below(self.upper).exclude(pk__in=customers_below(self.inner))
        still = customers_below(self.inner)
        village = Village.objects.get(pk=still.values_list("village", flat=True)[0])
        n_back = back.filter(village=village).count()
        n_still = still.filter(village=village).count()
        figures = village_reliability(village)
        self.assertAlmostEqual(figures.all.customer_minutes, n_back * 60 + n_still * 180, places=1)
        self.assertEqual(figures.all.customer_interruptions, n_back + n_still)

    def test_a_step_that_makes_no_sense_is_refused_and_nothing_is_stored(self) -> None:
        outage = self.declare()
        outside = (
            GridNode.objects.for_station(self.station)
            .filter(kind__in=PROTECTIVE_KINDS)
            .exclude(feeder=self.upper.feeder)
            .first()
        )
        assert outside is not None
        cases = [
            ([outside], "不在"),
            ([self.upper], "没有用户"),  # the whole outage still open: no one is back
            ([self.upper, self.inner], "只填上面"),
            ([], "仍断开"),
        ]
        for still_open, words in cases:
            with self.subTest(words=words), self.assertRaisesMessage(OutageError, words):
                outage_restore_part(outage=outage, user=self.chief, still_open=still_open)
        with self.assertRaisesMessage(OutageError, "之前"):
            outage_restore_part(
                outage=outage,
                user=self.chief,
                still_open=[self.inner],
                at=self.start - dt.timedelta(minutes=1),
            )
        with self.assertRaises(NotAllowed):
            outage_restore_part(outage=outage, user=self.crew_user, still_open=[self.inner])
        self.assertFalse(outage.restore_steps.exists())
        self.assertFalse(Signal.objects.filter(station=self.station, source="staff").exists())

    def test_the_board_form_records_a_step_by_the_devices_code_or_name(self) -> None:
        outage = self.declare()
        self.client.force_login(self.chief)
        board = self.client.get(reverse("outages:board"))
        self.assertContains(board, 'value="restore_part"')
        response = self.client.post(
            reverse("outages:list"),
            {
                "action": "restore_part",
                "outage": outage.pk,
                "still_open": [self.inner.name or self.inner.code, ""],
                "note": "隔离故障段",
            },
            follow=True,
        )
        self.assertContains(response, f"{self.total - self.inner_n} 户已复电")
        board = self.client.get(reverse("outages:board"))
        self.assertContains(board, "仍断开")
        self.assertContains(board, "隔离故障段")
        # The device box offers only what is still dark under the outage.
        options = self.client.get(
            reverse("outages:devices"), {"still_open": self.inner.code, "under": outage.pk}
        )
        self.assertContains(options, f'value="{self.inner.code}"')
        outside = GridNode.objects.exclude(feeder=self.upper.feeder).filter(station=self.station)
        other = outside.filter(kind__in=PROTECTIVE_KINDS).first()
        assert other is not None
        options = self.client.get(
            reverse("outages:devices"), {"still_open": other.code, "under": outage.pk}
        )
        self.assertNotContains(options, f'value="{other.code}"')


def _is_below(node: GridNode, upper: GridNode) -> bool:
    parents = dict(GridNode.objects.filter(feeder_id=upper.feeder_id).values_list("pk", "parent"))
    at: int | None = node.pk
    while at is not None:
        at = parents.get(at)
        if at == upper.pk:
            return True
    return False
