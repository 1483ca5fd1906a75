"""A simulated storm's truth counts an outage as signed only by the signs the station receives
(round 41 of issue 17): a call logged against a neighbour's account signs the neighbour's
outage, if any, and not the caller's. Both storm generators make their truth so."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.daysim import DayConfig, simulate_day
from bench.families import Setting, _with_wrong_accounts, project_storm
from powerdesk.engine.model.network import Network
from powerdesk.engine.simulation.generate import generate_network_rows
from powerdesk.engine.simulation.storm import Storm
from powerdesk.engine.simulation.truth import signed_from_stream


def three_fuses(size: int) -> Network:
    rows = [("S", "", "source")]
    for f in range(3):
        rows.append((f"F{f}", "S", "fuse"))
        rows += [(f"C{f}-{i}", f"F{f}", "customer") for i in range(size)]
    return Network.from_rows(rows)


@given(
    size=st.integers(min_value=1, max_value=40),
    caller=st.integers(min_value=0, max_value=39),
    seed=st.integers(min_value=0, max_value=10_000),
    start=st.floats(min_value=0.0, max_value=2900.0, allow_nan=False),
)
@settings(max_examples=200, deadline=None)
def test_an_outage_is_signed_by_a_call_only_on_the_account_it_reached(
    size: int, caller: int, seed: int, start: float
) -> None:
    # Fuse F1 is out and one of its customers calls; F0's customers are out too but make no
    # sign. Every call is logged against a neighbour's account (which may be the caller's own).
    net = three_fuses(size)
    since = round(start, 3)
    call = {"t": round(start + 600.0, 3), "type": "call", "customer": f"C1-{caller % size}"}
    truth = {
        "checkpoints": [
            {
                "id": "cp-1",
                "t": 3599.999,
                "open": [
                    {"device": "F1", "since": since, "signed": True},
                    {"device": "F0", "since": since, "signed": False},
                ],
            }
        ]
    }
    storm = _with_wrong_accounts(net, Storm(events=[call], truth=truth), 1.0, seed)
    reached = next(e["customer"] for e in storm.events if e["type"] == "call")
    signed = {o["device"]: o["signed"] for o in storm.truth["checkpoints"][0]["open"]}
    assert signed == {"F1": reached.startswith("C1-"), "F0": reached.startswith("C0-")}


@given(seed=st.integers(min_value=1, max_value=10_000), share=st.sampled_from([0.0, 0.05, 0.3]))
@settings(max_examples=6, deadline=None)
def test_both_generators_sign_their_truth_by_the_stream_they_send(seed: int, share: float) -> None:
    rows = generate_network_rows(400, seed=seed)
    net = Network.from_rows(row[:3] for row in rows)
    setting = replace(Setting(), wrong_account=share)
    project = project_storm(net, setting, seed)
    day = simulate_day(net, seed=seed, config=DayConfig(wrong_account=share, hours=6.0))
    for storm in (project, day):
        assert signed_from_stream(net, storm.events, storm.truth) == storm.truth
