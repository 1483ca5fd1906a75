"""The secret key's system checks (``powerdesk.ops.checks``): errors with ids, tagged deploy, and
refused by every process that serves or signs, not by ``powerdesk serve`` alone: the task worker
and gunicorn started on ``powerdesk.wsgi`` by hand (a second machine) refuse the published key,
a kept key on a shared database and a key of the process's own; ``check --deploy`` lists them."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.core import checks
from django.core.management import CommandError, call_command
from django.core.management.base import SystemCheckError
from django.test import SimpleTestCase, override_settings

from powerdesk.lib.secret_key import GIVEN, KEPT, THIS_PROCESS
from powerdesk.ops.checks import SECRET_KEY_TAG
from tests.ops.processes import fresh_run

PUBLISHED = "powerdesk-development-key-not-for-production"
GOOD = "k3Jx9-production-like-key-Q7w2vN8mZ1pL4sT6yR0bC5dF3gH8jK2aE9uI"
SHARED = "postgres://powerdesk:powerdesk@127.0.0.1:9/nowhere"  # never reached


def _ids(*, deploy: bool = True) -> list[str]:
    found = checks.run_checks(tags=[SECRET_KEY_TAG], include_deployment_checks=deploy)
    assert all(message.level == checks.ERROR for message in found)
    return [message.id or "" for message in found]


class SecretKeyCheckTests(SimpleTestCase):
    def test_each_unsafe_key_is_an_error_with_its_id_in_the_deploy_checks(self) -> None:
        with override_settings(SECRET_KEY=GOOD, SECRET_KEY_SOURCE=GIVEN):
            self.assertEqual(_ids(), [])
        with override_settings(SECRET_KEY=PUBLISHED, SECRET_KEY_SOURCE=GIVEN):
            self.assertEqual(_ids(), ["powerdesk.E001"])
            self.assertEqual(
                _ids(deploy=False), []
            )  # a deploy check: not runserver's nor migrate's
        with override_settings(SECRET_KEY=GOOD, SECRET_KEY_SOURCE=KEPT):
            with mock.patch("powerdesk.ops.checks.one_machine", return_value=True):
                self.assertEqual(_ids(), [])  # one machine's SQLite: its processes share the key
            with mock.patch("powerdesk.ops.checks.one_machine", return_value=False):
                self.assertEqual(_ids(), ["powerdesk.E002"])
        with override_settings(SECRET_KEY=GOOD, SECRET_KEY_SOURCE=THIS_PROCESS):
            self.assertEqual(_ids(), ["powerdesk.E003"])

    def test_check_deploy_lists_them(self) -> None:
        with (
            override_settings(SECRET_KEY=GOOD, SECRET_KEY_SOURCE=KEPT),
            mock.patch("powerdesk.ops.checks.one_machine", return_value=False),
            self.assertRaises(SystemCheckError) as refused,
        ):
            call_command("check", "--deploy", "--tag", SECRET_KEY_TAG)
        self.assertIn("(powerdesk.E002) POWERDESK_SECRET_KEY is not set", str(refused.exception))

    def test_the_task_worker_refuses_to_start_as_serve_does(self) -> None:
        for settings, said in (
            ({"SECRET_KEY": PUBLISHED, "SECRET_KEY_SOURCE": GIVEN}, "(powerdesk.E001)"),
            ({"SECRET_KEY": GOOD, "SECRET_KEY_SOURCE": THIS_PROCESS}, "(powerdesk.E003)"),
        ):
            with (
                self.subTest(said),
                override_settings(**settings),
                mock.patch("powerdesk.ops.management.commands.worker.heartbeat_thread") as beat,
                self.assertRaises(CommandError) as refused,
            ):
                call_command("worker", "--batch")
            self.assertIn("The task worker refuses to start", str(refused.exception))
            self.assertIn(said, str(refused.exception))
            beat.assert_not_called()  # refused before it beats (or runs anything)


def test_gunicorn_on_powerdesk_wsgi_refuses_a_kept_key_on_a_shared_database(
    tmp_path: Path,
) -> None:
    # As started by hand on a second machine, without `powerdesk serve`.
    done = fresh_run(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "powerdesk.wsgi:application",
            "--bind=127.0.0.1:0",
            "--workers=1",
            "--error-logfile=-",
            "--no-control-socket",
        ],
        tmp_path,
        DATABASE_URL=SHARED,
    )
    assert done.returncode != 0, done.stdout + done.stderr
    assert "The web application (powerdesk.wsgi) refuses to start" in done.stderr
    assert "(powerdesk.E002)" in done.stderr
    assert "every web server of a shared database must be given the same key" in done.stderr


@pytest.mark.skipif(shutil.which("unshare") is None, reason="mounts a read-only folder")
def test_a_read_only_data_folder_runs_commands_and_check_deploy_says_e003(tmp_path: Path) -> None:
    # A read-only file system as the data folder (a checkout mounted read-only): a file system
    # of this test's own, where it may mount one (root, or a user namespace), else skipped.
    folder = tmp_path / "read-only"
    folder.mkdir()
    script = (
        'mount -t tmpfs -o ro tmpfs "$0" || exit 77; '
        'exec "$1" -m powerdesk check --deploy --fail-level ERROR'
    )
    done = fresh_run(
        [
            "unshare",
            "-m",
            *([] if os.geteuid() == 0 else ["-r"]),
            "sh",
            "-c",
            script,
            folder,
            sys.executable,
        ],
        folder,
        # (the database elsewhere: a check reads it)
        POWERDESK_SQLITE_PATH=str(tmp_path / "db.sqlite3"),
    )
    if done.returncode == 77 or "unshare:" in done.stderr:
        pytest.skip(f"no read-only file system could be mounted here: {done.stderr.strip()}")
    # The settings load (the key is the process's own, said so), and the check refuses it.
    assert f"no secret key could be kept in {folder / 'secret_key'}: Read-only" in done.stderr
    assert "This process uses a secret key of its own" in done.stderr
    assert done.returncode != 0
    assert "(powerdesk.E003)" in done.stderr
