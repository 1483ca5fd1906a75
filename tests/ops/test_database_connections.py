"""A served request uses a database connection kept from the ones before (on SQLite as on
PostgreSQL): opening one and closing it again cost a request on SQLite more than its queries."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def _database_settings(env: dict[str, str]) -> dict[str, object]:
    script = (
        "import django, json; django.setup(); from django.conf import settings; "
        "d = settings.DATABASES['default']; "
        "print(json.dumps({k: d[k] for k in ('ENGINE', 'CONN_MAX_AGE', 'CONN_HEALTH_CHECKS')}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={
            **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
            "DJANGO_SETTINGS_MODULE": "powerdesk.settings",
            "POWERDESK_DEBUG": "0",
            "POWERDESK_SECRET_KEY": "a-key-of-our-own-for-this-test-only-0123456789",
            **env,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def test_an_sqlite_connection_is_kept_between_requests(tmp_path: Path) -> None:
    found = _database_settings({"POWERDESK_DATA_DIR": str(tmp_path)})
    assert found["ENGINE"] == "django.db.backends.sqlite3"
    assert found["CONN_MAX_AGE"] == 60


def test_a_postgresql_connection_is_kept_and_checked_before_use(tmp_path: Path) -> None:
    found = _database_settings(
        {
            "POWERDESK_DATA_DIR": str(tmp_path),
            "DATABASE_URL": "postgres://powerdesk:powerdesk@127.0.0.1:5432/nowhere",
        }
    )
    assert found["ENGINE"] == "django.db.backends.postgresql"
    assert (found["CONN_MAX_AGE"], found["CONN_HEALTH_CHECKS"]) == (60, True)
