"""Under systemd a task worker tells the watchdog of its unit (``WatchdogSec=``) at each heartbeat
written, so a worker alive that has stopped beating is killed and started again; it tells it
nothing when the beat could not be written, nor when the unit has no watchdog or it is another
process's."""

from __future__ import annotations

import os
import socket
import tempfile
from pathlib import Path
from unittest import mock

from django.db import DatabaseError
from django.test import TestCase

from powerdesk.ops.heartbeat import Beat


class WatchdogTests(TestCase):
    def setUp(self) -> None:
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        path = str(Path(folder.name) / "notify")
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.addCleanup(self.sock.close)
        self.sock.bind(path)
        self.sock.setblocking(False)
        self.env = {
            "NOTIFY_SOCKET": path,
            "WATCHDOG_USEC": "60000000",
            "WATCHDOG_PID": str(os.getpid()),
        }

    def received(self) -> list[bytes]:
        messages = []
        while True:
            try:
                messages.append(self.sock.recv(256))
            except BlockingIOError:
                return messages

    def test_a_beat_written_tells_the_watchdog(self) -> None:
        with mock.patch.dict(os.environ, self.env):
            Beat("worker").beat()
        self.assertEqual(self.received(), [b"WATCHDOG=1"])

    def test_a_beat_not_written_does_not(self) -> None:
        with (
            mock.patch.dict(os.environ, self.env),
            mock.patch(
                "powerdesk.ops.heartbeat.heartbeat_beat", side_effect=DatabaseError("locked")
            ),
        ):
            Beat("worker").beat()
        self.assertEqual(self.received(), [])

    def test_no_watchdog_or_another_process_s_is_not_told(self) -> None:
        for change in ({"WATCHDOG_USEC": ""}, {"WATCHDOG_PID": str(os.getpid() + 1)}):
            with self.subTest(change=change), mock.patch.dict(os.environ, {**self.env, **change}):
                Beat("worker").beat()
            self.assertEqual(self.received(), [])

    def test_a_socket_gone_is_logged_not_raised(self) -> None:
        env = {**self.env, "NOTIFY_SOCKET": self.env["NOTIFY_SOCKET"] + "-gone"}
        with mock.patch.dict(os.environ, env), self.assertLogs("powerdesk.ops.heartbeat"):
            Beat("worker").beat()
