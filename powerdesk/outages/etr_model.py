"""The restoration-time model: how long the power of a fault outage stays off, as a median and an
80 % interval (10th to 90th percentile), learnt from a station's restored fault outages
(``etr_fit``). No Django here: ``etr`` builds the features from the station's records.

Features, each known at the moment of the estimate: the device's kind, the cause once found
(none before), whether the device's village has no road access and how long the walk to it is,
the hour and month the outage began, how many other fault outages were open then (busy crews),
the distance from the crew's base, the number of places on the stretch to walk, and — once they
happen — when the crew reached the line and found the cause.

One model per moment of the estimate (start, crew on site, cause found), each a linear quantile
regression of the log of the time *still to wait* from that moment: at the start the whole
time off (the crew's journey, the patrol, the repair); once on site only the patrol and the
repair; once the cause is found only the repair. Each row starts from its own history's
quantile of that time (``Baselines``: the kind of device, and once found the cause), and a
penalty pulls the other columns toward nothing, so a station with little history gets little
more than its history. Log-linear rather than boosted trees: a station has a few hundred
outages, and in rolling cross-validation inside the training years of three demo histories
(``bench/etr_cv.py``) boosted trees erred by 1 to 4 minutes more at the start, and by 2 to 7
more once the cause was found. The interval is calibrated on outages the regressions did not
learn from (``etr_fit``). With little history there is no model: the estimate is the station's
own quantiles of the time still to wait from the moment it is made at (``EtrModel.remaining``),
for the device's kind, then for all its outages, then a rule of thumb that shrinks with the
moment (``THUMB_LEFT``); once past, the history's time left after as long a wait
(``EtrModel.rough_after``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from powerdesk.outages.etr_linear import Linear

__all__ = ["EtrModel", "Features", "Quantiles", "fit"]


def fit(samples: Sequence[tuple[Features, float]], *, outages: int) -> EtrModel:
    """``etr_fit.fit``: learn from ``(features, minutes off)`` samples of ``outages`` outages."""
    from powerdesk.outages.etr_fit import fit as learn

    return learn(samples, outages=outages)


KINDS = ("source", "recloser", "sectionalizer", "fuse", "switch", "transformer", "pole", "node")
CAUSES = ("", "lightning", "tree", "ageing", "external", "animal", "overload", "unknown")
QUANTILES = (0.1, 0.5, 0.9)
COVERAGE = 0.8  # of the interval, between the first and last of QUANTILES
MIN_OUTAGES = 40  # fewer restored outages than this: quantiles of the history, no model
MIN_KIND = 8  # outages of a device kind (or a cause) for its own quantiles
# Rule of thumb when the station has no history at all, in hours: (10 %, median, 90 %).
THUMB = {
    "transformer": (1.5, 4.0, 9.0),
    "recloser": (1.0, 3.0, 8.0),
    "source": (1.0, 3.0, 8.0),
}
THUMB_OTHER = (1.0, 3.0, 7.0)
# The rule of thumb's share still to wait at each moment, when the history has no times of it:
# once the crew is on the line the journey is behind; once the cause is found only the repair.
THUMB_LEFT = {"start": 1.0, "on_site": 0.7, "cause_found": 0.4}
LEAST_LEFT = 10.0  # minutes: an estimate is never sooner than this after the moment it is made
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
            float(self.night),
        ]

    @property
    def row_key(self) -> tuple[float, ...]:
        return tuple(self.row())

    @property
    def night(self) -> bool:
        return self.hour >= NIGHT_FROM or self.hour < NIGHT_UNTIL

    @property
    def stage(self) -> str:
        if self.cause:
            return "cause_found"
        return "on_site" if self.arrived_after is not None else "start"

    @property
    def behind(self) -> float:
        """Minutes from the start to the moment of the estimate (the crew on the line, the
        cause found): what the model at that moment no longer has to estimate."""
        if self.cause:
            return self.cause_after or self.arrived_after or 0.0
        return self.arrived_after or 0.0


@dataclass(frozen=True)
class Quantiles:
    """Minutes from the outage's start: 10 %, median, 90 %, and how they were reached."""

    low: float
    median: float
    high: float
    basis: str  # "model", "kind_history", "station_history", "rule_of_thumb"
    moment: float = 0.0  # minutes from the start to the moment it was made at (its figures')


@dataclass(frozen=True)
class Baselines:
    """Each moment's history of the log minutes still to wait, as quantiles (one per entry of
    ``QUANTILES``), by ``(moment, kind of device, cause)``, "" standing for any: each model's
    row starts from the most particular of these with ``MIN_KIND`` outages behind it — once the
    cause is found, the same kind of device with the same cause, else the same cause; before,
    the same kind of device; else all."""

    by: dict[tuple[str, str, str], tuple[float, ...]]

    def of(self, f: Features, stage: str) -> tuple[float, ...]:
        tries = [(stage, f.device_kind, "")]
        if stage == "cause_found":
            tries = [(stage, f.device_kind, f.cause), (stage, "", f.cause), *tries]
        for key in tries:
            if key in self.by:
                return self.by[key]
        return self.by[(stage, "", "")]


