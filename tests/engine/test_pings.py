"""Meter pings (round 17 of issue 17): the engine names the meters worth pinging, bounded and
deterministic, never one already heard from since its device's outage began; an answer says
power is on there, silence after a ping weighs a little for dark; and the simulated head-end
answers only from meters with power."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.network import Network
from powerdesk.engine.simulation.headend import PingLoop, Supply

MINUTE = 60.0
FUSES = 4
HOUSES = 5


def village(ami: list[int]) -> Network:
    """S ─ F0..F3, each fuse ─ a transformer ─ five customers C<f>-0..4 (``ami`` by customer)."""
    rows = [("S", "", "source")]
    for f in range(FUSES):
        rows += [(f"F{f}", "S", "fuse"), (f"T{f}", f"F{f}", "transformer")]
        rows += [(f"C{f}-{i}", f"T{f}", "customer") for i in range(HOUSES)]
    meters = iter(ami)
    return Network.from_rows(rows, ami=[next(meters) if k == "customer" else -1 for *_, k in rows])


CUSTOMERS = [f"C{f}-{i}" for f in range(FUSES) for i in range(HOUSES)]
# Each customer sends at most one message: (minute, kind) or nothing.
ONE_SIGN = st.one_of(
    st.none(),
    st.tuples(st.integers(1, 120), st.sampled_from(["call", "ami_off", "ami_on", "call_on"])),
)
STREAMS = st.tuples(
    st.lists(st.sampled_from([0, 1]), min_size=len(CUSTOMERS), max_size=len(CUSTOMERS)),
    st.lists(ONE_SIGN, min_size=len(CUSTOMERS), max_size=len(CUSTOMERS)),
    st.integers(1, 8),
)


def fed(ami: list[int], signs: list[tuple[int, str] | None]) -> OutageInference:
    engine = OutageInference(village(ami))
    events = sorted(
        (minute * MINUTE, kind, customer)
        for customer, sign in zip(CUSTOMERS, signs, strict=True)
        if sign is not None
        for minute, kind in [sign]
    )
    for t, kind, customer in events:
        engine.ingest(t, kind, customer)
    return engine


@settings(max_examples=120, deadline=None)
@given(STREAMS)
def test_pings_are_bounded_deterministic_reporting_meters_not_heard_since_the_first_sign(
    stream: tuple[list[int], list[tuple[int, str] | None], int],
) -> None:
    ami, signs, most = stream
    now = 130 * MINUTE
    asked = fed(ami, signs).pings(now, most)
    assert len(asked) <= most
    assert asked == fed(ami, signs).pings(now, most)  # the same stream, the same pings
    assert len({r.customer for r in asked}) == len(asked)
    network = village(ami)
    sent = dict(zip(CUSTOMERS, signs, strict=True))
    for request in asked:
        element, device = network.index[request.customer], network.index[request.device]
        heard = sent[request.customer]
        # A reporting meter: by the network, or having sent a message.
        assert network.ami[element] == 1 or (heard is not None and heard[1].startswith("ami"))
        assert network.is_below(element, device)
        below = [c for c in CUSTOMERS if network.is_below(network.index[c], device)]
        first_sign = min(
            (s[0] for c in below if (s := sent[c]) is not None and s[1] in ("call", "ami_off")),
            default=None,
        )
        if first_sign is not None and heard is not None and heard[1] in ("ami_on", "ami_off"):
            assert heard[0] < first_sign  # never heard from since the device's first sign


@settings(max_examples=60, deadline=None)
@given(STREAMS)
def test_a_meter_is_asked_about_once(
    stream: tuple[list[int], list[tuple[int, str] | None], int],
) -> None:
    ami, signs, most = stream
    engine = fed(ami, signs)
    first = {r.customer for r in engine.pings(130 * MINUTE, most)}
    again = {r.customer for r in engine.pings(140 * MINUTE, most)}
    assert not first & again


def test_no_pings_asked_changes_nothing_and_none_asked_for_nothing() -> None:
    engine = fed([1] * len(CUSTOMERS), [None] * len(CUSTOMERS))
    assert engine.pings(600.0, 10) == []
    assert engine.pings(600.0, 0) == []


def small_fuse() -> Network:
    """S ─ F ─ T ─ C0 (no meter), C1, C2 (meters that report)."""
    rows = [("S", "", "source"), ("F", "S", "fuse"), ("T", "F", "transformer")]
    rows += [(f"C{i}", "T", "customer") for i in range(3)]
    return Network.from_rows(rows, ami=[-1, -1, -1, 0, 1, 1])


def test_an_answer_beside_the_caller_clears_the_fuse_and_silence_names_it() -> None:
    silent = OutageInference(small_fuse())
    silent.ingest(600.0, "call", "C0")
    assert [(r.customer, r.device) for r in silent.pings(1200.0, 2)] == [("C1", "F"), ("C2", "F")]
    assert [o.device for o in silent.picture(1800.0).outages] == ["F"]
    answered = OutageInference(small_fuse())
    answered.ingest(600.0, "call", "C0")
    answered.pings(1200.0, 2)
    answered.ingest(1230.0, "ami_on", "C1")
    assert [o.device for o in answered.picture(1800.0).outages] == ["C0"]
    # The answer counts for good: not only while a report of power being on is fresh.
    assert "F" not in [o.device for o in answered.picture(3 * 3600.0).outages]


def test_a_callers_meter_answering_says_the_call_was_about_nothing_and_teaches_nothing() -> None:
    engine = OutageInference(small_fuse())
    engine.ingest(600.0, "call", "C1")  # the caller's own meter reports
    assert [r.customer for r in engine.pings(900.0, 1)] == ["C1"]
    lone = engine.rates.lone
    before = (lone.own_share, lone.said_on_share)
    engine.ingest(930.0, "ami_on", "C1")
    assert engine.picture(1200.0).outages == []
    assert (lone.own_share, lone.said_on_share) == before


def test_the_head_end_answers_only_from_meters_with_power() -> None:
    network = small_fuse()
    supply = Supply(outages={network.index["F"]: [(500.0, 4000.0)]}, delivery=1.0)
    asked = {900.0: ["C1"], 4500.0: ["C2", "C0"]}
    loop = PingLoop(network, supply, lambda t: asked.get(t, []), every=900.0, seed=3)
    events = [{"t": 600.0, "type": "call", "customer": "C0"}]
    events.append({"t": 6000.0, "type": "checkpoint", "id": "cp-1"})
    out = list(loop.run(events))
    assert [e["t"] for e in out] == sorted(e["t"] for e in out)
    answers = [e["customer"] for e in out if e["type"] == "ami_on"]
    assert answers == ["C2"]  # C1 was dark, C0 has no meter that reports
    assert (loop.sent, loop.answered) == (3, 1)
