"""Settings come from the environment through helpers that refuse bad values by name."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from powerdesk.lib.env import env_bool, env_choice, env_float, env_int, env_list, env_str


def test_it_reads_the_usual_spellings_of_booleans() -> None:
    for raw, expected in [("1", True), ("YES", True), ("on", True), ("0", False), ("off", False)]:
        assert env_bool("X", not expected, {"X": raw}) is expected


def test_it_refuses_a_boolean_it_cannot_read_and_names_the_variable() -> None:
    with pytest.raises(ImproperlyConfigured, match="POWERDESK_DEBUG='maybe' is not a boolean"):
        env_bool("POWERDESK_DEBUG", True, {"POWERDESK_DEBUG": "maybe"})


def test_it_uses_the_default_when_a_variable_is_unset() -> None:
    assert env_bool("X", True, {}) is True
    assert env_int("X", 7, {}) == 7
    assert env_str("X", "d", {}) == "d"
    assert env_list("X", ["a"], {}) == ["a"]


def test_it_refuses_numbers_that_are_not_whole_or_out_of_range() -> None:
    with pytest.raises(ImproperlyConfigured, match="N='twelve' is not a whole number"):
        env_int("N", 1, {"N": "twelve"})
    with pytest.raises(ImproperlyConfigured, match="N=0 is below the minimum of 1"):
        env_int("N", 1, {"N": "0"}, minimum=1)
    with pytest.raises(ImproperlyConfigured, match="above the maximum"):
        env_int("N", 1, {"N": "99"}, maximum=10)


def test_it_reads_a_number_within_its_range_and_refuses_others_by_name() -> None:
    assert env_float("X", 1.4, {}, minimum=1, maximum=5) == 1.4
    assert env_float("X", 1.4, {"X": " 2.5 "}, minimum=1, maximum=5) == 2.5
    for raw, says in (
        ("fast", "is not a number"),
        ("0.5", "not between 1"),
        ("nan", "not between"),
    ):
        with pytest.raises(ImproperlyConfigured, match=f"POWERDESK_ROAD_FACTOR='?{raw}'? .*{says}"):
            env_float(
                "POWERDESK_ROAD_FACTOR", 1.4, {"POWERDESK_ROAD_FACTOR": raw}, minimum=1, maximum=5
            )


def test_it_splits_lists_and_drops_blanks() -> None:
    assert env_list("H", [], {"H": "a.example, b.example,,"}) == ["a.example", "b.example"]


def test_it_refuses_a_choice_outside_the_list_and_says_what_is_allowed() -> None:
    with pytest.raises(ImproperlyConfigured, match="LANG='fr' is not one of: zh-hans, en"):
        env_choice("LANG", "zh-hans", ["zh-hans", "en"], {"LANG": "fr"})


def _start(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Start PowerDesk's settings in a fresh interpreter with ``env`` added."""
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "powerdesk.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_start_up_stops_on_a_bad_value_naming_the_variable() -> None:
    result = _start({"POWERDESK_DEBUG": "perhaps"})
    assert result.returncode != 0
    assert "POWERDESK_DEBUG='perhaps' is not a boolean" in result.stderr


def test_start_up_without_a_key_stops_where_none_can_be_kept(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("")
    result = _start(
        {
            "POWERDESK_SECRET_KEY": "",
            "POWERDESK_DATA_DIR": str(tmp_path / "a-file" / "var"),
        }
    )
    assert result.returncode != 0
    assert "No POWERDESK_SECRET_KEY is set and no secret key could be kept in" in result.stderr


def test_start_up_stops_on_an_empty_kept_key_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "secret_key").write_text("\n")
    (tmp_path / "secret_key").chmod(0o600)
    result = _start({"POWERDESK_SECRET_KEY": "", "POWERDESK_DATA_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert f"{tmp_path / 'secret_key'} is empty: delete it" in result.stderr


def test_start_up_refuses_a_database_url_it_cannot_read() -> None:
    result = _start({"DATABASE_URL": "oracle-ish://nowhere"})
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_sqlite_runs_in_wal_mode() -> None:
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("SQLite only")
    assert "journal_mode=WAL" in settings.DATABASES["default"]["OPTIONS"]["init_command"]
