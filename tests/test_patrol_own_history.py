"""Walk78 M2: patrol guidance for a transformer area's outage listed its one place at 100 % with
the station's likeliest cause (树障 35.4 %), and said nothing of what the station knew of the
transformer: four earlier outages of external damage on it, and its lightning zone. The place's
own history is said whole (causes, how many, the latest date), its lightning zone too, and its
likely cause weighs them (``engine.patrol_cause``); the page says where the numbers come from."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.accounts.models import Role
from powerdesk.engine.patrol_model import MIN_EXAMPLES
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages.models import FoundPlace, Outage, OutageLink
from powerdesk.outages.patrol import patrol_for
from powerdesk.outages.services import outage_declare
from tests.base import BaseTestCase, make_user


class TransformerOwnHistoryTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        a = cls.station_a
        cls.p03 = GridNode.objects.create(
            station=a, feeder=cls.feeder, code="ZM-B01-P03", kind=NodeKind.POLE, parent=cls.fuse
        )
        cls.t2 = GridNode.objects.create(
            station=a,
            feeder=cls.feeder,
            code="ZM-B01-T2",
            kind=NodeKind.TRANSFORMER,
            parent=cls.p03,
            name="左门松林2号台区",
            lightning_zone=True,
        )
        now = timezone.now()
        # The station's found faults: trees in a span, mostly (its mix: tree first).
        for i in range(MIN_EXAMPLES + 5):
            start = now - dt.timedelta(days=30 * i + 40)
            tree = i % 4 != 0
            past = Outage.objects.create(
                station=a,
                device=cls.fuse,
                kind=Outage.Kind.UNPLANNED,
                status=Outage.Status.RESTORED,
                starts_at=start,
                restored_at=start + dt.timedelta(hours=2),
            )
            OutageLink.objects.create(outage=past, cause_kind="tree" if tree else "ageing")
            FoundPlace.objects.create(
                outage=past,
                place="ZM-B01-P03/span" if tree else "ZM-B01-F",
                device=cls.p03 if tree else cls.fuse,
                cause="tree" if tree else "ageing",
                found_at=start + dt.timedelta(hours=1),
            )
        # The transformer area's own four outages, each of external damage.
        cls.latest = now - dt.timedelta(days=50)
        for days in (400, 300, 120, 50):
            start = now - dt.timedelta(days=days)
            past = Outage.objects.create(
                station=a,
                device=cls.t2,
                kind=Outage.Kind.UNPLANNED,
                status=Outage.Status.RESTORED,
                starts_at=start,
                restored_at=start + dt.timedelta(hours=1),
            )
            OutageLink.objects.create(outage=past, cause_kind="external")
        cls.outage = outage_declare(station=a, user=None, device=cls.t2, kind=Outage.Kind.UNPLANNED)

    def reasons(self) -> str:
        with translation.override("en"):
            (stop,) = patrol_for(self.outage)
            self.assertEqual(stop.key, "ZM-B01-T2")
            return stop.reasons_text

    def test_its_own_faults_are_said_with_their_causes_counts_and_latest_date(self) -> None:
        said = self.reasons()
        latest = timezone.localtime(self.latest).date()
        self.assertIn("4 faults were found here before (external damage ×4)", said)
        # The latest date, give or take the day the years-ago count rounds to.
        self.assertTrue(
            any(
                f"the latest on {(latest + dt.timedelta(days=d)).isoformat()}" in said
                for d in (-1, 0, 1)
            ),
            said,
        )
        self.assertIn("in a lightning zone", said)
        # The callers below it are its badge, not a reason read of the device itself.
        self.assertNotIn("on the way to the callers", said)

    def test_its_likely_cause_weighs_its_own_history_not_the_station_mix_alone(self) -> None:
        said = self.reasons()
        self.assertIn("likely cause here: external damage", said)
        self.assertNotIn("likely cause here: tree", said)

    def test_the_page_says_where_the_numbers_come_from(self) -> None:
        self.login(make_user("dispatch", self.station_a, Role.DISPATCHER))
        page = self.client.get(
            reverse("outages:patrol", args=[self.outage.pk]), HTTP_ACCEPT_LANGUAGE="en"
        )
        self.assertContains(page, 'data-testid="patrol-basis"')
