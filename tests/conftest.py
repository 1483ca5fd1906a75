"""Shared pytest set-up: Debian's Chromium for the browser tests."""

from __future__ import annotations

import collections
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from tests.demo_station import demo_today  # noqa: F401  (a fixture for every test)

# The sync Playwright API runs an event loop in the test's thread; Django's ORM then refuses
# synchronous calls unless told that this is intended.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
# Chromium's headless shell (Debian's chromium-headless-shell, the same Blink as the browser, as
# Playwright runs headless tests): a page's context costs it about a fifth of the processor time
# the full browser takes headless (0.13 s against 0.6 s), and each browser test opens one or more.
# The full browser still runs a headed session (pytest --headed) and where the shell is missing.
HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"

# Property tests check behaviour, never speed (bench/ measures speed): on a shared, loaded
# machine a slow example, or slow input generation, is not a failure.
settings.register_profile(
    "powerdesk", deadline=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("powerdesk")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    headless = browser_type_launch_args.get("headless", True)
    shell = headless and os.access(HEADLESS_SHELL, os.X_OK)
    return {
        **browser_type_launch_args,
        "executable_path": HEADLESS_SHELL if shell else CHROMIUM,
        "args": [
            "--no-sandbox",
            "--headless",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty cache: a test database gives ids out again, so a patrol
    list kept by an earlier test could otherwise answer for a new outage with the same id."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language() -> Any:
    """Each test starts in the site's own language: a request in English made by an earlier test
    in this thread leaves English active (the locale middleware does not put it back)."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True, scope="session")
def _flush_by_delete() -> Any:
    """PostgreSQL's test database is emptied after a transactional test by deleting its rows
    (``tests/pg_flush.py``): a ``TRUNCATE`` of every table cost about a second a test."""
    from tests.pg_flush import flush_by_delete

    with flush_by_delete():
        yield


@pytest.fixture(autouse=True, scope="session")
def _shared_base_classifier() -> Any:
    """The first classifier of the session comes from the machine's trained copy
    (``tests/shared_model.py``) instead of a training of its own in each session (about two minutes
    of processor time)."""
    from powerdesk.servicedesk.understanding import store
    from tests.shared_model import sharing

    original = store.train_on_corpus
    store.train_on_corpus = sharing(original)  # type: ignore[assignment]
    yield
    store.train_on_corpus = original  # type: ignore[assignment]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """On PostgreSQL the tests that touch no database are skipped: they ran on SQLite
    (``tests/database_free.py``)."""
    from tests.database_free import skip_on_postgresql

    skip_on_postgresql(items)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Any:
    """A test marked ``database_free`` fails if it queries (``tests/database_free.py``)."""
    from tests.database_free import check_marked

    check_marked(item)
    return (yield)


# Seconds each folder's tests took (set-up, call and tear-down), for CI's jobs to be balanced by
# (.ci/run): tests/*.py are the top folder's own.
FOLDER_SECONDS: collections.Counter[str] = collections.Counter()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    parts = report.nodeid.split("::")[0].split("/")
    FOLDER_SECONDS["/".join(parts[:2]) if len(parts) > 2 else "tests/*.py"] += report.duration


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if len(FOLDER_SECONDS) > 1:
        terminalreporter.write_sep("=", "seconds by folder")
        for folder, seconds in FOLDER_SECONDS.most_common():
            terminalreporter.write_line(f"{seconds:9.1f}s {folder}")


def pytest_collection_finish(session: pytest.Session) -> None:
    """A run of many tests starts training the base classifier beside them at once."""
    if len(session.items) >= 300 and not session.config.getoption("collectonly"):
        from tests.shared_model import start_training

        start_training()


@pytest.fixture(scope="session")
def _migrated_copy(request: pytest.FixtureRequest) -> Any:
    """The test database starts from a copy of one migrated by an earlier session of this
    machine with the same migrations (``tests/migrated_db.py``), or is migrated and kept."""
    from django.db import connections

    from tests.migrated_db import copying

    creation = connections["default"].creation
    creation.create_test_db = copying(  # type: ignore[method-assign]
        connections["default"], fresh=bool(request.config.getvalue("create_db"))
    )
    yield
    del creation.create_test_db


@pytest.fixture(scope="session")
def django_db_setup(_migrated_copy: None, django_db_setup: None) -> None:
    """pytest-django's, with ``_migrated_copy`` in place first."""
