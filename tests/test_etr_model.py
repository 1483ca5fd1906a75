"""The restoration-time model itself (``powerdesk.outages.etr_model``): what it learns from, and
an interval that holds about 80 % of new outages at each moment of the estimate."""

from __future__ import annotations

import math
import random

from powerdesk.outages.etr_model import STAGES, Features, fit

CAUSES = {"lightning": 40.0, "tree": 100.0, "ageing": 140.0}


def outage(rng: random.Random) -> tuple[Features, float]:
    """A fault: reached in about an hour, found sooner on a short line, repaired by cause."""
    places = rng.randint(2, 60)
    cause = rng.choice(list(CAUSES))
    arrived = 60 * rng.lognormvariate(0, 0.2)
    found = arrived + 4 * places * rng.lognormvariate(0, 0.3)
    minutes = found + CAUSES[cause] * rng.lognormvariate(0, 0.3)
    f = Features(
        device_kind="fuse",
        cause=cause,
        hour=rng.randrange(24),
        month=rng.randint(1, 12),
        arrived_after=arrived,
        cause_after=found,
        places=places,
    )
    return f, minutes


def samples(n: int, seed: int) -> list[tuple[Features, float, Features, Features]]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        f, minutes = outage(rng)
        start = Features(f.device_kind, hour=f.hour, month=f.month, places=f.places)
        on_site = Features(
            f.device_kind,
            hour=f.hour,
            month=f.month,
            places=f.places,
            arrived_after=f.arrived_after,
        )
        out.append((f, minutes, start, on_site))
    return out


def trained(n: int = 300, seed: int = 1):  # type: ignore[no-untyped-def]
    rows = samples(n, seed)
    learn = [(s, m) for f, m, s, o in rows for s in (s, o, f)]
    return fit(learn, outages=n)


MODEL = None


def model():  # type: ignore[no-untyped-def]
    global MODEL
    if MODEL is None:
        MODEL = trained()
    return MODEL


def test_a_longer_line_to_walk_is_estimated_longer() -> None:
    m = model()
    short = m.predict(Features("fuse", places=4))
    long = m.predict(Features("fuse", places=55))
    assert long.median > short.median + 60


def test_the_interval_holds_about_four_in_five_new_outages_at_each_moment() -> None:
    m = model()
    assert set(m.widen_by_stage) == {"start", "on_site", "cause_found"}
    fresh = samples(300, seed=9)
    for stage in (2, 3, 0):  # start, on site, cause found
        held = 0
        for row in fresh:
            f, minutes = row[stage], row[1]
            q = m.predict(f)  # type: ignore[arg-type]
            held += q.low <= minutes <= q.high
        # 150 calibration outages per moment: about 80 %, give or take a few.
        assert 0.68 <= held / len(fresh) <= 0.94, (stage, held / len(fresh))
    # Once the cause is found the interval is narrower than at the start.
    f, _m, start, _o = fresh[0]
    at_start, found = m.predict(start), m.predict(f)
    assert math.log(found.high / found.low) < math.log(at_start.high / at_start.low)


class Constant:
    """A fitted quantile regression that answers one log-minutes value whatever it is asked."""

    def __init__(self, minutes: float, stage: str = "start") -> None:
        self.log = math.log(minutes)
        self.stage = stage

    def predict(self, x: object, offsets: object) -> list[float]:
        return [self.log] * len(x)  # type: ignore[arg-type]


def answering(low: float, median: float, high: float, **kwargs: object):  # type: ignore[no-untyped-def]
    """A model whose start regressions answer these minutes (10 %, median, 90 %)."""
    from powerdesk.outages.etr_model import Baselines, EtrModel

    return EtrModel(
        trained_on=100,
        fitted=[Constant(low), Constant(median), Constant(high)],  # type: ignore[list-item]
        baselines=Baselines(by={(stage, "", ""): (0.0, 0.0, 0.0) for stage in STAGES}),
        **kwargs,  # type: ignore[arg-type]
    )


def test_the_estimate_lies_within_its_interval_when_the_quantile_models_cross() -> None:
    # The 10 % model says 300 minutes, above the median's 100 and the 90 %'s 110, and the
    # conformal correction narrows (a negative widening): the raw interval leaves the median out.
    crossing = answering(300, 100, 110, widen_by_stage={"start": -0.3})
    q = crossing.predict(Features("recloser"))
    assert q.low <= q.median <= q.high
    # The interval was widened around the estimate, not the estimate moved outside the models.
    assert 100 <= round(q.median) <= 110


