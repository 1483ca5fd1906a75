"""The storm benchmarks' options: the shared ones (seeds, settings, generators, jobs, meters,
JSON output, engine parameters) come from ``bench/storm_args.py``, none added again by a script,
and each script's defaults are what they were (nothing run or printed changes)."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent.parent / "bench"
SHARED = ("--seeds", "--settings", "--generators", "--jobs", "--meters", "--json", "--param")

# Each script's options when none is given, as they were before the options were shared.
DEFAULTS = {
    "ceiling": {
        "generators": "project,day",
        "jobs": 1,
        "meters": 0.3,
        "seeds": "1-40",
        "settings": "semiurb,rural",
    },
    "closed_calls": {
        "generators": "project,day",
        "jobs": 1,
        "param": [],
        "seeds": "1-5",
        "settings": "semiurb,rural",
    },
    "families": {
        "families": "call share,call delay median (min),wrong-account calls,single-customer faults,meter delivery,crew confirmations,grid",
        "generators": "project,day",
        "jobs": 1,
        "json": None,
        "pings": 0,  # (round 17: off, as every table before it)
        "quick": False,
        "seeds": "101,102,103",
    },
    "lone_bar": {
        "bars": "0.5,0.45,0.4,0.35,0.3",
        "generators": "project,day",
        "jobs": 1,
        "json": None,
        "load": None,
        "meters": 0.0,
        "seeds": "1-40",
        "settings": "standard,call_share=0.05,call_share=0.1,call_share=0.4,delay_median=5.0,delay_median=15.0,delay_median=30.0,delay_median=60.0,wrong_account=0.0,wrong_account=0.01,wrong_account=0.025,wrong_account=0.05,single_share=0.1,single_share=0.2,single_share=0.3,single_share=0.4,confirms=0.0,confirms=0.8,deep,shallow,wide,narrow,rural,semiurb",
    },
    "lone_kinds": {
        "calls": 2,
        "generators": "project,day",
        "jobs": 1,
        "minutes": 30.0,
        "seeds": "41-50",
        "settings": "single_share=0.4",
        "span": 60,
    },
    "lone_losses": {
        "generators": "project,day",
        "jobs": 1,
        "seeds": "1-20",
        "settings": "single_share=0.4",
    },
    "loss_kinds": {  # (round 36: new)
        "generators": "project,day",
        "jobs": 1,
        "json": None,
        "meters": 0.3,
        "param": [],
        "seeds": "1-10",
        "settings": "semiurb,rural",
    },
    "false_signs": {  # (round 45: new)
        "generators": "project,day",
        "jobs": 1,
        "json": None,
        "meters": 0.3,
        "param": [],
        "seeds": "1-10",
        "settings": "semiurb",
    },
    "missed_signs": {  # (round 43: new)
        "generators": "project,day",
        "jobs": 1,
        "json": None,
        "meters": 0.3,
        "param": [],
        "seeds": "1-10",
        "settings": "semiurb",
    },
    "multi_errors": {
        "generators": "project,day",
        "history": 0,
        "history_calls": float("inf"),
        "history_shares": "qr",
        "jobs": 1,
        "json": None,
        "meters": 0.3,
        "param": [],
        "pings": 0,
        "seeds": "1-40",
        "settings": "standard",
        "singles": False,
    },
    "paired": {  # (round 30: new)
        "generators": "project,day",
        "jobs": 1,
        "json": None,
        "meters": 0.3,
        "param": [],
        "pings": 0,  # (round 35: new; off, as every paired run before it)
        "seeds": "1-10",
        "settings": "semiurb,rural",
        "singles": False,
        "variant": [],  # (round 33: new)
    },
    "small_losses": {
        "calibrate": False,
        "generators": "project,day",
        "jobs": 1,
        "json": None,
        "least": 2,
        "meters": 0.3,
        "most": 20,
        "param": [],
        "seeds": "1-10",
        "settings": "rural,semiurb",
    },
    "twin_choice": {
        "generators": "project,day",
        "jobs": 1,
        "json": None,
        "seeds": "1-10",
        "settings": "standard,deep,wide",
    },
}


# The shared modules, and what a storm script imports of them.
SHARED = ("storm_args", "storm_records")


def storm_scripts() -> list[str]:
    return sorted(
        p.stem
        for p in BENCH.glob("*.py")
        if p.stem not in SHARED
        and any(f"bench.{shared}" in p.read_text(encoding="utf-8") for shared in SHARED)
    )


def test_every_storm_benchmark_is_pinned() -> None:
    assert storm_scripts() == sorted(DEFAULTS)


@pytest.mark.parametrize("name", sorted(DEFAULTS))
def test_no_storm_benchmark_adds_a_shared_option_itself(name: str) -> None:
    text = (BENCH / f"{name}.py").read_text(encoding="utf-8")
    added = re.findall(r'add_argument\(\s*"(--[a-z-]+)"', text)
    assert [option for option in added if option in SHARED] == []


@pytest.mark.parametrize("name", sorted(DEFAULTS))
def test_each_storm_benchmark_s_defaults_are_unchanged(name: str) -> None:
    module = importlib.import_module(f"bench.{name}")
    assert vars(module.options().parse_args([])) == DEFAULTS[name]
