"""A work order's life: created from a call, dispatched, paused, resolved, reopened."""

from __future__ import annotations

import datetime as dt
import re

import time_machine
from django.urls import reverse
from django.utils import timezone

from powerdesk.servicedesk.callbacks import callback_record
from powerdesk.servicedesk.calls import call_log, likely_duplicates
from powerdesk.servicedesk.models import (
    Call,
    CategoryCorrection,
    CommitmentPolicy,
    WorkOrderEvent,
    WorkOrderStatus,
)
from powerdesk.servicedesk.order_again import work_order_join_call, work_order_reopen
from powerdesk.servicedesk.order_field import work_order_pause, work_order_resume
from powerdesk.servicedesk.services import (
    WorkOrderError,
    work_order_create,
    work_order_dispatch,
    work_order_transition,
)
from tests.base import BaseTestCase

S = WorkOrderStatus


class CallLoggingTests(BaseTestCase):
    def test_a_known_number_finds_the_customer_and_the_note_is_understood(self) -> None:
        call = call_log(
            station=self.station_a,
            user=self.clerk,
            caller_number="0878-1234567",
            text="家里停电了，邻居家也没电",
        )
        self.assertEqual(call.customer, self.customer)
        self.assertEqual(call.category, "fault_repair")
        self.assertEqual(call.suggested_category, "fault_repair")
        self.assertFalse(call.urgent)

    def test_an_unknown_caller_is_logged_without_a_customer(self) -> None:
        call = call_log(
            station=self.station_a, user=self.clerk, caller_number="13900000000", text="问一下电价"
        )
        self.assertIsNone(call.customer)
        self.assertEqual(call.caller_e164, "+8613900000000")

    def test_a_danger_makes_the_call_urgent(self) -> None:
        call = call_log(station=self.station_a, user=self.clerk, text="电线断了掉在路上在冒火")
        self.assertEqual(call.category, "hazard")
        self.assertTrue(call.urgent)

    def test_staff_overriding_the_suggestion_is_kept_as_labelled_data(self) -> None:
        call = call_log(
            station=self.station_a, user=self.clerk, text="家里停电了", category="complaint"
        )
        correction = CategoryCorrection.objects.get(call=call)
        self.assertEqual((correction.suggested, correction.category), ("fault_repair", "complaint"))

    def test_a_number_of_station_a_does_not_find_a_customer_from_station_b(self) -> None:
        call = call_log(station=self.station_b, user=self.outsider, caller_number="0878-1234567")
        self.assertIsNone(call.customer)


