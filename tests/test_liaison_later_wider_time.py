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
from tests.outage_cast import group_leader


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
        start = page.rindex("<p><span class=\"badge", 0, start)
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
