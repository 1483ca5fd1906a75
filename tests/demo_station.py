"""The demo station for tests: built once per test session (or read from the copy an earlier
session kept: ``tests/demo_kept.py``), copied into each test that needs it.

Building the demo station takes a quarter of a minute; copying its rows into the database takes
about a second. So ``powerdesk demo`` runs once per test session and date, inside a transaction
that is then rolled back, and what it stored is kept in memory, table by table. ``load_demo``
inserts those rows into the test's database: inside a ``TestCase`` (in ``setUpTestData`` or a
test) they go with the test's transaction, in a transactional test (a browser test) they are
committed and flushed afterwards like any other rows. Either way no test sees another's changes.

``only`` loads the part of the station that some apps' builders store, as
``build_demo(only=...)`` builds it: the rows are kept by the builder that stored them, and each
builder draws from a random generator of its own, so its part is the same whether the others
ran (a builder that changes an earlier one's rows would make it differ: that is refused).
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from dataclasses import dataclass
from io import StringIO
from types import ModuleType
from typing import Any
from unittest import mock

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

# The date the demo's history of the model tests ends on: their figures (this year's training
# plan, the rainy season) are written for it. Browser tests use the real date, as `make run`.
TODAY = dt.date(2026, 11, 28)
SEED = 2013
REFERENCE_APPS = frozenset({"accounts", "community", "network", "customers"})


Table = tuple[str, tuple[str, ...], tuple[tuple[Any, ...], ...]]  # name, columns, rows


@dataclass(frozen=True)
class DemoSnapshot:
    today: dt.date
    output: str  # what ``powerdesk demo`` printed while building it
    # The rows each app's builder stored, in the order they were built.
    parts: tuple[tuple[str, tuple[Table, ...]], ...]
    # Builders that changed or deleted rows an earlier builder had stored: without them, the
    # earlier builders' part is not what ``build_demo(only=...)`` would build.
    rewriters: frozenset[str]
    # The content types when it was built: id → (app label, model), to renumber them on load.
    content_types: dict[int, tuple[str, str]]


_snapshots: dict[dt.date, DemoSnapshot] = {}


def demo_snapshot(today: dt.date = TODAY) -> DemoSnapshot:
    """The rows ``powerdesk demo --seed 2013 --today TODAY`` stores, built on first use."""
    if today not in _snapshots:
        from tests.demo_kept import kept

        # Built by an earlier session of the last hour with the same code: read from its file.
        _snapshots[today] = kept(connection.vendor, today, SEED, _build)
    return _snapshots[today]


def load_demo(today: dt.date = TODAY, *, only: Iterable[str] | None = None) -> DemoSnapshot:
    """Insert the demo station (or the part of it the apps ``only`` build) into the database."""
    snapshot = demo_snapshot(today)
    built = {label for label, _ in snapshot.parts}
    wanted = built if only is None else set(only)
    if snapshot.rewriters & (built - wanted):
        raise ValueError(f"the demo's builders {sorted(snapshot.rewriters)} change earlier rows")
    tables = _with_todays_content_types(
        [table for label, part in snapshot.parts if label in wanted for table in part],
        snapshot.content_types,
    )
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for name, columns, rows in tables:
            listed = ", ".join(map(quote, columns))
            if connection.vendor == "postgresql":
                # COPY: several times faster than inserts on PostgreSQL.
                with cursor.cursor.copy(f"COPY {quote(name)} ({listed}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                cursor.executemany(
                    f"INSERT INTO {quote(name)} ({listed}) VALUES ({', '.join(['%s'] * len(columns))})",
                    rows,
                )
        # PostgreSQL's sequences know nothing of rows inserted with their ids.
        names = {name for name, _, _ in tables}
        models = [
            m for m in apps.get_models(include_auto_created=True) if m._meta.db_table in names
        ]
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
        if connection.vendor == "postgresql":
            # Fresh tables have no statistics: without them the planner takes thousands of demo
            # rows for a handful and some pages take seconds (autovacuum does this in production).
            for name in sorted(names):
                cursor.execute(f"ANALYZE {quote(name)}")
    return snapshot


def _with_todays_content_types(
    tables: list[Table], kinds: dict[int, tuple[str, str]]
) -> list[Table]:
    """The rows with their content-type ids as this database numbers them: a transactional
    test's flush makes the content types again under new ids, so the ids the snapshot saw
    when it was built may name nothing now (the notices' subjects point at them)."""
    from django.contrib.contenttypes.models import ContentType

    now = {(c.app_label, c.model): c.pk for c in ContentType.objects.all()}
    remap = {old: now[key] for old, key in kinds.items() if key in now}
    columns_by_table: dict[str, set[str]] = {}
    for model in apps.get_models(include_auto_created=True):
        for f in model._meta.concrete_fields:
            if f.is_relation and f.related_model is ContentType:
                columns_by_table.setdefault(model._meta.db_table, set()).add(f.column)
    fixed: list[Table] = []
    for name, columns, rows in tables:
        wanted = columns_by_table.get(name)
        if not wanted or remap == {k: k for k in remap}:
            fixed.append((name, columns, rows))
            continue
        at = [i for i, c in enumerate(columns) if c in wanted]
        fixed.append(
            (
                name,
                columns,
                tuple(
                    tuple(remap.get(v, v) if i in at else v for i, v in enumerate(row))
                    for row in rows
                ),
            )
        )
    return fixed


@pytest.fixture
def demo_today(transactional_db: None) -> DemoSnapshot:
    """The whole demo station as of today's date, committed (for the live server)."""
    return load_demo(dt.date.today())


class _Undo(Exception):
    """Raised to roll back the build once its rows are read."""


def _build(today: dt.date) -> DemoSnapshot:
    with connection.cursor() as cursor:
        names = connection.introspection.django_table_names(only_existing=True)
        stored = {name: set(_rows(cursor, name)[1]) for name in names}
    parts: list[tuple[str, tuple[Table, ...]]] = []
    rewriters: set[str] = set()

    def read_what(label: str) -> None:
        part = []
        with connection.cursor() as cursor:
            for name in names:
                columns, rows = _rows(cursor, name)
                if stored[name] - set(rows):
                    rewriters.add(label)
                new = tuple(row for row in rows if row not in stored[name])
                if new:
                    part.append((name, columns, new))
                    stored[name].update(new)
        parts.append((label, tuple(part)))

    out = StringIO()
    try:
        with transaction.atomic(), ExitStack() as stack:
            for config in apps.get_app_configs():
                module = _demo_module(config.name)
                if module is not None:
                    stack.enter_context(
                        mock.patch.object(
                            module, "build", _then(module.build, read_what, config.label)
                        )
                    )
            call_command("demo", "--seed", str(SEED), "--today", today.isoformat(), stdout=out)
            raise _Undo
    except _Undo:
        pass
    from django.contrib.contenttypes.models import ContentType

    return DemoSnapshot(
        today=today,
        output=out.getvalue(),
        parts=tuple(parts),
        rewriters=frozenset(rewriters),
        content_types={c.pk: (c.app_label, c.model) for c in ContentType.objects.all()},
    )


def _demo_module(app: str) -> ModuleType | None:
    if not app.startswith("powerdesk."):
        return None
    try:
        return importlib.import_module(f"{app}.demo")
    except ModuleNotFoundError as exc:
        if exc.name != f"{app}.demo":
            raise
        return None


def _then(build: Callable[[Any], None], after: Callable[[str], None], label: str) -> Any:
    def build_and_read(ctx: Any) -> None:
        build(ctx)
        after(label)

    return build_and_read


def _rows(cursor: Any, table: str) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
    columns = tuple(column[0] for column in cursor.description)
    return columns, [tuple(row) for row in cursor.fetchall()]
