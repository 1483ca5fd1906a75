"""A work order (a hazard, a fault at one household) gets the same crew suggestion as an
outage: travel time, workload and reasons, and one tap sends it."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from powerdesk.accounts.models import Role
from powerdesk.outages.crew_choice import order_crew_options
from powerdesk.servicedesk.models import Category, WorkOrder
from powerdesk.servicedesk.services import work_order_create, work_order_dispatch
from tests.base import BaseTestCase, make_user
from tests.crew_choice_cast import TARGET, crews_north_and_south


class OrderCrewSuggestionTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # The customer's transformer area at TARGET; 一班's base 18 km north, 二班's 8 km south.
        cls.transformer.x, cls.transformer.y = TARGET
        cls.transformer.save()
        # A road reaches the customer's group here (the cast's 哔叭 has none).
        cls.group.no_road_access = False
        cls.group.save()
        crews_north_and_south(cls)

    def hazard(self) -> WorkOrder:
        return work_order_create(
            station=self.station_a,
            user=self.clerk,
            category=Category.HAZARD,
            summary="电杆倾斜，导线很低",
            customer=self.customer,
        )

    def test_the_nearer_crew_is_suggested_with_its_reasons(self) -> None:
        options = order_crew_options(self.station_a, self.hazard())
        self.assertEqual([o.crew for o in options], [self.crew2, self.crew])
        self.assertEqual(options[0].reason, "路程约 22 分钟（在驻点，8.0 km），空闲")
        # The hazard is due in 45 minutes: the crew 50 minutes away says it would be late
        # (walkthrough 37, #4).
        self.assertTrue(options[1].late)
        self.assertEqual(
            options[1].reason, f"路程约 50 分钟（在驻点，18 km），空闲，{options[1].late}"
        )

    def test_in_english_the_reasons_are_written_with_english_punctuation(self) -> None:
        with translation.override("en"):
            options = order_crew_options(self.station_a, self.hazard())
            self.assertEqual(options[0].reason, "travel about 22 min (at its base, 8.0 km), free")
            order = self.hazard()
            self.login(self.clerk)
            page = self.client.get(order.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
        tap = page.content.decode().split('data-testid="order-crew-suggestion"')[1][:2000]
        self.assertNotRegex(tap, "[：，（）、]")
        # The button names the suggested crew, its line not again (walk38, 8); the others
        # are named with English punctuation; its reasons after a colon (walk78 L7: "Send 抢修三班
        # travel about 16 min" read as one).
        self.assertRegex(tap, r'Send 抢修二班</button></form>: \s*<span data-testid="crew-travel">')
        self.assertIn("<li>抢修一班: travel", tap)

    def test_the_crew_list_beside_the_suggestion_holds_the_suggested_crew_not_the_first(
        self,
    ) -> None:
        self.login(self.clerk)
        order = self.hazard()
        page = self.client.get(order.get_absolute_url()).content.decode()
        select = page[page.index('<select name="crew"') :]
        select = select[: select.index("</select>")]
        self.assertIn(f'<option value="{self.crew2.pk}" selected>', select)
        self.assertNotIn(f'<option value="{self.crew.pk}" selected>', select)
        # Once a crew is sent, the list holds it.
        work_order_dispatch(work_order=order, crew=self.crew, user=self.clerk)
        page = self.client.get(order.get_absolute_url()).content.decode()
        select = page[page.index('<select name="crew"') :]
        self.assertIn(
            f'<option value="{self.crew.pk}" selected>', select[: select.index("</select>")]
        )

    def test_work_in_hand_counts_and_a_free_crew_farther_away_comes_first(self) -> None:
        other = self.hazard()
        work_order_dispatch(work_order=other, crew=self.crew2, user=self.clerk)
        options = order_crew_options(self.station_a, self.hazard())
        self.assertEqual(options[0].crew, self.crew)
        busy = options[1]
        self.assertIn("手上 1 个工单（排序加 30 分钟）", busy.reason)

    def test_the_walk_into_a_village_without_road_access_counts(self) -> None:
        self.village.no_road_access, self.village.walk_minutes = True, 80
        self.village.save()
        option = order_crew_options(self.station_a, self.hazard())[0]
        self.assertEqual(option.walk_minutes, 80)
        self.assertIn("含步行 80 分钟", option.reason)

    def test_a_group_without_road_access_is_walked_into_even_with_no_walk_recorded(self) -> None:
        # 二班 at 0.6 km; the customer's group is marked "no road access", its village is not.
        self.crew2.base_y = 25.5 - 0.6 / 111.19
        self.crew2.save()
        self.group.no_road_access = True
        self.group.save()
        option = order_crew_options(self.station_a, self.hazard())[0]
        self.assertEqual((option.crew, option.walk_in, option.minutes), (self.crew2, True, 12.6))
        self.assertEqual(
            option.reason,
            "路程约 13 分钟（在驻点，0.6 km，不通车：需步行进入，含步行 13 分钟），空闲",
        )

    def test_a_new_connection_is_offered_no_repair_crew_at_one_tap(self) -> None:
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category=Category.NEW_CONNECTION,
            summary="新建住房申请新装",
            customer=self.customer,
        )
        self.assertEqual(order_crew_options(self.station_a, order), [])
        self.login(self.clerk)
        page = self.client.get(order.get_absolute_url()).content.decode()
        self.assertNotIn('data-testid="order-crew-suggestion"', page)
        self.assertNotIn('data-testid="order-dispatch-suggested"', page)

    def test_one_tap_on_the_order_s_page_sends_the_suggested_crew(self) -> None:
        order = self.hazard()
        self.login(self.clerk)
        page = self.client.get(order.get_absolute_url()).content.decode()
        tap = page[page.index('data-testid="order-crew-suggestion"') :]
        tap = tap[: tap.index("</div>")]
        self.assertIn("派 抢修二班", tap)
        self.assertIn(f'name="crew" value="{self.crew2.pk}"', tap)
        self.assertIn("路程约 22 分钟（在驻点，8.0 km）", tap)
        self.assertIn("抢修一班：路程约 50 分钟（在驻点，18 km），空闲", tap)
        response = self.client.post(
            reverse("servicedesk:work_order_action", args=[order.pk]),
            {"action": "dispatch", "crew": self.crew2.pk},
        )
        self.assertEqual(response.status_code, 302)
        order.refresh_from_db()
        self.assertEqual((order.crew, order.status), (self.crew2, "dispatched"))
        # Once a crew is sent, nothing is suggested: another crew is chosen from the list.
        page = self.client.get(order.get_absolute_url()).content.decode()
        self.assertNotIn("order-crew-suggestion", page)
        self.assertIn("改派班组", page)

    def test_whoever_may_not_dispatch_sees_no_suggestion(self) -> None:
        order = self.hazard()
        work_order_dispatch(work_order=order, crew=self.crew, user=self.clerk)
        member = make_user("crew1", self.station_a, Role.CREW)
        self.crew.members.add(member)
        self.login(member)
        page = self.client.get(order.get_absolute_url())
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, "order-crew-suggestion")
