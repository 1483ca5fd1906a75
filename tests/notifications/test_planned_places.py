"""A planned outage's text names the places it darkens: the village group (左门·哔叭) when only
some of the village's groups are below the device, the village (左门) when all its groups with
households are, or when the households have no group; many places are "等N处"."""

from __future__ import annotations

import datetime as dt
from unittest.mock import patch

import time_machine
from django.utils import translation
from django.utils.translation import gettext

from powerdesk.community.models import Liaison, Village, VillageGroup
from powerdesk.customers.models import Customer, CustomerPhone
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.notifications.audience import place_names
from powerdesk.notifications.models import Delivery
from powerdesk.notifications.texts import place_words, render
from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare
from tests.base import BaseTestCase

TZ = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 5, 4, 9, 0, tzinfo=TZ)
START = NOW + dt.timedelta(days=8)
END = START + dt.timedelta(hours=8)
LEADER = "+8613900000002"  # 哔叭's group leader
COMMITTEE = "+8613900000003"  # 左门's committee
HOUSEHOLD = "+8613812345678"  # 普光荣, in 左门·哔叭 below the fuse


class PlannedPlacesTests(BaseTestCase):
    def setUp(self) -> None:
        # 左门 has a second group, 干海, on another transformer of the line (not below the fuse).
        self.ganhai = VillageGroup.objects.create(
            station=self.station_a, village=self.village, name="干海"
        )
        self.other_transformer = self.node("ZM-GH-T1", NodeKind.TRANSFORMER, self.breaker)
        self.household(self.ganhai, self.other_transformer, "53250000002")
        Liaison.objects.create(
            station=self.station_a,
            village=self.village,
            group=self.group,
            name="乙",
            phone="13900000002",
            role="group_leader",
        )
        Liaison.objects.create(
            station=self.station_a,
            village=self.village,
            name="丙",
            phone="13900000003",
            role="secretary",
        )

    def node(self, code: str, kind: str, parent: GridNode) -> GridNode:
        return GridNode.objects.create(
            station=self.station_a, feeder=self.feeder, code=code, kind=kind, parent=parent
        )

    def household(
        self,
        group: VillageGroup | None,
        transformer: GridNode,
        account: str,
        village: Village | None = None,
    ) -> Customer:
        customer = Customer.objects.create(
            station=self.station_a,
            account_number=account,
            name=f"住户{account[-2:]}",
            village=village or (group.village if group else self.village),
            group=group,
            transformer=transformer,
        )
        CustomerPhone.objects.create(customer=customer, number=f"+86139{account[-8:]}")
        return customer

    def announce_outage(self, device: GridNode) -> Outage:
        with time_machine.travel(NOW, tick=False):
            return outage_declare(
                station=self.station_a,
                user=self.chief,
                device=device,
                kind=Outage.Kind.PLANNED,
                starts_at=START,
                expected_restore_at=END,
                cause="更换绝缘子",
            )

    def announce(self, device: GridNode) -> dict[str, str]:
        """The texts of a planned outage announced on ``device``, by address."""
        outage = self.announce_outage(device)
        with translation.override("zh-hans"):
            return {
                d.address: render(d)
                for d in Delivery.objects.filter(
                    notice__key__startswith=f"planned:{outage.pk}:", channel="sms"
                ).select_related("notice")
            }

    def test_only_one_group_below_the_device_is_named_as_the_group(self) -> None:
        texts = self.announce(self.fuse)
        said = "【光禄供电所】计划检修：左门·哔叭于05-12 09:00至17:00停电。"
        # The household, the group's leader and the village's committee are all told the group.
        for phone in (HOUSEHOLD, LEADER, COMMITTEE):
            self.assertTrue(texts[phone].startswith(said), texts[phone])

    def test_every_peopled_group_of_the_village_below_names_the_village(self) -> None:
        # A group with no households (none recorded) does not make the village partial.
        VillageGroup.objects.create(station=self.station_a, village=self.village, name="空组")
        texts = self.announce(self.breaker)
        self.assertIn("计划检修：左门于05-12 09:00至17:00停电。", texts[COMMITTEE])

    def test_households_without_a_group_name_their_village(self) -> None:
        self.household(None, self.transformer, "53250000003")
        self.assertEqual(place_names(self.fuse), ["左门"])

    def test_places_without_road_access_come_first_and_each_village_is_said_once(self) -> None:
        sanjiao = Village.objects.create(station=self.station_a, name="三角")
        upper = VillageGroup.objects.create(station=self.station_a, village=sanjiao, name="上村")
        VillageGroup.objects.create(station=self.station_a, village=sanjiao, name="下村")
        self.household(upper, self.transformer, "53250000004")
        self.household(VillageGroup.objects.get(name="下村"), self.other_transformer, "53250000005")
        # 哔叭 has no road access; 三角 is partly below (上村), 左门 partly (哔叭).
        self.assertEqual(place_names(self.fuse), ["左门·哔叭", "三角·上村"])

    def test_many_places_are_named_up_to_a_few_then_counted_in_all(self) -> None:
        places = ["左门·哔叭", "左门·干海", "三角·上村", "地索", "黄泥塘"]
        # English, the msgid (zh-hans: "左门·哔叭、左门·干海等5处"): the count is of all places.
        with translation.override("en"):
            self.assertEqual(
                place_words("ZM", places, 2), "左门·哔叭, 左门·干海 and more, 5 places in all"
            )
            self.assertEqual(place_words("ZM", places[:2], 2), "左门·哔叭, 左门·干海")

    def test_a_text_names_three_places_at_most(self) -> None:
        for n, village in enumerate(["地索", "黄泥塘", "三角", "大村"]):
            place = Village.objects.create(station=self.station_a, name=village)
            self.household(None, self.transformer, f"5325000001{n}", village=place)
        # The words "等5处" as the station's translation says them (po-fix31a.json).
        said = {"%(places)s and more, %(count)d places in all": "%(places)s等%(count)d处"}
        with patch("powerdesk.notifications.texts._", lambda s: said.get(s, gettext(s))):
            text = self.announce(self.fuse)[HOUSEHOLD]
        # The places without road access first (哔叭), then by name; three named, five in all.
        self.assertIn("计划检修：左门·哔叭、三角、地索等5处于05-12 09:00至17:00停电。", text)

    def test_the_planned_list_names_the_places_as_the_text_does(self) -> None:
        from powerdesk.outages.planned import planned_outage_reach

        outage = self.announce_outage(self.fuse)
        # The list's place column and the text agree: 左门·哔叭, not all of 左门.
        self.assertEqual(planned_outage_reach(outage).villages, [("左门·哔叭", 1)])
        self.household(None, self.transformer, "53250000003")
        self.assertEqual(planned_outage_reach(outage).villages, [("左门", 2)])
