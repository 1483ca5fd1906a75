"""A station's history moves each device's prior; a rejection on the board is no outage."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.inference.learning import history_priors
from powerdesk.engine.inference.state import new_state
from powerdesk.engine.model import Params
from tests.engine.fixtures import customers_of, radial_feeder

MINUTE = 60.0
NET = radial_feeder(10)
DEVICES = ["R", "F1", "F2", "F3", "T1", "T2", "T3", "T4", "T5"]
FUSES = ["F1", "F2", "F3"]


def priors(params: Params) -> dict[str, float]:
    state = new_state(NET, params)
    return {device: state.prior[NET.index[device]] for device in DEVICES}


def test_without_history_the_priors_are_the_defaults() -> None:
    assert history_priors(NET, []) == Params()
    assert history_priors(NET, ["no such device", "C1-0"]) == Params()


@settings(max_examples=60, deadline=None)
@given(failures=st.lists(st.sampled_from(DEVICES), max_size=60))
def test_a_device_that_failed_more_often_has_the_higher_prior(failures: list[str]) -> None:
    # Among the fuses (same kind, same lightning zone and age), more past failures never
    # means a lower prior, and a fuse that has failed is likelier than one that has not.
    moved = priors(history_priors(NET, failures))
    counts = {fuse: failures.count(fuse) for fuse in FUSES}
    for a in FUSES:
        for b in FUSES:
            if counts[a] > counts[b]:
                assert moved[a] > moved[b]
            elif counts[a] == counts[b]:
                assert abs(moved[a] - moved[b]) < 1e-9


@settings(max_examples=60, deadline=None)
@given(
    failures=st.lists(st.sampled_from(DEVICES), max_size=40),
    device=st.sampled_from(DEVICES),
)
def test_one_more_failure_raises_that_devices_prior(failures: list[str], device: str) -> None:
    before = priors(history_priors(NET, failures))
    after = priors(history_priors(NET, [*failures, device]))
    assert after[device] > before[device]


def test_a_history_of_one_fuse_names_it_first_on_an_ambiguous_call() -> None:
    # Two single-transformer branches look alike from one call each under their transformer;
    # with a history of failures at F1, a call from T1 is F1's, while with no history... the
    # prior ranks F1 over its peers whatever the evidence is.
    params = history_priors(NET, ["F1"] * 8 + ["T3"])
    moved, plain = priors(params), priors(Params())
    assert moved["F1"] > plain["F1"]
    assert moved["F2"] < plain["F2"]
    assert moved["T3"] > moved["T2"]


@settings(max_examples=30, deadline=None)
@given(
    callers=st.lists(
        st.sampled_from(customers_of(NET, "T2") + customers_of(NET, "T3")),
        min_size=1,
        max_size=12,
        unique=True,
    )
)
def test_a_reject_clears_the_outage_and_teaches_no_rates(callers: list[str]) -> None:
    engine = OutageInference(NET)
    for i, customer in enumerate(callers):
        engine.ingest(600.0 + i * MINUTE, "call", customer)
    now = 600.0 + len(callers) * MINUTE
    named = [o.device for o in engine.picture(now).outages]
    rates = engine.rates
    before = (rates.outages, rates.share_sum, rates.delays, rates.lone.own, rates.lone.said_on)
    for device in named:
        engine.ingest(now + MINUTE, "reject", device)
    assert engine.picture(now + 2 * MINUTE).outages == []
    after = (rates.outages, rates.share_sum, rates.delays, rates.lone.own, rates.lone.said_on)
    if all(NET.customer_number[NET.index[d]] < 0 for d in named):
        assert after == before
    # A restore of the same devices would have been learnt from as outages.
    restored = OutageInference(NET)
    for i, customer in enumerate(callers):
        restored.ingest(600.0 + i * MINUTE, "call", customer)
    restored.picture(now)
    for device in named:
        restored.ingest(now + MINUTE, "restore", device)
    restored.picture(now + 2 * MINUTE)
    if any(NET.customer_number[NET.index[d]] < 0 for d in named):
        assert restored.rates.outages > engine.rates.outages


def test_a_reject_of_a_single_customer_says_their_call_was_not_their_own_fault() -> None:
    engine = OutageInference(NET)
    engine.ingest(600.0, "call", "C1-3")
    assert [o.device for o in engine.picture(600.0 + 40 * MINUTE).outages] == ["C1-3"]
    engine.ingest(700.0 + 40 * MINUTE, "reject", "C1-3")
    assert engine.picture(800.0 + 40 * MINUTE).outages == []
    assert (engine.rates.lone.own, engine.rates.lone.said_on) == (0, 1)


def test_the_contract_reads_a_reject_beside_the_old_types() -> None:
    from powerdesk.engine.model.events import EventType
    from powerdesk.engine.readwrite.events_jsonl import parse_event

    event = parse_event('{"t": 60, "type": "reject", "device": "F2"}')
    assert (event.type, event.target) == (EventType.REJECT, "F2")
    assert parse_event('{"t": 60, "type": "restore", "device": "F2"}').type == EventType.RESTORE
