"""Which tests the PostgreSQL suite skips as touching no database (``tests/database_free.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import SimpleTestCase, TestCase

from tests.database_free import (
    check_marked,
    refusing_queries,
    skip_on_postgresql,
    touches_no_database,
)

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


class MarkHeldTests(TestCase):
    """A test marked ``database_free`` that queries fails (review74 L1): it would otherwise lose
    its PostgreSQL pass without anyone seeing."""

    @classmethod
    def setUpTestData(cls) -> None:
        Group.objects.create(name="set-up")  # the set-up may query

    def test_a_marked_test_that_queries_fails_after_running_to_its_end(self) -> None:
        ran = []

        def test() -> None:
            ran.append(Group.objects.count())

        item = _Item(TestCase, "database_free")
        item.obj = test  # type: ignore[attr-defined]
        check_marked(item)  # type: ignore[arg-type]
        with self.assertRaisesRegex(AssertionError, "database_free.*1 query.*auth_group"):
            item.obj()  # type: ignore[attr-defined]
        self.assertEqual(ran, [1])

    def test_a_query_through_a_cursor_is_one_too(self) -> None:
        from django.db import connection

        def test() -> None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")

        with self.assertRaisesRegex(AssertionError, "SELECT 1"):
            refusing_queries(test)()

    def test_a_marked_test_case_s_method_is_checked_where_the_case_looks_it_up(self) -> None:
        # pytest-django runs a TestCase by calling it: the method is found on the instance.
        class Case(TestCase):
            def test_it(self) -> None:
                Group.objects.count()

        item = _Item(Case, "database_free")
        item.instance = Case("test_it")  # type: ignore[attr-defined]
        item.name = "test_it"  # type: ignore[attr-defined]
        item.obj = item.instance.test_it  # type: ignore[attr-defined]
        check_marked(item)  # type: ignore[arg-type]
        with self.assertRaisesRegex(AssertionError, "database_free"):
            item.instance.test_it()  # type: ignore[attr-defined]

    def test_a_marked_test_making_no_query_passes_with_its_outcome(self) -> None:
        item = _Item(TestCase, "database_free")
        item.obj = lambda answer: answer * 2  # type: ignore[attr-defined]
        check_marked(item)  # type: ignore[arg-type]
        self.assertEqual(item.obj(answer=21), 42)  # type: ignore[attr-defined]

    def test_an_unmarked_test_may_query(self) -> None:
        item = _Item(TestCase)
        item.obj = Group.objects.count  # type: ignore[attr-defined]
        check_marked(item)  # type: ignore[arg-type]
        self.assertEqual(item.obj(), 1)  # type: ignore[attr-defined]
