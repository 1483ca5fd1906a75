"""Learning the restoration-time model (``etr_model``) from a station's restored fault outages,
and making its interval honest. No Django here.

Each moment of the estimate (start, crew on site, cause found) gets three linear quantile
regressions (``etr_linear``: 10 %, median, 90 %) of the log of the minutes still to wait from
that moment, each row starting from its history's quantile of the same time (``Baselines``)
and an L1 penalty pulling the columns' weights toward nothing.

The interval is then made honest on outages the regressions did not learn from, as
conformalised quantile regression does: the newest half of the outages is cut into three
chronological blocks, each estimated by regressions learnt from every outage before it (never a
later one), and each outage says how much the interval, as ``_in_order`` shows it at that
moment, must widen (or may narrow) to hold it; the widening that holds 80 % of them (with split
conformal's finite-sample step) is kept for each moment. Then the regressions are learnt anew
from all the outages. Calibrating on three blocks rather than the newest one: a single year's
outages are luckier or unluckier than the next year's by several points of coverage, and the
correction would carry that luck.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import numpy as np

from powerdesk.outages.etr_linear import Linear, fit_linear
from powerdesk.outages.etr_model import (
    COVERAGE,
    LEAST_LEFT,
    MIN_KIND,
    MIN_OUTAGES,
    QUANTILES,
    SPREAD_AFTER,
    SPREAD_BEFORE,
    STAGES,
    Baselines,
    EtrModel,
    Features,
    columns,
)

__all__ = ["fit"]

MIN_STAGE = 30  # outages reaching a moment (crew on site, cause found) for its own model
CALIBRATE = 0.5  # the newest share of the outages that calibrates the interval
BLOCKS = 3  # in so many blocks, each estimated by a model of the outages before it
# The L1 penalty of each regression (scikit-learn's ``alpha``, against the mean pinball loss)
# is this over the number of outages it learns from: strong with little history, weak with
# much. Chosen by rolling cross-validation inside the training years of three demo histories
# (``bench/etr_cv.py``: each year estimated by a model of the years before it, from their
# newest 40, 80, 150 or all outages) among 1, 2, 3, 5 and 8.
SHRINK = 3.0


def fit(samples: Sequence[tuple[Features, float]], *, outages: int) -> EtrModel:
    """Learn from ``(features, minutes off)`` samples of ``outages`` restored outages, oldest
    first, each outage's samples together and its start's first (the newest half calibrates
    the interval before all are learnt from)."""
    model = EtrModel(trained_on=outages)
    by_kind: dict[str, list[float]] = {}
    starts = [(f, y) for f, y in samples if f.stage == "start"]
    for f, y in starts:
        by_kind.setdefault(f.device_kind, []).append(y)
    model.by_kind = {k: _quantiles(v) for k, v in by_kind.items() if len(v) >= MIN_KIND}
    if len(starts) >= MIN_KIND:
        model.overall = _quantiles([y for _f, y in starts])
    model.remaining = _remaining(samples)
    if outages < MIN_OUTAGES or len(starts) < MIN_OUTAGES:
        return model
    groups = _by_outage(samples)
    needs: dict[str, list[float]] = {}
    for first, last in _calibration_blocks(len(groups)):
        proper = _learnt([s for g in groups[:first] for s in g], trained_on=first)
        held = [s for g in groups[first:last] for s in g] if proper.fitted else []
        logs = proper._logs([f for f, _y in held], memo={})
        for f, y in held:
            row = logs[f.row_key]
            needs.setdefault(STAGES[int(row[0])], []).append(_needed(row, y, elapsed=f.behind))
    learnt = _learnt(samples, trained_on=outages)
    model.fitted, model.baselines, model.stormy = learnt.fitted, learnt.baselines, learnt.stormy
    model.widen = _conformal([n for stage in needs.values() for n in stage])
    model.widen_by_stage = {s: _conformal(n) for s, n in needs.items() if len(n) >= MIN_KIND}
    return model


def _remaining(
    samples: Sequence[tuple[Features, float]],
) -> dict[tuple[str, str], tuple[float, ...]]:
    """The minutes still to wait from each moment, by kind of device and for all, sorted."""
    seen: dict[tuple[str, str], list[float]] = {}
    for f, minutes in samples:
        left = max(0.0, minutes - f.behind)
        seen.setdefault((f.stage, f.device_kind), []).append(left)
        seen.setdefault((f.stage, ""), []).append(left)
    return {key: tuple(sorted(v)) for key, v in seen.items() if len(v) >= MIN_KIND}


def _calibration_blocks(n: int) -> list[tuple[int, int]]:
    """The newest ``CALIBRATE`` of ``n`` outages in ``BLOCKS`` chronological blocks, each
    estimated by a model of the outages before it: (first, end) of each."""
    first = n - max(1, round(n * CALIBRATE))
    edges = [first + round(i * (n - first) / BLOCKS) for i in range(BLOCKS + 1)]
    return [(a, b) for a, b in itertools.pairwise(edges) if b > a]


def _learnt(samples: Sequence[tuple[Features, float]], *, trained_on: int) -> EtrModel:
    """The regressions learnt from ``samples``, uncalibrated."""
    model = EtrModel(trained_on=trained_on)
    model.stormy = _stormy([f.month for f, _y in samples if f.stage == "start"])
    model.fitted, model.baselines = _regressions(samples, model)
    return model


def _by_outage(samples: Sequence[tuple[Features, float]]) -> list[list[tuple[Features, float]]]:
    groups: list[list[tuple[Features, float]]] = []
    for f, y in samples:
        if f.stage == "start" or not groups:
            groups.append([])
        groups[-1].append((f, y))
    return groups


def _stormy(months: Sequence[int]) -> tuple[float, ...]:
    """Each month's faults against the average month's (one more of each, so that a month
    with none in a short history is not a month of nothing)."""
    counts = [sum(1 for m in months if m == month) + 1 for month in range(1, 13)]
    mean = sum(counts) / 12
    return tuple(c / mean for c in counts)


def _regressions(
    samples: Sequence[tuple[Features, float]], model: EtrModel
) -> tuple[list[Linear], Baselines]:
    """Each moment's quantile regressions (a moment with too few outages gets none: an
    earlier moment's model answers for it) and the baselines their rows start from."""
    targets: dict[str, list[tuple[Features, float]]] = {stage: [] for stage in STAGES}
    for f, minutes in samples:
        targets[f.stage].append((f, math.log(max(1.0, minutes - f.behind))))
    baselines = _baselines(targets)
    fitted = []
    for stage, rows in targets.items():
        if len(rows) < MIN_STAGE:
            continue
        x = np.array([columns(f, stage, model.stormy) for f, _y in rows])
        y = np.array([y for _f, y in rows])
        offsets = np.array([baselines.of(f, stage) for f, _y in rows])
        fitted += [
            fit_linear(stage, q, x, y, offsets[:, i], penalty=SHRINK / len(rows))
            for i, q in enumerate(QUANTILES)
        ]
    return fitted, baselines