@dataclass
class EtrModel:
    trained_on: int  # restored outages learnt from
    fitted: list[Linear] = field(default_factory=list)  # one regression per moment and quantile
    widen: float = 0.0  # conformal correction, log-minutes still to wait, added to each side
    # The same, for each moment of the estimate (start, crew on site, cause found): the model
    # is surer once the cause is known, so one correction for all would be too wide then and
    # too narrow at the start.
    widen_by_stage: dict[str, float] = field(default_factory=dict)
    by_kind: dict[str, tuple[float, float, float]] = field(default_factory=dict)
    overall: tuple[float, float, float] | None = None
    stormy: tuple[float, ...] = (1.0,) * 12  # each month's share of the faults, 1 = average
    baselines: Baselines | None = None
    # The history's minutes still to wait at each moment, sorted, by ``(moment, kind of
    # device)`` and ``(moment, "")`` for the station's (``MIN_KIND`` outages at least): without
    # a model the estimate is the history's time from the moment it is made at, as a line
    # worker counts it, and once that is past, the history's time left after as long a wait.
    remaining: dict[tuple[str, str], tuple[float, ...]] = field(default_factory=dict)

    def predict(self, features: Features) -> Quantiles:
        """How long, from the start, the power is off, as estimated at the moment the features
        describe (the start, the crew on the line, the cause found): never sooner than a few
        minutes after that moment. The estimate does not move with the clock: between two
        moments it is the same time, and once it is past the pages say so (``etr.Etr.overdue``)
        rather than put it a few minutes ahead of now again and again."""
        return self.predict_many([features])[0]

    def predict_many(self, cases: Sequence[Features]) -> list[Quantiles]:
        """``predict`` for each: the regressions are asked once for all the features not asked
        before (the board asks again every second for the same outages)."""
        logs = self._logs(list(cases)) if self.fitted else {}
        return [self._quantiles(f, logs.get(f.row_key)) for f in cases]

    def _logs(
        self,
        features: Sequence[Features],
        *,
        memo: dict[tuple[float, ...], list[float]] | None = None,
    ) -> dict[tuple[float, ...], list[float]]:
        """Per row: the moment's model that answered, the minutes behind, then the log minutes
        still to wait at each quantile (in order)."""
        memo = _memo_of(self) if memo is None else memo
        todo = {f.row_key: f for f in features if f.row_key not in memo}
        by_stage: dict[str, list[Features]] = {}
        for f in todo.values():
            by_stage.setdefault(self._stage_for(f), []).append(f)
        if len(memo) + len(todo) > MEMO_LIMIT:
            memo.clear()
        for stage, rows in by_stage.items():
            models = [m for m in self.fitted if m.stage == stage]
            x = np.array([columns(f, stage, self.stormy) for f in rows])
            assert self.baselines is not None
            offsets = np.array([self.baselines.of(f, stage) for f in rows])
            answers = [m.predict(x, offsets[:, i]) for i, m in enumerate(models)]
            for j, f in enumerate(rows):
                behind = _behind(f, stage)
                memo[f.row_key] = [
                    stage_index(stage),
                    behind,
                    *sorted(float(a[j]) for a in answers),
                ]
        return {f.row_key: memo[f.row_key] for f in features}

    def _stage_for(self, f: Features) -> str:
        """The moment's own model, else (too little history of it) the latest earlier one's."""
        fitted = {m.stage for m in self.fitted}
        earlier = STAGES[: STAGES.index(f.stage) + 1]
        return next((s for s in reversed(earlier) if s in fitted), "start")

    def _quantiles(self, features: Features, logs: list[float] | None) -> Quantiles:
        moment = 0.0  # minutes from the start to the moment the estimate is made at
        if logs is not None:
            stage, behind = STAGES[int(logs[0])], logs[1]
            widen = self.widen_by_stage.get(stage, self.widen)
            low, median, high = (
                behind + math.exp(logs[2] - widen),
                behind + math.exp(logs[3]),
                behind + math.exp(logs[4] + widen),
            )
            basis = "model"
            moment = behind
        else:
            return self._rough(features)
        return _in_order(low, median, high, basis, elapsed=moment)

    def _rough(self, features: Features, *, waited: float = 0.0) -> Quantiles:
        """Without a model: the history's quantiles of the time still to wait from the moment of
        the estimate (start, crew on site, cause found), the device kind's, else the station's,
        else a rule of thumb that shrinks with the moment. ``waited``: minutes already waited
        since that moment (the history's time is past): its time left after as long a wait."""
        stage, behind = features.stage, features.behind
        basis, found = self._remaining(features.device_kind, stage, waited)
        if found is not None:
            low, median, high = found
        elif stage == "start" and not waited and features.device_kind in self.by_kind:
            basis, (low, median, high) = "kind_history", self.by_kind[features.device_kind]
        elif stage == "start" and not waited and self.overall is not None:
            basis, (low, median, high) = "station_history", self.overall
        else:
            share = THUMB_LEFT[stage] if not waited else THUMB_LEFT["cause_found"]
            hours = THUMB.get(features.device_kind, THUMB_OTHER)
            low, median, high = (60 * h * share for h in hours)
            basis = "rule_of_thumb"
        moment = behind + waited
        return _in_order(moment + low, moment + median, moment + high, basis, elapsed=moment)

    def rough_after(self, features: Features, waited: float) -> Quantiles:
        """The rough estimate once its time is past, ``waited`` minutes after its moment: the
        time left from now (minutes from the start, as ``predict``'s)."""
        return self._rough(features, waited=max(0.0, waited))

    def _remaining(
        self, kind: str, stage: str, waited: float
    ) -> tuple[str, tuple[float, float, float] | None]:
        remaining = getattr(self, "remaining", None) or {}
        for key, basis in (((stage, kind), "kind_history"), ((stage, ""), "station_history")):
            left = [m - waited for m in remaining.get(key, ()) if m > waited]
            if len(left) >= MIN_KIND:
                a = np.array(left)
                return basis, (
                    float(np.quantile(a, QUANTILES[0])),
                    float(np.quantile(a, QUANTILES[1])),
                    float(np.quantile(a, QUANTILES[-1])),
                )
        return "", None


