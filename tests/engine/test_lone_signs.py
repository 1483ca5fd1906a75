"""Properties of the lone-sign estimate (``Params.lone_sign_weight``): how long an outage's
call or last gasp stays unjoined by a neighbour, per device size, with the lone signs still
standing counted at their age as unresolved; and what it does to a device whose only sign is
such a one."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.inference.lone_signs import LoneSigns, lone_llr, size_class
from powerdesk.engine.model import Params
from tests.engine.fixtures import customers_of, radial_feeder

MINUTE = 60.0
HOUR = 3600.0

# (outcome, age in seconds): 0 joined by a neighbour, 1 an outage's restore, 2 the customer's
# alone, 3 still standing.
signs = st.lists(
    st.tuples(st.integers(0, 3), st.floats(min_value=0.0, max_value=24 * HOUR)), max_size=60
)
ages = st.floats(min_value=0.0, max_value=24 * HOUR)
sizes = st.integers(min_value=2, max_value=60)
readings = st.sampled_from([0.0, 1.0, 2.0])
NOW = 24 * HOUR


def _signs(history: list[tuple[int, float]], customers: int = 4) -> LoneSigns:
    lone = LoneSigns()
    for n, (outcome, age) in enumerate(history):
        lone.opened(n, device=1000 + n, t=NOW - age, customers=customers)
        if outcome < 3:
            lone.ended(n, t=NOW, outage=outcome < 2, joined=outcome == 0)
    return lone


@settings(max_examples=60, deadline=None)
@given(history=signs, age=ages, size=sizes, reading=readings)
def test_the_estimate_is_a_share_and_a_rate_and_the_term_finite_whatever_came(
    history: list[tuple[int, float]], age: float, size: int, reading: float
) -> None:
    lone = _signs(history, size)
    p = Params(lone_sign_weight=1.0, lone_sign_against=reading)
    fit = lone.fit(p, size_class(size), NOW)
    assert 0.0 < fit.share < 1.0
    assert all(r > 0.0 and math.isfinite(r) for r in fit.rates)
    assert 0.0 < fit.outage_share(age / MINUTE) <= fit.share + 1e-12  # (never joined: lower)
    term = lone.llr(p, size, age, NOW)
    assert math.isfinite(term)
    if reading >= 1.0:
        assert term <= 0.0
    assert lone.llr(Params(), size, age, NOW) == 0.0  # (the switch off)


@settings(max_examples=60, deadline=None)
@given(history=signs, age=st.floats(min_value=0.0, max_value=NOW), size=sizes)
def test_signs_standing_never_raise_the_share_of_outages_among_lone_signs(
    history: list[tuple[int, float]], age: float, size: int
) -> None:
    # One more lone sign still standing, of any age, unjoined: what it is is not known, but it
    # is more likely the customer's the longer it stands, so it never makes a lone sign of any
    # age more likely an outage's.
    p = Params(lone_sign_weight=1.0, lone_sign_against=0.0)
    before = _signs(history, size).fit(p, size_class(size), NOW)
    after = _signs([*history, (3, age)], size).fit(p, size_class(size), NOW)
    assert after.share <= before.share + 1e-6
    for minutes in (0.0, 30.0, 150.0, 600.0):
        assert after.outage_share(minutes) <= before.outage_share(minutes) + 1e-6


@settings(max_examples=30, deadline=None)
@given(n=st.integers(min_value=1, max_value=200), size=sizes)
def test_lone_signs_all_cleared_by_their_customer_take_the_share_to_the_beta_posterior(
    n: int, size: int
) -> None:
    p = Params(lone_sign_weight=1.0, lone_sign_against=0.0)
    lone = _signs([(2, 3 * HOUR)] * n, size)
    k, p0 = p.lone_sign_strength, p.lone_sign_device_share
    assert abs(lone.fit(p, size_class(size), NOW).share - k * p0 / (k + n)) < 1e-9
    assert lone.llr(p, size, 0.0, NOW) < 0.0


@settings(max_examples=30, deadline=None)
@given(n=st.integers(min_value=5, max_value=80), other=st.sampled_from([2, 10, 40]))
def test_an_outage_joined_within_minutes_speaks_for_its_own_size_alone(n: int, other: int) -> None:
    # Outages' lone signs under 4-customer devices all joined within ten minutes: a lone sign
    # two hours old under such a device weighs against it, more the more such outages came;
    # devices of another size keep the prior's survival.
    p = Params(lone_sign_weight=1.0)
    lone = _signs([(0, 10 * MINUTE)] * n, 4)
    more = _signs([(0, 10 * MINUTE)] * (n + 5), 4)
    assert more.llr(p, 4, 2 * HOUR, NOW) < lone.llr(p, 4, 2 * HOUR, NOW) < 0.0
    assert lone.llr(p, other, 2 * HOUR, NOW) == LoneSigns().llr(p, other, 2 * HOUR, NOW)


def _storm(engine: OutageInference) -> float:
    """Three rounds of an outage of T1 (two calls five minutes apart, restored an hour later)
    and a lone call under T2, T3 and T5 that nobody answers; then a lone call under T4,
    two and a half hours old at the time returned."""
    net = engine.network
    t1 = customers_of(net, "T1")
    for k, device in enumerate(("T2", "T3", "T5")):
        start = k * 4 * HOUR
        engine.ingest(start + MINUTE, "call", customers_of(net, device)[0])
        engine.ingest(start + 2 * MINUTE, "call", t1[0])
        engine.ingest(start + 7 * MINUTE, "call", t1[1])
        engine.ingest(start + HOUR, "restore", "T1")
    start = 3 * 4 * HOUR
    engine.ingest(start + MINUTE, "call", customers_of(net, "T4")[0])
    return start + 2.5 * HOUR


def test_through_the_engine_lone_calls_left_standing_weigh_against_a_lone_call() -> None:
    # The storm's outages' first calls were joined in minutes and its other lone calls have
    # stood for hours, unanswered: a new lone call that has stood 2½ hours weighs against its
    # transformer, more than with the standing calls left out; with the switch off, nothing.
    net = radial_feeder(4)
    p = Params(lone_sign_weight=1.0, lone_sign_against=0.0)
    on, off = OutageInference(net, p), OutageInference(net, Params())
    now = _storm(on)
    _storm(off)
    for engine in (on, off):
        engine.picture(now)
    t4 = net.index["T4"]
    assert lone_llr(off._st, t4, now) == 0.0
    term = lone_llr(on._st, t4, now)
    learnt = on._st.lone_signs
    assert learnt.classes[size_class(4)].outage == 3 and len(learnt.open) == 4
    for number in list(learnt.open)[:3]:  # (the three left standing, forgotten)
        learnt.open.pop(number)
    learnt.version += 1
    assert term < lone_llr(on._st, t4, now) < 0.0


def test_a_neighbours_call_joins_a_lone_call_and_a_restore_above_ends_one_unjoined() -> None:
    net = radial_feeder(4)
    engine = OutageInference(net, Params(lone_sign_weight=1.0))
    first, second = customers_of(net, "T2")[:2]
    engine.ingest(MINUTE, "call", first)
    engine.ingest(20 * MINUTE, "call", second)
    engine.picture(30 * MINUTE)
    learnt = engine._st.lone_signs
    counts = learnt.classes[size_class(4)]
    assert (counts.outage, counts.events[1], sum(counts.events), learnt.open) == (1, 1, 1, {})
    engine.ingest(40 * MINUTE, "call", customers_of(net, "T3")[0])
    engine.ingest(50 * MINUTE, "restore", "F2")
    engine.picture(55 * MINUTE)
    assert (counts.outage, sum(counts.events), learnt.open) == (2, 1, {})
    assert counts.exposure[:2] == [15.0 + 10.0, 4.0]  # (19 minutes joined, 10 unjoined)
    engine.ingest(60 * MINUTE, "call", customers_of(net, "T4")[0])
    engine.ingest(70 * MINUTE, "call_on", customers_of(net, "T4")[0])
    engine.picture(75 * MINUTE)
    assert (counts.customer, learnt.open) == (1, {})


def test_with_nothing_near_a_call_under_the_device_above_joins_a_lone_call() -> None:
    # (``lone_sign_near`` 1) T2 and T3 hang from F2: a call under T3 joins a lone call under T2,
    # which, weighed by its own transformer alone, it would not.
    net = radial_feeder(4)
    for near, joined in ((1.0, 1), (0.0, 0)):
        engine = OutageInference(net, Params(lone_sign_weight=1.0, lone_sign_near=near))
        engine.ingest(MINUTE, "call", customers_of(net, "T2")[0])
        engine.ingest(9 * MINUTE, "call", customers_of(net, "T3")[0])
        engine.picture(10 * MINUTE)
        counts = engine._st.lone_signs.classes[size_class(4)]
        assert sum(counts.events) == joined


def test_a_restore_above_ends_a_lone_call_as_unknown_with_the_switch() -> None:
    # (``lone_sign_above`` 0) which it was is not known: it counts, at the age the restore came,
    # as a sign standing, and lowers the share of outages' signs among lone signs.
    net = radial_feeder(4)
    p = Params(lone_sign_weight=1.0, lone_sign_above=0.0, lone_sign_against=0.0)
    engine = OutageInference(net, p)
    engine.ingest(40 * MINUTE, "call", customers_of(net, "T3")[0])
    engine.ingest(3 * HOUR, "restore", "F2")
    engine.picture(3 * HOUR + MINUTE)
    counts = engine._st.lone_signs.classes[size_class(4)]
    assert (counts.outage, counts.unknown) == (0, [140.0])
    assert engine._st.lone_signs.fit(p, size_class(4), 3 * HOUR).share < p.lone_sign_device_share
