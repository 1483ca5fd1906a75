"""After the dispatcher gives power back to part of an outage (a step), the village liaison's
page says how much of the village, and of their own group, has power back and how much is still
off; once the liaison said power is back in their group, the button gives way to when they said
it, and a second press stores nothing again."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Membership, Role
from powerdesk.community.liaison import liaison_power_back
from powerdesk.community.models import LiaisonActivity, VillageGroup
from powerdesk.customers.models import Customer
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages.models import Outage, OutageEvent
from powerdesk.outages.restoration import outage_restore_part
from powerdesk.outages.services import outage_declare
from tests.base import BaseTestCase, make_user, zh
from tests.outage_cast_liaisons import group_leader


def counts(place: str, back: int, off: int) -> str:
    """A place's line on the liaison's page, as the page says it in Chinese ("左门：1 户已来电，2 户
    仍停电", "哔叭：1 户已来电" when all are back; the msgids while the catalogue has none yet)."""
    from django.utils import translation
    from django.utils.translation import ngettext, pgettext

    with translation.override("zh-hans"):
        parts = []
        if back:
            n = {"n": back}
            parts.append(
                ngettext("%(n)s household has power back", "%(n)s households have power back", back)
                % n
            )
        if off or not back:
            parts.append(
                ngettext("%(n)s household still off", "%(n)s households still off", off)
                % {"n": off}
            )
        return (
            place
            + pgettext("label separator", ": ")
            + pgettext("clause separator", ", ").join(parts)
        )


def second_branch(cast: Any) -> tuple[VillageGroup, GridNode]:
    """A second branch of the cast's line below its pole, with its own fuse, feeding two
    households of the village's other group (哈尼): the group and the fuse."""
    group2 = VillageGroup.objects.create(station=cast.station_a, village=cast.village, name="哈尼")
    fuse2 = GridNode.objects.create(
        station=cast.station_a,
        feeder=cast.feeder,
        code="ZM-B02-F",
        kind=NodeKind.FUSE,
        parent=cast.pole,
        name="哈尼支线熔断器",
    )
    transformer2 = GridNode.objects.create(
        station=cast.station_a,
        feeder=cast.feeder,
        code="ZM-B02-T1",
        kind=NodeKind.TRANSFORMER,
        parent=fuse2,
        name="左门哈尼1号台区",
        village=cast.village,
    )
    for n in range(2):
        Customer.objects.create(
            station=cast.station_a,
            account_number=f"5325000010{n}",
            name=f"哈尼住户{n}",
            village=cast.village,
            group=group2,
            transformer=transformer2,
        )
    return group2, fuse2


class LiaisonStepBackTests(BaseTestCase):
    group2: VillageGroup
    fuse2: GridNode

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.group2, cls.fuse2 = second_branch(cls)

    def setUp(self) -> None:
        # The group leader of 哔叭, with a login.
        self.leader = group_leader(self)
        self.start = timezone.now() - dt.timedelta(hours=2)
        self.outage = outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.breaker,
            kind=Outage.Kind.UNPLANNED,
            starts_at=self.start,
        )
        self.login(self.leader)

    def page(self) -> str:
        return self.client.get(reverse("web:liaison")).content.decode()

    def press(self) -> None:
        self.client.post(
            reverse("web:liaison"),
            {"action": "power_back", "outage": self.outage.pk, "group": self.group.pk},
        )

    def test_the_page_says_how_much_of_the_village_and_the_group_is_back_after_a_step(
        self,
    ) -> None:
        page = self.page()
        self.assertIn(counts("左门", 0, 3), page)  # before any step: all off, none back
        self.assertNotIn('data-testid="liaison-step-at"', page)
        at = self.start + dt.timedelta(minutes=50)
        outage_restore_part(outage=self.outage, user=self.chief, still_open=[self.fuse2], at=at)
        page = self.page()
        self.assertIn('data-testid="liaison-partly">部分复电</span>', page)
        self.assertIn(counts("左门", 1, 2), page)
        self.assertIn(counts("哔叭", 1, 0) + "<br>", page)  # all back: no "0 still off"
        local = timezone.localtime(at)
        self.assertIn(f"{zh('latest partial restoration')} {local:%m-%d %H:%M}", page)
        self.assertIn(f"停电开始 {timezone.localtime(self.start):%m-%d %H:%M}", page)
        # Still the group leader's button until they say it.
        self.assertIn("我组已来电", page)

    def test_the_button_gives_way_once_the_leader_said_power_is_back(self) -> None:
        outage_restore_part(outage=self.outage, user=self.chief, still_open=[self.fuse2])
        self.press()
        event = OutageEvent.objects.get(what="liaison_on")
        page = self.page()
        self.assertNotIn("我组已来电", page)
        self.assertNotIn('data-testid="liaison-power-back"', page)
        self.assertIn(f"{zh('Reported power back')} {timezone.localtime(event.at):%H:%M}", page)
        # Pressed again (a double tap, a retry): nothing stored twice.
        self.press()
        self.assertEqual(OutageEvent.objects.filter(what="liaison_on").count(), 1)
        self.assertEqual(
            LiaisonActivity.objects.filter(kind=LiaisonActivity.Kind.POWER_BACK).count(), 1
        )

    def test_the_service_stores_a_second_press_once(self) -> None:
        first = liaison_power_back(
            user=self.leader, village=self.village, outage=self.outage, group=self.group
        )
        again = liaison_power_back(
            user=self.leader, village=self.village, outage=self.outage, group=self.group
        )
        self.assertEqual(first.pk, again.pk)
        self.assertEqual(OutageEvent.objects.filter(what="liaison_on").count(), 1)
        self.assertEqual(
            LiaisonActivity.objects.filter(kind=LiaisonActivity.Kind.POWER_BACK).count(), 1
        )
        # Another group is another place: said apart.
        other = liaison_power_back(
            user=self.leader, village=self.village, outage=self.outage, group=self.group2
        )
        self.assertNotEqual(other.pk, first.pk)

    def test_a_committee_liaison_is_offered_the_groups_not_said_yet(self) -> None:
        committee = make_user("zm2", self.station_a, full_name="左门村委会 李文华")
        Membership.objects.create(
            user=committee, station=self.station_a, role=Role.LIAISON, village=self.village
        )
        self.login(committee)
        self.press()
        page = self.page()
        form = page.split('data-testid="liaison-power-back"')[1].split("</form>")[0]
        self.assertIn("哈尼", form)
        self.assertNotIn("哔叭", form)
        self.assertIn(zh("Reported power back"), page)
        # Nothing of the village's counts for the group leader's group: the committee has none.
        self.assertIn(counts("左门", 0, 3), page)
        self.assertNotIn(counts("哔叭", 0, 1), page)

    def test_a_household_back_from_this_outage_but_dark_under_another_is_still_off(self) -> None:
        outage_restore_part(outage=self.outage, user=self.chief, still_open=[self.fuse2])
        # A fault below on the 哔叭 branch: its household has no power after all.
        outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
        )
        page = self.page()
        self.assertIn(counts("左门", 0, 3), page)  # the step's outage: nobody back yet
        self.assertIn(counts("左门", 0, 1), page)  # the fault below
        self.assertIn(counts("哔叭", 0, 1), page)
        self.assertNotIn(counts("左门", 1, 2), page)
