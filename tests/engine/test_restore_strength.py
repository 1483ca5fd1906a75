"""How alike the storm's areas are in power-on messages arriving after a restore, learnt from
the spread of its restores' shares (round 49, ``Params.restore_strength_learnt``)."""

from __future__ import annotations

import itertools
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.inference.ingest import flush
from powerdesk.engine.learning import StormRates
from powerdesk.engine.model import Params
from tests.engine.fixtures import customers_of, radial_feeder


@settings(max_examples=40, deadline=None)
@given(prior=st.floats(min_value=0.5, max_value=50.0))
def test_with_no_restore_the_strength_is_the_prior(prior: float) -> None:
    assert StormRates(Params()).restore_strength == Params().message_delivery_strength
    rates = StormRates(Params(restore_delivery_strength=prior))
    assert rates.restore_strength == prior
    rates.power_back(meters=10, reported=3)  # (one restore: no spread yet)
    assert rates.restore_strength == prior


@settings(max_examples=40, deadline=None)
@given(
    restores=st.integers(min_value=2, max_value=60),
    meters=st.integers(min_value=5, max_value=200),
    share=st.floats(min_value=0.1, max_value=0.9),
)
def test_when_every_restored_area_reports_alike_the_strength_grows(
    restores: int, meters: int, share: float
) -> None:
    # Restore after restore hears the same share of its meters: the areas are alike, the
    # strength grows restore by restore, and a lane of meters silent since power came back
    # says more (it is less likely an area whose messages are lost).
    rates = StormRates(Params(restore_strength_learnt=1.0))
    strengths = [rates.restore_strength]
    for _ in range(restores):
        rates.power_back(meters=meters, reported=round(share * meters))
        strengths.append(rates.restore_strength)
    assert all(a <= b + 1e-9 for a, b in itertools.pairwise(strengths[1:]))
    assert strengths[-1] > strengths[0]
    learnt = rates.params()
    assert learnt.restore_delivery_strength == rates.restore_strength
    before = Params(restore_delivery=learnt.restore_delivery)
    assert learnt.silent_after_restore_llr(4) > before.silent_after_restore_llr(4)
    assert math.isclose(
        learnt.silent_after_restore_llr(1), before.silent_after_restore_llr(1), rel_tol=1e-9
    )


@settings(max_examples=40, deadline=None)
@given(
    heard=st.lists(st.booleans(), min_size=2, max_size=60),
    meters=st.integers(min_value=20, max_value=200),
)
def test_when_areas_report_all_or_nothing_the_strength_stays_under_the_prior(
    heard: list[bool], meters: int
) -> None:
    # Some restored areas send every power-on message, others none: the strength is never
    # above the prior's, and stays a positive, finite Beta strength.
    rates = StormRates(Params(restore_strength_learnt=1.0))
    for every in heard:
        rates.power_back(meters=meters, reported=meters if every else 0)
    strength = rates.restore_strength
    assert 0.0 < strength < math.inf
    if any(heard) and not all(heard):
        assert strength <= Params().message_delivery_strength + 1e-9


@settings(max_examples=40, deadline=None)
@given(
    restores=st.lists(
        st.tuples(st.integers(1, 100), st.floats(min_value=0.0, max_value=1.0)), max_size=30
    )
)
def test_without_the_switch_the_silence_weighs_as_before(
    restores: list[tuple[int, float]],
) -> None:
    # Off (the default), the storm's params keep no learnt strength: a lane's silence weighs
    # at ``message_delivery_strength``, whatever the restores say.
    rates = StormRates(Params())
    for meters, share in restores:
        rates.power_back(meters=meters, reported=round(share * meters))
    learnt = rates.params()
    assert learnt.restore_delivery_strength == 0.0
    same = Params(
        restore_delivery=learnt.restore_delivery,
        message_delivery_strength=learnt.message_delivery_strength,
    )
    for silent in (1, 3, 10):
        assert learnt.silent_after_restore_llr(silent) == same.silent_after_restore_llr(silent)


@settings(max_examples=60, deadline=None)
@given(
    low=st.floats(min_value=0.5, max_value=100.0),
    more=st.floats(min_value=0.1, max_value=100.0),
    silent=st.integers(min_value=1, max_value=30),
    delivery=st.floats(min_value=0.05, max_value=0.95),
)
def test_a_stronger_likeness_never_makes_silence_say_less(
    low: float, more: float, silent: int, delivery: float
) -> None:
    # One silent meter says the same at any strength (the mean alone); several say more the
    # more alike the areas, up to the independent silences' sum.
    weak = Params(restore_delivery=delivery, restore_delivery_strength=low)
    strong = Params(restore_delivery=delivery, restore_delivery_strength=low + more)
    a, b = weak.silent_after_restore_llr(silent), strong.silent_after_restore_llr(silent)
    assert b >= a - 1e-9
    assert b <= -silent * math.log1p(-delivery) + 1e-9
    if silent == 1:
        assert math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


@settings(max_examples=15, deadline=None)
@given(
    calls=st.integers(min_value=1, max_value=5),
    gasps=st.integers(min_value=0, max_value=3),
    clean=st.booleans(),
)
def test_an_outage_left_open_through_a_restore_above_says_nothing_of_delivery(
    calls: int, gasps: int, clean: bool
) -> None:
    # T1 goes out (its customers call, some meters' last gasps get through); R above trips
    # and is restored while T1 stays out; then T1 is restored. T1's meters may have been dark
    # already (R's outage) when it opened: with the switch its share of last gasps is not
    # learnt from, without it it is.
    net = radial_feeder(10, metered=True)
    engine = OutageInference(net, Params(gasp_share_clean=1.0 if clean else 0.0))
    t1 = customers_of(net, "T1")
    for i in range(calls):
        engine.ingest(600.0 + 60.0 * i, "call", t1[i])
    for i in range(gasps):
        engine.ingest(700.0 + 10.0 * i, "ami_off", t1[5 + i])
    engine.ingest(1200.0, "scada_open", "R")
    engine.ingest(2400.0, "scada_close", "R")
    flush(engine._st)  # (events of one time are applied together, when the next comes)
    rates = engine._st.rates
    learnt = rates.metered_outages, rates.delivery_sum, rates.outages
    engine.ingest(6000.0, "restore", "T1")
    flush(engine._st)
    assert rates.outages == learnt[2] + 1  # (the calls are learnt from either way)
    if clean:
        assert (rates.metered_outages, rates.delivery_sum) == learnt[:2]
    else:
        assert rates.metered_outages == learnt[0] + 1
