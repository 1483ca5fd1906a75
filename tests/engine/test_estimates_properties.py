"""Properties of the storm's estimates as the engine learns them from the stream: whatever the
storm, the shares stay shares, and with clean evidence they go where the evidence says."""

from __future__ import annotations

import itertools
import math
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.inference.lone_calls import LoneCallRates, Waiting
from powerdesk.engine.learning import StormRates
from powerdesk.engine.model import Params
from tests.engine.fixtures import customers_of, radial_feeder

MINUTE = 60.0
HOUR = 3600.0
TRANSFORMERS = ("T1", "T2", "T3", "T4", "T5")

waiting_calls = st.lists(
    st.builds(
        Waiting,
        seconds=st.floats(min_value=0.0, max_value=72 * HOUR),
        confirmed=st.booleans(),
        off=st.booleans(),
    ),
    max_size=60,
)
answers = st.lists(
    st.tuples(st.booleans(), st.floats(min_value=0.0, max_value=72 * HOUR)), max_size=80
)


@settings(max_examples=25, deadline=None)
@given(outages=st.integers(min_value=1, max_value=12), seed=st.integers(0, 10_000))
def test_with_every_customer_calling_and_no_noise_the_engines_call_share_goes_to_one(
    outages: int, seed: int
) -> None:
    # Outage after outage of one transformer; every customer below it calls within minutes,
    # nobody else calls, and a crew restores it an hour later. What the engine learns from the
    # stream (not from a rate handed to it) goes to every customer calling.
    rng = random.Random(seed)
    net = radial_feeder(8)
    engine = OutageInference(net)
    shares = [engine.rates.call_share]
    for k in range(outages):
        start = k * 3 * HOUR
        transformer = rng.choice(TRANSFORMERS)
        for customer in customers_of(net, transformer):
            engine.ingest(start + rng.uniform(1.0, 10.0) * MINUTE, "call", customer)
        engine.picture(start + 20 * MINUTE)
        engine.ingest(start + HOUR, "restore", transformer)
        engine.picture(start + 2 * HOUR)
        shares.append(engine.rates.call_share)
    assert all(a <= b + 1e-12 for a, b in itertools.pairwise(shares))
    weight = Params().call_share_strength
    assert 1.0 - engine.rates.call_share <= weight / (weight + outages) + 1e-9
    assert engine.params.call_share == engine.rates.call_share


@settings(max_examples=25, deadline=None)
@given(calls=st.integers(min_value=1, max_value=25), seed=st.integers(0, 10_000))
def test_with_no_wrong_account_calls_the_share_of_nothing_goes_to_its_low_end(
    calls: int, seed: int
) -> None:
    # Customers alone call, hours apart, and each is repaired (their own fault) after hours:
    # no call is a wrong account, none about nothing. The share of lone calls that are
    # nothing falls call by call to within the prior's weight of none.
    rng = random.Random(seed)
    net = radial_feeder(8)
    engine = OutageInference(net)
    callers = rng.sample([c for t in TRANSFORMERS for c in customers_of(net, t)], calls)
    nothing = [1.0 - engine.rates.own_fault_share]
    for k, caller in enumerate(callers):
        start = k * 6 * HOUR
        engine.ingest(start, "call", caller)
        engine.picture(start + 30 * MINUTE)
        engine.ingest(start + rng.uniform(1.0, 4.0) * HOUR, "restore", caller)
        engine.picture(start + 5 * HOUR)
        nothing.append(1.0 - engine.rates.own_fault_share)
    assert engine.rates.lone.own == calls and engine.rates.lone.said_on == 0
    assert all(b <= a + 1e-12 for a, b in itertools.pairwise(nothing))
    p = Params()
    assert (
        nothing[-1]
        <= (1.0 - p.own_fault_share) * p.lone_call_strength / (p.lone_call_strength + calls) + 1e-9
    )


@settings(max_examples=60, deadline=None)
@given(answered=answers, waiting=waiting_calls, confirms=st.floats(0.0, 1.0))
def test_the_lone_call_estimates_are_always_shares_and_count_every_call(
    answered: list[tuple[bool, float]], waiting: list[Waiting], confirms: float
) -> None:
    rates = LoneCallRates(Params())
    for own_fault, seconds in answered:
        rates.answered(own_fault=own_fault, seconds=seconds)
    rates.estimate(waiting, confirms)
    assert 0.0 <= rates.own_share <= 1.0
    assert 0.0 <= rates.said_on_share <= 1.0
    assert math.isfinite(rates.own_repair_log) and math.isfinite(rates.said_on_log)
    # Each call counts once, as an own fault or as nothing (the waiting by their chances).
    assert math.isclose(
        rates.own_faults + rates.not_faults, len(answered) + len(waiting), abs_tol=1e-6
    )
    # A waiting call whose supply a crew found open, or whose meter sent a last gasp, was no
    # call about nothing.
    assert rates.own_faults >= rates.own + sum(w.confirmed or w.off for w in waiting) - 1e-6
    # And what the engine then weighs is a number, however long a call has waited.
    learnt = Params(
        own_fault_share=rates.own_share,
        said_on_share=rates.said_on_share,
        own_repair_hours=math.exp(rates.own_repair_log) / HOUR,
        said_on_minutes=math.exp(rates.said_on_log) / MINUTE,
    )
    for seconds in (0.0, MINUTE, HOUR, 24 * HOUR, 1e7):
        assert math.isfinite(learnt.lone_call_llr(seconds))


