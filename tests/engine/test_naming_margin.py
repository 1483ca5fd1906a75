"""Round 42: a device's closed side summed over a customer's two explanations of its sign
(``Params.closed_sums``), and devices named at a margin below even odds
(``Params.name_log_odds``)."""

from __future__ import annotations

import math
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.inference.solve import _log_sum, solve
from powerdesk.engine.model import Params
from powerdesk.engine.model.network import Network
from tests.engine.test_properties import customers_out, networks

MINUTE = 60.0
finite = st.floats(-50.0, 50.0, allow_nan=False)


@given(finite, finite)
def test_the_summed_explanations_are_at_least_the_likelier_and_at_most_twice_it(
    a: float, b: float
) -> None:
    total = _log_sum(a, b)
    assert max(a, b) <= total <= max(a, b) + math.log(2.0) + 1e-12
    assert total == _log_sum(b, a)
    assert math.isclose(total, math.log(math.exp(a) + math.exp(b)), rel_tol=1e-9, abs_tol=1e-9)
    assert _log_sum(-math.inf, a) == a


def _picture_of(net: Network, params: Params, events: list[tuple[float, str, str]], now: float):
    engine = OutageInference(net, params)
    for t, kind, target in events:
        engine.ingest(t, kind, target)
    return engine.picture(now)


def _signs(net: Network, seed: int) -> list[tuple[float, str, str]]:
    """Calls, last gasps and reports of power on, at random, over two hours."""
    rng = random.Random(seed)
    customers = [net.ids[int(e)] for e in net.customer_element]
    events = []
    for _ in range(rng.randint(3, 60)):
        kind = rng.choice(["call", "call", "ami_off", "ami_on", "call_on"])
        events.append((rng.uniform(0, 120 * MINUTE), kind, rng.choice(customers)))
    return sorted(events)


def _out(net: Network, outages) -> set[int]:
    return customers_out(net, {net.index[o.device] for o in outages})


@settings(max_examples=25, deadline=None)
@given(networks, st.integers(0, 10_000), st.sampled_from([-0.2, -0.4, -0.7, -2.0]))
def test_a_lower_naming_margin_keeps_every_customer_named_out_and_names_nothing_surer_than_it(
    net: Network, seed: int, margin: float
) -> None:
    events = _signs(net, seed)
    even = _picture_of(net, Params(), events, 150 * MINUTE)
    lower = _picture_of(net, Params(name_log_odds=margin), events, 150 * MINUTE)
    # Whatever was named at even odds is still out: named itself, or under a device named.
    assert _out(net, even.outages) <= _out(net, lower.outages)
    assert lower.customers_out >= even.customers_out
    for outage in lower.outages:
        assert outage.confidence >= 1.0 / (1.0 + math.exp(-margin)) - 1e-9
    # At a margin of 0 the picture is the defaults'.
    zero = _picture_of(net, Params(name_log_odds=0.0), events, 150 * MINUTE)
    assert zero.outages == even.outages


def _one_call_under_a_fuse(customers: int) -> Network:
    rows = [("S", "", "source"), ("F", "S", "fuse"), ("T", "F", "transformer")]
    rows += [(f"C{i}", "T", "customer") for i in range(customers)]
    return Network.from_rows(rows)


@settings(max_examples=15, deadline=None)
@given(st.integers(2, 30))
def test_summing_a_callers_two_explanations_makes_the_closed_side_likelier_by_their_sum(
    customers: int,
) -> None:
    net = _one_call_under_a_fuse(customers)
    alternatives = []
    for params in (Params(), Params(closed_sums=1.0)):
        engine = OutageInference(net, params)
        engine.ingest(600.0, "call", "C0")
        engine.picture(1200.0)
        solved = solve(engine._st, 1200.0)
        alternatives.append(solved.alternatives[net.index["T"]])
    summed, likelier = alternatives[1], alternatives[0]
    # The caller's sign: its own fault (score s, counted only above 0) or nothing (0).
    assert likelier >= 0.0
    gained = summed - likelier
    assert 0.0 < gained <= math.log(2.0) + 1e-9
