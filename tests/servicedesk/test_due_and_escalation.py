"""One definition of overdue and due soon; notices told once per occasion, and again for a new one;
work-order numbers distinct and consecutive even when created at the same moment."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import time_machine
from django.db import connection, connections
from django.test import TransactionTestCase
from django.urls import reverse

from powerdesk.outages.models import Outage
from powerdesk.servicedesk.callbacks import callback_record
from powerdesk.servicedesk.calls import call_log
from powerdesk.servicedesk.escalation import escalations_scan
from powerdesk.servicedesk.followup import hard_problem_open
from powerdesk.servicedesk.models import Call, Notification, WorkOrder
from powerdesk.servicedesk.order_field import work_order_pause
from powerdesk.servicedesk.selectors import due_soon, overdue
from powerdesk.servicedesk.services import (
    work_order_create,
    work_order_dispatch,
    work_order_transition,
)
from tests.base import BaseTestCase, build_cast

START = dt.datetime(2026, 6, 22, 2, 0, tzinfo=dt.UTC)  # Monday 10:00 in Beijing
HOUR = dt.timedelta(hours=1)


class DueAndOverdueTests(BaseTestCase):
    def hazard(self, summary: str) -> WorkOrder:
        return work_order_create(
            station=self.station_a, user=self.clerk, category="hazard", summary=summary
        )

    def test_due_soon_leaves_out_paused_and_already_late_orders(self) -> None:
        with time_machine.travel(START, tick=False):
            late = self.hazard("已超期")
            paused = self.hazard("已暂停")
            work_order_pause(work_order=paused, reason="等用户在家", user=self.chief)
        with time_machine.travel(START + 3 * HOUR, tick=False):
            coming = self.hazard("快到期")
            now = START + 3 * HOUR
            self.assertEqual(list(due_soon(self.station_a, now=now)), [coming])
            self.assertEqual(list(overdue(self.station_a, now)), [late])
            self.assertEqual(list(WorkOrder.objects.overdue(now)), [late])
            self.assertTrue(late.is_overdue(now))
            self.assertFalse(paused.is_overdue(now))

    def test_the_deadlines_panel_and_the_overdue_list_agree(self) -> None:
        with time_machine.travel(START, tick=False):
            self.hazard("电杆倾斜")
            paused = self.hazard("等停电计划")
            work_order_pause(work_order=paused, reason="等计划停电", user=self.chief)
        self.login(self.chief)
        with time_machine.travel(START + 3 * HOUR, tick=False):
            page = self.client.get(reverse("web:home")).content.decode()
            home = page.split('data-slot="deadlines"')[1].split("</section>")[0]
            listed = self.client.get(reverse("servicedesk:work_orders"), {"show": "overdue"})
        self.assertIn("电杆倾斜", home)
        self.assertNotIn("等停电计划", home)
        self.assertContains(listed, "电杆倾斜")
        self.assertNotContains(listed, "等停电计划")

    def test_the_home_page_does_not_call_a_planned_outage_days_away_current(self) -> None:
        with time_machine.travel(START, tick=False):
            Outage.objects.create(
                station=self.station_a,
                device=self.fuse,
                kind=Outage.Kind.PLANNED,
                status=Outage.Status.ANNOUNCED,
                starts_at=START + dt.timedelta(days=9),
                notice="检修",
            )
            self.login(self.chief)
            panel = self.outages_panel()
            self.assertNotIn(self.fuse.name, panel)
            self.assertIn("目前没有已知的停电", panel)
        with time_machine.travel(START + dt.timedelta(days=8, hours=2), tick=False):
            self.login(self.chief)
            self.assertIn(self.fuse.name, self.outages_panel())

    def outages_panel(self) -> str:
        """The home page's current outages (the chief's own figures speak of planned outages
        in general, and their decisions of those coming soon)."""
        page = self.client.get(reverse("web:home")).content.decode()
        return page.split('data-slot="outages"')[1].split("</section>")[0]


class EscalatedAgainTests(BaseTestCase):
    def notices(self, kind: str) -> list[tuple[str, int]]:
        return sorted(
            Notification.objects.filter(kind=kind).values_list("recipient__username", "pk")
        )

    def test_an_order_late_again_after_reopening_is_told_again(self) -> None:
        with time_machine.travel(START, tick=False):
            order = work_order_create(
                station=self.station_a, user=self.clerk, category="hazard", summary="导线落地"
            )
        with time_machine.travel(START + 3 * HOUR, tick=False):
            escalations_scan(station=self.station_a)
            self.assertEqual(len(self.notices("overdue")), 2)
            work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
            work_order_transition(work_order=order, to_status="on_the_way", user=self.chief)
            work_order_transition(work_order=order, to_status="on_site", user=self.chief)
            order = work_order_transition(
                work_order=order,
                to_status="resolved",
                user=self.chief,
                cause="导线断",
                device=self.fuse,
                note="已更换",
            )
            callback_record(
                work_order=order, user=self.clerk, outcome="reached", still_not_fixed=True
            )
        with time_machine.travel(START + 9 * HOUR, tick=False):
            escalations_scan(station=self.station_a)
        self.assertEqual(len(self.notices("overdue")), 4)

    def test_a_second_unhappy_callback_is_told_again(self) -> None:
        order = work_order_create(
            station=self.station_a, user=self.clerk, category="business", summary="改表位"
        )
        # Still not fixed (reopened), then fixed but scored 1 (to review): told each time.
        for not_fixed in (True, False):
            order = work_order_transition(
                work_order=order, to_status="resolved", user=self.chief, note="已改"
            )
            callback_record(
                work_order=order,
                user=self.clerk,
                outcome="reached",
                satisfaction=1,
                still_not_fixed=not_fixed,
            )
            order.refresh_from_db()
        self.assertEqual(order.status, "callback_done")
        self.assertEqual(len(self.notices("unhappy")), 4)  # the chief and the owner, twice

    def test_an_overdue_callback_is_escalated_once(self) -> None:
        with time_machine.travel(START, tick=False):
            order = work_order_create(
                station=self.station_a, user=self.clerk, category="business", summary="改表位"
            )
            work_order_transition(
                work_order=order, to_status="resolved", user=self.chief, note="已改"
            )
        with time_machine.travel(START + 30 * HOUR, tick=False):
            self.assertEqual(escalations_scan(station=self.station_a), 2)
            self.assertEqual(escalations_scan(station=self.station_a), 0)
        self.assertEqual(len(self.notices("callback_overdue")), 2)

    def test_a_missed_revisit_of_a_hard_problem_is_escalated(self) -> None:
        with time_machine.travel(START, tick=False):
            hard_problem_open(
                station=self.station_a,
                user=self.clerk,
                title="哔叭组低电压",
                revisit_every_days=7,
            )
        with time_machine.travel(START + dt.timedelta(days=9), tick=False):
            escalations_scan(station=self.station_a)
            escalations_scan(station=self.station_a)
        self.assertEqual([u for u, _ in self.notices("revisit_missed")], ["chief", "clerk"])

    def test_a_missed_call_not_returned_in_half_an_hour_goes_to_the_chief(self) -> None:
        with time_machine.travel(START, tick=False):
            call_log(
                station=self.station_a,
                user=None,
                caller_number="13812345678",
                status=Call.Status.MISSED,
            )
        with time_machine.travel(START + dt.timedelta(minutes=20), tick=False):
            self.assertEqual(escalations_scan(station=self.station_a), 0)
        with time_machine.travel(START + dt.timedelta(minutes=40), tick=False):
            self.assertEqual(escalations_scan(station=self.station_a), 1)
            self.assertEqual(escalations_scan(station=self.station_a), 0)
        self.assertEqual([u for u, _ in self.notices("call_not_returned")], ["chief"])


class WorkOrderNumberTests(BaseTestCase):
    def test_numbers_continue_from_orders_numbered_before_the_counter(self) -> None:
        with time_machine.travel(START, tick=False):
            WorkOrder.objects.create(
                station=self.station_a,
                number="2026-00041",
                category="business",
                summary="旧单",
                created_at=START,
            )
            order = work_order_create(
                station=self.station_a, user=self.clerk, category="business", summary="新单"
            )
        self.assertEqual(order.number, "2026-00042")

    def test_each_station_and_year_counts_on_its_own(self) -> None:
        with time_machine.travel(dt.datetime(2026, 12, 31, 15, 0, tzinfo=dt.UTC), tick=False):
            # 23:00 on 31 December in Beijing: still 2026.
            a = work_order_create(
                station=self.station_a, user=None, category="business", summary="x"
            )
            b = work_order_create(
                station=self.station_b, user=None, category="business", summary="x"
            )
        with time_machine.travel(dt.datetime(2026, 12, 31, 16, 30, tzinfo=dt.UTC), tick=False):
            new_year = work_order_create(
                station=self.station_a, user=None, category="business", summary="x"
            )
        self.assertEqual(
            (a.number, b.number, new_year.number), ("2026-00001", "2026-00001", "2027-00001")
        )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="threads racing need PostgreSQL")
class ConcurrentNumberTests(TransactionTestCase):
    def test_twenty_orders_created_at_once_get_distinct_consecutive_numbers(self) -> None:
        class Holder:
            pass

        build_cast(Holder)
        station = Holder.station_a  # type: ignore[attr-defined]
        barrier = threading.Barrier(20)
        errors: list[BaseException] = []

        def create() -> None:
            try:
                barrier.wait()
                work_order_create(station=station, user=None, category="business", summary="同时")
            except BaseException as exc:
                errors.append(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=create) for _ in range(20)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        numbers = sorted(WorkOrder.objects.filter(station=station).values_list("number", flat=True))
        year = numbers[0][:4]
        self.assertEqual(numbers, [f"{year}-{i:05d}" for i in range(1, 21)])
