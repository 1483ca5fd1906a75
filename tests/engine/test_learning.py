"""The engine learns each storm's rates from the stream, and weighs when calls come."""

from __future__ import annotations

import itertools
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.inference.lone_calls import LoneCallRates
from powerdesk.engine.learning import StormRates
from powerdesk.engine.model import Params
from powerdesk.engine.network import Network
from tests.engine.fixtures import customers_of, radial_feeder

MINUTE = 60.0
HOUR = 3600.0


def devices(engine: OutageInference, now: float) -> set[str]:
    return {o.device for o in engine.picture(now).outages}


def transformer_area(households: int, metered_share: float) -> Network:
    """S ─ F ─┬─ T  (``households``, some with a meter that reports; callers C0-C2 have none)
    └─ T2 (as many, no meters)"""
    rows = [("S", "", "source"), ("F", "S", "fuse"), ("T", "F", "transformer")]
    rows += [("T2", "F", "transformer")]
    ami = [-1] * 4
    for i in range(households):
        rows.append((f"C{i}", "T", "customer"))
        ami.append(1 if i >= 3 and (i % 10) < metered_share * 10 else 0)
    for i in range(households):
        rows.append((f"D{i}", "T2", "customer"))
        ami.append(0)
    return Network.from_rows(rows, ami=ami)


def test_three_calls_within_minutes_under_one_transformer_are_one_outage() -> None:
    # The demo's case: three households under one transformer area call a minute apart; the
    # area's reporting meters stay silent. Three own faults at once are far less likely than
    # one outage: the transformer is named, not three single customers.
    for households, metered in ((32, 0.6), (150, 0.0)):
        engine = OutageInference(transformer_area(households, metered))
        for i in range(3):
            engine.ingest(1000.0 + i * MINUTE, "call", f"C{i}")
        assert devices(engine, 1000.0 + 3 * MINUTE) == {"T"}, households


def test_a_few_calls_under_one_fuse_point_to_the_fuse() -> None:
    rows = [("S", "", "source"), ("R", "S", "recloser"), ("F", "R", "fuse")]
    rows += [(f"T{j}", "F", "transformer") for j in range(4)]
    rows += [(f"C{j}-{i}", f"T{j}", "customer") for j in range(4) for i in range(40)]
    engine = OutageInference(Network.from_rows(rows))
    for j in range(3):  # one call from each of three transformer areas, a minute apart
        engine.ingest(1000.0 + j * MINUTE, "call", f"C{j}-0")
    assert devices(engine, 1000.0 + 3 * MINUTE) == {"F"}


def test_calls_minutes_apart_speak_for_one_outage_and_hours_apart_against() -> None:
    params = Params()
    # Three calls within three minutes of the first.
    assert params.call_timing_llr(3, 3 * MINUTE, 3.0) > 5.0
    # Three calls 90 minutes apart.
    assert params.call_timing_llr(3, 270 * MINUTE, 181.0) < 0.0
    # One call says nothing about timing.
    assert params.call_timing_llr(1, 0.0, 10.0) == 0.0


def test_a_lone_call_ends_at_once_when_the_customer_says_power_is_on_or_is_restored() -> None:
    net = radial_feeder(20)
    engine = OutageInference(net)
    engine.ingest(600.0, "call", "C2-3")
    engine.ingest(600.0 + HOUR, "call", "C4-5")  # (an hour apart: not one outage above)
    now = 600.0 + HOUR + 40 * MINUTE
    assert devices(engine, now) == {"C2-3", "C4-5"}
    engine.ingest(now + MINUTE, "restore", "C4-5")
    assert devices(engine, now + MINUTE) == {"C2-3"}
    engine.ingest(now + 2 * MINUTE, "call_on", "C2-3")
    assert devices(engine, now + 2 * MINUTE) == set()
    # What each turned out to be is learnt: one own fault, one call about nothing.
    assert (engine.rates.lone.own, engine.rates.lone.said_on) == (1, 1)