def test_a_long_outage_never_gets_an_interval_of_a_quarter_of_an_hour() -> None:
    sure = answering(600, 605, 615, widen=0.0)
    q = sure.predict(Features("recloser"))
    wait = q.median
    assert q.low <= q.median - 0.2 * wait
    assert q.high >= q.median + 0.3 * wait
    assert q.low >= 10  # never sooner than a few minutes from the moment it is made at


def test_the_shown_times_keep_the_estimate_inside_the_interval() -> None:
    import datetime as dt

    from powerdesk.outages.etr import _etr

    crossing = answering(300, 100, 110, widen_by_stage={"start": -0.3})
    start = dt.datetime(2024, 12, 1, 0, 17, tzinfo=dt.UTC)
    etr = _etr(start, crossing.predict(Features("recloser")), "start", 100, None, "")
    assert etr.low <= etr.at <= etr.high


def test_with_little_history_the_estimate_stays_near_its_kind_s_history() -> None:
    # 45 outages whose time off owes nothing to the features: nothing to learn but the history.
    rng = random.Random(4)
    learn = []
    for _ in range(45):
        f = Features(
            "fuse",
            hour=rng.randrange(24),
            month=rng.randint(1, 12),
            busy=rng.randint(0, 3),
            distance_km=rng.uniform(1, 30),
            places=rng.randint(2, 60),
        )
        learn.append((f, 120 * rng.lognormvariate(0, 0.5)))
    m = fit(learn, outages=45)
    assert m.fitted  # a model, not only the history's quantiles
    typical = m.by_kind["fuse"][1]
    for places, distance, busy in ((2, 1.0, 0), (60, 30.0, 3), (30, 15.0, 1)):
        q = m.predict(Features("fuse", places=places, distance_km=distance, busy=busy))
        assert 0.8 * typical <= q.median <= 1.25 * typical, (places, distance, busy, q.median)


def test_once_on_site_the_journey_is_behind_and_no_longer_counts() -> None:
    m = model()
    near = Features("fuse", places=20, distance_km=2.0, arrived_after=60.0)
    far = Features("fuse", places=20, distance_km=40.0, arrived_after=60.0)
    assert m.predict(near) == m.predict(far)
    # And what is left is estimated from the arrival on: later on site, later back.
    late = Features("fuse", places=20, arrived_after=200.0)
    assert m.predict(late).median >= m.predict(near).median + 100


def test_the_calibration_widens_each_outage_just_enough_for_the_interval_as_shown() -> None:
    from powerdesk.outages.etr_fit import _needed
    from powerdesk.outages.etr_model import STAGES, _in_order

    def holds(row: list[float], minutes: float, elapsed: float, widen: float) -> bool:
        behind = row[1]
        q = _in_order(
            behind + math.exp(row[2] - widen),
            behind + math.exp(row[3]),
            behind + math.exp(row[4] + widen),
            "model",
            elapsed=elapsed,
        )
        return q.low <= minutes <= q.high

    rng = random.Random(2)
    for _ in range(2000):
        stage = rng.randrange(len(STAGES))
        behind = 0.0 if stage == 0 else rng.uniform(10, 200)
        logs = sorted(math.log(rng.uniform(5, 400)) for _ in range(3))
        row = [float(stage), behind, *logs]
        minutes = behind + rng.uniform(1, 800)
        need = _needed(row, minutes, elapsed=behind)
        if math.isinf(need):
            # Held by the least spread whatever the widening, or never (sooner than allowed).
            assert holds(row, minutes, behind, -5.0) == (need < 0)
            assert holds(row, minutes, behind, 5.0) == (need < 0)
            continue
        assert holds(row, minutes, behind, need + 1e-9)
        assert not holds(row, minutes, behind, need - 1e-6)


def test_a_moment_with_too_little_history_is_answered_by_the_model_of_an_earlier_one() -> None:
    # Crews' arrivals were never recorded: no model for "on site", the start's answers.
    rows = samples(120, seed=5)
    m = fit([(start, minutes) for _f, minutes, start, _o in rows], outages=120)
    assert {r.stage for r in m.fitted} == {"start"}
    on_site = Features("fuse", places=20, arrived_after=90.0)
    q = m.predict(on_site)
    assert q.basis == "model"
    assert q.low <= q.median <= q.high
    # (made at the start, by the start's model: it does not move on with the clock either)
    assert q == m.predict(Features("fuse", places=20))
