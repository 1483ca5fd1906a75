"""A task worker under ``make run`` tells its supervisor it beats by touching a file
(``scripts/supervise.sh --heartbeat``): touched at each heartbeat written, not when the beat
could not be written, and the supervisor's limit is the one ``/healthz`` judges by."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from unittest import mock

from django.db import DatabaseError
from django.test import TestCase

from powerdesk.ops.heartbeat import BEAT_FILE_ENV, STALE_AFTER, Beat
from powerdesk.ops.models import Heartbeat

SERVE = Path(__file__).resolve().parents[2] / "scripts/serve.sh"


class HeartbeatFileTests(TestCase):
    def setUp(self) -> None:
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.file = Path(folder.name) / "worker.beat"
        self.enterContext(mock.patch.dict(os.environ, {BEAT_FILE_ENV: str(self.file)}))

    def test_a_beat_written_touches_the_file(self) -> None:
        Beat("worker").beat()
        self.assertTrue(Heartbeat.objects.filter(kind="worker").exists())
        self.assertTrue(self.file.exists())
        os.utime(self.file, (0, 0))
        beat = Beat("worker")
        beat.beat()
        self.assertGreater(self.file.stat().st_mtime, 0)

    def test_a_beat_not_written_does_not(self) -> None:
        with mock.patch(
            "powerdesk.ops.heartbeat.heartbeat_beat", side_effect=DatabaseError("locked")
        ):
            Beat("worker").beat()
        self.assertFalse(self.file.exists())


def test_make_run_restarts_a_worker_past_the_limit_healthz_judges_by() -> None:
    text = SERVE.read_text()
    limit = re.search(r"^beat_limit=(\d+)$", text, re.M)
    assert limit is not None
    assert int(limit.group(1)) == STALE_AFTER.total_seconds()
    for queue in ("default", "training"):
        line = re.search(rf"--heartbeat \S+ \"\$beat_limit\" \\\n.*--queue-name {queue}\n", text)
        assert line is not None, queue