class WorkOrderTests(BaseTestCase):
    def make_order(self, category: str = "fault_repair") -> object:
        call = call_log(
            station=self.station_a, user=self.clerk, caller_number="0878-1234567", text="家里停电了"
        )
        return work_order_create(
            station=self.station_a,
            user=self.clerk,
            category=category,
            summary="家里停电",
            customer=self.customer,
            call=call,
        )

    def test_an_order_from_a_call_gets_a_number_deadlines_and_history(self) -> None:
        with time_machine.travel(dt.datetime(2026, 6, 20, 22, 0, tzinfo=dt.UTC), tick=False):
            order = self.make_order()
        self.assertEqual(order.number, "2026-00001")
        self.assertEqual(order.village, self.village)
        # 哔叭 has no road access: the remote commitment (2 hours) applies.
        self.assertEqual(order.arrive_due_at - order.created_at, dt.timedelta(hours=2))
        self.assertEqual(Call.objects.get().work_order, order)
        self.assertEqual(list(order.events.values_list("kind", flat=True)), ["created"])

    def test_numbers_count_up_within_a_station(self) -> None:
        first, second = self.make_order(), self.make_order()
        self.assertEqual(int(second.number[-5:]), int(first.number[-5:]) + 1)

    def test_the_station_s_own_commitments_are_used(self) -> None:
        CommitmentPolicy.objects.create(station=self.station_a, arrive_remote_minutes=150)
        order = self.make_order()
        self.assertEqual(order.arrive_due_at - order.created_at, dt.timedelta(minutes=150))

    def test_the_full_journey_is_recorded(self) -> None:
        order = self.make_order()
        order = work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
        order = work_order_transition(work_order=order, to_status=S.ON_THE_WAY, user=self.chief)
        order = work_order_transition(work_order=order, to_status=S.ON_SITE, user=self.chief)
        order = work_order_transition(
            work_order=order,
            to_status=S.RESOLVED,
            user=self.chief,
            cause="熔断器底座被雷击穿",
            device=self.fuse,
        )
        self.assertIsNotNone(order.arrived_at)
        self.assertEqual(order.device_found, self.fuse)
        self.assertEqual(order.callback_due_at - order.resolved_at, dt.timedelta(hours=24))
        callback_record(work_order=order, user=self.clerk, outcome="reached", satisfaction=5)
        order = work_order_transition(work_order=order, to_status=S.CLOSED, user=self.clerk)
        kinds = list(order.events.values_list("kind", "to_status"))
        self.assertEqual(
            kinds,
            [
                ("created", "received"),
                # The dispatch, then the status it gave (walkthrough 46, finding 10).
                ("dispatched", ""),
                ("status", "dispatched"),
                ("status", "on_the_way"),
                ("status", "on_site"),
                ("status", "resolved"),
                ("status", "callback_done"),
                ("status", "closed"),
            ],
        )
        self.assertTrue(all(e.by_id for e in order.events.all()))

    def test_sending_a_crew_from_the_order_page_reads_the_dispatch_then_its_status(self) -> None:
        # Walkthrough 46, finding 10: the history read "状态变更 → 已派工" above "派给班组".
        order = self.make_order()
        self.login(self.chief)
        self.client.post(
            reverse("servicedesk:work_order_action", args=[order.pk]),
            {"action": "dispatch", "crew": self.crew.pk},
        )
        page = self.client.get(reverse("servicedesk:work_order", args=[order.pk])).content.decode()
        history = page[page.index('id="history"') :]
        what = re.findall(r'<td class="what">([^<]*)</td>', history)
        self.assertEqual(what[1:3], ["派给班组", "状态变更 → 已派工"])
        sent, status = order.events.order_by("at", "pk")[1:]
        self.assertEqual((sent.kind, status.to_status), ("dispatched", S.DISPATCHED))
        self.assertEqual(sent.at, status.at)

    def test_a_step_the_life_does_not_allow_is_refused(self) -> None:
        order = self.make_order()
        with self.assertRaisesMessage(WorkOrderError, "不能变为"):
            work_order_transition(work_order=order, to_status=S.CLOSED, user=self.chief)

    def test_the_clock_pauses_only_for_a_reason_and_deadlines_move_by_the_pause(self) -> None:
        start = dt.datetime(2026, 6, 20, 14, 0, tzinfo=dt.UTC)
        with time_machine.travel(start, tick=False):
            order = self.make_order()
            order = work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
            due = order.resolve_due_at
            with self.assertRaisesMessage(WorkOrderError, "请说明"):
                work_order_pause(work_order=order, reason=" ", user=self.clerk)
            work_order_pause(work_order=order, reason="用户不在家，约明天上午", user=self.clerk)
        with time_machine.travel(start + dt.timedelta(hours=3), tick=False):
            with self.assertRaisesMessage(WorkOrderError, "暂停"):
                work_order_transition(work_order=order, to_status=S.ON_THE_WAY, user=self.chief)
            order = work_order_resume(work_order=order, user=self.clerk)
        self.assertEqual(order.resolve_due_at, due + dt.timedelta(hours=3))
        self.assertEqual(
            list(order.events.values_list("kind", flat=True))[-2:], ["paused", "resumed"]
        )

    def test_a_closed_order_is_reopened_with_fresh_deadlines(self) -> None:
        order = self.make_order()
        order = work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
        for status in (S.ON_THE_WAY, S.ON_SITE, S.RESOLVED):
            order = work_order_transition(
                work_order=order, to_status=status, user=self.chief, cause="雷击", device=self.fuse
            )
        order = work_order_reopen(work_order=order, reason="回访：还是没电", user=self.clerk)
        self.assertEqual(order.status, S.RECEIVED)
        self.assertEqual(order.reopened_count, 1)
        self.assertIsNone(order.resolved_at)
        self.assertGreater(order.resolve_due_at, timezone.now())

    def test_calls_about_one_problem_join_one_order_and_show_as_duplicates(self) -> None:
        order = self.make_order()
        self.assertEqual(likely_duplicates(station=self.station_a, customer=self.customer), [order])
        second = call_log(
            station=self.station_a, user=self.clerk, caller_number="13812345678", text="还是没电"
        )
        work_order_join_call(work_order=order, call=second, user=self.clerk)
        self.assertEqual(order.calls.count(), 2)
        with self.assertRaises(WorkOrderError):
            work_order_join_call(work_order=order, call=second, user=self.clerk)
        self.assertEqual(likely_duplicates(station=self.station_b, customer=None), [])

    def test_a_neighbour_s_complaint_is_neither_shown_nor_offered_to_another_caller(self) -> None:
        from powerdesk.customers.models import Customer

        neighbour = Customer.objects.create(
            station=self.station_a,
            account_number="53250000002",
            name="罗正发",
            village=self.village,
            group=self.group,
            transformer=self.transformer,
        )
        made = {}
        for category, summary in (
            ("complaint", "抄表员态度很差，我要投诉他"),
            ("billing", "电费多扣了"),
            ("hazard", "学校门口电线断了"),
        ):
            call = call_log(station=self.station_a, user=self.clerk, text=summary)
            made[category] = work_order_create(
                station=self.station_a,
                user=self.clerk,
                category=category,
                summary=summary,
                customer=neighbour,
                call=call,
            )
        # The danger on the transformer area is everyone's business; the rest is the neighbour's.
        self.assertEqual(
            likely_duplicates(station=self.station_a, customer=self.customer), [made["hazard"]]
        )
        self.assertEqual(
            likely_duplicates(station=self.station_a, customer=self.customer, category="billing"),
            [],
        )
        self.login(self.clerk)
        page = self.client.get(
            reverse("servicedesk:caller"), {"caller_number": "0878-1234567"}
        ).content.decode()
        self.assertIn("学校门口电线断了", page)
        self.assertNotIn("我要投诉他", page)
        self.assertNotIn("电费多扣了", page)

    def test_history_is_append_only(self) -> None:
        order = self.make_order()
        event = order.events.get()
        event.note = "changed"
        with self.assertRaises(ValueError):
            event.save()
        with self.assertRaises(ValueError):
            event.delete()
        self.assertEqual(WorkOrderEvent.objects.get().note, "家里停电")

    def test_a_crew_of_another_station_cannot_be_dispatched(self) -> None:
        from powerdesk.accounts.models import Crew

        other = Crew.objects.create(station=self.station_b, name="外所班组")
        with self.assertRaisesMessage(WorkOrderError, "其他供电所"):
            work_order_dispatch(work_order=self.make_order(), crew=other, user=self.chief)
