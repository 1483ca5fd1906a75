"""Emptying the PostgreSQL test database after a transactional test (the browser tests, the
tests of several processes) by ``DELETE``, not ``TRUNCATE``.

Django empties every table after such a test with one ``TRUNCATE`` of all of them. On PostgreSQL
that costs the same whatever the tables hold: each table gets new files, about a second for our
ninety-odd tables on an idle machine (four on a loaded one), where deleting the few rows a test
left takes a twentieth of a second. Over the suite's transactional tests that was minutes of the
PostgreSQL run. Django's foreign keys on PostgreSQL are deferred to the end of the transaction the
flush runs in, so the tables can be emptied in any order.

Only the plain flush changes: one that resets the sequences or cascades to tables outside the
test's apps is Django's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def flush_by_delete() -> Iterator[None]:
    from django.db.backends.postgresql.operations import DatabaseOperations

    original = DatabaseOperations.sql_flush

    def sql_flush(
        self: DatabaseOperations,
        style: Any,
        tables: list[str],
        *,
        reset_sequences: bool = False,
        allow_cascade: bool = False,
    ) -> list[str]:
        if reset_sequences or allow_cascade or not tables:
            return original(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return ["SET CONSTRAINTS ALL DEFERRED;"] + [
            f"DELETE FROM {self.quote_name(table)};" for table in tables
        ]

    DatabaseOperations.sql_flush = sql_flush  # type: ignore[method-assign]
    try:
        yield
    finally:
        DatabaseOperations.sql_flush = original  # type: ignore[method-assign]
