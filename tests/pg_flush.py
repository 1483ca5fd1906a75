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

A browser test's live server may still be writing when the test ends (a request the closed page
had sent): the flush first waits, a few seconds at most, until no other session of the test
database is inside a transaction, and a flush PostgreSQL stops as a deadlock with such a late
writer is run again (it left the rows, and the next test found the last one's station).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# How long a flush waits for other sessions' transactions, and how often it is tried.
QUIET_WAIT_S = 5.0
FLUSH_TRIES = 3

BUSY_SESSIONS = """
    SELECT count(*) FROM pg_stat_activity
    WHERE datname = current_database() AND pid <> pg_backend_pid()
      AND state IN ('active', 'idle in transaction', 'idle in transaction (aborted)')
"""


def _wait_for_quiet(cursor: Any) -> None:
    """Until no other session of this database is in a transaction, or ``QUIET_WAIT_S``."""
    deadline = time.monotonic() + QUIET_WAIT_S
    while time.monotonic() < deadline:
        cursor.execute(BUSY_SESSIONS)
        if cursor.fetchone()[0] == 0:
            return
        time.sleep(0.05)


@contextmanager
def flush_by_delete() -> Iterator[None]:
    from django.db import OperationalError
    from django.db.backends.postgresql.operations import DatabaseOperations

    original = DatabaseOperations.sql_flush
    original_execute = DatabaseOperations.execute_sql_flush

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

    def execute_sql_flush(self: DatabaseOperations, sql_list: list[str]) -> None:
        for attempt in range(FLUSH_TRIES):
            with self.connection.cursor() as cursor:
                _wait_for_quiet(cursor)
            try:
                original_execute(self, sql_list)
                return
            except OperationalError as error:
                if "deadlock" not in str(error) or attempt == FLUSH_TRIES - 1:
                    raise

    DatabaseOperations.sql_flush = sql_flush  # type: ignore[method-assign]
    DatabaseOperations.execute_sql_flush = execute_sql_flush  # type: ignore[method-assign]
    try:
        yield
    finally:
        DatabaseOperations.sql_flush = original  # type: ignore[method-assign]
        DatabaseOperations.execute_sql_flush = original_execute  # type: ignore[method-assign]
