"""Tests that touch no database run once, in the SQLite suite (``make test``, the README's).

CI runs the whole suite twice, on SQLite and on PostgreSQL. A test of the pure-Python outage
engine (``tests/engine``: no Django, its command line reads and writes files) or a
``SimpleTestCase`` (Django refuses it any query) gives the same answer on both: on PostgreSQL it
is skipped, saying why. Plain test functions elsewhere are kept: some start processes of their
own that use the database the suite was given.

A test that needs the database only for its set-up, and whose work and outcome hang on no query
(measuring the call classifier on the evaluation sets: a third of a minute of processor time),
says so with ``@pytest.mark.database_free``: it too runs once, in the SQLite suite. The suite
holds it to that (``refusing_queries``): a query made by the test itself (its set-up is free to
query) fails it, so a marked test that comes to hang on a query cannot quietly lose the
PostgreSQL pass.
"""

from __future__ import annotations

import functools
import unittest
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from django.test import SimpleTestCase, TransactionTestCase

ENGINE_TESTS = Path(__file__).resolve().parent / "engine"
SKIP = pytest.mark.skip(reason="touches no database: run once, in the SQLite suite")


def touches_no_database(item: pytest.Item) -> bool:
    if item.get_closest_marker("database_free"):
        return True
    cls = getattr(item, "cls", None)
    if cls is not None and issubclass(cls, SimpleTestCase):
        return not issubclass(cls, TransactionTestCase)  # TestCase is one too
    return ENGINE_TESTS in Path(item.path).resolve().parents and not (
        item.get_closest_marker("django_db")
        or {"db", "transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
    )


def skip_on_postgresql(items: list[pytest.Item]) -> None:
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        return
    for item in items:
        if touches_no_database(item):
            item.add_marker(SKIP)


def refusing_queries(test: Callable[..., Any]) -> Callable[..., Any]:
    """``test`` failing once it has run if it queried a database (any of the test's thread's
    connections): it runs to its end as it would, then fails naming the first query."""

    @functools.wraps(test)
    def checked(*args: Any, **kwargs: Any) -> Any:
        from django.db import connections

        queries: list[str] = []

        def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            queries.append(sql)
            return execute(sql, params, many, context)

        with ExitStack() as stack:
            for alias in connections:
                stack.enter_context(connections[alias].execute_wrapper(record))
            outcome = test(*args, **kwargs)
        if queries:
            raise AssertionError(
                f"marked database_free, yet it made {len(queries)} "
                f"quer{'y' if len(queries) == 1 else 'ies'} (the first: {queries[0][:200]}): "
                "its outcome may differ on PostgreSQL, which skips it; remove the mark"
            )
        return outcome

    return checked


def check_marked(item: pytest.Item) -> None:
    """A test marked ``database_free`` is run refusing queries (its set-up is not): called once
    the item is set up, before it runs."""
    if not (item.get_closest_marker("database_free") and hasattr(item, "obj")):
        return
    checked = refusing_queries(item.obj)
    item.obj = checked  # what pytest calls: a test function, or the method a TestCase runs
    instance = getattr(item, "instance", None)
    if isinstance(instance, unittest.TestCase):
        # pytest-django runs a TestCase itself (not through ``item.obj``): its method is looked
        # up on the instance by name, and the instance is the item's alone.
        setattr(instance, item.name, checked)
