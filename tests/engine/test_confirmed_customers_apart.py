"""A customer a crew reported out on its own (``confirm_open`` of the customer) is out whichever
way, so with ``Params.confirmed_customers_apart`` its call or last gasp is left out of the
evidence of every device above it (``scoring.customer_tally``, ``open_score``'s ``apart``):
without it, the device above counted that sign as its own evidence while its closed alternative
weighed the confirmed customer with no sign at all, and a crew confirming a customer's own fault
named the fuse above it."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.inference.scoring import customer_tally, tally_below
from powerdesk.engine.inference.solution import Tally
from powerdesk.engine.model.network import Network
from powerdesk.engine.model.params import Params
from tests.engine.test_restore_keeps_older import recloser_and_fuses

SIZE = 6  # customers below the fuse
OTHERS = 20  # customers on the recloser's own line
KINDS = ["call", "ami_off", "ami_on", "call_on"]


def _network(metered: list[bool]) -> Network:
    rows = [("S", "", "source"), ("R", "S", "recloser"), ("F", "R", "fuse")]
    rows += [(f"C{i}", "F", "customer") for i in range(SIZE)]
    rows += [(f"D{i}", "R", "customer") for i in range(OTHERS)]
    ami = [-1, -1, -1] + [1 if m else 0 for m in metered] + [0] * OTHERS
    return Network.from_rows(rows, ami=ami)


def _engine(apart: float, metered: list[bool]) -> OutageInference:
    return OutageInference(_network(metered), replace(Params(), confirmed_customers_apart=apart))


def _named(engine: OutageInference, now: float) -> set[str]:
    return {o.device for o in engine.picture(now).outages}


@settings(max_examples=60, deadline=None)
@given(
    metered=st.lists(st.booleans(), min_size=SIZE, max_size=SIZE),
    signs=st.dictionaries(
        st.integers(min_value=0, max_value=SIZE - 1), st.sampled_from(KINDS), max_size=SIZE
    ),
    watched=st.sampled_from([None, 120.0, 3600.0]),
)
def test_the_customers_tallies_add_up_to_the_device_s(
    metered: list[bool], signs: dict[int, str], watched: float | None
) -> None:
    # Every category a customer can be in (a sign, a report of power on; with the recloser
    # restored, signs made stale and meters silent in the watch after it or unheard by its end).
    engine = _engine(1.0, metered)
    for i, (number, kind) in enumerate(sorted(signs.items())):
        engine.ingest(60.0 * (i + 1), kind, f"C{number}")
    now = 3600.0
    if watched is not None:
        engine.ingest(now, "restore", "R")
        now += watched
    engine.picture(now)  # (events are taken in)
    state = engine._st
    index = engine.network.index
    total = tally_below(state, index["F"])
    for i in range(SIZE):
        total = total.without(customer_tally(state, index[f"C{i}"]))
    assert total == Tally(*([0] * len(total.__dataclass_fields__)))


@settings(max_examples=20, deadline=None)
@given(metered=st.booleans(), kind=st.sampled_from(["call", "ami_off"]))
def test_a_confirmed_customer_s_own_sign_does_not_name_the_fuse_above(
    metered: bool, kind: str
) -> None:
    # One sign under a small fuse names the fuse (or the customer); once a crew finds the
    # customer out on its own, the fuse has no evidence left and is not named.
    for apart in (0.0, 1.0):
        engine = _engine(apart, [metered] + [False] * (SIZE - 1))
        engine.ingest(600.0, kind, "C0")
        engine.ingest(1800.0, "confirm_open", "C0")
        named = _named(engine, 2400.0)
        assert "C0" in named
        if apart:
            assert "F" not in named


def test_without_the_switch_the_confirmation_names_the_fuse() -> None:
    # (The behaviour the switch changes: the fuse above is named on the confirmed customer's
    # own last gasp.)
    engine = _engine(0.0, [True] + [False] * (SIZE - 1))
    engine.ingest(600.0, "ami_off", "C0")
    engine.ingest(1800.0, "confirm_open", "C0")
    assert _named(engine, 2400.0) == {"F", "C0"}


def test_the_other_customers_signs_still_name_the_fuse() -> None:
    # Calls from three other customers of the fuse still name it with the switch on: only the
    # confirmed customer's sign is left out.
    engine = _engine(1.0, [False] * SIZE)
    engine.ingest(600.0, "call", "C0")
    for i in (1, 2, 3):
        engine.ingest(600.0 + 300.0 * i, "call", f"C{i}")
    engine.ingest(1800.0, "confirm_open", "C0")
    assert "F" in _named(engine, 2400.0)


def _recloser_confidence(apart: float) -> dict[str, float]:
    # S ─ R ─ F0..F3: C0-0 out on its own from t = 0 (found by a crew at 20 min); an hour later
    # the recloser trips, and F1..F3 send last gasps: F0's signs are older than R's outage.
    engine = OutageInference(
        recloser_and_fuses(4), replace(Params(), confirmed_customers_apart=apart)
    )
    engine.ingest(0.0, "ami_off", "C0-0")
    engine.ingest(300.0, "call", "C0-0")
    engine.ingest(1200.0, "confirm_open", "C0-0")
    for f in (1, 2, 3):
        for i in range(2):
            engine.ingest(3600.0 + 60.0 * i + f, "ami_off", f"C{f}-{i}")
    return {o.device: o.confidence for o in engine.picture(5400.0).outages}


def test_a_confirmed_customer_in_an_older_branch_is_taken_out_once() -> None:
    # Its branch keeps its own explanation and is out of the recloser's evidence already; the
    # switch must not take the customer out a second time (it had, and moved the recloser's
    # score, and on the project's 100,000-customer storm named the wrong devices).
    off, on = _recloser_confidence(0.0), _recloser_confidence(1.0)
    assert set(on) == {"R", "C0-0"}
    assert on["R"] == off["R"]
