"""Which tests the PostgreSQL suite skips as touching no database (``tests/database_free.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.conf import settings
from django.test import SimpleTestCase, TestCase

from tests.database_free import skip_on_postgresql, touches_no_database

POSTGRESQL = "django.db.backends.postgresql"


class _Item:
    """What the skipping reads of a collected test."""

    def __init__(self, cls: type | None = None, *marks: str) -> None:
        self.cls = cls
        self.path = Path(__file__)
        self.marks = {name: getattr(pytest.mark, name) for name in marks}
        self.fixturenames = ("db",)
        self.added: list[Any] = []

    def get_closest_marker(self, name: str) -> Any:
        return self.marks.get(name)

    def add_marker(self, marker: Any) -> None:
        self.added.append(marker)


class DatabaseFreeTests(SimpleTestCase):
    def test_a_database_test_runs_on_both_databases(self) -> None:
        self.assertFalse(touches_no_database(_Item(TestCase)))  # type: ignore[arg-type]

    def test_one_marked_database_free_runs_once(self) -> None:
        self.assertTrue(touches_no_database(_Item(TestCase, "database_free")))  # type: ignore[arg-type]
        self.assertTrue(touches_no_database(_Item(None, "database_free")))  # type: ignore[arg-type]

    def test_a_simple_test_case_runs_once(self) -> None:
        self.assertTrue(touches_no_database(_Item(SimpleTestCase)))  # type: ignore[arg-type]

    def test_the_postgresql_suite_skips_the_marked_test_and_keeps_the_others(self) -> None:
        marked, other = _Item(TestCase, "database_free"), _Item(TestCase)
        with mock.patch.dict(settings.DATABASES["default"], {"ENGINE": POSTGRESQL}):
            skip_on_postgresql([marked, other])  # type: ignore[list-item]
        self.assertEqual([m.name for m in marked.added], ["skip"])
        self.assertEqual(other.added, [])

    def test_the_sqlite_suite_skips_nothing(self) -> None:
        marked = _Item(TestCase, "database_free")
        with mock.patch.dict(
            settings.DATABASES["default"], {"ENGINE": "django.db.backends.sqlite3"}
        ):
            skip_on_postgresql([marked])  # type: ignore[list-item]
        self.assertEqual(marked.added, [])
