"""An order's history says the year of an event of another year (probe73 L7): "12-08 22:09" of
last December read as still to come above today's "12-07 17:28"; this year's stay short."""

from __future__ import annotations

import datetime as dt

import time_machine

from powerdesk.servicedesk.models import WorkOrderEvent
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase

TZ = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 12, 7, 17, 28, tzinfo=TZ)


class HistoryYearTests(BaseTestCase):
    def test_an_event_of_last_year_shows_its_year_and_this_year_s_do_not(self) -> None:
        with time_machine.travel(NOW, tick=False):
            order = work_order_create(
                station=self.station_a, user=self.clerk, category="business", summary="过户"
            )
            WorkOrderEvent.objects.create(
                work_order=order,
                at=dt.datetime(2025, 12, 8, 22, 9, tzinfo=TZ),
                kind=WorkOrderEvent.Kind.NOTE,
                note="去年的记录",
            )
            self.login(self.clerk)
            page = self.client.get(order.get_absolute_url()).content.decode()
        self.assertIn('<td class="when">2025-12-08 22:09</td>', page)
        self.assertIn('<td class="when">12-07 17:28</td>', page)
