"""The crew the board suggests for an outage (``test_crew_choice`` continued): the travel time
from the crew's base or fresh position, the walk where no road reaches the households out or
the feeder's backbone, the work in hand; one tap sends it, a prediction is confirmed first, and a
crew member sees no suggestion."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.crews import crew_position_report
from powerdesk.accounts.models import CrewPosition
from powerdesk.community.models import Village
from powerdesk.customers.models import Customer
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages import board_grid
from powerdesk.outages.board import board_rows
from powerdesk.outages.crew_choice import (
    CrewOption,
    order_crew_options,
)
from powerdesk.outages.models import Outage, OutageLink, PredictedOutage
from powerdesk.servicedesk.models import Category
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase
from tests.crew_choice_cast import (
    TARGET,
    crews_north_and_south,
    feeder_out,
    job_sent,
    outage_at,
)

# A crew's base 0.1° of latitude north of TARGET: 11.12 km as the crow flies.


class CrewSuggestionBoardTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # The fuse at 哔叭 and the two crews' bases: 一班 18 km north, 二班 8 km south.
        cls.fuse.x, cls.fuse.y = TARGET
        cls.fuse.village = cls.village
        cls.fuse.save()
        # A road reaches the group of the household out here (the cast's 哔叭 has none).
        cls.group.no_road_access = False
        cls.group.save()
        crews_north_and_south(cls)

    def declare(self) -> Outage:
        return outage_at(self)

    def options(self) -> list[CrewOption]:
        (row,) = board_rows(self.station_a)
        return row.crew_options

    def test_the_nearer_base_is_suggested_with_its_reasons(self) -> None:
        self.declare()
        options = self.options()
        self.assertEqual([o.crew for o in options], [self.crew2, self.crew])
        self.assertEqual(options[0].reason, "路程约 22 分钟（在驻点，8.0 km），空闲")
        self.assertEqual(options[1].reason, "路程约 50 分钟（在驻点，18 km），空闲")

    def test_a_fresh_position_counts_instead_of_the_base_and_a_stale_one_does_not(self) -> None:
        self.declare()
        crew_position_report(crew=self.crew, user=self.chief, x=101.2, y=25.51, accuracy_m=20)
        options = self.options()
        self.assertEqual(options[0].crew, self.crew)
        self.assertEqual(options[0].setout.origin, "position")  # type: ignore[union-attr]
        self.assertIn("的位置，1.1 km", options[0].reason)
        CrewPosition.objects.filter(crew=self.crew).update(
            at=timezone.now() - dt.timedelta(hours=13)
        )
        self.assertEqual(self.options()[0].crew, self.crew2)

    def test_the_walk_counts_only_for_a_village_without_road_access(self) -> None:
        self.village.walk_minutes = 90
        self.village.save()
        self.declare()
        self.assertEqual(self.options()[0].walk_minutes, 0)
        self.village.no_road_access = True
        self.village.save()
        option = self.options()[0]
        self.assertEqual(option.walk_minutes, 90)
        self.assertIn("含步行 90 分钟", option.reason)

    def test_the_walk_counts_when_the_households_out_are_in_a_group_no_road_reaches(
        self,
    ) -> None:
        # The fuse's village has a road; the group of the households below it has none: the
        # board says the walk in, as the order page of one of those households does.
        self.crew2.base_y = 25.5 - 0.6 / 111.19
        self.crew2.save()
        self.group.no_road_access = True
        self.group.save()
        self.declare()
        option = self.options()[0]
        self.assertEqual((option.crew, option.walk_in, option.minutes), (self.crew2, True, 12.6))
        self.assertEqual(
            option.reason,
            "路程约 13 分钟（在驻点，0.6 km，不通车：需步行进入，含步行 13 分钟），空闲",
        )
        self.transformer.x, self.transformer.y = TARGET
        self.transformer.save()
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category=Category.HAZARD,
            summary="电杆倾斜",
            customer=self.customer,
        )
        self.assertEqual(order_crew_options(self.station_a, order)[0].reason, option.reason)

    def test_when_only_some_households_out_are_where_no_road_reaches_the_farthest_walk_counts(
        self,
    ) -> None:
        # A second transformer area below the fuse, in a village no road reaches (walk 40
        # minutes recorded), beside the cast's, which a road reaches.
        far = Village.objects.create(
            station=self.station_a, name="干海", no_road_access=True, walk_minutes=40
        )
        area = GridNode.objects.create(
            station=self.station_a,
            feeder=self.feeder,
            code="ZM-B01-T2",
            kind=NodeKind.TRANSFORMER,
            parent=self.fuse,
            name="干海1号台区",
            village=far,
        )
        Customer.objects.create(
            station=self.station_a,
            account_number="53250000002",
            name="李发",
            village=far,
            transformer=area,
        )
        board_grid.forget()
        self.declare()
        option = self.options()[0]
        self.assertEqual((option.walk_in, option.walk_minutes), (True, 40))
        self.assertIn("含步行 40 分钟", option.reason)

    def test_a_whole_feeder_out_walks_in_only_where_its_breaker_s_zone_goes(self) -> None:
        """The outlet breaker tripped: the crew goes to the breaker and patrols the backbone
        down to the fuses that held. A group no road reaches behind the branch fuse is dark too,
        but the fault is not there: its walk is not added (it is when the branch fuse is out)."""
        self.group.no_road_access = True
        self.group.save()
        whole = feeder_out(self)
        option = self.options()[0]
        self.assertEqual((option.walk_in, option.walk_minutes), (False, 0))
        self.assertNotIn("步行", option.reason)
        # The branch fuse out instead: the crew patrols the branch into the group, on foot.
        whole.delete()
        self.declare()
        self.assertTrue(self.options()[0].walk_in)

    # A backbone pole in a village no road reaches is patrolled on foot for the whole feeder.
    def test_a_whole_feeder_out_walks_in_where_its_backbone_runs_with_no_road(self) -> None:
        far = Village.objects.create(
            station=self.station_a, name="梅子箐", no_road_access=True, walk_minutes=80
        )
        self.pole.village = far
        self.pole.save()
        feeder_out(self)
        option = self.options()[0]
        self.assertEqual((option.walk_in, option.walk_minutes), (True, 80))

    @override_settings(POWERDESK_ROAD_FACTOR=2.0, POWERDESK_CREW_SPEED_KMH=60)
    def test_the_road_factor_and_speed_are_settings(self) -> None:
        self.declare()
        self.assertEqual(self.options()[0].minutes, round(8.0 * 2.0 / 60 * 60, 1))

    # At noon on the station's clock: two hours ago is today (at 00:40 it is not).
    @time_machine.travel(dt.datetime(2026, 7, 1, 4, 0, tzinfo=dt.UTC), tick=True)
    def test_work_in_hand_counts_jobs_outages_and_hours_out_today(self) -> None:
        outage = self.declare()
        order = job_sent(self, self.crew2, went=timezone.now() - dt.timedelta(hours=2))
        other = Outage.objects.create(
            station=self.station_a,
            device=self.transformer,
            kind=Outage.Kind.UNPLANNED,
            status=Outage.Status.ACTIVE,
            starts_at=timezone.now(),
        )
        OutageLink.objects.create(outage=other, crew=self.crew2)
        rows = {r.outage: r for r in board_rows(self.station_a)}
        options = rows[outage].crew_options
        busy = next(o for o in options if o.crew == self.crew2)
        self.assertEqual((busy.workload.open_jobs, busy.workload.outages), (1, 1))
        self.assertAlmostEqual(busy.workload.hours_on_duty, 2.0, delta=0.1)
        self.assertIn("手上 1 个工单，已派往 1 起停电，今天已出工 2.0 小时", busy.reason)
        self.assertEqual(options[0].crew, self.crew)  # 一班 is farther but free
        self.assertEqual(rows[other].crew_options, [])  # a crew is on it: nothing to suggest
        # An order joined to an outage counts with the outage, not again as a job.
        OutageLink.objects.get(outage=other).work_orders.add(order)
        rows = {r.outage: r for r in board_rows(self.station_a)}
        busy = next(o for o in rows[outage].crew_options if o.crew == self.crew2)
        self.assertEqual(busy.workload.open_jobs, 0)

    def test_a_crew_on_its_way_to_an_order_joined_to_an_outage_is_not_free(self) -> None:
        outage = self.declare()
        order = job_sent(self, self.crew2, "家里没电")
        OutageLink.objects.create(outage=outage).work_orders.add(order)
        (row,) = board_rows(self.station_a)
        self.assertEqual(row.crew, self.crew2)
        other = Outage.objects.create(
            station=self.station_a,
            device=self.transformer,
            kind=Outage.Kind.UNPLANNED,
            status=Outage.Status.ACTIVE,
            starts_at=timezone.now(),
        )
        rows = {r.outage: r for r in board_rows(self.station_a)}
        busy = next(o for o in rows[other].crew_options if o.crew == self.crew2)
        self.assertEqual(busy.workload.open_jobs, 1)
        self.assertNotIn("空闲", busy.reason)

    def test_one_tap_on_the_board_sends_the_suggested_crew(self) -> None:
        outage = self.declare()
        self.login(self.chief)
        page = self.client.get(reverse("outages:board")).content.decode()
        self.assertIn("派 抢修二班", page)
        # The button names the crew; its line does not again (walk38, 8).
        self.assertRegex(
            page,
            r'派 抢修二班</button></form>：\s*<span data-testid="crew-travel">路程约 22 分钟（在驻点，8.0 km）',
        )
        self.assertIn('<span data-testid="crew-busy">空闲</span>', page)
        tap = page[page.index(f'data-testid="crew-suggestion-outage-{outage.pk}"') :]
        self.assertIn(f'name="crew" value="{self.crew2.pk}"', tap[: tap.index("</form>")])
        response = self.client.post(
            reverse("outages:list"),
            {"action": "dispatch", "outage": outage.pk, "crew": self.crew2.pk},
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(OutageLink.objects.get(outage=outage).crew, self.crew2)
        (row,) = board_rows(self.station_a)
        self.assertEqual((row.crew, row.crew_options), (self.crew2, []))
        board = self.client.get(reverse("outages:board")).content.decode()
        self.assertNotIn("派 抢修二班", board)
        # The crew sent is chosen in the list, which now reassigns ("改派班组"), not "派工".
        form = board[board.index(f'data-testid="dispatch-outage-{outage.pk}"') :]
        form = form[: form.index("</form>")]
        self.assertIn(f'<option value="{self.crew2.pk}" selected>抢修二班</option>', form)
        self.assertIn("改派班组</button>", form)

    def test_a_prediction_shows_the_suggestion_but_is_confirmed_before_a_crew_goes(self) -> None:
        PredictedOutage.objects.create(
            station=self.station_a,
            code=self.fuse.code,
            device=self.fuse,
            status=PredictedOutage.Status.PREDICTED,
            customers=1,
            confidence=0.8,
            first_sign_at=timezone.now() - dt.timedelta(minutes=5),
            explain={"calls": 1, "meter_off": 0},
        )
        self.login(self.clerk)
        page = self.client.get(reverse("outages:board")).content.decode()
        self.assertIn("建议班组（确认停电后可派出）", page)
        self.assertIn("路程约 22 分钟", page)
        self.assertNotIn("派 抢修二班", page)

    def test_a_crew_member_sees_no_dispatch_suggestion(self) -> None:
        from powerdesk.accounts.models import Role
        from tests.base import make_user

        member = make_user("crew1", self.station_a, Role.CREW)
        self.declare()
        self.login(member)
        page = self.client.get(reverse("outages:board"))
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, "crew-suggestion")
