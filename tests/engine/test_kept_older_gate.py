"""The restore's dating by last gasps, gated by evidence (``Params.kept_older_signs``,
``kept_older_most``, ``kept_older_lead_minutes``; ``older_signs.gate_older``): a sign older
than the restored outage stands only where a small device below holds enough of them (a fuse
out before the trip, with signs of its own), or as a last gasp well older than the outage; a
lone older sign (likelier a customer's own fault or a wrong account) goes stale with the rest."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.inference.evidence import AMI_OFF, CALL
from powerdesk.engine.inference.older_signs import gate_older
from powerdesk.engine.model.params import Params
from tests.engine.test_restore_keeps_older import HOUR, MINUTE, recloser_and_fuses

FUSES = 4
SIZE = 4  # customers a fuse


def _state(signs: int, lead: float, most: int, kinds: list[bool]) -> OutageInference:
    params = replace(
        Params(),
        restore_keeps_older=1.0,
        kept_older_signs=signs,
        kept_older_lead_minutes=lead,
        kept_older_most=most,
    )
    engine = OutageInference(recloser_and_fuses(FUSES), params)
    for number, gasp in enumerate(kinds):
        fuse, i = divmod(number, SIZE)
        engine.ingest(60.0 * (number + 1), "ami_off" if gasp else "call", f"C{fuse}-{i}")
    engine.picture(HOUR)  # (events are taken in)
    return engine


older_signs = st.dictionaries(
    st.integers(min_value=0, max_value=FUSES * SIZE - 1),
    st.floats(min_value=0.0, max_value=HOUR, allow_nan=False),
    max_size=FUSES * SIZE,
)


@settings(max_examples=40, deadline=None)
@given(
    older=older_signs,
    signs=st.integers(min_value=1, max_value=4),
    lead=st.sampled_from([float("inf"), 10.0, 30.0, 120.0]),
    most=st.sampled_from([2, 4, 20, 100]),
    gasps=st.lists(st.booleans(), min_size=FUSES * SIZE, max_size=FUSES * SIZE),
)
def test_the_gate_keeps_what_the_evidence_allows_and_stales_the_rest(
    older: dict[int, float], signs: int, lead: float, most: int, gasps: list[bool]
) -> None:
    engine = _state(signs, lead, most, gasps)
    state = engine._st
    recloser = engine.network.index["R"]
    opened = 2 * HOUR
    kept, dropped = gate_older(state, recloser, opened, dict(older))
    # A partition of the older signs.
    assert set(kept) | set(dropped) == set(older)
    assert not set(kept) & set(dropped)
    assert all(kept[n] == older[n] for n in kept)
    if signs <= 1:  # the round-23 switch: every older sign stands
        assert kept == older and not dropped
        return
    per_fuse = [sum(1 for n in older if n // SIZE == f) for f in range(FUSES)]
    lead_before = opened + state.older - lead * MINUTE
    for number in older:
        category = state.evidence.category[number]
        alone = category == AMI_OFF and older[number] < lead_before
        enough = most >= SIZE and per_fuse[number // SIZE] >= signs
        assert (number in kept) == (alone or enough)
    # A stricter gate never keeps more.
    stricter = replace(state.params, kept_older_signs=signs + 1)
    state.params = stricter
    tighter, _ = gate_older(state, recloser, opened, dict(older))
    assert set(tighter) <= set(kept)


@settings(max_examples=10, deadline=None)
@given(fuse=st.integers(min_value=0, max_value=FUSES - 1), i=st.integers(0, SIZE - 1))
def test_a_lone_older_call_is_never_kept_with_a_gate_of_two(fuse: int, i: int) -> None:
    engine = _state(2, float("inf"), 20, [False] * (FUSES * SIZE))
    number = fuse * SIZE + i
    assert engine._st.evidence.category[number] == CALL
    kept, dropped = gate_older(engine._st, engine.network.index["R"], 2 * HOUR, {number: 60.0})
    assert kept == {} and dropped == [number]


def _nested(signs: int | None, own: int) -> OutageInference:
    """F0 (four customers) blows and ``own`` of its meters send last gasps; an hour later the
    recloser trips and the other lanes' meters do; the crew closes the recloser an hour after
    that (no SCADA opening known) and the other lanes' meters say power is back. ``signs``
    None: the engine's default parameters."""
    params = Params()
    if signs is not None:
        params = replace(params, restore_keeps_older=1.0, kept_older_signs=signs)
    engine = OutageInference(recloser_and_fuses(5), params)
    for i in range(own):
        engine.ingest(2 * MINUTE + 5.0 * i, "ami_off", f"C0-{i}")
    for f in range(1, 5):
        engine.ingest(HOUR + 3 * MINUTE * f, "ami_off", f"C{f}-1")
        engine.ingest(HOUR + 3 * MINUTE * f + 5.0, "ami_off", f"C{f}-3")
    engine.ingest(2 * HOUR, "restore", "R")
    for f in range(1, 5):
        for i in range(4):
            engine.ingest(2 * HOUR + 30.0 + 10.0 * f + i, "ami_on", f"C{f}-{i}")
    return engine


