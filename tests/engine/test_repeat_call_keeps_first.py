"""A call from a customer whose earlier call or last gasp still stands says the customer is still
out, not when their power went. With ``Params.repeat_call_keeps_first`` the engine notes when the
standing sign came (``InferenceState.repeat_calls``), and a SCADA close of a device that opened
after it leaves the sign standing with that first time (``older_signs.first_signs_before``).
Without it the repeat call's time, after the opening, made the sign the opened device's, and a
fuse whose customers called before the source above tripped and again while it was out had all
its signs made stale by the close (round 27)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.model.network import Network
from powerdesk.engine.model.params import Params

FUSE = 4  # customers below the fuse
OTHERS = 30  # customers on the source's own line


def _engine(keeps: float, metered: bool = False) -> OutageInference:
    rows = [("S", "", "source"), ("F", "S", "fuse")]
    rows += [(f"C{i}", "F", "customer") for i in range(FUSE)]
    rows += [(f"D{i}", "S", "customer") for i in range(OTHERS)]
    ami = [-1, -1] + [1 if metered else 0] * FUSE + [0] * OTHERS
    network = Network.from_rows(rows, ami=ami)
    return OutageInference(network, replace(Params(), repeat_call_keeps_first=keeps))


def _signal_t(engine: OutageInference, customer: str) -> float:
    state = engine._st
    number = int(state.customer_number[engine.network.index[customer]])
    return float(state.evidence.signal_t[number])


@settings(max_examples=60, deadline=None)
@given(
    first=st.sampled_from(["call", "ami_off"]),
    gaps=st.lists(st.floats(min_value=1.0, max_value=3600.0), min_size=1, max_size=4),
)
def test_a_standing_sign_is_noted_through_repeat_calls(first: str, gaps: list[float]) -> None:
    # Whatever the calls that follow, with nothing answering the first sign: its time is
    # noted with the latest call's (the sign's own time is the latest call's, as before).
    engine = _engine(1.0, metered=first == "ami_off")
    engine.ingest(600.0, first, "C0")
    t = 600.0
    for gap in gaps:
        t += gap
        engine.ingest(t, "call", "C0")
    engine.picture(t + 1.0)  # (events are taken in)
    assert _signal_t(engine, "C0") == t
    number = int(engine._st.customer_number[engine.network.index["C0"]])
    assert engine._st.repeat_calls == {number: (600.0, t)}


@settings(max_examples=30, deadline=None)
@given(gap=st.floats(min_value=60.0, max_value=3600.0))
def test_a_call_after_power_was_seen_takes_its_own_time(gap: float) -> None:
    # The first call was answered (the customer said power is on): a later call is a new sign.
    engine = _engine(1.0)
    engine.ingest(600.0, "call", "C0")
    engine.ingest(900.0, "call_on", "C0")
    engine.ingest(900.0 + gap, "call", "C0")
    engine.picture(900.0 + gap + 1.0)
    assert _signal_t(engine, "C0") == 900.0 + gap
    assert not engine._st.repeat_calls


def _storm(keeps: float) -> set[str]:
    # The fuse's customers call at 10-12 minutes; the source trips at 60 and SCADA sees it;
    # they call again while it is out, as do the source's own customers; SCADA closes it at
    # 120. Looked at after the watch, at 150 minutes.
    engine = _engine(keeps)
    engine.ingest(600.0, "call", "C0")
    engine.ingest(720.0, "call", "C1")
    engine.ingest(3600.0, "scada_open", "S")
    for i in range(6):
        engine.ingest(3900.0 + 120.0 * i, "call", f"D{i}")
    engine.ingest(4800.0, "call", "C0")
    engine.ingest(5100.0, "call", "C1")
    engine.ingest(7200.0, "scada_close", "S")
    return {o.device for o in engine.picture(9000.0).outages}


def test_a_fuse_out_before_the_source_tripped_is_named_after_its_close() -> None:
    # The calls from before the opening stand through the close with the switch (F is named),
    # and are made stale with the repeat calls' times without it (nothing is named).
    assert "F" in _storm(1.0)
    assert "F" not in _storm(0.0)


def test_without_repeat_calls_the_scada_close_keeps_the_older_signs_either_way() -> None:
    for keeps in (0.0, 1.0):
        engine = _engine(keeps)
        engine.ingest(600.0, "call", "C0")
        engine.ingest(720.0, "call", "C1")
        engine.ingest(3600.0, "scada_open", "S")
        engine.ingest(7200.0, "scada_close", "S")
        assert "F" in {o.device for o in engine.picture(9000.0).outages}
