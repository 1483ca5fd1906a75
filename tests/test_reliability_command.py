"""``powerdesk reliability``: the year's indices from an interruptions file, worked by hand."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.engine.test_commands import powerdesk

HEADER = "id,start,end,customers,planned\n"
# 100 customers. The five years before 2026: three fault days of daily SAIDI 10, 20 and 40
# minutes (ln: α = ln 20, β = ln 2, so T_MED = 20 · 2^2.5 ≈ 113.137 min), a planned day that
# does not count towards it, and a 2019 fault that is older than five years.
HISTORY = """\
h1,2023-04-01T10:00:00+08:00,2023-04-01T10:10:00+08:00,100,0
h2,2024-06-01T10:00:00+08:00,2024-06-01T10:20:00+08:00,100,0
h3,2025-08-01T10:00:00+08:00,2025-08-01T10:40:00+08:00,100,0
h4,2024-09-04T08:30:00+08:00,2024-09-04T16:30:00+08:00,100,1
old,2019-07-01T00:00:00+08:00,2019-07-03T00:00:00+08:00,100,0
"""
# 2026: a fault (50 × 60 min), planned work (100 × 480 min), the typhoon night written in UTC
# (18:00Z on 13 July is 02:00 on the 14th at the station: 100 × 240 min, daily SAIDI 240 >
# T_MED), a 3-minute blip (momentary, 20 customers) and New Year's Eve's fault that ends in
# 2027 (10 × 120 min, counted whole in 2026).
YEAR = """\
a,2026-03-10T10:00:00+08:00,2026-03-10T11:00:00+08:00,50,0
b,2026-05-06T08:30:00+08:00,2026-05-06T16:30:00+08:00,100,1
typhoon,2026-07-13T18:00:00Z,2026-07-13T22:00:00Z,100,0
blip,2026-08-01T12:00:00+08:00,2026-08-01T12:03:00+08:00,20,0
eve,2026-12-31T23:00:00+08:00,2027-01-01T01:00:00+08:00,10,0
"""
MINUTES_2026 = 365 * 24 * 60


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "interruptions.csv"
    path.write_text(HEADER + text, encoding="utf-8")
    return path


def test_it_prints_the_years_figures_worked_by_hand(tmp_path: Path) -> None:
    path = write(tmp_path, HISTORY + YEAR)
    result = powerdesk(
        "reliability", "--interruptions", path, "--customers", "100", "--year", "2026"
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["year"] == 2026
    assert report["customers_served"] == 100
    assert report["t_med_minutes"] == pytest.approx(20 * 2**2.5, abs=1e-4)
    assert report["med_days"] == ["2026-07-14"]
    # all: 3000 + 48000 + 24000 + 1200 = 76200 customer-minutes over 260 customer interruptions
    assert report["all"] == pytest.approx(
        {
            "saifi": 2.6,
            "saidi": 762.0,
            "caidi": 293.0769,
            "asai": (1 - 762 / MINUTES_2026) * 100,
            "maifi_e": 0.2,
        },
        abs=1e-4,
    )
    # unplanned: 28200 over 160
    assert report["unplanned"] == pytest.approx(
        {
            "saifi": 1.6,
            "saidi": 282.0,
            "caidi": 176.25,
            "asai": (1 - 282 / MINUTES_2026) * 100,
            "maifi_e": 0.2,
        },
        abs=1e-4,
    )
    # excluding major event days: the typhoon leaves; the planned work stays. 52200 over 160.
    assert report["excluding_med"] == pytest.approx(
        {
            "saifi": 1.6,
            "saidi": 522.0,
            "caidi": 326.25,
            "asai": (1 - 522 / MINUTES_2026) * 100,
            "maifi_e": 0.2,
        },
        abs=1e-4,
    )
    assert report["rs1"] == pytest.approx((1 - 762 / MINUTES_2026) * 100, abs=1e-4)
    assert report["aihc1"] == pytest.approx(12.7)


def test_without_history_there_are_no_major_event_days(tmp_path: Path) -> None:
    path = write(tmp_path, YEAR)
    result = powerdesk(
        "reliability", "--interruptions", path, "--customers", "100", "--year", "2026"
    )
    report = json.loads(result.stdout)
    assert (report["t_med_minutes"], report["med_days"]) == (None, [])
    assert report["excluding_med"] == report["all"]


def test_bad_rows_are_named_by_line_and_exit_2(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "ok,2026-03-10T10:00:00+08:00,2026-03-10T11:00:00+08:00,50,0\n"
        "back,2026-03-10T10:00:00+08:00,2026-03-10T09:00:00+08:00,50,0\n"
        "nozone,2026-03-10T10:00:00,2026-03-10T11:00:00+08:00,50,0\n"
        "\n"
        "none,2026-03-10T10:00:00+08:00,2026-03-10T11:00:00+08:00,0,0\n"
        "many,2026-03-10T10:00:00+08:00,2026-03-10T11:00:00+08:00,101,0\n"
        "ok,2026-03-11T10:00:00+08:00,2026-03-11T11:00:00+08:00,5,yes\n",
    )
    result = powerdesk(
        "reliability", "--interruptions", path, "--customers", "100", "--year", "2026"
    )
    assert result.returncode == 2
    assert result.stdout == ""
    err = result.stderr
    assert "interruptions.csv, line 3, column end: ends before it starts" in err
    assert "line 4, column start: '2026-03-10T10:00:00' has no zone" in err
    assert "line 6, column customers: 0 customers: must be at least 1" in err
    assert "line 7, column customers: 101 customers: more than the 100 served" in err
    assert "line 8, column planned" in err
    assert "line 8, column id: id 'ok' is also on line 2" in err
    assert "line 2," not in err.replace("also on line 2", "")


def test_a_file_without_the_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("id,start,end\n1,2026-01-01T00:00Z,2026-01-01T01:00Z\n", encoding="utf-8")
    result = powerdesk("reliability", "--interruptions", path, "--customers", "9", "--year", "2026")
    assert result.returncode == 2
    assert "x.csv, line 1: missing column(s): customers, planned" in result.stderr


def test_the_installed_command_exits_2_and_documents_its_conventions(tmp_path: Path) -> None:
    path = write(tmp_path, "x,2026-03-10T10:00:00+08:00,2026-03-10T09:00:00+08:00,5,0\n")
    run = [sys.executable, "-m", "powerdesk", "reliability"]
    bad = subprocess.run(
        [*run, "--interruptions", str(path), "--customers", "9", "--year", "2026"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert "line 2" in bad.stderr
    helped = subprocess.run([*run, "--help"], capture_output=True, text=True, check=True)
    for convention in ("longer than 5 minutes is sustained", "e^(alpha + 2.5 beta)", "(n - 1)"):
        assert convention in " ".join(helped.stdout.split())
