"""The queue libraries' own workers are not PowerDesk's: ``db_worker`` and ``rqworker`` run
directly would skip the secret-key checks, the heartbeat and the hand-back on stop (fix58b left
them unguarded); they name ``powerdesk worker`` and stop, whatever options they are given."""

from __future__ import annotations

import io

from django.core.management import call_command, get_commands, load_command_class
from django.core.management.base import CommandError
from django.test import SimpleTestCase


class LibraryWorkerTests(SimpleTestCase):
    def test_db_worker_points_to_powerdesk_worker(self) -> None:
        self.assertEqual(get_commands()["db_worker"], "powerdesk.devserver")
        with self.assertRaisesMessage(CommandError, "powerdesk worker"):
            call_command("db_worker")

    def test_refused_from_the_command_line_with_any_options(self) -> None:
        for name in ("db_worker", "rqworker"):
            command = load_command_class("powerdesk.devserver", name)
            command.stderr = io.StringIO()  # type: ignore[assignment]
            with self.subTest(name), self.assertRaises(SystemExit) as stopped:
                command.run_from_argv(["powerdesk", name, "--batch", "--queue-name", "default"])
            self.assertEqual(stopped.exception.code, 1)
            self.assertIn("powerdesk worker", command.stderr.getvalue())
