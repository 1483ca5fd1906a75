"""The restoration-time model: gradient boosting with quantile loss over a station's restored
fault outages, giving a median and an 80 % interval (10th to 90th percentile) of how long the
power stays off. No Django here: ``etr`` builds the features from the station's records.

Features, each known at the moment of the estimate: the device's kind, the cause once found
(none before), whether the device's village has no road access, the hour and month the outage
began, how many other fault outages were open then (busy crews), the distance from the crew's
base, and — once they happen — how long after the start the crew reached the line and found the
cause. Each past outage is learnt from at each of those moments (start, crew on site, cause
found), so one model revises its own estimate as the outage goes on.

The interval is made honest on outages the model did not learn from (split conformal
calibration on the most recent fifth of the history, then the model is fitted on all of it).
With little history the model is not trained: the estimate is the station's own quantiles for
the device's kind, then for all its outages, then a rule of thumb.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["EtrModel", "Features", "Quantiles", "fit"]

KINDS = ("source", "recloser", "sectionalizer", "fuse", "switch", "transformer", "pole", "node")
CAUSES = ("", "lightning", "tree", "ageing", "external", "animal", "overload", "unknown")
QUANTILES = (0.1, 0.5, 0.9)
MIN_OUTAGES = 40  # fewer restored outages than this: quantiles of the history, no model
MIN_KIND = 8  # outages of a device kind for its own quantiles
# Rule of thumb when the station has no history at all, in hours: (10 %, median, 90 %).
THUMB = {
    "transformer": (1.5, 4.0, 9.0),
    "recloser": (1.0, 3.0, 8.0),
    "source": (1.0, 3.0, 8.0),
}
THUMB_OTHER = (1.0, 3.0, 7.0)
LEAST_LEFT = 10.0  # minutes: an estimate is never sooner than this from now
# However sure the model is, an 80 % interval narrower than this share of the time still to wait
# (from now to the estimate) is a false precision: after 5 hours of waiting nobody can say the
# power is back within the same quarter of an hour. The interval reaches at least
# ``SPREAD_BEFORE`` of the wait before the estimate and ``SPREAD_AFTER`` of it after (later is
# likelier than sooner: a crew finds more to mend, rarely less). With 5 hours still to wait: at
# least from 1 hour before the estimate to 1.5 hours after it.
SPREAD_BEFORE = 0.2
SPREAD_AFTER = 0.3
NIGHT_FROM, NIGHT_UNTIL = 20, 6  # a line walked by torchlight is walked slower
STAGES = ("start", "on_site", "cause_found")


@dataclass(frozen=True)
class Features:
    device_kind: str
    cause: str = ""  # "" until found
    remote: bool = False
    hour: int = 12
    month: int = 6
    busy: int = 0  # other fault outages open when it began
    distance_km: float = 5.0
    arrived_after: float | None = None  # minutes from the start to the crew on the line
    cause_after: float | None = None  # minutes from the start to the cause found
    # Places on the stretch below the device (``stretch.stretch_of``): the longer the line to
    # walk, the longer the fault takes to find.
    places: int = 10
    walk_minutes: int = 0  # on foot to the device's village when it has no road access

    def row(self) -> list[float]:
        return [
            float(KINDS.index(self.device_kind) if self.device_kind in KINDS else len(KINDS)),
            float(CAUSES.index(self.cause) if self.cause in CAUSES else 0),
            float(self.remote),
            float(self.hour),
            float(self.month),
            float(self.busy),
            float(self.distance_km),
            -1.0 if self.arrived_after is None else float(self.arrived_after),
            -1.0 if self.cause_after is None else float(self.cause_after),
            float(self.places),
            float(self.walk_minutes),
            float(self.hour >= NIGHT_FROM or self.hour < NIGHT_UNTIL),
        ]

    @property
    def row_key(self) -> tuple[float, ...]:
        return tuple(self.row())

    @property
    def stage(self) -> str:
        if self.cause:
            return "cause_found"
        return "on_site" if self.arrived_after is not None else "start"


@dataclass(frozen=True)
class Quantiles:
    """Minutes from the outage's start: 10 %, median, 90 %, and how they were reached."""

    low: float
    median: float
    high: float
    basis: str  # "model", "kind_history", "station_history", "rule_of_thumb"


@dataclass
class EtrModel:
    trained_on: int  # restored outages learnt from
    fitted: list[Any] = field(default_factory=list)  # one regressor per quantile
    widen: float = 0.0  # conformal correction, log-minutes, added to each side
    # The same, for each moment of the estimate (start, crew on site, cause found): the model
    # is surer once the cause is known, so one correction for all would be too wide then and
    # too narrow at the start.
    widen_by_stage: dict[str, float] = field(default_factory=dict)
    by_kind: dict[str, tuple[float, float, float]] = field(default_factory=dict)
    overall: tuple[float, float, float] | None = None

    def predict(self, features: Features, *, elapsed: float = 0.0) -> Quantiles:
        """How long, from the start, the power is off: never less than ``elapsed`` plus a few
        minutes (an outage still off has not ended)."""
        return self.predict_many([(features, elapsed)])[0]

    def predict_many(self, cases: Sequence[tuple[Features, float]]) -> list[Quantiles]:
        """``predict`` for each ``(features, elapsed)``: the regressors are asked once for all
        the features not asked before (a call costs about the same for one row as for a
        hundred, and the board asks again every second for the same outages)."""
        logs = self._logs([f for f, _elapsed in cases]) if self.fitted else {}
        return [self._quantiles(f, elapsed, logs.get(f.row_key)) for f, elapsed in cases]

    def _logs(self, features: Sequence[Features]) -> dict[tuple[float, ...], list[float]]:
        memo = _memo_of(self)
        rows = {f.row_key for f in features} - memo.keys()
        if rows:
            x = np.array(sorted(rows))
            # One thread: the rows are few, and on a busy machine OpenMP's threads wait for
            # each other far longer than the work takes (seconds instead of milliseconds).
            with _one_thread():
                predicted = [m.predict(x) for m in self.fitted]
            if len(memo) + len(x) > MEMO_LIMIT:
                memo.clear()
            for i, row in enumerate(map(tuple, x.tolist())):
                memo[row] = sorted(float(p[i]) for p in predicted)
        return {f.row_key: memo[f.row_key] for f in features}

    def _quantiles(self, features: Features, elapsed: float, logs: list[float] | None) -> Quantiles:
        if logs is not None:
            widen = self.widen_by_stage.get(features.stage, self.widen)
            low, median, high = (
                math.exp(logs[0] - widen),
                math.exp(logs[1]),
                math.exp(logs[2] + widen),
            )
            basis = "model"
        elif features.device_kind in self.by_kind:
            low, median, high = self.by_kind[features.device_kind]
            basis = "kind_history"
        elif self.overall is not None:
            low, median, high = self.overall
            basis = "station_history"
        else:
            low, median, high = (60 * h for h in THUMB.get(features.device_kind, THUMB_OTHER))
            basis = "rule_of_thumb"
        return _in_order(low, median, high, basis, elapsed=elapsed)