def stage_index(stage: str) -> float:
    return float(STAGES.index(stage))


def _behind(f: Features, stage: str) -> float:
    """Minutes from the start to ``stage``'s moment (the model of an earlier moment answers
    from that moment)."""
    if stage == "start":
        return 0.0
    return (f.arrived_after or 0.0) if stage == "on_site" else f.behind


def columns(f: Features, stage: str, stormy: Sequence[float]) -> list[float]:
    """The numbers a moment's model reads (beyond its row's offset). The patrol is longer on a
    longer stretch, slower at night and in the stormy months; the journey longer from farther,
    when the crews are busy elsewhere and where the last part is on foot. Once the crew is on
    the line the journey is behind; once the cause is found, only the repair is left."""
    night = float(f.night)
    storm = stormy[f.month - 1] if 1 <= f.month <= 12 else 1.0
    row = [f.places, f.places * night, f.places * storm, night, storm]
    if stage == "start":
        row += [f.distance_km, float(f.busy), float(f.remote), f.walk_minutes / 60]
    return [float(v) for v in row]


def _in_order(low: float, median: float, high: float, basis: str, *, elapsed: float) -> Quantiles:
    """The estimate inside its own interval, and the interval not absurdly narrow.

    The three quantiles come from separately fitted models, and the conformal correction may
    narrow them (a negative widening): they can cross. A time shown with "80 % between" two
    times that leave it out reads as a mistake, so the interval is widened to take in the
    estimate (never the estimate moved: it is the model's best guess), then to the least spread
    for the time still to wait (``SPREAD_BEFORE``, ``SPREAD_AFTER``). Nothing is sooner than
    ``LEAST_LEFT`` minutes from ``elapsed``: the moment the estimate is made at (not the clock's
    now, or the estimate would slide forward with it once past)."""
    floor = elapsed + LEAST_LEFT
    median = max(median, floor)
    wait = median - elapsed
    low = max(floor, min(low, median, median - SPREAD_BEFORE * wait))
    high = max(high, median, median + SPREAD_AFTER * wait)
    return Quantiles(low, median, high, basis, elapsed)


# The regressions' answers per model, by feature row (a model is never changed once fitted: a
# new one is a new object).
MEMO_LIMIT = 20_000
_memos: dict[int, tuple[EtrModel, dict[tuple[float, ...], list[float]]]] = {}


def forget() -> None:
    """Drop the regressions' answers kept in this process (benchmarks)."""
    _memos.clear()


def _memo_of(model: EtrModel) -> dict[tuple[float, ...], list[float]]:
    kept = _memos.get(id(model))
    if kept is None or kept[0] is not model:
        # Models replaced by newer ones are let go (a process holds a few at most).
        if len(_memos) > 8:
            _memos.clear()
        kept = _memos[id(model)] = (model, {})
    return kept[1]
