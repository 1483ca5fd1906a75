"""Who gets power first: the board ranks the open outages by who needs power most, says why on
each row, and the chief — only the chief — puts one at another place, with the reason kept."""

from __future__ import annotations

import datetime as dt
import doctest
import re

from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Role
from powerdesk.accounts.permissions import NotAllowed
from powerdesk.customers.models import Customer, CustomerType
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages import priority
from powerdesk.outages.board import board_rows
from powerdesk.outages.models import Outage, PredictedOutage, PriorityOrder
from powerdesk.outages.prediction_steps import prediction_confirm
from powerdesk.outages.priority import Need, outage_priority_set, priority_of, ranked
from powerdesk.outages.services import OutageError
from tests.base import BaseTestCase, make_user

T0 = dt.datetime(2026, 7, 1, 8, 0, tzinfo=dt.UTC)


def test_the_docstring_examples_hold() -> None:
    failures, _tried = doctest.testmod(priority)
    assert failures == 0


def test_the_kinds_of_customer_come_in_the_station_s_order() -> None:
    """A clinic before a pump, a pump before a school, ... before plain households."""
    needs = [
        Need(clinics=1, households=1),
        Need(water_pumps=1, households=1),
        Need(schools=1, households=1),
        Need(important=1, households=1),
        Need(medical=1, households=1),
        Need(elderly=1, households=1),
        Need(households=2),
    ]
    scores = [priority_of(n, hours_out=1.0).score for n in needs]
    assert scores == sorted(scores, reverse=True)
    assert len(set(scores)) == len(scores)


def test_more_households_and_longer_out_rank_higher() -> None:
    assert (
        priority_of(Need(households=312), hours_out=2).score
        > priority_of(Need(households=100), hours_out=2).score
    )
    assert (
        priority_of(Need(households=100), hours_out=5).score
        > priority_of(Need(households=100), hours_out=1).score
    )
    # After a day the length no longer counts.
    assert (
        priority_of(Need(households=100), hours_out=30).score
        == priority_of(Need(households=100), hours_out=24).score
    )


def test_the_reasons_read_as_the_dispatcher_says_them() -> None:
    p = priority_of(Need(clinics=1, water_pumps=1, medical=2, households=312), hours_out=2.2)
    assert p.summary == "诊所/医院 1 · 饮水泵站 1 · 医疗需要 2 户 · 312 户 · 已停 2 小时"
    assert p.score == 1000 + 600 + 200 + 312 + round(312 * 2.2 * 0.5, 1)
    assert p.points.endswith(f"= {p.score:g}")
    assert priority_of(Need(households=3), hours_out=0.25).summary == "3 户 · 已停 15 分钟"


def test_ranked_puts_the_chief_s_places_first_and_the_rest_by_score() -> None:
    entries = [
        ("a", 10.0, T0),
        ("b", 50.0, T0),
        ("c", 30.0, T0),
        ("d", 30.0, T0 - dt.timedelta(hours=1)),
    ]
    assert ranked(entries, {}) == ["b", "d", "c", "a"]  # equal scores: the longer out first
    assert ranked(entries, {"a": 1}) == ["a", "b", "d", "c"]
    assert ranked(entries, {"a": 2, "b": 4}) == ["d", "a", "c", "b"]
    assert ranked(entries, {"c": 99}) == ["b", "d", "a", "c"]  # past the end: last


class PriorityBoardTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # A second branch with more households but nobody who needs power first.
        fuse = GridNode.objects.create(
            station=cls.station_a,
            feeder=cls.feeder,
            code="ZM-B02-F",
            kind=NodeKind.FUSE,
            parent=cls.breaker,
            name="干海支线熔断器",
        )
        area = GridNode.objects.create(
            station=cls.station_a,
            feeder=cls.feeder,
            code="ZM-B02-T1",
            kind=NodeKind.TRANSFORMER,
            parent=fuse,
            name="左门干海1号台区",
            village=cls.village,
        )
        cls.other_fuse = fuse
        for i in range(6):
            Customer.objects.create(
                station=cls.station_a,
                account_number=f"5325009{i:04d}",
                name=f"住户{i}",
                village=cls.village,
                transformer=area,
            )
        cls.clinic = Customer.objects.create(
            station=cls.station_a,
            account_number="53250000900",
            name="左门卫生室",
            village=cls.village,
            transformer=cls.transformer,
            customer_type=CustomerType.CLINIC,
            medical_need=True,
        )
        cls.pump = Customer.objects.create(
            station=cls.station_a,
            account_number="53250000901",
            name="左门哔叭人饮泵站",
            village=cls.village,
            transformer=cls.transformer,
            customer_type=CustomerType.WATER_PUMP,
        )
        cls.dispatcher = make_user("dispatcher", cls.station_a, Role.DISPATCHER)
        cls.crew_member = make_user("crew1", cls.station_a, Role.CREW)

    def declare(self, device: GridNode, hours_ago: float) -> Outage:
        return Outage.objects.create(
            station=self.station_a,
            device=device,
            kind=Outage.Kind.UNPLANNED,
            status=Outage.Status.ACTIVE,
            starts_at=timezone.now() - dt.timedelta(hours=hours_ago),
        )

    def test_the_outage_with_the_clinic_and_the_pump_comes_first_with_its_reasons(self) -> None:
        many = self.declare(self.other_fuse, hours_ago=3)  # older, more households
        clinic = self.declare(self.fuse, hours_ago=1)
        rows = board_rows(self.station_a)
        self.assertEqual([r.outage for r in rows], [clinic, many])
        first = rows[0].priority
        assert first is not None
        self.assertEqual(first.place, 1)
        # The clinic has a medical need too: it is counted as the clinic and among the households.
        self.assertEqual(
            first.summary,
            "诊所/医院 1 · 饮水泵站 1 · 医疗需要 1 户 · 独居老人 1 户 · 3 户 · 已停 1 小时",
        )
        self.login(self.clerk)
        page = self.client.get(reverse("outages:board")).content.decode()
        self.assertIn("抢修第 1 位", page)
        self.assertIn("诊所/医院 1 · 饮水泵站 1", page)
        self.assertIn("6 户 · 已停 3 小时", page)
        self.assertLess(
            page.index(f"board-outage-{clinic.pk}"), page.index(f"board-outage-{many.pk}")
        )

    def test_predicted_and_recorded_outages_are_ranked_together(self) -> None:
        many = self.declare(self.other_fuse, hours_ago=3)
        PredictedOutage.objects.create(
            station=self.station_a,
            code=self.fuse.code,
            device=self.fuse,
            status=PredictedOutage.Status.PREDICTED,
            customers=3,
            confidence=0.8,
            first_sign_at=timezone.now() - dt.timedelta(minutes=10),
            explain={"calls": 2, "meter_off": 0},
        )
        rows = board_rows(self.station_a)
        self.assertEqual([r.state for r in rows], ["predicted", "declared"])
        self.assertEqual(rows[1].outage, many)

    def test_a_household_flagged_important_counts_as_important(self) -> None:
        Customer.objects.filter(pk=self.customer.pk).update(important=True)
        self.declare(self.fuse, hours_ago=1)
        (row,) = board_rows(self.station_a)
        assert row.priority is not None
        self.assertIn("重要用户 1", row.priority.summary)

    def test_the_chief_puts_an_outage_first_with_a_reason_kept_and_shown(self) -> None:
        many = self.declare(self.other_fuse, hours_ago=3)
        clinic = self.declare(self.fuse, hours_ago=1)
        self.login(self.chief)
        response = self.client.post(
            reverse("outages:reorder"),
            {"outage": many.pk, "position": "1", "reason": "卫生室已自备发电机"},
        )
        self.assertRedirects(response, reverse("outages:board"), fetch_redirect_response=False)
        rows = board_rows(self.station_a)
        self.assertEqual([r.outage for r in rows], [many, clinic])
        order = PriorityOrder.objects.get()
        self.assertEqual(
            (order.outage, order.position, order.reason, order.by),
            (many, 1, "卫生室已自备发电机", self.chief),
        )
        page = self.client.get(reverse("outages:board")).content.decode()
        self.assertIn("杨所长 排在第 1 位", page)
        self.assertIn("卫生室已自备发电机", page)
        # Back to the score's order: the first order stays in the history, not in force.
        self.client.post(
            reverse("outages:reorder"),
            {"outage": many.pk, "position": "", "reason": "发电机没油了"},
        )
        rows = board_rows(self.station_a)
        self.assertEqual([r.outage for r in rows], [clinic, many])
        assert rows[1].priority is not None
        self.assertIsNone(rows[1].priority.chief)
        self.assertEqual(
            [o.reason for o in rows[1].priority.orders], ["发电机没油了", "卫生室已自备发电机"]
        )
        with self.assertRaises(ValueError):  # append-only
            order.save()

    def test_an_order_given_on_a_prediction_carries_over_when_it_is_confirmed(self) -> None:
        self.declare(self.other_fuse, hours_ago=0.5)
        prediction = PredictedOutage.objects.create(
            station=self.station_a,
            code=self.other_fuse.code,
            device=self.other_fuse,
            status=PredictedOutage.Status.PREDICTED,
            customers=6,
            confidence=0.9,
            first_sign_at=timezone.now() - dt.timedelta(hours=2),
            explain={"calls": 3, "meter_off": 0},
        )
        Outage.objects.all().delete()
        self.declare(self.fuse, hours_ago=1)
        outage_priority_set(
            station=self.station_a,
            user=self.chief,
            prediction=prediction,
            position=1,
            reason="泵站在这条线上",
        )
        self.assertEqual(board_rows(self.station_a)[0].prediction, prediction)
        outage = prediction_confirm(prediction=prediction, user=self.chief)
        first = board_rows(self.station_a)[0]
        self.assertEqual(first.outage, outage)
        assert first.priority is not None and first.priority.chief is not None
        self.assertEqual(first.priority.chief.reason, "泵站在这条线上")

    def test_only_the_chief_reorders_and_the_service_refuses_the_others(self) -> None:
        many = self.declare(self.other_fuse, hours_ago=3)
        for user in (self.dispatcher, self.crew_member, self.clerk):
            with self.subTest(user=user.username):
                with self.assertRaises(NotAllowed):
                    outage_priority_set(
                        station=self.station_a,
                        user=user,
                        outage=many,
                        position=1,
                        reason="先修这里",
                    )
                self.login(user)
                response = self.client.post(
                    reverse("outages:reorder"),
                    {"outage": many.pk, "position": "1", "reason": "先修这里"},
                )
                self.assertEqual(response.status_code, 403)
        self.assertFalse(PriorityOrder.objects.exists())
        # The form is offered to the chief only.
        self.login(self.dispatcher)
        self.assertNotContains(self.client.get(reverse("outages:board")), "调整抢修顺序")
        self.login(self.chief)
        self.assertContains(self.client.get(reverse("outages:board")), "调整抢修顺序")

    def test_a_reorder_without_a_reason_or_with_a_wrong_place_stores_nothing(self) -> None:
        many = self.declare(self.other_fuse, hours_ago=3)
        self.login(self.chief)
        place = "看板上的位次须是 1 到 99 之间的数字。"
        for data, field, says in (
            (
                {"outage": many.pk, "position": "1", "reason": "  "},
                "reason",
                "请说明调整抢修顺序的原因",
            ),
            ({"outage": many.pk, "position": "0", "reason": "先修"}, "position", place),
            ({"outage": many.pk, "position": "-1", "reason": "先修"}, "position", place),
            ({"outage": many.pk, "position": "999", "reason": "先修"}, "position", place),
            ({"outage": many.pk, "position": "x", "reason": "先修"}, "position", place),
        ):
            with self.subTest(data=data):
                response = self.client.post(reverse("outages:reorder"), data)
                # Drawn again on top of the board, what is wrong at its field in the product's
                # words (never Django's "确保该值大于或等于1", "这个字段是必填项"), as typed.
                self.assertEqual(response.status_code, 400)
                page = response.content.decode()
                found = re.search(r'data-testid="mend-reorder".*?</section>', page, re.S)
                assert found is not None
                mend = found.group(0)
                self.assertRegex(mend, rf'data-testid="{field}-errors">[^<]*{says}')
                self.assertNotIn("确保该值", page)
                self.assertNotIn("这个字段是必填项", page)
                self.assertIn(f'name="position" min="1" max="99" value="{data["position"]}"', mend)
                self.assertIn(f'name="outage" value="{many.pk}"', mend)
                if data["reason"].strip():
                    self.assertIn(f'value="{data["reason"]}"', mend)
        # A form naming no outage says so above the board.
        response = self.client.post(
            reverse("outages:reorder"),
            {"outage": "", "position": "1", "reason": "先修"},
            follow=True,
        )
        self.assertContains(response, "研判")
        self.assertFalse(PriorityOrder.objects.exists())
        many.status = Outage.Status.RESTORED
        many.save()
        with self.assertRaises(OutageError):
            outage_priority_set(
                station=self.station_a, user=self.chief, outage=many, position=1, reason="先修"
            )

    def test_another_station_s_outage_is_not_found(self) -> None:
        many = self.declare(self.other_fuse, hours_ago=3)
        self.login(self.outsider)
        response = self.client.post(
            reverse("outages:reorder"), {"outage": many.pk, "position": "1", "reason": "先修"}
        )
        self.assertIn(response.status_code, (403, 404))
        self.assertFalse(PriorityOrder.objects.exists())
