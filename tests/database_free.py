"""Tests that touch no database run once, in the SQLite suite (``make test``, the README's).

CI runs the whole suite twice, on SQLite and on PostgreSQL. A test of the pure-Python outage
engine (``tests/engine``: no Django, its command line reads and writes files) or a
``SimpleTestCase`` (Django refuses it any query) gives the same answer on both: on PostgreSQL it
is skipped, saying why. Plain test functions elsewhere are kept: some start processes of their
own that use the database the suite was given.

A test that needs the database only for its set-up, and whose work and outcome hang on no query
(measuring the call classifier on the evaluation sets: a third of a minute of processor time),
says so with ``@pytest.mark.database_free``: it too runs once, in the SQLite suite.
"""

from __future__ import annotations

from pathlib import Path

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