def test_a_fresh_lone_call_is_held_until_its_silence_speaks() -> None:
    # With no storm's evidence yet, a call from a customer alone is as likely nothing (a wrong
    # account, the house) as their own fault: it is held, not named. Unanswered for half an
    # hour (a wrong account is often said on by then; an own fault waits hours for its
    # repair), it is named; unanswered by a repair for many hours, it fades again.
    engine = OutageInference(radial_feeder(20))
    engine.ingest(600.0, "call", "C2-3")
    assert devices(engine, 600.0 + MINUTE) == set()
    assert devices(engine, 600.0 + 40 * MINUTE) == {"C2-3"}
    assert devices(engine, 600.0 + 8 * HOUR) == set()


def test_a_storm_of_wrong_accounts_teaches_the_engine_to_wait_on_lone_calls() -> None:
    # Early in the storm, a lone call unanswered for half an hour is taken for the customer's
    # own fault. Then one caller after another says power is on (the call had been matched to
    # the wrong account): the next lone call is no longer named as an outage on its own.
    net = radial_feeder(20)
    engine = OutageInference(net)
    engine.ingest(60.0, "call", "C1-0")
    assert devices(engine, 60.0 + 40 * MINUTE) == {"C1-0"}
    callers = [c for t in ("T2", "T3", "T4", "T5") for c in customers_of(net, t)[:4]]
    for i, customer in enumerate(callers):
        engine.ingest(3000.0 + i * 20 * MINUTE, "call", customer)
        engine.ingest(3000.0 + i * 20 * MINUTE + 10 * MINUTE, "call_on", customer)
    later = 3000.0 + len(callers) * 20 * MINUTE
    engine.picture(later)
    assert engine.rates.own_fault_share < 0.3
    engine.ingest(later, "call", "C5-10")
    assert "C5-10" not in devices(engine, later + 40 * MINUTE)


def test_restores_teach_the_call_share_and_the_meters_delivery() -> None:
    net = radial_feeder(20, metered=True)
    engine = OutageInference(net)
    before = engine.rates.call_share, engine.rates.message_delivery
    for round_ in range(4):
        start = round_ * 4 * HOUR
        for customer in customers_of(net, "T2") + customers_of(net, "T3")[:12]:
            engine.ingest(start + 30.0, "ami_off", customer)
        for customer in customers_of(net, "T3")[12:]:  # every customer whose meter was silent
            engine.ingest(start + 10 * MINUTE, "call", customer)
        engine.ingest(start + 2 * HOUR, "restore", "F2")
    assert engine.rates.call_share > before[0]
    assert engine.rates.message_delivery > before[1]
    engine.picture(16 * HOUR)
    assert engine.params.call_share == engine.rates.call_share


@settings(max_examples=40, deadline=None)
@given(
    outages=st.integers(min_value=1, max_value=400),
    customers=st.integers(min_value=1, max_value=500),
)
def test_with_every_customer_calling_and_no_noise_the_call_share_goes_to_one(
    outages: int, customers: int
) -> None:
    rates = StormRates(Params())
    shares = []
    for _ in range(outages):
        rates.outage_restored(
            customers=customers,
            calls=customers,
            delays_sum=0.0,
            meters=customers,
            last_gasps=customers,
            confirmed=True,
        )
        shares.append(rates.call_share)
    # It only ever rises towards 1, and is within the prior's weight of it.
    assert all(a <= b for a, b in itertools.pairwise(shares))
    prior = Params()
    assert 1.0 - rates.call_share <= prior.call_share_strength / (
        prior.call_share_strength + outages
    )
    assert 1.0 - rates.message_delivery <= 4.0 / (4.0 + outages)
    assert 1.0 - rates.crew_confirms <= 4.0 / (4.0 + outages)