@settings(max_examples=60, deadline=None)
@given(
    restored=st.lists(
        st.tuples(
            st.integers(0, 200),  # customers whose meter sent nothing
            st.integers(0, 250),  # of them, calls (a repeat caller can make more)
            st.floats(min_value=0.0, max_value=1e6),  # their delays, in all
            st.integers(0, 100),  # reporting meters
            st.integers(0, 120),  # last gasps (a meter can send more than one)
            st.sampled_from([True, False, None]),
        ),
        max_size=40,
    ),
    power_back=st.lists(st.tuples(st.integers(0, 100), st.integers(0, 120)), max_size=40),
)
def test_the_storms_rates_are_always_shares_whatever_the_restores_say(
    restored: list[tuple[int, int, float, int, int, bool | None]],
    power_back: list[tuple[int, int]],
) -> None:
    rates = StormRates(Params())
    for customers, calls, delays, meters, gasps, confirmed in restored:
        rates.outage_restored(
            customers=customers,
            calls=calls,
            delays_sum=delays,
            meters=meters,
            last_gasps=gasps,
            confirmed=confirmed,
        )
    for meters, reported in power_back:
        rates.power_back(meters=meters, reported=reported)
    for share in (
        rates.call_share,
        rates.message_delivery,
        rates.restore_delivery,
        rates.crew_confirms,
        rates.own_fault_share,
    ):
        assert 0.0 <= share <= 1.0
    assert 0.0 < rates.call_delay_minutes < math.inf
    params = rates.params()
    assert math.isfinite(params.call_pattern_llr(3, 10, 30.0))
    assert math.isfinite(params.meter_pattern_llr(2, 10))


@settings(max_examples=60, deadline=None)
@given(
    silent=st.integers(1, 60),
    reported=st.integers(0, 500),
    others_silent=st.integers(0, 500),
    more=st.integers(1, 100),
)
def test_a_restored_areas_other_meters_move_the_weight_of_silence_the_way_they_speak(
    silent: int, reported: int, others_silent: int, more: int
) -> None:
    # Meters silent after a restore speak for the device still being open: more so the more
    # of them, the more the area's other meters were heard (messages get through there) and
    # the fewer of those were silent too; never against it.
    p = Params()
    weight = p.silent_after_restore_llr(silent, reported=reported, others_silent=others_silent)
    assert weight >= 0.0
    assert (
        p.silent_after_restore_llr(silent + 1, reported=reported, others_silent=others_silent)
        >= weight - 1e-12
    )
    assert (
        p.silent_after_restore_llr(silent, reported=reported + more, others_silent=others_silent)
        >= weight - 1e-12
    )
    assert (
        p.silent_after_restore_llr(silent, reported=reported, others_silent=others_silent + more)
        <= weight + 1e-12
    )


@settings(max_examples=40, deadline=None)
@given(
    outages=st.integers(min_value=2, max_value=60),
    meters=st.integers(min_value=5, max_value=200),
    share=st.floats(min_value=0.1, max_value=0.9),
)
def test_when_every_area_delivers_alike_many_silent_meters_speak_more(
    outages: int, meters: int, share: float
) -> None:
    # Restored outage after restored outage delivers the same share of last gasps: areas are
    # alike, so the learnt strength of the delivery's Beta grows outage by outage, and the
    # silence of many meters below one device speaks more against its having opened.
    rates = StormRates(Params())
    strengths = [rates.last_gasp_strength]
    for _ in range(outages):
        rates.outage_restored(
            customers=1,
            calls=0,
            delays_sum=0.0,
            meters=meters,
            last_gasps=round(share * meters),
            confirmed=None,
        )
        strengths.append(rates.last_gasp_strength)
    assert all(a <= b + 1e-9 for a, b in itertools.pairwise(strengths[1:]))
    assert strengths[-1] > strengths[0]
    learnt = rates.params()
    assert learnt.meter_pattern_llr(0, 60) < Params(
        message_delivery=learnt.message_delivery
    ).meter_pattern_llr(0, 60)


@settings(max_examples=40, deadline=None)
@given(
    shares=st.lists(st.booleans(), min_size=2, max_size=60),
    meters=st.integers(min_value=20, max_value=200),
)
def test_when_areas_deliver_all_or_nothing_the_silence_of_many_meters_says_less(
    shares: list[bool], meters: int
) -> None:
    # Some areas deliver every last gasp, others none: the learnt strength is never above the
    # prior's, and it stays a positive, finite Beta strength.
    rates = StormRates(Params())
    for delivered in shares:
        rates.outage_restored(
            customers=1,
            calls=0,
            delays_sum=0.0,
            meters=meters,
            last_gasps=meters if delivered else 0,
            confirmed=None,
        )
    strength = rates.last_gasp_strength
    assert 0.0 < strength < math.inf
    if any(shares) and not all(shares):
        assert strength <= Params().last_gasp_strength + 1e-9
