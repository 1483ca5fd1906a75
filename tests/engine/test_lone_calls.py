"""What calls from a customer alone turn out to be: the estimates, and the engine's use of them."""

from __future__ import annotations

import itertools
import math
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.inference.lone_calls import LoneCallRates, Waiting
from powerdesk.engine.model import Params
from tests.engine.fixtures import customers_of, radial_feeder

MINUTE = 60.0
HOUR = 3600.0
NET = radial_feeder(20)
CUSTOMERS = [c for t in ("T1", "T2", "T3", "T4", "T5") for c in customers_of(NET, t)]


@settings(max_examples=40, deadline=None)
@given(calls=st.integers(min_value=1, max_value=300))
def test_with_every_lone_call_repaired_the_own_fault_share_goes_to_one(calls: int) -> None:
    rates = LoneCallRates(Params())
    shares = []
    for _ in range(calls):
        rates.answered(own_fault=True, seconds=2 * HOUR)
        rates.estimate([])
        shares.append(rates.own_share)
    # It only ever rises towards 1, and is within the prior's weight of it.
    assert all(a <= b + 1e-12 for a, b in itertools.pairwise(shares))
    weight = Params().lone_call_strength
    assert 1.0 - rates.own_share <= weight / (weight + calls) + 1e-12


@settings(max_examples=40, deadline=None)
@given(calls=st.integers(min_value=1, max_value=300))
def test_with_every_lone_call_said_on_the_own_fault_share_goes_to_nothing(calls: int) -> None:
    rates = LoneCallRates(Params())
    for _ in range(calls):
        rates.answered(own_fault=False, seconds=HOUR)
    rates.estimate([])
    p = Params()
    assert rates.own_share <= p.lone_call_strength / (p.lone_call_strength + calls) + 1e-12
    # And every one of those not an own fault was said on.
    assert 1.0 - rates.said_on_share <= p.said_on_strength / (p.said_on_strength + calls) + 1e-12


@settings(max_examples=30, deadline=None)
@given(
    median_hours=st.floats(min_value=0.5, max_value=8.0),
    repairs=st.integers(min_value=1, max_value=200),
    seed=st.integers(0, 10_000),
)
def test_the_repair_time_goes_to_the_storms_own(
    median_hours: float, repairs: int, seed: int
) -> None:
    rng = random.Random(seed)
    rates = LoneCallRates(Params())
    logs = []
    for _ in range(repairs):
        seconds = median_hours * HOUR * rng.lognormvariate(0.0, 0.5)
        rates.answered(own_fault=True, seconds=seconds)
        logs.append(math.log(max(60.0, seconds)))
    rates.estimate([])
    seen = sum(logs) / len(logs)
    prior = math.log(Params().own_repair_hours * HOUR)
    weight = Params().own_repair_strength
    # Between the prior and what was seen, nearer what was seen the more repairs there were.
    assert min(seen, prior) - 1e-9 <= rates.own_repair_log <= max(seen, prior) + 1e-9
    assert (
        abs(rates.own_repair_log - seen) <= weight / (weight + repairs) * abs(prior - seen) + 1e-9
    )


@settings(max_examples=15, deadline=None)
@given(
    own_share=st.floats(min_value=0.15, max_value=0.7),
    said_on_share=st.floats(min_value=0.2, max_value=0.9),
    seed=st.integers(0, 10_000),
)
def test_calls_still_waiting_are_counted_by_their_chances_not_as_either(
    own_share: float, said_on_share: float, seed: int
) -> None:
    # Calls come over eight hours; own faults are repaired ~3 h after the call, the calls
    # about nothing are said on ~1 h after (for ``said_on_share`` of them) or never. Seen at
    # the end, many are still waiting: counting those as either outcome would be wrong, and
    # counting only the answered ones would see mostly the quick "power is on" answers.
    rng = random.Random(seed)
    rates = LoneCallRates(Params())
    now = 8 * HOUR
    waiting = []
    for _ in range(1500):
        called = rng.uniform(0.0, now)
        if rng.random() < own_share:
            answer = 3 * HOUR * rng.lognormvariate(0.0, 0.8)
            own = True
        elif rng.random() < said_on_share:
            answer = HOUR * rng.lognormvariate(0.0, 1.0)
            own = False
        else:
            answer = math.inf
            own = False
        if called + answer <= now:
            rates.answered(own_fault=own, seconds=answer)
        else:
            waiting.append(Waiting(now - called))
    rates.estimate(waiting)
    assert abs(rates.own_share - own_share) < 0.12
    assert abs(rates.said_on_share - said_on_share) < 0.15
    assert abs(rates.own_repair_log - math.log(3 * HOUR)) < 0.25


def test_early_in_a_storm_the_quick_answers_do_not_pass_for_the_share() -> None:
    # Two hours in: half the calls were own faults, none repaired yet (repairs take hours);
    # the other half were wrong accounts, most said on within the hour. Counting only the
    # answered calls would take the storm for one of no own faults; the waiting ones count by
    # their chances (they may also be calls about nothing that are never answered).
    rates = LoneCallRates(Params())
    waiting = [Waiting(minutes * MINUTE) for minutes in range(5, 120, 5)]  # own faults
    for minutes in range(5, 120, 10):  # wrong accounts
        if minutes < 75:
            rates.answered(own_fault=False, seconds=30 * MINUTE)
        else:
            waiting.append(Waiting(minutes * MINUTE))
    rates.estimate(waiting)
    assert rates.own == 0
    assert rates.own_share > 0.3
    assert rates.own_faults > 10.0


@settings(max_examples=30, deadline=None)
@given(
    caller=st.sampled_from(CUSTOMERS),
    minutes=st.floats(min_value=20.0, max_value=120.0),
    answer=st.sampled_from(["call_on", "restore", "ami_on", "reject"]),
)
def test_an_answer_ends_a_lone_call_at_once(caller: str, minutes: float, answer: str) -> None:
    engine = OutageInference(NET)
    engine.ingest(600.0, "call", caller)
    now = 600.0 + minutes * MINUTE
    before = engine.picture(now)
    assert [o.device for o in before.outages] == [caller]
    engine.ingest(now + 1.0, answer, caller)
    after = engine.picture(now + 1.0)
    assert after.outages == []
    assert after.customers_out == 0


@settings(max_examples=30, deadline=None)
@given(caller=st.sampled_from(CUSTOMERS), seconds=st.floats(min_value=0.0, max_value=24 * HOUR))
def test_a_lone_call_never_answered_fades(caller: str, seconds: float) -> None:
    p = Params()
    assert p.lone_call_llr(seconds + 12 * HOUR) < p.lone_call_llr(seconds)
    engine = OutageInference(NET)
    engine.ingest(600.0, "call", caller)
    assert engine.picture(600.0 + 16 * HOUR).outages == []


def test_a_call_whose_meter_sent_a_last_gasp_counts_as_an_own_fault_while_it_waits() -> None:
    rates = LoneCallRates(Params())
    rates.estimate([Waiting(2 * HOUR, off=True)] * 30)
    assert rates.own_share > 0.85
