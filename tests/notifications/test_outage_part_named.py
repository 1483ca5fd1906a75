"""Two outages open in one village group are texted apart (walk 39, 10): "左门·哔叭（2号台区）停电"
while the fuse over 哔叭's 1号台区 is still off, so the group's leader does not read the second
as a delay of the first, and a later new time says which one moved. An outage alone there is
texted as before."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from powerdesk.community.models import Liaison, VillageGroup
from powerdesk.customers.models import Customer, CustomerPhone
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.notifications.models import Channel, Delivery
from powerdesk.notifications.outage_notices import outage_facts
from powerdesk.notifications.texts import ONE_SMS, render, render_text
from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare, outage_restore
from tests.base import BaseTestCase
from tests.outage_cast import area_below_the_pole


def part(place: str, part: str) -> str:
    """The place with its part, in the active language ("左门·哔叭（2号台区）")."""
    return _("%(place)s (%(part)s)") % {"place": place, "part": part}


class OutagePartNamedTests(BaseTestCase):
    def setUp(self) -> None:
        self.leader = Liaison.objects.create(
            station=self.station_a, village=self.village, group=self.group, name="马桂",
            phone="13802031201", role=Liaison.Role.GROUP_LEADER,
        )  # fmt: skip
        self.second = area_below_the_pole(self)
        neighbour = Customer.objects.create(
            station=self.station_a,
            account_number="53250000002",
            name="普光明",
            village=self.village,
            group=self.group,
            transformer=self.second,
        )
        CustomerPhone.objects.create(customer=neighbour, number="+8613900000222")
        # Another group of 左门, off neither transformer: the texts name the group (左门·哔叭).
        Customer.objects.create(
            station=self.station_a,
            account_number="53250000003",
            name="李有福",
            village=self.village,
            group=VillageGroup.objects.create(
                station=self.station_a, village=self.village, name="大平地"
            ),
        )

    def declare(self, device: GridNode) -> Outage:
        return outage_declare(
            station=self.station_a,
            user=self.chief,
            device=device,
            kind=Outage.Kind.UNPLANNED,
            starts_at=timezone.now() - dt.timedelta(minutes=10),
        )

    def texts_to_leader(self, outage: Outage) -> list[str]:
        return [
            render(d)
            for d in Delivery.objects.filter(
                liaison=self.leader, channel=Channel.SMS, notice__subject_id=outage.pk
            ).order_by("pk")
        ]

    def test_an_outage_alone_in_its_group_is_texted_as_before(self) -> None:
        first = self.declare(self.fuse)
        (text,) = self.texts_to_leader(first)
        self.assertIn("左门·哔叭停电", text)
        self.assertNotIn("台区", text)
        self.assertEqual(outage_facts(first)["part"], "")

    def test_a_second_outage_in_the_group_and_the_first_s_new_time_say_which_part(
        self,
    ) -> None:
        first = self.declare(self.fuse)
        second = self.declare(self.second)
        (text,) = self.texts_to_leader(second)
        self.assertIn(part("左门·哔叭", "2号台区") + "停电", text)
        self.assertLessEqual(len(text), ONE_SMS, text)
        # The first (the fuse over 1号台区) is named by the transformer area it darkens.
        facts = outage_facts(first)
        self.assertEqual(facts["part"], "1号台区")
        facts.update(station="光禄供电所", etr=(timezone.now() + dt.timedelta(hours=1)).isoformat())
        moved = render_text("etr_moved", facts)
        self.assertIn(part("左门·哔叭", "1号台区") + "停电预计恢复时间改为", moved)
        self.assertLessEqual(len(moved), ONE_SMS)
        with translation.override("en"):
            self.assertIn(part("左门·哔叭", "1号台区"), render_text("etr_moved", facts))
        # Once the second is over, the first is alone again: named as before.
        outage_restore(outage=second, user=self.chief, cause="unknown", how="remote")
        self.assertEqual(outage_facts(first)["part"], "")
        # The second's power-back text was raised while the first was still off: it says which.
        back = [t for t in self.texts_to_leader(second) if "恢复" in t and "预计" not in t]
        self.assertTrue(back)
        self.assertIn(part("左门·哔叭", "2号台区"), back[-1])

    # In the morning: an estimate that falls after midnight says its day too ("12-06 00:25"),
    # two characters past one text's length with this long a name.
    @time_machine.travel(dt.datetime(2026, 6, 15, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    def test_a_device_over_two_areas_is_named_whole_not_cut_at_its_place_words(self) -> None:
        # The fuse darkens two transformer areas: its part is its own name, said whole; cut at
        # the group's word it read "支线02号杆跌落式熔断器" (walk 40, 1).
        third = GridNode.objects.create(
            station=self.station_a,
            feeder=self.feeder,
            code="ZM-B01-T3",
            kind=NodeKind.TRANSFORMER,
            parent=self.fuse,
            name="左门哔叭3号台区",
            village=self.village,
        )
        Customer.objects.create(
            station=self.station_a,
            account_number="53250000004",
            name="普光华",
            village=self.village,
            group=self.group,
            transformer=third,
        )
        self.declare(self.second)
        first = self.declare(self.fuse)
        self.assertEqual(outage_facts(first)["part"], "哔叭支线02号杆跌落式熔断器")
        (text,) = self.texts_to_leader(first)
        self.assertIn(part("左门·哔叭", "哔叭支线02号杆跌落式熔断器") + "停电", text)
        self.assertLessEqual(len(text), ONE_SMS, text)


class OutagePartSaidEverywhereTests(OutagePartNamedTests):
    """The part its texts name is said on the public status page's card (walk 40, 2) and in the
    answer to a villager's text asking about the power; the first outage's texts, alone at
    first, then with a second in the group, say the part the page says."""

    def household_texts(self, outage: Outage, customer: Customer) -> list[str]:
        return [
            render(d)
            for d in Delivery.objects.filter(
                customer=customer, channel=Channel.SMS, notice__subject_id=outage.pk
            ).order_by("pk")
        ]

    def status_cards(self) -> list[str]:
        from django.core.cache import cache
        from django.urls import reverse

        cache.clear()  # the rendered page is kept there
        page = self.client.get(reverse("public:status", args=[self.station_a.code]))
        self.assertEqual(page.status_code, 200)
        import re

        return re.findall(r'data-testid="public-where">([^<]*)<', page.content.decode())

    def test_two_outages_in_one_group_are_told_apart_on_the_public_page(self) -> None:
        self.declare(self.fuse)
        self.assertEqual(self.status_cards(), ["哔叭"])  # alone: as before
        self.declare(self.second)
        self.assertEqual(
            sorted(self.status_cards()), sorted([part("哔叭", "1号台区"), part("哔叭", "2号台区")])
        )

    def test_the_answer_to_a_villager_s_status_text_names_the_part(self) -> None:
        from powerdesk.notifications.inbound import inbound_take

        self.declare(self.fuse)
        alone = inbound_take(
            station=self.station_a, message_id="q-1", from_number="13900000222", text="查询"
        )
        self.assertNotIn("台区", alone.reply)
        self.declare(self.second)
        asked = inbound_take(
            station=self.station_a, message_id="q-2", from_number="13900000222", text="查询"
        )
        self.assertIn(part("左门·哔叭", "2号台区"), asked.reply)

    def test_the_first_outage_s_texts_and_card_say_one_part_once_a_second_opens(self) -> None:
        from powerdesk.outages.estimates import outage_estimate

        first = self.declare(self.fuse)
        (opened,) = self.household_texts(first, self.customer)
        self.assertIn("左门·哔叭停电", opened)  # alone: no part
        self.declare(self.second)
        outage_estimate(
            outage=first,
            user=self.chief,
            expected_restore_at=timezone.now() + dt.timedelta(hours=8),
        )
        moved = self.household_texts(first, self.customer)[-1]
        # The same place words as the first text, with the part the page's card says.
        self.assertIn(part("左门·哔叭", "1号台区") + "停电预计恢复时间改为", moved)
        self.assertIn(part("哔叭", "1号台区"), self.status_cards())
        self.assertEqual(self.texts_to_leader(first)[-1], moved)

    def test_the_household_lookup_names_the_part(self) -> None:
        from django.core.cache import cache
        from django.urls import reverse

        from powerdesk.public.area import area_page_token

        neighbour = Customer.objects.get(name="普光明")  # below the second transformer
        url = reverse("public:lookup", args=[self.station_a.code])

        def where() -> list[str]:
            cache.clear()
            page = self.client.get(url, {"area": area_page_token(neighbour)})
            import re

            return re.findall(r'data-testid="public-where">([^<]*)<', page.content.decode())

        self.declare(self.second)
        self.assertEqual(where(), [])  # alone there: the heading names the place
        self.declare(self.fuse)
        self.assertEqual(where(), [part("哔叭", "2号台区")])
