"""The README says which of CI's jobs runs which folders on which database (``.ci/run``), and
every folder of tests runs on both databases there."""

from __future__ import annotations

import re
from pathlib import Path

from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parent.parent


def _folders(words: str) -> set[str]:
    return {w.removeprefix("tests/") for w in words.split()}


class CiJobsTests(SimpleTestCase):
    def setUp(self) -> None:
        run = (ROOT / ".ci" / "run").read_text()
        self.lists = dict(re.findall(r'^(OPS|SQLITE_TOO|PG_TOO)="?([^"\n]*)"?$', run, re.M))
        self.run = run
        readme = (ROOT / "README.md").read_text()
        row = re.search(r"^\| 3 \| (.*?) \| (.*?) \|$", readme, re.M)
        assert row is not None, "README.md lost the CI jobs' table"
        self.readme = [set(re.findall(r"`(\w+)`", cell)) for cell in row.groups()]

    def test_the_readme_names_the_third_job_s_folders_on_each_database(self) -> None:
        ops = _folders(self.lists["OPS"])
        self.assertEqual(self.readme[0], ops | _folders(self.lists["SQLITE_TOO"]))
        self.assertEqual(self.readme[1], ops | _folders(self.lists["PG_TOO"]))

    def test_what_the_third_job_runs_the_others_leave_out(self) -> None:
        self.assertIn('make test PYTEST_ARGS="--ignore=$OPS$SQLITE_TOO_IGNORED"', self.run)
        self.assertIn('make test-postgres PYTEST_ARGS="--ignore=$OPS$PG_TOO_IGNORED"', self.run)
        self.assertIn('make test PYTEST_ARGS="$OPS $SQLITE_TOO"', self.run)
        self.assertIn('make test-postgres PYTEST_ARGS="$OPS $PG_TOO"', self.run)
        for name in ("SQLITE_TOO", "PG_TOO"):
            for folder in _folders(self.lists[name]):
                with self.subTest(folder):
                    self.assertTrue((ROOT / "tests" / folder).is_dir())
