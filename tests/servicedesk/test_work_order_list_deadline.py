"""The work-order list shows the deadline that is due next, named, as the home page does: the
arrival until the crew is there, then the resolution; "due within the hour" lists what the
escalation scan tells of."""

from __future__ import annotations

import datetime as dt
import re

import time_machine
from django.urls import reverse

from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.services import (
    work_order_create,
    work_order_dispatch,
    work_order_transition,
)
from tests.base import BaseTestCase

START = dt.datetime(2026, 6, 22, 2, 0, tzinfo=dt.UTC)  # Monday 10:00 in Beijing


class ListDeadlineTests(BaseTestCase):
    def fault(self, summary: str) -> WorkOrder:
        return work_order_create(
            station=self.station_a, user=self.clerk, category="fault_repair", summary=summary
        )

    def due_cell(self, page: str, order: WorkOrder) -> str:
        found = re.search(rf'data-testid="due-{order.pk}">(.*?)</td>', page, re.S)
        assert found is not None, page
        return found.group(1)

    def test_the_arrival_deadline_until_the_crew_is_there_then_the_resolution(self) -> None:
        with time_machine.travel(START, tick=False):
            waiting = self.fault("家里停电")
            arrived = self.fault("一相没电")
            work_order_dispatch(work_order=arrived, crew=self.crew, user=self.chief)
            work_order_transition(work_order=arrived, to_status="on_the_way", user=self.chief)
            work_order_transition(work_order=arrived, to_status="on_site", user=self.chief)
            self.login(self.chief)
            page = self.client.get(reverse("servicedesk:work_orders")).content.decode()
        waiting.refresh_from_db()
        arrived.refresh_from_db()
        assert waiting.arrive_due_at and waiting.resolve_due_at and arrived.resolve_due_at
        local = dt.timezone(dt.timedelta(hours=8))
        cell = self.due_cell(page, waiting)
        self.assertIn(f"{waiting.arrive_due_at.astimezone(local):%m-%d %H:%M}", cell)
        self.assertNotIn(f"{waiting.resolve_due_at.astimezone(local):%m-%d %H:%M}", cell)
        self.assertIn("到达时限", cell)  # "Arrive by", as the order's page names it
        cell = self.due_cell(page, arrived)
        self.assertIn(f"{arrived.resolve_due_at.astimezone(local):%m-%d %H:%M}", cell)
        self.assertIn("复电时限", cell)  # "Restore power by"

    def test_the_rows_come_by_the_deadline_they_show(self) -> None:
        with time_machine.travel(START, tick=False):
            later = work_order_create(
                station=self.station_a, user=self.clerk, category="business", summary="过户"
            )
        with time_machine.travel(START + dt.timedelta(minutes=30), tick=False):
            sooner = self.fault("停电")  # arrival due in 90 min, before the business deadline
            self.login(self.chief)
            page = self.client.get(reverse("servicedesk:work_orders")).content.decode()
        self.assertLess(page.index(f"due-{sooner.pk}"), page.index(f"due-{later.pk}"))

    def test_due_within_the_hour_lists_what_the_scan_tells_of(self) -> None:
        with time_machine.travel(START, tick=False):
            soon = self.fault("停电")
            not_yet = work_order_create(
                station=self.station_a, user=self.clerk, category="business", summary="改名"
            )
        with time_machine.travel(START + dt.timedelta(minutes=45), tick=False):
            self.login(self.chief)
            page = self.client.get(reverse("servicedesk:work_orders"), {"show": "due_soon"})
        self.assertContains(page, f"due-{soon.pk}")
        self.assertNotContains(page, f"due-{not_yet.pk}")

    def test_a_finished_order_shows_no_deadline_and_comes_after_the_open_ones(self) -> None:
        with time_machine.travel(START, tick=False):
            done = self.fault("停电，已修好")
        with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
            still_open = work_order_create(
                station=self.station_a, user=self.clerk, category="business", summary="过户"
            )
        WorkOrder.objects.filter(pk=done.pk).update(status="resolved")
        with time_machine.travel(START + dt.timedelta(hours=2), tick=False):
            self.login(self.chief)
            page = self.client.get(
                reverse("servicedesk:work_orders"), {"show": "all"}
            ).content.decode()
        cell = self.due_cell(page, done)
        self.assertNotIn("时限", cell)
        self.assertIn("—", cell)
        # An urgent fault done comes after a routine order still open.
        self.assertLess(page.index(f"due-{still_open.pk}"), page.index(f"due-{done.pk}"))
