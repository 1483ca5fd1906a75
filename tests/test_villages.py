"""The village page: liaisons, contacts, reliability so far, and only the station's own."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.community.liaison import LiaisonError, liaison_add, record_activity
from powerdesk.community.models import Liaison, LiaisonActivity, Village
from powerdesk.community.selectors import village_interruptions, village_reliability
from powerdesk.customers.models import Customer
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages.models import Outage
from tests.base import BaseTestCase


class VillagePageTests(BaseTestCase):
    def test_adding_a_liaison_normalises_the_phone_and_records_it(self) -> None:
        self.login(self.clerk)
        self.client.post(
            self.village.get_absolute_url(),
            {
                "action": "add_liaison",
                "name": "罗正发",
                "phone": "13912345678",
                "role": "group_leader",
                "group": self.group.pk,
            },
        )
        liaison = Liaison.objects.get()
        self.assertEqual((liaison.phone, liaison.group), ("139 1234 5678", self.group))
        activity = LiaisonActivity.objects.get()
        self.assertEqual((activity.by, activity.liaison), (self.clerk, liaison))
        page = self.client.get(self.village.get_absolute_url())
        self.assertContains(page, "罗正发")
        self.assertContains(page, "村民小组长")

    def test_a_bad_phone_is_refused_with_the_number_named(self) -> None:
        with self.assertRaisesMessage(LiaisonError, "“12” 不是可以拨打的电话号码"):
            liaison_add(
                village=self.village, by=self.clerk, name="罗正发", phone="12", role="other"
            )
        self.assertFalse(Liaison.objects.exists())

    def test_a_group_of_another_village_is_refused(self) -> None:
        other = Village.objects.create(station=self.station_a, name="地索")
        with self.assertRaisesMessage(LiaisonError, "这个村民小组不在本村"):
            liaison_add(
                village=other,
                by=self.clerk,
                name="罗正发",
                phone="13912345678",
                role="group_leader",
                group=self.group,
            )

    def test_retiring_a_liaison_needs_a_reason_and_keeps_the_record(self) -> None:
        liaison = liaison_add(
            village=self.village, by=self.clerk, name="罗正发", phone="13912345678", role="director"
        )
        self.login(self.clerk)
        self.client.post(
            self.village.get_absolute_url(),
            {"action": "retire", "liaison": liaison.pk, "reason": ""},
        )
        liaison.refresh_from_db()
        self.assertTrue(liaison.active)
        self.client.post(
            self.village.get_absolute_url(),
            {"action": "retire", "liaison": liaison.pk, "reason": "换届"},
        )
        liaison.refresh_from_db()
        self.assertFalse(liaison.active)
        self.assertIn("换届", LiaisonActivity.objects.first().note)

    def test_a_contact_with_the_village_is_logged(self) -> None:
        self.login(self.clerk)
        self.client.post(
            self.village.get_absolute_url(),
            {"action": "contact", "kind": "other", "note": "已电话告知哔叭组停电"},
        )
        page = self.client.get(self.village.get_absolute_url())
        self.assertContains(page, "已电话告知哔叭组停电")

    def test_reliability_so_far_counts_the_village_s_customers_below_the_device(self) -> None:
        # Two customers of the village below the fuse, one more elsewhere in the village.
        Customer.objects.create(
            station=self.station_a,
            account_number="53250000002",
            name="起文明",
            village=self.village,
            transformer=self.transformer,
        )
        Customer.objects.create(
            station=self.station_a,
            account_number="53250000003",
            name="毕金祥",
            village=self.village,
        )
        now = timezone.localtime()
        start = now - dt.timedelta(hours=5)
        if start.year != now.year:  # the first hours of 1 January
            start = now.replace(hour=0, minute=0, second=0, microsecond=0)
        Outage.objects.create(
            station=self.station_a,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            status=Outage.Status.RESTORED,
            starts_at=start,
            restored_at=start + dt.timedelta(hours=3)
            if start + dt.timedelta(hours=3) < now
            else now,
        )
        hours = min(3.0, (now - start).total_seconds() / 3600)
        items = village_interruptions(self.village, start - dt.timedelta(days=1), now)
        self.assertEqual([i.customers for i in items], [2])
        result = village_reliability(self.village)
        self.assertAlmostEqual(result.all.aihc1, 2 * hours / 3, places=3)
        self.assertAlmostEqual(result.all.saidi, 2 * hours * 60 / 3, places=2)
        self.assertAlmostEqual(result.all.saifi, 2 / 3, places=3)
        # DL/T 836's medium-voltage users: the transformer area counts once, however many
        # households it has.
        areas = GridNode.objects.filter(village=self.village, kind=NodeKind.TRANSFORMER)
        self.assertEqual(result.mv_users.customers_served, areas.count())
        self.assertEqual(result.mv_users.customer_interruptions, 1)
        self.login(self.chief)
        self.assertContains(self.client.get(self.village.get_absolute_url()), "SAIDI")

    def test_another_station_sees_neither_the_village_nor_its_liaisons(self) -> None:
        record_activity(village=self.village, by=self.clerk, kind="other", note="秘密")
        self.login(self.outsider)
        self.assertEqual(self.client.get(self.village.get_absolute_url()).status_code, 404)
        self.assertNotContains(self.client.get(reverse("community:villages")), "左门")
        response = self.client.post(
            self.village.get_absolute_url(),
            {"action": "add_liaison", "name": "x", "phone": "13912345678", "role": "other"},
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(Liaison.objects.exists())

    def test_the_remote_village_shows_that_remote_deadlines_apply(self) -> None:
        self.village.no_road_access = True
        self.village.save()
        self.login(self.chief)
        self.assertContains(self.client.get(self.village.get_absolute_url()), "工单按偏远地区时限")


class TellingLiaisonsTests(BaseTestCase):
    def test_the_outage_page_lists_the_liaisons_to_tell_and_records_who_was_told(self) -> None:
        from powerdesk.outages.services import outage_declare

        leader = liaison_add(
            village=self.village,
            by=self.chief,
            name="罗正发",
            phone="13912345678",
            role="group_leader",
            group=self.group,
        )
        elsewhere = liaison_add(
            village=Village.objects.create(station=self.station_a, name="地索"),
            by=self.chief,
            name="毕金祥",
            phone="13912345679",
            role="secretary",
        )
        outage = outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            notice="哔叭支线抢修中",
        )
        self.login(self.clerk)
        page = self.client.get(reverse("outages:list"))
        self.assertContains(page, "罗正发")
        self.assertNotContains(page, "毕金祥")
        # One form for the outage, a button for each liaison: what the browser sends.
        form = page.content.decode().split(f'data-testid="tell-liaisons-{outage.pk}"')[1]
        form = form.split("</form>")[0]
        self.assertIn('name="action" value="told"', form)
        self.assertIn(f'name="outage" value="{outage.pk}"', form)
        self.assertIn(f'name="liaison" value="{leader.pk}"', form)
        self.client.post(
            reverse("outages:list"), {"action": "told", "outage": outage.pk, "liaison": leader.pk}
        )
        told = LiaisonActivity.objects.get(kind="told_outage")
        self.assertEqual((told.liaison, told.by), (leader, self.clerk))
        self.assertIn("哔叭支线抢修中", told.note)
        self.assertContains(self.client.get(reverse("outages:list")), "已告知")
        response = self.client.post(
            reverse("outages:list"),
            {"action": "told", "outage": outage.pk, "liaison": elsewhere.pk},
            follow=True,
        )
        self.assertContains(response, "该停电不涉及这位联络员所在的村")
        self.assertEqual(LiaisonActivity.objects.filter(kind="told_outage").count(), 1)
