"""The board's state of a recorded outage is where the repair is (crew on site, cause found…),
not the last bookkeeping line of its history (a time set, a revised estimate held back)."""

from __future__ import annotations

from powerdesk.outages.board import board_rows
from powerdesk.outages.history import outage_history_add
from powerdesk.outages.services import outage_declare
from tests.base import BaseTestCase


class BoardStateTests(BaseTestCase):
    def test_a_held_back_estimate_or_a_time_set_does_not_hide_where_the_repair_is(self) -> None:
        outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind="unplanned"
        )
        outage_history_add(outage, self.chief, "on_site")
        outage_history_add(outage, self.chief, "estimated", "班组判断")
        outage_history_add(outage, None, "estimate_held")
        (row,) = board_rows(self.station_a)
        self.assertEqual(row.state_label, "班组已到现场")
        # The lines are still in its history, in their words.
        self.assertEqual(
            [s.label for s in row.history][-2:], ["已设预计复电时间", "修正的预计复电暂缓通知"]
        )