def test_a_fuse_with_two_signs_of_its_own_keeps_them_through_the_gate() -> None:
    engine = _nested(2, own=2)
    assert engine.explain("F0", 2 * HOUR + 30 * MINUTE)["meter_off"] == 2
    assert [o.device for o in engine.picture(2 * HOUR + 30 * MINUTE).outages] == ["F0"]


def test_a_single_older_sign_goes_stale_through_the_gate_and_stands_without_it() -> None:
    gated = _nested(2, own=1)
    assert gated.explain("F0", 2 * HOUR + 30 * MINUTE)["meter_off"] == 0
    ungated = _nested(1, own=1)
    assert ungated.explain("F0", 2 * HOUR + 30 * MINUTE)["meter_off"] == 1


def test_the_gate_is_on_by_default() -> None:
    # Round 26 turned round 24's gate on: with the default parameters a fuse out before the
    # recloser tripped, with two last gasps of its own, is still named after the recloser's
    # restore (switched off, the restore makes its signs stale and nothing is named), and a
    # fuse with a single older last gasp has it made stale.
    kept = _nested(None, own=2)
    assert kept.explain("F0", 2 * HOUR + 30 * MINUTE)["meter_off"] == 2
    assert [o.device for o in kept.picture(2 * HOUR + 30 * MINUTE).outages] == ["F0"]
    lone = _nested(None, own=1)
    assert lone.explain("F0", 2 * HOUR + 30 * MINUTE)["meter_off"] == 0
    assert "F0" not in [o.device for o in lone.picture(2 * HOUR + 30 * MINUTE).outages]


def _nested_lead(lead: float) -> OutageInference:
    """As ``_nested`` with two last gasps of F0's own, but F0's lead only six minutes before
    the recloser's outage (its branches' first last gasps at 3-12 minutes past the hour)."""
    engine = OutageInference(
        recloser_and_fuses(5), replace(Params(), restore_gasp_lead_minutes=lead)
    )
    engine.ingest(HOUR, "ami_off", "C0-0")
    engine.ingest(HOUR + 5.0, "ami_off", "C0-2")
    for f in range(1, 5):
        engine.ingest(HOUR + 3 * MINUTE * f, "ami_off", f"C{f}-1")
        engine.ingest(HOUR + 3 * MINUTE * f + 5.0, "ami_off", f"C{f}-3")
    engine.ingest(2 * HOUR, "restore", "R")
    for f in range(1, 5):
        for i in range(4):
            engine.ingest(2 * HOUR + 30.0 + 10.0 * f + i, "ami_on", f"C{f}-{i}")
    return engine


def test_a_shorter_lead_for_last_gasps_keeps_a_fuse_six_minutes_ahead() -> None:
    # Round 26's idea, off by default: the restored outage dated by last gasps with a lead of
    # its own (three minutes) keeps F0's two last gasps; the calls' ten minutes do not.
    later = 2 * HOUR + 30 * MINUTE
    assert _nested_lead(3.0).explain("F0", later)["meter_off"] == 2
    assert [o.device for o in _nested_lead(3.0).picture(later).outages] == ["F0"]
    assert _nested_lead(0.0).explain("F0", later)["meter_off"] == 0
