"""The crew's dispatch text for an outage and a liaison's text of power back at a step name the
places the outage reached as the households' own texts do (``audience.place_names``: a village,
or the groups of it reached, 左门·哔叭; at most three, then "等N处"), no longer the whole village
for one group's outage: 左门 has a second group, 干海, whose households (钱七) are beside the
fuse, not below it."""

from __future__ import annotations

from powerdesk.community.models import Liaison, VillageGroup
from powerdesk.notifications.dispatch_shown import _where
from powerdesk.notifications.models import Delivery, Event, Notice
from powerdesk.notifications.texts import render, render_text
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.restoration import outage_restore_part
from tests.outage_cast import DarkCastTestCase


class PlacesNamedTests(DarkCastTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.ganhai = VillageGroup.objects.create(
            station=self.station_a, village=self.village, name="干海"
        )
        self.qian.group = self.ganhai
        self.qian.save(update_fields=["group"])

    def test_the_crew_s_dispatch_names_the_group_reached_not_the_village(self) -> None:
        self.crew.phone = "13900000009"
        self.crew.save(update_fields=["phone"])
        outage = self.declare(self.fuse)  # 哔叭's households; 钱七 of 干海 keeps power
        outage_dispatch(outage=outage, crew=self.crew, user=self.chief)
        notice = Notice.objects.get(event=Event.CREW_DISPATCHED)
        self.assertEqual(notice.facts["villages"], ["左门·哔叭"])
        self.assertEqual(notice.facts["village_count"], 1)
        text = render(Delivery.objects.get(notice=notice))
        self.assertIn("左门·哔叭", text)

    def test_the_crew_s_dispatch_names_the_village_when_every_group_of_it_is_reached(
        self,
    ) -> None:
        self.crew.phone = "13900000009"
        self.crew.save(update_fields=["phone"])
        outage = self.declare(self.pole)  # 哔叭's households and 钱七 of 干海
        outage_dispatch(outage=outage, crew=self.crew, user=self.chief)
        notice = Notice.objects.get(event=Event.CREW_DISPATCHED)
        self.assertEqual(notice.facts["villages"], ["左门"])

    def test_more_places_than_named_are_counted_as_the_households_texts_count_them(self) -> None:
        where = _where("1号台区", ["左门·哔叭", "右门", "大村"], 5)
        self.assertEqual(where, "1号台区 左门·哔叭、右门、大村等5处")
        facts = {
            "station": "光禄供电所",
            "number": "2026-00001",
            "category": "fault_repair",
            "urgent": False,
            "why": [],
            "place": "1号台区",
            "villages": ["左门·哔叭", "右门", "大村"],
            "village_count": 5,
        }
        self.assertIn("等5处", render_text("crew_dispatched", facts, sms=False))

    def test_a_group_s_power_back_names_the_group_to_its_leader(self) -> None:
        leader = Liaison.objects.create(
            station=self.station_a, village=self.village, group=self.group, name="哔叭组长",
            phone="13900000102", role=Liaison.Role.GROUP_LEADER,
        )  # fmt: skip
        director = Liaison.objects.create(
            station=self.station_a, village=self.village, name="左主任", phone="13900000101",
            role=Liaison.Role.DIRECTOR,
        )  # fmt: skip
        outage = self.declare(self.pole)
        # The pole closed, 钱七's area still open: 哔叭's three have power back, 干海's not.
        outage_restore_part(outage=outage, user=self.chief, still_open=[self.area])
        (to_leader,) = Delivery.objects.filter(notice__event=Event.POWER_BACK, liaison=leader)
        facts = to_leader.notice.facts
        self.assertEqual(
            (facts["villages"], facts["households"], facts["still_off"]), (["左门·哔叭"], 3, 0)
        )
        self.assertIn("左门·哔叭", render(to_leader))
        # The village's liaison: the village, where the outage reached both groups, and 钱七 of
        # 干海 counted among those still off there.
        (to_director,) = Delivery.objects.filter(notice__event=Event.POWER_BACK, liaison=director)
        facts = to_director.notice.facts
        self.assertEqual(
            (facts["villages"], facts["households"], facts["still_off"]), (["左门"], 3, 1)
        )
