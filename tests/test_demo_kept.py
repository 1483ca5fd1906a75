"""The demo station's snapshot kept on disk for later test sessions (``tests/demo_kept.py``)."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import shutil
import tempfile
import time
from pathlib import Path
from unittest import mock

from django.test import SimpleTestCase

from tests import demo_kept, demo_station

DAY = dt.date(2026, 11, 28)  # long past: its history ends at the station's morning


class KeptDemoTests(SimpleTestCase):
    def setUp(self) -> None:
        folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, folder, ignore_errors=True)
        patcher = mock.patch.object(demo_kept, "FOLDER", folder)
        patcher.start()
        self.addCleanup(patcher.stop)
        self.folder = folder
        self.built: list[dt.date] = []

    def build(self, today: dt.date) -> dict[str, object]:
        self.built.append(today)
        return {"today": today, "rows": [(1, "station", dt.datetime(2026, 1, 1, tzinfo=dt.UTC))]}

    def test_a_later_session_reads_the_snapshot_instead_of_building_it(self) -> None:
        first = demo_kept.kept("sqlite", DAY, 2013, self.build)
        second = demo_kept.kept("sqlite", DAY, 2013, self.build)
        self.assertEqual(self.built, [DAY])
        self.assertEqual(second, first)
        self.assertIsNot(second, first)  # read from the file

    def test_another_database_date_or_seed_is_built_apart(self) -> None:
        demo_kept.kept("sqlite", DAY, 2013, self.build)
        demo_kept.kept("postgresql", DAY, 2013, self.build)
        demo_kept.kept("sqlite", DAY - dt.timedelta(days=1), 2013, self.build)
        demo_kept.kept("sqlite", DAY, 7, self.build)
        self.assertEqual(len(self.built), 4)

    def test_changed_code_changes_the_key(self) -> None:
        root = self.folder / "repo"
        (root / "powerdesk").mkdir(parents=True)
        source = root / "powerdesk" / "demo.py"
        source.write_text("A = 1\n")
        before = demo_kept.key("sqlite", DAY, 2013, root)
        self.assertEqual(demo_kept.key("sqlite", DAY, 2013, root), before)
        source.write_text("A = 2\n")
        self.assertNotEqual(demo_kept.key("sqlite", DAY, 2013, root), before)
        source.write_text("A = 1\n")
        (root / "powerdesk" / "data.csv").write_text("x\n")
        self.assertNotEqual(demo_kept.key("sqlite", DAY, 2013, root), before)

    def test_a_snapshot_older_than_an_hour_is_built_again(self) -> None:
        demo_kept.kept("sqlite", DAY, 2013, self.build)
        (kept,) = self.folder.glob("demo-*.pickle")
        old = time.time() - demo_kept.FRESH_FOR - 60
        os.utime(kept, (old, old))
        demo_kept.kept("sqlite", DAY, 2013, self.build)
        self.assertEqual(self.built, [DAY, DAY])

    def test_a_session_with_its_clock_moved_neither_reads_nor_keeps(self) -> None:
        demo_kept.kept("sqlite", DAY, 2013, self.build)
        (kept,) = self.folder.glob("demo-*.pickle")
        before = kept.stat().st_mtime
        moved = time.time() - 5 * 3600
        with mock.patch.object(demo_kept.time, "time", return_value=moved):
            demo_kept.kept("sqlite", DAY, 2013, self.build)
        self.assertEqual(self.built, [DAY, DAY])
        self.assertEqual(kept.stat().st_mtime, before)

    def test_a_snapshot_of_the_station_s_day_before_is_built_again(self) -> None:
        demo_kept.kept("sqlite", DAY, 2013, self.build)
        with mock.patch.object(demo_kept, "_station_day", side_effect=[DAY, DAY.replace(day=2)]):
            demo_kept.kept("sqlite", DAY, 2013, self.build)
        self.assertEqual(self.built, [DAY, DAY])

    def test_today_before_the_morning_is_built_by_every_session(self) -> None:
        early = dt.datetime(2026, 11, 28, 5, 55, tzinfo=dt.timezone(dt.timedelta(hours=8)))
        with mock.patch("django.utils.timezone.now", return_value=early):
            demo_kept.kept("sqlite", DAY, 2013, self.build)
            demo_kept.kept("sqlite", DAY, 2013, self.build)
        self.assertEqual(self.built, [DAY, DAY])
        self.assertEqual(list(self.folder.glob("demo-*.pickle")), [])

    def test_a_damaged_file_is_built_again(self) -> None:
        demo_kept.kept("sqlite", DAY, 2013, self.build)
        (kept,) = self.folder.glob("demo-*.pickle")
        kept.write_bytes(b"not a pickle")
        self.assertEqual(demo_kept.kept("sqlite", DAY, 2013, self.build)["today"], DAY)
        self.assertEqual(self.built, [DAY, DAY])

    def test_a_snapshot_in_a_folder_not_only_ours_is_neither_read_nor_kept(self) -> None:
        # Unpickling runs what the file names: one planted by another user is never read.
        demo_kept.kept("sqlite", DAY, 2013, self.build)
        (kept,) = self.folder.glob("demo-*.pickle")
        kept.write_bytes(pickle.dumps({"today": "planted"}))
        self.folder.chmod(0o755)
        self.assertEqual(demo_kept.kept("sqlite", DAY, 2013, self.build)["today"], DAY)
        self.folder.chmod(0o700)
        with mock.patch("os.getuid", return_value=os.getuid() + 1):  # another user's folder
            self.assertEqual(demo_kept.kept("sqlite", DAY, 2013, self.build)["today"], DAY)
        self.assertEqual(self.built, [DAY, DAY, DAY])
        self.assertEqual(pickle.loads(kept.read_bytes()), {"today": "planted"})  # not replaced

    def test_the_demo_station_s_snapshot_comes_from_the_kept_copy(self) -> None:
        day = dt.date(2020, 2, 2)  # a date no test builds
        self.addCleanup(demo_station._snapshots.pop, day, None)
        with mock.patch.object(demo_station, "_build", side_effect=self.build):
            first = demo_station.demo_snapshot(day)
            demo_station._snapshots.pop(day)  # as a new session
            second = demo_station.demo_snapshot(day)
        self.assertEqual(self.built, [day])
        self.assertEqual(second, first)
