"""Kept files are read and written only in a folder that is this user's alone
(``tests/private_folder.py``): another user of the machine cannot plant one (review74 L2)."""

from __future__ import annotations

import os
import stat
import tempfile
import threading
import time
from pathlib import Path
from unittest import mock

from django.test import SimpleTestCase

from tests.private_folder import NotPrivate, locked, private


class PrivateFolderTests(SimpleTestCase):
    def setUp(self) -> None:
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.root = Path(folder.name)

    def test_a_missing_folder_is_made_closed_to_others_whatever_the_umask(self) -> None:
        umask = os.umask(0o002)
        self.addCleanup(os.umask, umask)
        made = private(self.root / "kept")
        self.assertEqual(stat.S_IMODE(made.stat().st_mode), 0o700)
        self.assertEqual(private(made), made)  # found again: still ours

    def test_a_folder_others_can_reach_is_refused(self) -> None:
        for mode in (0o755, 0o770, 0o701, 0o1777):
            with self.subTest(f"{mode:o}"):
                folder = self.root / f"open-{mode:o}"
                folder.mkdir()
                folder.chmod(mode)
                with self.assertRaises(NotPrivate):
                    private(folder)

    def test_another_user_s_folder_is_refused(self) -> None:
        folder = private(self.root / "kept")
        with (
            mock.patch("os.getuid", return_value=os.getuid() + 1),
            self.assertRaisesRegex(NotPrivate, "belongs to user"),
        ):
            private(folder)

    def test_a_link_is_refused_even_to_a_folder_of_ours(self) -> None:
        link = self.root / "kept"
        link.symlink_to(private(self.root / "elsewhere"))
        with self.assertRaisesRegex(NotPrivate, "not a folder"):
            private(link)
        (self.root / "file").write_text("")
        with self.assertRaises(NotPrivate):
            private(self.root / "file")

    def test_no_lock_is_made_in_a_folder_refused(self) -> None:
        folder = self.root / "open"
        folder.mkdir(mode=0o777)
        folder.chmod(0o777)
        with self.assertRaises(NotPrivate), locked(folder, "x"):
            pass
        self.assertEqual(list(folder.iterdir()), [])

    def test_the_lock_makes_another_holder_wait(self) -> None:
        folder = self.root / "kept"
        order: list[str] = []
        held = threading.Event()

        def other() -> None:
            with locked(folder, "x"):
                held.set()
                time.sleep(0.3)
                order.append("other")

        thread = threading.Thread(target=other)
        thread.start()
        self.assertTrue(held.wait(10))
        with locked(folder, "x") as found:
            order.append("this")
        thread.join()
        self.assertEqual(order, ["other", "this"])
        self.assertEqual(found, folder)
