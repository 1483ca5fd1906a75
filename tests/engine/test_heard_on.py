"""When each customer was last heard on (round 50, ``heard.HeardOn``): only what shows power
on moves it, never a last gasp. (The round's readers of it, and their tests, were taken out:
``docs/outage-rounds/rounds-49-50.md#round-50``.)"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.inference.ingest import flush
from tests.engine.fixtures import radial_feeder

_KINDS = ("call", "ami_off", "ami_on", "call_on", "restore")


@settings(max_examples=60, deadline=None)
@given(
    events=st.lists(
        st.tuples(st.sampled_from(_KINDS), st.integers(min_value=0, max_value=49)),
        min_size=1,
        max_size=60,
    )
)
def test_a_last_gasp_never_moves_last_heard_on(events: list[tuple[str, int]]) -> None:
    # Any customer events, one a minute: after each, a customer's "last heard on" is the time
    # of their latest power-on message, "power is on" or repair of their own supply, and a
    # last gasp leaves every customer's record as it was.
    net = radial_feeder(10, metered=True)
    engine = OutageInference(net)
    state = engine._st
    customers = [i for i in net.ids if i.startswith("C")]
    expected = np.full(len(customers), -math.inf)
    for step, (kind, who) in enumerate(events):
        t = 60.0 * (step + 1)
        before = state.heard.at.copy()
        engine.ingest(t, kind, customers[who])
        flush(state)
        number = state.customer_number[net.index[customers[who]]]
        if kind == "ami_off":
            assert np.array_equal(state.heard.at, before)
        elif kind != "call":
            expected[number] = t
        assert np.array_equal(state.heard.at, expected)
