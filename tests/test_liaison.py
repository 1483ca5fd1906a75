"""A village liaison sees their own village's outages and orders, reports and confirms."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.accounts.models import Membership, Role
from powerdesk.community.models import Village
from powerdesk.outages.models import Outage, OutageEvent
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.models import WorkOrder
from tests.base import BaseTestCase, make_user


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
        # The liaison reported it (the call and the order's history are theirs); the station's
        # staff own the work.
        self.assertIsNone(order.owner)
        self.assertEqual(order.events.get(kind="created").by, self.liaison)
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
