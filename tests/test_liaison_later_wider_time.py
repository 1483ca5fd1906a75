"""walk46, 3: on the liaison's page a fuse's outage inside a pole's still off said power was
expected at the fuse's time, an hour before the pole's: the liaison would tell the villagers a
time that cannot be true. Under two outages the time said is the later one's, that outage named,
on the line and in "Latest"; with the wider one's time not known, no time."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare
from tests.base import BaseTestCase
from tests.outage_cast_liaisons import group_leader


class LiaisonLaterWiderTimeTests(BaseTestCase):
    def setUp(self) -> None:
        self.leader = group_leader(self)
        self.now = timezone.now().replace(second=0, microsecond=0)

    def declare(self, device: object, back: dt.timedelta | None) -> Outage:
        return outage_declare(
            station=self.station_a,
            user=self.chief,
            device=device,  # type: ignore[arg-type]
            kind=Outage.Kind.UNPLANNED,
            starts_at=self.now - dt.timedelta(minutes=20),
            expected_restore_at=self.now + back if back is not None else None,
        )

    def card(self, outage: Outage) -> str:
        """The outage's paragraph on the liaison's page."""
        self.login(self.leader)
        page = self.client.get(reverse("web:liaison")).content.decode()
        start = page.index(f'name="outage" value="{outage.pk}"')
        start = page.rindex('<p><span class="badge', 0, start)
        return page[start : page.index("</p>", start)]

    def hm(self, delta: dt.timedelta) -> str:
        return f"{timezone.localtime(self.now + delta):%m-%d %H:%M}"

    def test_the_inner_outage_says_the_wider_one_s_later_time_naming_it(self) -> None:
        pole = self.declare(self.pole, dt.timedelta(hours=3))
        fuse = self.declare(self.fuse, dt.timedelta(hours=2))
        card = self.card(fuse)
        later, earlier = self.hm(dt.timedelta(hours=3)), self.hm(dt.timedelta(hours=2))
        self.assertNotIn(earlier, card)
        self.assertIn(f"预计复电 {later}", card)
        held = card[card.index('data-testid="liaison-back-held"') :]
        self.assertIn(str(self.pole), held[: held.index("</span>")])
        latest = card[card.index('data-testid="liaison-latest"') :]
        self.assertIn(later, latest)
        self.assertIn(str(self.pole), latest)
        # The wider one says its own time, as before.
        self.assertIn(f"预计复电 {later}", self.card(pole))

    def test_an_inner_outage_ending_after_the_wider_one_keeps_its_own_time(self) -> None:
        self.declare(self.pole, dt.timedelta(hours=1))
        fuse = self.declare(self.fuse, dt.timedelta(hours=2))
        card = self.card(fuse)
        self.assertIn(f"预计复电 {self.hm(dt.timedelta(hours=2))}", card)
        self.assertNotIn('data-testid="liaison-back-held"', card)

    def test_with_no_time_for_the_wider_one_no_time_is_said_for_the_inner(self) -> None:
        self.declare(self.pole, None)
        fuse = self.declare(self.fuse, dt.timedelta(hours=2))
        card = self.card(fuse)
        self.assertNotIn(self.hm(dt.timedelta(hours=2)), card)
        self.assertIn('data-testid="liaison-back-held"', card)
        self.assertIn(str(self.pole), card)


class RepeatCallerLaterWiderTimeTests(BaseTestCase):
    """The same reading where the clerk tells a caller who rings again about their order joined
    to the inner outage: the wider one's later time, named (walk46, 3: "wherever else")."""

    def test_the_repeat_caller_is_told_the_wider_one_s_later_time(self) -> None:
        from powerdesk.outages.models import OutageLink
        from powerdesk.servicedesk.intake_repeat import _expected_back
        from powerdesk.servicedesk.services import work_order_create

        now = timezone.now().replace(second=0, microsecond=0)
        outages = {}
        for device, hours in ((self.pole, 3), (self.fuse, 2)):
            outages[device.pk] = outage_declare(
                station=self.station_a,
                user=self.chief,
                device=device,
                kind=Outage.Kind.UNPLANNED,
                starts_at=now - dt.timedelta(minutes=20),
                expected_restore_at=now + dt.timedelta(hours=hours),
            )
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="fault_repair",
            summary="家里停电",
            customer=self.customer,
        )
        link, _new = OutageLink.objects.get_or_create(outage=outages[self.fuse.pk])
        link.work_orders.add(order)
        at, by = _expected_back(order)
        self.assertEqual((at, by), (now + dt.timedelta(hours=3), outages[self.pole.pk]))
        # Alone (the wider one restored), its own time.
        outages[self.pole.pk].status = Outage.Status.RESTORED
        outages[self.pole.pk].save(update_fields=["status"])
        self.assertEqual(_expected_back(order), (now + dt.timedelta(hours=2), None))
