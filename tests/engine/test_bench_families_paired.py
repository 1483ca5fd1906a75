"""``bench/families_paired.py``: two families runs on the same seeds, paired row by row, so that
a change is read against the engine it replaces on the same storms."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench import families_paired
from bench.families import FAMILIES, Setting
from bench.families_ci import KEYS

counts = st.tuples(st.integers(0, 60), st.integers(0, 30), st.integers(0, 30))


@settings(max_examples=40, deadline=None)
@given(storms=st.lists(st.lists(counts, min_size=4, max_size=4), min_size=1, max_size=10))
def test_a_run_against_itself_differs_by_nothing_on_every_resample(
    storms: list[list[tuple[int, int, int]]],
) -> None:
    per_seed = np.array(storms, dtype=float)
    draws = np.random.default_rng(2).integers(0, len(storms), size=(200, len(storms)))
    one, two = families_paired.series(per_seed, draws), families_paired.series(per_seed, draws)
    for name in ("multi", "cut", "margin"):
        assert one[name][0] == two[name][0]
        assert np.array_equal(one[name][1], two[name][1])


def _run(path: Path, lift: int) -> None:
    """Every row of the table over three seeds; ``lift`` more outages found at 30 % of meters
    (as many fewer missed) in each storm of the semi-urban simbench grid, project's generator."""
    storms, seen = [], set()
    for field, values in FAMILIES.values():
        for value in values:
            setting = asdict(replace(Setting(), **{field: value}))
            for generator in ("project", "day"):
                key = (json.dumps(setting, sort_keys=True), generator)
                if key in seen:
                    continue
                seen.add(key)
                for seed in (1, 2, 3):
                    c = {k: [40, 3, 3] for k in KEYS}
                    if "semiurb" in str(value) and generator == "project":
                        c["engine_multi"] = [40 + lift, 3, 3 - lift]
                    storms.append([setting, generator, seed, c])
    path.write_text(json.dumps(storms), encoding="utf-8")


def test_the_row_a_change_lifts_is_the_one_shown_gaining(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(tmp_path / "base.json", 0)
    _run(tmp_path / "change.json", 2)
    argv = ["families_paired.py", str(tmp_path / "base.json"), str(tmp_path / "change.json")]
    monkeypatch.setattr(sys, "argv", [*argv, "--resamples", "200"])
    families_paired.main()
    out = capsys.readouterr().out
    gained = out.split("gained beyond noise):")[1]
    assert "semiurb" in gained and "project" in gained and "F1 >1" in gained
    assert "rural" not in gained and "day" not in gained
    lost = out.split("lost beyond noise):")[1].split("Rows whose")[0]
    assert lost.strip() == ""