@settings(max_examples=40, deadline=None)
@given(
    own=st.integers(min_value=0, max_value=300),
    wrong=st.integers(min_value=0, max_value=300),
)
def test_the_share_of_lone_calls_that_are_own_faults_follows_their_outcomes(
    own: int, wrong: int
) -> None:
    rates = LoneCallRates(Params())
    for _ in range(own):
        rates.answered(own_fault=True, seconds=3 * HOUR)
    for _ in range(wrong):
        rates.answered(own_fault=False, seconds=HOUR)
    rates.estimate([])
    share = rates.own_share
    assert 0.0 < share < 1.0
    if own + wrong:
        # Between the prior and what was seen, and nearer what was seen the more there was.
        seen = own / (own + wrong)
        prior = Params().own_fault_share
        assert min(seen, prior) - 1e-9 <= share <= max(seen, prior) + 1e-9
        weight = Params().lone_call_strength
        assert abs(share - seen) <= weight / (weight + own + wrong) + 1e-9
    if wrong == 0 and own:
        assert share >= rates.prior.own_fault_share


@settings(max_examples=30, deadline=None)
@given(
    delay_minutes=st.floats(min_value=2.0, max_value=120.0),
    outages=st.integers(min_value=50, max_value=300),
)
def test_the_call_delay_goes_to_the_storms_own(delay_minutes: float, outages: int) -> None:
    rates = StormRates(Params())
    for _ in range(outages):
        rates.outage_restored(
            customers=20,
            calls=10,
            delays_sum=9 * delay_minutes * 60.0,
            meters=0,
            last_gasps=0,
            confirmed=None,
        )
    assert abs(rates.call_delay_minutes - delay_minutes) < 0.05 * max(
        delay_minutes, Params().call_delay_minutes
    )


@settings(max_examples=40, deadline=None)
@given(
    restores=st.integers(min_value=1, max_value=300),
    meters=st.integers(min_value=1, max_value=500),
)
def test_with_every_meter_reporting_power_back_the_restore_delivery_goes_to_one(
    restores: int, meters: int
) -> None:
    rates = StormRates(Params())
    shares = []
    for _ in range(restores):
        rates.power_back(meters=meters, reported=meters)
        shares.append(rates.restore_delivery)
    assert all(a <= b for a, b in itertools.pairwise(shares))
    strength = Params().message_delivery_strength
    assert 1.0 - rates.restore_delivery <= strength / (strength + restores)
    assert rates.params().restore_delivery == rates.restore_delivery


@settings(max_examples=60, deadline=None)
@given(
    silent=st.integers(min_value=1, max_value=2000),
    more=st.integers(min_value=1, max_value=2000),
    delivery=st.floats(min_value=0.02, max_value=0.98),
)
def test_the_silence_of_meters_after_a_restore_grows_with_their_number_but_less_than_alone(
    silent: int, more: int, delivery: float
) -> None:
    p = Params(restore_delivery=delivery)
    one = p.silent_after_restore_llr(1)
    few, many = p.silent_after_restore_llr(silent), p.silent_after_restore_llr(silent + more)
    # One silent meter is as before; more say more, but less than as many independent ones
    # (the area may be one whose messages are lost).
    assert math.isclose(one, p.llr_after_restore_ami, rel_tol=1e-9)
    assert 0.0 < few < many <= (silent + more) * one + 1e-9
    # Early in the watch, while messages are still on their way, silence says less.
    assert p.silent_after_restore_llr(silent, 30.0) < few


def test_meters_reporting_power_back_after_restores_teach_the_restore_delivery() -> None:
    net = radial_feeder(20, metered=True)
    engine = OutageInference(net)
    before = engine.rates.restore_delivery
    for round_ in range(4):
        start = round_ * 4 * HOUR
        for customer in customers_of(net, "T2") + customers_of(net, "T3"):
            engine.ingest(start + 30.0, "ami_off", customer)
        engine.ingest(start + 2 * HOUR, "restore", "F2")
        for customer in customers_of(net, "T2") + customers_of(net, "T3"):
            engine.ingest(start + 2 * HOUR + 60.0, "ami_on", customer)
        assert devices(engine, start + 3 * HOUR) == set()
    assert engine.rates.restores == 4
    assert engine.rates.restore_delivery == (before * 4.0 + 4) / (4.0 + 4)  # every one reported