def _in_order(low: float, median: float, high: float, basis: str, *, elapsed: float) -> Quantiles:
    """The estimate inside its own interval, and the interval not absurdly narrow.

    The three quantiles come from separately fitted models, and the conformal correction may
    narrow them (a negative widening): they can cross. A time shown with "80 % between" two
    times that leave it out reads as a mistake, so the interval is widened to take in the
    estimate (never the estimate moved: it is the model's best guess), then to the least spread
    for the time still to wait (``SPREAD_BEFORE``, ``SPREAD_AFTER``). Nothing is sooner than
    ``LEAST_LEFT`` minutes from now."""
    floor = elapsed + LEAST_LEFT
    median = max(median, floor)
    wait = median - elapsed
    low = max(floor, min(low, median, median - SPREAD_BEFORE * wait))
    high = max(high, median, median + SPREAD_AFTER * wait)
    return Quantiles(low, median, high, basis)


# The regressors' answers per model, by feature row (a model is never changed once fitted: a
# new one is a new object).
MEMO_LIMIT = 20_000
_memos: dict[int, tuple[EtrModel, dict[tuple[float, ...], list[float]]]] = {}


def forget() -> None:
    """Drop the regressors' answers kept in this process (benchmarks)."""
    _memos.clear()


def _memo_of(model: EtrModel) -> dict[tuple[float, ...], list[float]]:
    kept = _memos.get(id(model))
    if kept is None or kept[0] is not model:
        # Models replaced by newer ones are let go (a process holds a few at most).
        if len(_memos) > 8:
            _memos.clear()
        kept = _memos[id(model)] = (model, {})
    return kept[1]


def _one_thread() -> Any:
    from threadpoolctl import threadpool_limits  # scikit-learn's own dependency

    return threadpool_limits(limits=1, user_api="openmp")


def fit(samples: Sequence[tuple[Features, float]], *, outages: int, seed: int = 0) -> EtrModel:
    """Learn from ``(features, minutes off)`` samples of ``outages`` restored outages, oldest
    first (the newest fifth calibrates the interval)."""
    model = EtrModel(trained_on=outages)
    by_kind: dict[str, list[float]] = {}
    starts = [(f, y) for f, y in samples if f.stage == "start"]
    for f, y in starts:
        by_kind.setdefault(f.device_kind, []).append(y)
    model.by_kind = {k: _quantiles(v) for k, v in by_kind.items() if len(v) >= MIN_KIND}
    if len(starts) >= MIN_KIND:
        model.overall = _quantiles([y for _f, y in starts])
    if outages < MIN_OUTAGES:
        return model
    x = np.array([f.row() for f, _y in samples])
    y = np.log(np.maximum(1.0, np.array([m for _f, m in samples])))
    stages = np.array([f.stage for f, _y in samples])
    cut = int(len(samples) * 0.8)
    proper = [_regressor(q, seed).fit(x[:cut], y[:cut]) for q in QUANTILES]
    low = proper[0].predict(x[cut:])
    high = proper[2].predict(x[cut:])
    # Conformalised quantile regression: how far outside its interval each calibration
    # outage fell (negative: inside), and the widening that holds 80 % of them.
    scores = np.maximum(low - y[cut:], y[cut:] - high)
    model.widen = _conformal(scores)
    for stage in STAGES:
        mine = scores[stages[cut:] == stage]
        if len(mine) >= MIN_KIND:
            model.widen_by_stage[stage] = _conformal(mine)
    model.fitted = [_regressor(q, seed).fit(x, y) for q in QUANTILES]
    return model


def _conformal(scores: Any) -> float:
    n = len(scores)
    if not n:
        return 0.0
    level = min(1.0, math.ceil((n + 1) * 0.8) / n)
    return float(np.quantile(scores, level))


def _regressor(quantile: float, seed: int) -> Any:
    from sklearn.ensemble import HistGradientBoostingRegressor

    return HistGradientBoostingRegressor(
        loss="quantile",
        quantile=quantile,
        categorical_features=[0, 1],
        max_iter=200,
        learning_rate=0.05,
        max_depth=3,
        min_samples_leaf=15,
        random_state=seed,
    )


def _quantiles(values: list[float]) -> tuple[float, float, float]:
    a = np.array(values)
    return (float(np.quantile(a, 0.1)), float(np.quantile(a, 0.5)), float(np.quantile(a, 0.9)))
