"""One rule for "overdue" on the chief's home page (walkthrough 23, finding 7): "Needs a
decision · overdue orders 0" sat beside the notice "overdue 2026-02448" for an order whose crew
arrived late and is now on site. An order that missed a commitment and is still open is overdue
in every box (the decisions, the deadlines, the list, the notices), each saying which deadline
it missed; the crew arriving late is not a new occasion to tell again."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse
from django.utils import timezone

from powerdesk.dashboards.summary import periods, station_figures
from powerdesk.servicedesk.escalation import escalations_scan
from powerdesk.servicedesk.models import Notification, WorkOrder
from powerdesk.servicedesk.models.queries import DUE_SOON
from powerdesk.servicedesk.selectors import due_soon, overdue, overdue_shown
from powerdesk.servicedesk.services import (
    work_order_create,
    work_order_dispatch,
    work_order_transition,
)
from tests.base import BaseTestCase

START = dt.datetime(2026, 6, 22, 2, 0, tzinfo=dt.UTC)  # Monday 10:00 in Beijing
MINUTE = dt.timedelta(minutes=1)


def slot(page: str, name: str) -> str:
    """Every panel of the home page's slot ``name``."""
    parts = page.split(f'data-slot="{name}"')[1:]
    return "".join(part.split("</section>")[0] for part in parts)


class ArrivedLateTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        with time_machine.travel(START, tick=False):
            self.order = work_order_create(
                station=self.station_a, user=self.clerk, category="hazard", summary="电杆倾斜"
            )
        assert self.order.arrive_due_at is not None and self.order.resolve_due_at is not None
        self.arrive_by = timezone.localtime(self.order.arrive_due_at)
        # The crew is on its way when the arrival deadline passes, and there 20 minutes late.
        with time_machine.travel(self.order.arrive_due_at + MINUTE, tick=False):
            work_order_dispatch(work_order=self.order, crew=self.crew, user=self.chief)
            work_order_transition(work_order=self.order, to_status="on_the_way", user=self.chief)
            escalations_scan(station=self.station_a)
        with time_machine.travel(self.order.arrive_due_at + 20 * MINUTE, tick=False):
            work_order_transition(work_order=self.order, to_status="on_site", user=self.chief)
        self.on_site = self.order.arrive_due_at + 30 * MINUTE
        assert self.on_site < self.order.resolve_due_at

    def test_still_open_it_stays_overdue_naming_the_arrival_it_missed(self) -> None:
        order = WorkOrder.objects.get(pk=self.order.pk)
        self.assertEqual(list(overdue(self.station_a, self.on_site)), [order])
        self.assertTrue(order.is_overdue(self.on_site))
        shown = overdue_shown(self.station_a, self.on_site)
        self.assertEqual(shown.count, 1)
        self.assertEqual(
            shown.orders[0].missed,  # type: ignore[attr-defined]
            [("到达时限", self.order.arrive_due_at)],
        )
        # Overdue, it is not "due soon" as well (review of round 24, finding 3).
        self.assertEqual(list(due_soon(self.station_a, now=self.on_site)), [])
        self.assertNotIn(order, WorkOrder.objects.due_by(self.on_site + DUE_SOON, self.on_site))

    def test_the_deadlines_box_lists_it_as_overdue_only(self) -> None:
        self.login(self.chief)
        with time_machine.travel(self.on_site, tick=False):
            page = self.client.get(reverse("web:home")).content.decode()
            soon = self.client.get(reverse("servicedesk:work_orders"), {"show": "due_soon"})
        deadlines = slot(page, "deadlines").split('href="/desk/orders/?show=overdue"')[1]
        self.assertEqual(deadlines.count(self.order.number), 1)
        self.assertIn(f"到达时限 {self.arrive_by:%m-%d %H:%M}", deadlines)
        self.assertNotContains(soon, self.order.number)

    def test_the_county_view_counts_it_as_the_chief_s_home_does(self) -> None:
        figures = station_figures(self.station_a, periods(self.on_site))
        self.assertEqual(figures.overdue, overdue_shown(self.station_a, self.on_site).count)
        self.assertEqual(figures.overdue, 1)

    def test_the_one_late_the_longest_comes_first(self) -> None:
        # Another order, late to resolve only: its resolution deadline passed after this
        # order's arrival deadline, so this one (late since its arrival) comes first, though
        # its own resolution deadline is the later of the two.
        with time_machine.travel(START, tick=False):
            other = work_order_create(
                station=self.station_a, user=self.clerk, category="complaint", summary="电费有疑问"
            )
        WorkOrder.objects.filter(pk=other.pk).update(
            arrive_due_at=None, resolve_due_at=self.order.arrive_due_at + 5 * MINUTE
        )
        assert self.order.resolve_due_at > self.order.arrive_due_at + 5 * MINUTE
        at = max(self.on_site, self.order.arrive_due_at + 6 * MINUTE)
        self.assertEqual([o.pk for o in overdue(self.station_a, at)], [self.order.pk, other.pk])
        # Late to resolve since before this one's arrival deadline: it comes first.
        WorkOrder.objects.filter(pk=other.pk).update(
            resolve_due_at=self.order.arrive_due_at - 5 * MINUTE
        )
        self.assertEqual([o.pk for o in overdue(self.station_a, at)], [other.pk, self.order.pk])
        self.assertEqual(
            [o.pk for o in overdue_shown(self.station_a, at).orders], [other.pk, self.order.pk]
        )

    def test_the_chief_s_decisions_count_it_beside_the_notice_that_says_so(self) -> None:
        self.login(self.chief)
        with time_machine.travel(self.on_site, tick=False):
            page = self.client.get(reverse("web:home")).content.decode()
            listed = self.client.get(reverse("servicedesk:work_orders"), {"show": "overdue"})
        decisions = slot(page, "decisions")
        self.assertIn('data-testid="decisions-overdue-count">1</dd>', decisions)
        missed = f"到达时限 {self.arrive_by:%m-%d %H:%M}"
        self.assertIn(self.order.number, decisions)
        self.assertIn(missed, decisions)
        self.assertIn(missed, slot(page, "deadlines"))
        self.assertContains(listed, self.order.number)
        self.assertTrue(
            Notification.objects.filter(
                recipient=self.chief, kind="overdue", work_order=self.order, read_at=None
            ).exists()
        )

    def test_the_crew_arriving_late_is_not_told_again(self) -> None:
        told = Notification.objects.filter(kind="overdue").count()
        self.assertEqual(told, 2)  # the chief and the owner, while the crew was on its way
        with time_machine.travel(self.on_site, tick=False):
            escalations_scan(station=self.station_a)
        self.assertEqual(Notification.objects.filter(kind="overdue").count(), told)

    def test_resolved_it_is_no_longer_overdue(self) -> None:
        with time_machine.travel(self.on_site, tick=False):
            work_order_transition(
                work_order=self.order,
                to_status="resolved",
                user=self.chief,
                cause="电杆倾斜",
                device=self.fuse,
                note="已扶正",
            )
        self.assertEqual(overdue_shown(self.station_a, self.on_site).count, 0)

    def test_one_on_site_in_time_is_not_overdue(self) -> None:
        with time_machine.travel(START, tick=False):
            order = work_order_create(
                station=self.station_a, user=self.clerk, category="hazard", summary="树碰线"
            )
            work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
            work_order_transition(work_order=order, to_status="on_the_way", user=self.chief)
            work_order_transition(work_order=order, to_status="on_site", user=self.chief)
        self.assertFalse(WorkOrder.objects.get(pk=order.pk).is_overdue(self.on_site))
        self.assertNotIn(order, overdue(self.station_a, self.on_site))
