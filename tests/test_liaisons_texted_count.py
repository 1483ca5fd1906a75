"""The outages page counts a village liaison PowerDesk texted of an outage as told, said apart
from those staff told themselves (walk64, L3: "需告知的村级联络员 (0/8 已告知)" under outages whose
announcement had just texted all eight, because only "Mark as told" was counted)."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from powerdesk.community.liaison_outages import liaisons_texted
from powerdesk.community.models import Liaison
from powerdesk.notifications.models import Delivery, DeliveryState
from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare
from tests.base import BaseTestCase, zh
from tests.outage_cast_liaisons import village_liaisons


def told(told: int, total: int, texted: int) -> str:
    """The count as the page says it in Chinese."""
    said = zh("%(told)s/%(total)s told, %(texted)s of them by text message")
    return said % {"told": told, "total": total, "texted": texted}


class LiaisonsTextedCountTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.director, self.leader = village_liaisons(self)
        # A liaison with no mobile: PowerDesk cannot text them, staff must tell them.
        self.landline = Liaison.objects.create(
            station=self.station_a,
            village=self.village,
            name="左门电工",
            phone="0878-5711234",
            role=Liaison.Role.ELECTRICIAN,
        )
        self.login(self.clerk)

    def told_said(self, outage: Outage) -> str:
        page = self.client.get(reverse("outages:list")).content.decode()
        found = re.search(rf'data-testid="liaisons-told-{outage.pk}">\(([^)]*)\)', page)
        assert found is not None, page
        return found.group(1)

    def test_liaisons_texted_of_a_fault_outage_count_as_told(self) -> None:
        outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind=Outage.Kind.UNPLANNED
        )
        self.assertEqual(
            set(liaisons_texted([outage])[outage.pk]), {self.director.pk, self.leader.pk}
        )
        self.assertEqual(self.told_said(outage), told(2, 3, 2))
        page = self.client.get(reverse("outages:list")).content.decode()
        self.assertIn(f'data-testid="liaison-texted-{self.leader.pk}"', page)
        self.assertNotIn(f'data-testid="liaison-texted-{self.landline.pk}"', page)
        # The one without a mobile, told by telephone: all three told.
        self.client.post(
            reverse("outages:list"),
            {"action": "told", "outage": outage.pk, "liaison": self.landline.pk},
        )
        self.assertEqual(self.told_said(outage), told(3, 3, 2))

    def test_a_planned_outage_s_announcement_tells_its_liaisons(self) -> None:
        starts = timezone.now() + dt.timedelta(days=10)
        outage = outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind=Outage.Kind.PLANNED,
            starts_at=starts,
            expected_restore_at=starts + dt.timedelta(hours=4),
            cause="更换变压器",
        )
        self.assertEqual(self.told_said(outage), told(2, 3, 2))

    def test_a_text_that_failed_for_good_told_nobody(self) -> None:
        outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind=Outage.Kind.UNPLANNED
        )
        Delivery.objects.filter(liaison=self.director).update(state=DeliveryState.FAILED_PERMANENT)
        self.assertEqual(set(liaisons_texted([outage])[outage.pk]), {self.leader.pk})
        self.assertEqual(self.told_said(outage), told(1, 3, 1))