def _baselines(targets: dict[str, list[tuple[Features, float]]]) -> Baselines:
    seen: dict[tuple[str, str, str], list[float]] = {}
    for stage, rows in targets.items():
        seen[(stage, "", "")] = [y for _f, y in rows] or [0.0]
        for f, y in rows:
            seen.setdefault((stage, f.device_kind, ""), []).append(y)
            if stage == "cause_found":
                seen.setdefault((stage, "", f.cause), []).append(y)
                seen.setdefault((stage, f.device_kind, f.cause), []).append(y)
    return Baselines(
        by={
            key: _quantiles(values)
            for key, values in seen.items()
            if len(values) >= MIN_KIND or key[1:] == ("", "")
        }
    )


def _needed(row: list[float], minutes: float, *, elapsed: float) -> float:
    """The least widening (log minutes still to wait, each side) for which the interval, as
    ``_in_order`` shows it at ``elapsed``, holds ``minutes``: minus infinity when its least
    spread does already, infinity when nothing can (sooner than ``LEAST_LEFT``)."""
    behind, low, median, high = row[1], row[2], row[3], row[4]
    floor = elapsed + LEAST_LEFT
    if minutes < floor:
        return math.inf
    shown = max(behind + math.exp(median), floor)
    wait = shown - elapsed
    left = math.log(max(1e-6, minutes - behind))
    need_low = -math.inf if minutes >= shown - SPREAD_BEFORE * wait else low - left
    need_high = -math.inf if minutes <= shown + SPREAD_AFTER * wait else left - high
    return max(need_low, need_high)


def _conformal(needs: Sequence[float]) -> float:
    """The widening that holds ``COVERAGE`` of the calibration outages, with the finite-sample
    correction of split conformal prediction (the ⌈(n+1)·80 %⌉-th smallest need)."""
    n = len(needs)
    if not n:
        return 0.0
    k = min(n, math.ceil((n + 1) * COVERAGE))
    # Clipped: the least spread alone may hold them (any narrowing would do), and a few
    # outages no interval could hold (the storm's day) must not blow it up.
    return min(3.0, max(-2.0, sorted(needs)[k - 1]))


def _quantiles(values: list[float]) -> tuple[float, float, float]:
    a = np.array(values)
    return (float(np.quantile(a, 0.1)), float(np.quantile(a, 0.5)), float(np.quantile(a, 0.9)))
