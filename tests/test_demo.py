"""``powerdesk demo`` builds a Guanglu-like station, the same for the same seed."""

from __future__ import annotations

import datetime as dt
import hashlib
from io import StringIO

from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import TestCase

from powerdesk.accounts.models import CountyCompany, Crew, Membership, Role, Station, User
from powerdesk.arrears.models import ArrearsCase
from powerdesk.community.models import Village, VillageGroup
from powerdesk.customers.models import Customer, CustomerPhone
from powerdesk.demo.builder import DEMO_PASSWORD, build_demo
from powerdesk.network.models import Defect, Feeder, GridNode, NodeKind
from powerdesk.outages.models import Outage
from tests.demo_station import REFERENCE_APPS, TODAY, load_demo


def fingerprint() -> str:
    """A digest of what the demo stored, independent of primary keys."""
    parts = [
        *(
            f"{n.code}|{n.kind}|{n.parent.code if n.parent else ''}|{n.lightning_zone}|{n.install_year}"
            for n in GridNode.objects.select_related("parent").order_by("code")
        ),
        *(
            f"{c.account_number}|{c.name}|{c.transformer.code if c.transformer else ''}|{c.flags}"
            for c in Customer.objects.select_related("transformer").order_by("account_number")
        ),
        *sorted(CustomerPhone.objects.values_list("number", flat=True)),
        *(
            f"{d.node.code}|{d.description}|{d.found_on}"
            for d in Defect.objects.select_related("node").order_by(
                "node__code", "found_on", "description"
            )
        ),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class DemoTests(TestCase):
    output: str

    @classmethod
    def setUpTestData(cls) -> None:
        # What `powerdesk demo --seed 2013 --today TODAY` stored and printed (built once per
        # test session, see tests/demo_station.py).
        cls.output = load_demo(TODAY).output

    def station(self) -> Station:
        return Station.objects.get(code="guanglu")

    def test_it_builds_nine_mountain_village_committees_with_about_forty_groups(self) -> None:
        villages = Village.objects.filter(station=self.station())
        self.assertEqual(villages.count(), 9)
        self.assertTrue(
            {"左门", "地索", "三角", "黄泥塘"} <= set(villages.values_list("name", flat=True))
        )
        groups = VillageGroup.objects.filter(station=self.station()).count()
        self.assertTrue(35 <= groups <= 45, groups)
        self.assertTrue(
            VillageGroup.objects.filter(station=self.station(), no_road_access=True).exists()
        )

    def test_it_builds_the_feeders_and_the_story_s_fuse_on_pole_02_of_the_bibа_branch(self) -> None:
        feeders = Feeder.objects.filter(station=self.station())
        self.assertIn(feeders.count(), (3, 4))
        zuomen = feeders.get(name="10kV左门线")
        fuse = GridNode.objects.get(feeder=zuomen, kind=NodeKind.FUSE, line_name="哔叭支线")
        self.assertEqual(fuse.parent.pole_number, "02")  # type: ignore[union-attr]
        self.assertEqual(fuse.parent.name, "哔叭支线02号杆")  # type: ignore[union-attr]
        self.assertTrue(fuse.lightning_zone)
        self.assertTrue(GridNode.objects.filter(feeder=zuomen, kind=NodeKind.RECLOSER).exists())

    def test_it_has_the_size_of_a_real_station(self) -> None:
        nodes = GridNode.objects.filter(station=self.station())
        fuses = nodes.filter(kind=NodeKind.FUSE).count()
        transformers = nodes.filter(kind=NodeKind.TRANSFORMER).count()
        households = Customer.objects.filter(station=self.station()).count()
        self.assertTrue(130 <= fuses <= 170, fuses)
        self.assertTrue(220 <= transformers <= 280, transformers)
        self.assertTrue(7500 <= households <= 8500, households)
        with_phone = Customer.objects.filter(
            station=self.station(), phones__isnull=False
        ).distinct()
        self.assertEqual(with_phone.count(), households)
        self.assertTrue(nodes.filter(lightning_zone=True).exists())
        self.assertTrue(nodes.exclude(install_year=None).exists())
        self.assertTrue(Defect.objects.filter(station=self.station(), resolved_on=None).exists())

    def test_every_element_of_a_feeder_reaches_its_outlet_breaker(self) -> None:
        parents = dict(GridNode.objects.values_list("pk", "parent_id"))
        kinds = dict(GridNode.objects.values_list("pk", "kind"))
        for pk in parents:
            node, steps = pk, 0
            while parents[node] is not None:
                node, steps = parents[node], steps + 1
                self.assertLess(steps, 10_000)
            self.assertEqual(kinds[node], NodeKind.SOURCE)

    def test_it_has_staff_for_every_role_and_three_crews(self) -> None:
        roles = set(
            Membership.objects.filter(station=self.station()).values_list("role", flat=True)
        )
        self.assertEqual(roles, set(Role.values))
        self.assertEqual(Crew.objects.filter(station=self.station()).count(), 3)

    def test_it_prints_logins_that_work(self) -> None:
        from powerdesk.demo.logins import DEMO_LOGINS

        for login in DEMO_LOGINS:
            self.assertIn(login.username, self.output)
            user = User.objects.get(username=login.username)
            self.assertTrue(user.check_password(DEMO_PASSWORD))
            # Each login is what the list says: its role at each of its stations.
            stations = set(
                Membership.objects.filter(user=user, role=login.role).values_list(
                    "station__name", flat=True
                )
            )
            self.assertEqual(stations, set(login.stations), login.username)
        self.assertIn(DEMO_PASSWORD, self.output)

    def test_it_refuses_to_build_into_a_database_that_holds_a_station(self) -> None:
        with self.assertRaises(CommandError):
            call_command("demo", stdout=StringIO())
        out = StringIO()
        call_command("demo", "--if-empty", stdout=out)
        self.assertIn("not rebuilt", out.getvalue())

    def test_the_same_seed_builds_the_same_station_and_another_seed_another(self) -> None:
        first = fingerprint()
        try:
            with transaction.atomic():
                # The station's reference rows are taken away once (deleting the demo's rows
                # took half of this test's time); each seed builds on that empty station inside a
                # savepoint of its own, undone before the next.
                for model in (ArrearsCase, Outage, CustomerPhone, Customer, Defect):
                    model.objects.all().delete()
                GridNode.objects.update(parent=None)
                for model in (
                    GridNode,
                    Feeder,
                    Crew,
                    Membership,
                    VillageGroup,
                    Village,
                    User,
                    Station,
                    CountyCompany,
                ):
                    model.objects.all().delete()
                for seed, same in (("2013", True), ("7", False)):
                    try:
                        with transaction.atomic():
                            build_demo(seed=int(seed), today=TODAY, only=REFERENCE_APPS)
                            again = fingerprint()
                            raise _Rollback
                    except _Rollback:
                        pass
                    self.assertEqual(again == first, same, seed)
                raise _Rollback
        except _Rollback:
            pass


class _Rollback(Exception):
    """Raised to undo a second build inside the test's transaction."""


class ServiceDeskDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_demo(TODAY)

    def test_two_years_of_calls_and_orders_peak_in_the_rainy_season(self) -> None:
        from django.db.models import Count
        from django.db.models.functions import ExtractMonth

        from powerdesk.servicedesk.models import Call, WorkOrder

        self.assertGreater(Call.objects.count(), 5000)
        faults = dict(
            WorkOrder.objects.filter(category="fault_repair")
            .annotate(month=ExtractMonth("created_at"))
            .values_list("month")
            .annotate(n=Count("pk"))
        )
        self.assertGreater(faults[7], 1.3 * faults[4])
        first = WorkOrder.objects.order_by("created_at").first()
        assert first is not None
        self.assertLessEqual(first.created_at.date(), dt.date(2024, 12, 1))

    def test_every_order_has_its_history_and_closed_ones_were_called_back(self) -> None:
        from powerdesk.servicedesk.models import Callback, WorkOrder

        self.assertFalse(WorkOrder.objects.filter(events__isnull=True).exists())
        closed = WorkOrder.objects.filter(status="closed")
        self.assertEqual(Callback.objects.filter(work_order__in=closed).count(), closed.count())
        self.assertTrue(Callback.objects.filter(satisfaction__lte=2).exists())
        self.assertTrue(WorkOrder.objects.exclude(status__in=["closed", "callback_done"]).exists())

    def test_most_hazard_orders_are_reached_within_their_45_minutes_and_some_are_not(
        self,
    ) -> None:
        from django.db.models import F

        from powerdesk.servicedesk.models import WorkOrder

        reached = WorkOrder.objects.filter(
            category="hazard", arrived_at__isnull=False, arrive_due_at__isnull=False
        )
        in_time = reached.filter(arrived_at__lte=F("arrive_due_at")).count()
        self.assertGreater(reached.count(), 50)
        # A chief's credible picture: most met, a few late (mostly where no road reaches).
        self.assertTrue(0.7 <= in_time / reached.count() <= 0.97, in_time / reached.count())

    def test_call_notes_read_as_the_station_s_own_records(self) -> None:
        from powerdesk.servicedesk.models import Call
        from powerdesk.servicedesk.understanding.corpus import SLOTS

        served = set(Village.objects.values_list("name", flat=True))
        strangers = [v for v in SLOTS["village"] if v not in served]
        for call in Call.objects.exclude(text="").select_related("customer__village"):
            # A caller speaks of their own village, never of one the station does not serve.
            self.assertFalse([v for v in strangers if v in call.text], call.text)
            if call.category in ("praise", "suggestion", "consultation", "billing"):
                self.assertNotIn("来看一下", call.text)
                self.assertNotIn("急！", call.text)

    def test_answers_to_feedback_name_who_answered_and_fit_the_kind(self) -> None:
        from powerdesk.servicedesk.models import Feedback

        answered = Feedback.objects.exclude(answer="")
        self.assertTrue(answered.exists())
        self.assertFalse(answered.filter(answered_by__isnull=True).exists())
        self.assertFalse(answered.filter(kind="praise", answer__contains="改进").exists())

    def test_hard_problems_are_linked_to_orders_of_their_own_place_and_kind(self) -> None:
        from powerdesk.servicedesk.models import HardProblem

        for problem in HardProblem.objects.prefetch_related("work_orders__group"):
            orders = list(problem.work_orders.all())
            self.assertTrue(orders, problem.title)
            for order in orders:
                self.assertEqual(order.village_id, problem.village_id, problem.title)
                self.assertIn(order.category, ("fault_repair", "hazard", "complaint"))
                if "组" in problem.title:
                    assert order.group is not None
                    self.assertIn(f"{order.group.name}组", problem.title)


class VillageDemoTests(TestCase):
    """The demo's villages have liaisons, visits, cards, training history and ratings."""

    @classmethod
    def setUpTestData(cls) -> None:
        load_demo(TODAY, only={*REFERENCE_APPS, "outages", "outreach", "training"})

    def test_every_village_has_its_committee_and_group_leaders(self) -> None:
        from powerdesk.community.models import Liaison

        for village in Village.objects.filter(station__code="guanglu"):
            roles = set(Liaison.objects.filter(village=village).values_list("role", flat=True))
            self.assertTrue({"secretary", "director"} <= roles, village)
            self.assertEqual(
                Liaison.objects.filter(village=village, role="group_leader").count(),
                village.groups.count(),
            )
        self.assertEqual(Liaison.objects.get(user__username="zm_liaison").village.name, "左门")

    def test_outreach_reaches_most_households_and_remote_groups_lag(self) -> None:
        from powerdesk.outreach.models import OutreachVisit
        from powerdesk.outreach.selectors import card_coverage

        station = Station.objects.get(code="guanglu")
        self.assertGreater(OutreachVisit.objects.filter(status="done").count(), 30)
        self.assertTrue(OutreachVisit.objects.filter(status="planned", date__gt=TODAY).exists())
        rows = [g for _v, groups in card_coverage(station) for g in groups]
        remote = [g for g in rows if g.group and g.group.is_remote and g.households]
        road = [g for g in rows if g.group and not g.group.is_remote and g.households]
        share = lambda rs: sum(r.with_card for r in rs) / sum(r.households for r in rs)  # noqa: E731
        self.assertGreater(share(road), 0.6)
        self.assertLess(share(remote), share(road))

    def test_a_visit_s_cards_in_its_materials_are_its_households_given_a_card(self) -> None:
        """The hotline cards a done visit's materials name ("便民服务卡 38 份") are the
        households recorded as given one at it (no more than it reached), and a visit with
        none names none."""
        import re

        from django.db.models import Count

        from powerdesk.outreach.models import OutreachVisit

        visits = OutreachVisit.objects.filter(status="done").annotate(n=Count("cards"))
        self.assertTrue(any(v.n for v in visits))
        for visit in visits:
            said = re.findall(r"便民服务卡 (\d+) 份", visit.materials)
            self.assertEqual([int(n) for n in said], [visit.n] if visit.n else [], visit)
            self.assertLessEqual(visit.n, visit.households_reached, visit)

    def test_this_year_s_training_plan_has_one_late_course(self) -> None:
        from powerdesk.training.models import TrainingPlan
        from powerdesk.training.selectors import plan_progress

        plan = TrainingPlan.objects.get(year=TODAY.year)
        progress = plan_progress(plan, today=TODAY)
        self.assertEqual([r.item.month for r in progress.items if r.overdue], [6])
        self.assertGreater(progress.items_held, 6)

    def test_no_two_transformer_areas_of_a_station_share_a_name(self) -> None:
        from django.db.models import Count

        repeated = (
            GridNode.objects.filter(kind=NodeKind.TRANSFORMER)
            .values("station", "name")
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
        )
        self.assertEqual(list(repeated), [])

    def test_each_course_is_taught_by_someone_who_teaches_that_subject(self) -> None:
        from powerdesk.training.models import TrainingSession

        first_aid = TrainingSession.objects.filter(trainer="县红十字会")
        self.assertTrue(first_aid.exists())
        self.assertEqual(set(first_aid.values_list("topic", flat=True)), {"触电急救与心肺复苏"})

    def test_outages_give_the_villages_a_plausible_reliability(self) -> None:
        from powerdesk.community.selectors import village_interruptions

        zuomen = Village.objects.get(name="左门")
        start = dt.datetime(TODAY.year - 1, 1, 1, tzinfo=dt.UTC)
        end = dt.datetime(TODAY.year, 1, 1, tzinfo=dt.UTC)
        items = village_interruptions(zuomen, start, end)
        self.assertGreater(len(items), 5)
        hours = sum(
            i.customers * (i.outage.restored_at - i.outage.starts_at).total_seconds() / 3600
            for i in items
            if i.outage.restored_at
        )
        saidi = hours / zuomen.customers.count()
        self.assertTrue(0.5 < saidi < 40, saidi)
