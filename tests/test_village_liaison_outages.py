"""The village page and the outages page agree on telling liaisons of an outage (walk74, M2 and
L12), and the page's liaison records (walk74, L6)."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from powerdesk.community.liaison import liaison_add, liaisons_for_outages
from powerdesk.community.models import Liaison, LiaisonActivity, VillageGroup
from powerdesk.customers.models import Customer
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.notifications import audience
from powerdesk.outages.models import Outage
from tests.base import BaseTestCase


class VillageOutageCase(BaseTestCase):
    """左门 with its director, 哔叭's leader (below the fuse) and 上村's leader (on another
    transformer area, not below it)."""

    def setUp(self) -> None:
        self.upper = VillageGroup.objects.create(
            station=self.station_a, village=self.village, name="上村"
        )
        other_area = GridNode.objects.create(
            station=self.station_a, feeder=self.feeder, code="ZM-S01-T1",
            kind=NodeKind.TRANSFORMER, parent=self.breaker, name="左门上村1号台区",
            village=self.village,
        )  # fmt: skip
        Customer.objects.create(
            station=self.station_a, account_number="53250000002", name="余翠红",
            village=self.village, group=self.upper, transformer=other_area,
        )  # fmt: skip
        self.director, self.bb_leader, self.upper_leader = (
            liaison_add(village=self.village, by=self.clerk, name=name, phone=phone, role=role, group=group)
            for name, phone, role, group in (
                ("左主任", "13900000101", "director", None),
                ("普文", "13900000102", "group_leader", self.group),
                ("施正", "13900000103", "group_leader", self.upper),
            )
        )  # fmt: skip
        self.login(self.clerk)

    def outage(self, status: str = Outage.Status.ACTIVE, days: int = 0) -> Outage:
        now = timezone.now()
        return Outage.objects.create(
            station=self.station_a,
            device=self.fuse,
            kind=Outage.Kind.PLANNED if days else Outage.Kind.UNPLANNED,
            status=status,
            starts_at=now + dt.timedelta(days=days),
            expected_restore_at=now + dt.timedelta(days=days, hours=8),
        )

    def contact(self, **sent: object) -> object:
        return self.client.post(
            self.village.get_absolute_url(),
            {"action": "contact", "kind": "told_outage", "note": "电话告知哔叭组", **sent},
        )


class LiaisonsOfTheOutageTests(VillageOutageCase):
    def test_the_outage_names_the_committee_and_the_groups_off_only(self) -> None:
        outage = self.outage()
        listed = [lv for lv, _told in liaisons_for_outages([outage])[outage.pk]]
        self.assertEqual(set(listed), {self.director, self.bb_leader})
        # The texts' audience is the same people (one rule).
        texted = {
            r.who["liaison_id"]
            for r in audience.liaisons_of(self.station_a, *audience.villages_below(self.fuse))
        }
        self.assertEqual(texted, {lv.pk for lv in listed})
        page = self.client.get(reverse("outages:list")).content.decode()
        found = re.search(rf'data-testid="liaisons-told-{outage.pk}">([^<]*)<', page)
        assert found is not None
        self.assertIn("0/2", found.group(1))

    def test_the_leader_of_a_group_not_off_cannot_be_marked_told(self) -> None:
        outage = self.outage()
        self.client.post(
            reverse("outages:list"),
            {"action": "told", "outage": outage.pk, "liaison": self.upper_leader.pk},
        )
        self.assertFalse(LiaisonActivity.objects.filter(kind="told_outage").exists())


class ToldOnTheVillagePageTests(VillageOutageCase):
    def test_told_on_the_village_page_counts_on_the_outage(self) -> None:
        outage = self.outage(Outage.Status.ANNOUNCED, days=9)
        response = self.contact(liaison=self.bb_leader.pk, outage=outage.pk)
        self.assertEqual(response.status_code, 302)
        told = LiaisonActivity.objects.get(kind="told_outage")
        self.assertEqual(told.liaison, self.bb_leader)
        self.assertIn("电话告知哔叭组", told.note)
        self.assertEqual(
            dict(liaisons_for_outages([outage])[outage.pk]),
            {self.director: False, self.bb_leader: True},
        )

    def test_told_needs_the_outage_and_the_liaison(self) -> None:
        outage = self.outage()
        self.contact(liaison=self.bb_leader.pk)  # no outage chosen
        self.contact(outage=outage.pk)  # nobody chosen
        restored = self.outage(Outage.Status.RESTORED)
        self.contact(liaison=self.bb_leader.pk, outage=restored.pk)  # not now nor to come
        self.contact(liaison=self.upper_leader.pk, outage=outage.pk)  # their group keeps power
        self.assertFalse(LiaisonActivity.objects.filter(kind="told_outage").exists())
        page = self.contact(liaison=self.bb_leader.pk).content.decode()
        # What was typed is kept to be corrected.
        self.assertIn(f'value="{self.bb_leader.pk}" selected', page)
        self.assertIn('value="told_outage" selected', page)
        # Another kind of contact names no outage.
        self.contact(kind="other", liaison=self.director.pk)
        self.assertTrue(
            LiaisonActivity.objects.filter(kind="other", note="电话告知哔叭组").exists()
        )


class PlannedOnTheVillagePageTests(VillageOutageCase):
    def test_a_planned_outage_days_ahead_is_not_an_outage_now(self) -> None:
        planned = self.outage(Outage.Status.ANNOUNCED, days=9)
        page = self.client.get(self.village.get_absolute_url()).content.decode()
        self.assertNotIn('data-testid="village-current-outages"', page)
        shown = page.split('data-testid="village-planned-outages"')[1].split("</section>")[0]
        self.assertIn(timezone.localtime(planned.starts_at).strftime("%Y-%m-%d"), shown)
        now = self.outage()
        page = self.client.get(self.village.get_absolute_url()).content.decode()
        current = page.split('data-testid="village-current-outages"')[1].split("</section>")[0]
        self.assertIn(str(now.device), current)
        self.assertNotIn(timezone.localtime(planned.starts_at).strftime("%Y-%m-%d"), current)


class LiaisonRecordsTests(VillageOutageCase):
    def add(self, **sent: object) -> object:
        return self.client.post(
            self.village.get_absolute_url(),
            {"action": "add_liaison", "role": "group_leader", **sent},
        )

    def test_the_group_chosen_is_kept_after_an_error(self) -> None:
        page = self.add(name="测试", phone="123", group=self.upper.pk).content.decode()
        self.assertIn(f'<option value="{self.upper.pk}" selected>', page)

    def test_a_number_of_another_serving_liaison_is_refused_with_their_name(self) -> None:
        response = self.add(name="重复", phone="139 0000 0103", group=self.group.pk)
        self.assertEqual(Liaison.objects.filter(name="重复").count(), 0)
        # Said at the phone's field, the form kept (400: probe76, M3/M4).
        self.assertContains(response, "施正", status_code=400)
        # Once 施正 no longer serves, the number may pass on.
        self.upper_leader.active = False
        self.upper_leader.save()
        self.add(name="重复", phone="139 0000 0103", group=self.group.pk)
        self.assertEqual(Liaison.objects.filter(name="重复").count(), 1)

    def test_retiring_says_so_and_changes_are_the_liaison_s_lines(self) -> None:
        response = self.client.post(
            self.village.get_absolute_url(),
            {"action": "retire", "liaison": self.upper_leader.pk, "reason": "换届"},
            follow=True,
        )
        self.assertEqual(len(list(response.context["messages"])), 1)
        page = response.content.decode()
        contacts = page.split('data-testid="liaison-activity"')[1].split("</ul>")[0]
        self.assertNotIn("施正", contacts)
        self.assertNotIn("换届", contacts)
        row = page.split('data-testid="liaisons"')[1].split("</table>")[0]
        self.assertEqual(row.count('data-testid="liaison-change"'), 4)  # 3 added, 1 retired
        self.assertIn("换届", row)
