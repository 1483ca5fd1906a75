"""A web process's warm-up reads each station's grid of who is below what, which the chief's
home and the outage board read on every request: the first of them no longer reads it while the
person waits (walk61, L9)."""

from __future__ import annotations

from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext

from powerdesk.ops import warmup
from powerdesk.outages import board_grid
from powerdesk.servicedesk.understanding import store
from tests.base import BaseTestCase


class WarmUpBoardGridTests(BaseTestCase):
    def setUp(self) -> None:
        board_grid.forget()
        self.addCleanup(board_grid.forget)

    def test_the_warm_up_keeps_every_station_s_grid(self) -> None:
        with (
            mock.patch.object(store, "default_classifier"),
            mock.patch.object(warmup, "_load_addresses"),
            mock.patch("powerdesk.reports.keywords.warm"),
            mock.patch("powerdesk.outages.patrol_learn.ask_where_none_kept"),
            mock.patch("django.db.connections.close_all"),
        ):
            warmup.warm_up()
        self.assertEqual(set(board_grid._kept), {self.station_a.pk, self.station_b.pk})

    def test_the_first_page_after_it_reads_no_grid(self) -> None:
        self.assertEqual(warmup.keep_board_grids(), 2)
        kept = board_grid._kept[self.station_a.pk].grid
        with CaptureQueriesContext(connection) as queries:
            grid = board_grid.grid_below(self.station_a.pk)
        # The one kept: at most its fingerprint looked at again (the tests' settings recheck it
        # at once), never the grid's rows read.
        self.assertIs(grid, kept)
        self.assertLessEqual(len(queries), 2)
        self.assertTrue(all("COUNT(" in q["sql"] for q in queries))  # counts and sums only
