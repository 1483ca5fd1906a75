"""A village liaison sees their own village's outages and orders, reports and confirms."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Membership, Role
from powerdesk.community.models import Village
from powerdesk.outages.estimates import outage_estimate
from powerdesk.outages.models import Outage, OutageEvent
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.models import WorkOrder
from tests.base import BaseTestCase, make_user
from tests.planned_cast import planned_on_fuse


class LiaisonTests(BaseTestCase):
    def setUp(self) -> None:
        self.liaison = make_user("zm", self.station_a, full_name="左门村委会 李文华")
        Membership.objects.create(
            user=self.liaison, station=self.station_a, role=Role.LIAISON, village=self.village
        )
        self.outage = outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            notice="哔叭支线抢修中",
        )
        self.login(self.liaison)

    def test_the_liaison_sees_their_village_s_outage(self) -> None:
        response = self.client.get(reverse("web:liaison"))
        self.assertContains(response, "哔叭支线抢修中")

    def test_the_liaison_sees_since_when_and_the_time_the_villagers_were_texted(self) -> None:
        from powerdesk.notifications.models import Notice

        etr = Notice.objects.get(key=f"outage_known:{self.outage.pk}").facts["etr"]
        self.assertTrue(etr)  # the model's estimate, texted with the outage
        texted = timezone.localtime(dt.datetime.fromisoformat(etr))
        page = self.client.get(reverse("web:liaison")).content.decode()
        since = f"{timezone.localtime(self.outage.starts_at):%m-%d %H:%M}"
        self.assertIn(f'<span data-testid="liaison-since">停电开始 {since}</span>', page)
        self.assertIn(
            f'<span data-testid="liaison-back">预计复电 {texted:%m-%d %H:%M}</span>', page
        )
        self.assertNotIn('data-testid="liaison-told"', page)

    def test_a_new_time_is_said_once_with_the_time_the_villagers_were_texted(self) -> None:
        """Walkthrough 37, #5: "预计复电 12:55" (texted) above "最新情况：…预计 12:00 左右恢复
        供电" (the crew's), nothing saying which is which. The time now is said, once, and
        what the villagers were texted beside it, with when the new time goes out."""
        from powerdesk.notifications.models import Notice

        etr = Notice.objects.get(key=f"outage_known:{self.outage.pk}").facts["etr"]
        texted = timezone.localtime(dt.datetime.fromisoformat(etr))
        # A revision held back (the quiet time after the text): the villagers have the old time.
        new = texted - dt.timedelta(minutes=55)
        outage_estimate(outage=self.outage, user=self.chief, expected_restore_at=new)
        page = self.client.get(reverse("web:liaison")).content.decode()
        self.assertIn(f'<span data-testid="liaison-back">预计复电 {new:%m-%d %H:%M}</span>', page)
        told = page.split('data-testid="liaison-told">', 1)[1].split("</span>", 1)[0]
        self.assertIn(f"{texted:%m-%d %H:%M}", told)
        latest = page.split('data-testid="liaison-latest">', 1)[1].split("</span>", 1)[0]
        self.assertIn(f"{new:%m-%d %H:%M}", latest)
        self.assertNotIn(f"{texted:%m-%d %H:%M}", latest)
        # The header's time is no other than the one the latest says.
        header = page.split('data-testid="liaison-back">', 1)[1].split("</span>", 1)[0]
        self.assertNotIn(f"{texted:%m-%d %H:%M}", header)

    def test_a_text_written_before_the_outage_was_moved_is_marked(self) -> None:
        page = self.client.get(reverse("web:liaison"))
        self.assertNotContains(page, 'data-testid="liaison-notice-stale"')
        Outage.objects.filter(pk=self.outage.pk).update(notice_source="before_move")
        page = self.client.get(reverse("web:liaison"))
        self.assertContains(page, 'data-testid="liaison-notice-stale"')
        self.assertContains(page, "改期前所写，可能仍是原来的日期")

    def test_a_report_for_a_villager_opens_an_order_in_that_group(self) -> None:
        self.client.post(
            reverse("web:liaison"),
            {
                "action": "report",
                "group": self.group.pk,
                "text": "哔叭组电杆被水冲歪了，快倒了",
                "form_token": "t1",
            },
        )
        order = WorkOrder.objects.get()
        self.assertEqual((order.category, order.urgent, order.group), ("hazard", True, self.group))
        # The liaison is its reporter, not its owner: the station takes it.
        self.assertIsNone(order.owner)
        self.assertEqual(order.events.get(kind="created").by, self.liaison)
        self.assertEqual(order.calls.get().taken_by, self.liaison)
        self.assertContains(self.client.get(reverse("web:liaison")), order.number)

    def test_the_liaison_confirms_power_back_in_their_group(self) -> None:
        self.client.post(
            reverse("web:liaison"),
            {"action": "power_back", "outage": self.outage.pk, "group": self.group.pk},
        )
        event = OutageEvent.objects.get(what="liaison_on")
        self.assertEqual(event.by, self.liaison)
        self.assertIn("哔叭", event.note)

    def test_another_village_s_liaison_sees_nothing_of_this_village(self) -> None:
        other_village = Village.objects.create(station=self.station_a, name="地索")
        other = make_user("ds", self.station_a)
        Membership.objects.create(
            user=other, station=self.station_a, role=Role.LIAISON, village=other_village
        )
        self.login(other)
        response = self.client.get(reverse("web:liaison"))
        self.assertContains(response, "地索")
        self.assertNotContains(response, "哔叭支线抢修中")
        self.client.post(reverse("web:liaison"), {"action": "power_back", "outage": self.outage.pk})
        self.assertFalse(OutageEvent.objects.filter(what="liaison_on").exists())

    def test_reports_and_power_back_are_in_the_village_s_liaison_log(self) -> None:
        from powerdesk.community.models import Liaison, LiaisonActivity

        record = Liaison.objects.create(
            station=self.station_a,
            village=self.village,
            name="李文华",
            phone="138 1234 5678",
            role="secretary",
            user=self.liaison,
        )
        self.client.post(
            reverse("web:liaison"),
            {
                "action": "report",
                "group": self.group.pk,
                "text": "哔叭组电杆被水冲歪了",
                "form_token": "t2",
            },
        )
        self.client.post(
            reverse("web:liaison"),
            {"action": "power_back", "outage": self.outage.pk, "group": self.group.pk},
        )
        kinds = list(
            LiaisonActivity.objects.filter(village=self.village, liaison=record)
            .order_by("at", "pk")
            .values_list("kind", flat=True)
        )
        self.assertEqual(kinds, ["report", "power_back"])


class LiaisonPrivacyTests(BaseTestCase):
    """The liaison's page shows outages and what the liaison reported: nothing of other
    households' business; a liaison of two villages acts for both."""

    def setUp(self) -> None:
        from powerdesk.community.models import VillageGroup

        self.liaison = make_user("zm", self.station_a, full_name="左门村委会 李文华")
        Membership.objects.create(
            user=self.liaison, station=self.station_a, role=Role.LIAISON, village=self.village
        )
        # A group of the village fed from elsewhere: not under the 哔叭 branch's fuse.
        self.far_group = VillageGroup.objects.create(
            station=self.station_a, village=self.village, name="大村"
        )
        self.login(self.liaison)

    def test_other_households_orders_complaints_and_billing_questions_are_not_shown(self) -> None:
        from powerdesk.servicedesk.services import work_order_create

        for category, summary in (
            ("complaint", "投诉抄表员态度差"),
            ("billing", "普光荣问电费为什么这么高"),
            ("fault_repair", "普光荣家里停电"),
        ):
            work_order_create(
                station=self.station_a,
                user=self.clerk,
                category=category,
                summary=summary,
                customer=self.customer,
            )
        response = self.client.get(reverse("web:liaison"))
        for text in ("投诉抄表员", "电费", "普光荣", "家里停电"):
            self.assertNotContains(response, text)

    def test_the_liaison_sees_what_they_reported_with_its_order(self) -> None:
        self.client.post(
            reverse("web:liaison"),
            {
                "action": "report",
                "village": self.village.pk,
                "group": self.group.pk,
                "text": "哔叭组电杆被水冲歪了",
                "form_token": "t1",
            },
        )
        order = WorkOrder.objects.get()
        response = self.client.get(reverse("web:liaison"))
        self.assertContains(response, "哔叭组电杆被水冲歪了")
        self.assertContains(response, order.number)

    def test_a_liaison_of_two_villages_sees_and_reports_for_both(self) -> None:
        from powerdesk.community.models import Liaison, VillageGroup

        second = Village.objects.create(station=self.station_a, name="地索")
        second_group = VillageGroup.objects.create(
            station=self.station_a, village=second, name="上组"
        )
        Liaison.objects.create(
            station=self.station_a,
            village=second,
            name="李文华",
            phone="138 1234 5678",
            role="electrician",
            user=self.liaison,
        )
        response = self.client.get(reverse("web:liaison"))
        self.assertContains(response, "<h1>左门")
        self.assertContains(response, "<h1>地索")
        self.client.post(
            reverse("web:liaison"),
            {
                "action": "report",
                "village": second.pk,
                "group": second_group.pk,
                "text": "上组电杆被水冲歪了",
                "form_token": "t1",
            },
        )
        order = WorkOrder.objects.get()
        self.assertEqual((order.village, order.group), (second, second_group))

    def test_a_village_the_liaison_does_not_speak_for_is_refused(self) -> None:
        other = Village.objects.create(station=self.station_a, name="地索")
        response = self.client.post(
            reverse("web:liaison"),
            {"action": "report", "village": other.pk, "text": "电杆歪了", "form_token": "t1"},
            follow=True,
        )
        self.assertContains(response, "请选择您联系的一个村")
        self.assertFalse(WorkOrder.objects.exists())

    def test_power_back_is_offered_only_for_the_groups_under_the_outage(self) -> None:
        outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind=Outage.Kind.UNPLANNED
        )
        response = self.client.get(reverse("web:liaison"))
        form = response.content.decode().split('value="power_back"')[1].split("</form>")[0]
        self.assertIn("哔叭", form)
        self.assertNotIn("大村", form)
        self.client.post(
            reverse("web:liaison"),
            {
                "action": "power_back",
                "village": self.village.pk,
                "outage": outage.pk,
                "group": self.far_group.pk,
            },
        )
        self.assertFalse(OutageEvent.objects.filter(what="liaison_on").exists())

    def test_power_back_is_not_taken_for_an_outage_that_has_not_started(self) -> None:
        import datetime as dt

        from django.utils import timezone

        outage = planned_on_fuse(
            self,
            timezone.now() + dt.timedelta(days=8),
            timezone.now() + dt.timedelta(days=8, hours=8),
            notice="更换绝缘子",
        )
        response = self.client.get(reverse("web:liaison"))
        self.assertContains(response, "更换绝缘子")
        self.assertNotContains(response, 'value="power_back"')
        self.client.post(
            reverse("web:liaison"),
            {"action": "power_back", "outage": outage.pk, "group": self.group.pk},
        )
        self.assertFalse(OutageEvent.objects.filter(what="liaison_on").exists())


class LiaisonSwitchTests(BaseTestCase):
    def test_a_liaison_switching_station_lands_on_their_own_page(self) -> None:
        liaison = make_user("two_villages", self.station_a)
        Membership.objects.create(
            user=liaison, station=self.station_a, role=Role.LIAISON, village=self.village
        )
        self.login(liaison)
        response = self.client.post(
            reverse("accounts:switch_station"), {"station": self.station_a.pk}, follow=True
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.redirect_chain[-1][0], reverse("web:liaison"))
