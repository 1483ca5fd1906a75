"""A restore with no SCADA opening known, whose last gasps do not date its outage, dates it from
its branches' first signs, calls too (``Params.restore_call_lead_minutes``, round 44): the lower
median of when each branch's first call or last gasp came, less the lead; the signs below from
before that were about something else below (a fuse out before the recloser above it tripped),
and the gate (``kept_older_signs``) leaves those of a fuse with two of them standing. Off (0),
calls date nothing, as before."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.inference.evidence import CALL, STALE
from powerdesk.engine.inference.older_signs import older_than_outage
from powerdesk.engine.model.params import Params
from tests.engine.test_restore_keeps_older import HOUR, MINUTE, recloser_and_fuses

NEG = float("-inf")


def _engine(fuses: int, lead: float, two: bool = False) -> OutageInference:
    params = replace(
        Params(),
        restore_keeps_older=1.0,
        restore_call_lead_minutes=lead,
        restore_call_two_branches=float(two),
    )
    return OutageInference(recloser_and_fuses(fuses), params)


starts = st.lists(
    st.floats(min_value=0.0, max_value=4 * HOUR, allow_nan=False), min_size=1, max_size=8
)


@settings(max_examples=60, deadline=None)
@given(starts=starts, lead=st.sampled_from([10.0, 30.0, 60.0]), two=st.booleans())
def test_calls_date_the_outage_as_the_median_of_the_branches_first_calls(
    starts: list[float], lead: float, two: bool
) -> None:
    # Each fuse's customers 0 and 1 call at its start and 5 minutes later; no meter sends a
    # last gasp; the recloser restored an hour after the last call. With ``two``, two
    # branches date it by the later one's first call.
    engine = _engine(len(starts), lead, two)
    for f, t in enumerate(starts):
        engine.ingest(t, "call", f"C{f}-0")
        engine.ingest(t + 5 * MINUTE, "call", f"C{f}-1")
    restored = max(starts) + HOUR
    engine.picture(restored - 1.0)  # (events are taken in)
    state = engine._st
    cut = older_than_outage(state, engine.network.index["R"], restored)
    ordered = sorted(starts)
    if len(starts) < (2 if two else 3):
        assert cut == NEG  # too few branches to date anything
        return
    onset = ordered[1] if len(starts) == 2 else ordered[(len(ordered) - 1) // 2]
    if ordered[0] < onset - lead * MINUTE:
        assert cut == onset - lead * MINUTE
        # At least half of the branches began after the cut: the median dates the outage.
        assert sum(t >= cut for t in starts) * 2 >= len(starts)
    else:
        assert cut == NEG
    # Off, calls date nothing (the old behaviour).
    state.params = replace(state.params, restore_call_lead_minutes=0.0)
    assert older_than_outage(state, engine.network.index["R"], restored) == NEG
    # A longer lead never dates more signs as older.
    state.params = replace(state.params, restore_call_lead_minutes=lead * 2)
    longer = older_than_outage(state, engine.network.index["R"], restored)
    assert longer == NEG or (cut > NEG and longer <= cut)


@settings(max_examples=30, deadline=None)
@given(
    first=st.floats(min_value=0.0, max_value=HOUR, allow_nan=False),
    later=st.floats(min_value=3 * HOUR, max_value=4 * HOUR, allow_nan=False),
    two=st.booleans(),
)
def test_a_fuse_out_before_the_trip_keeps_its_calls_through_the_restore(
    first: float, later: float, two: bool
) -> None:
    # F0 blew first: one or two of its customers called. The recloser tripped hours later
    # (no SCADA, no last gasp): customers of F1..F3 called, and a crew closed the recloser.
    # Dated by the calls, F0's calls are older than the outage by far more than the lead:
    # they stand when there are two of them (the gate), or alone where calls' dating keeps
    # every older sign (``restore_call_kept_signs`` 1); the later calls are stale. With the
    # dating off every call is stale, whatever the gate.
    for lead, signs in ((30.0, 0), (30.0, 1), (0.0, 1)):
        engine = _engine(4, lead)
        engine._st.params = replace(engine._st.params, restore_call_kept_signs=signs)
        engine.ingest(first, "call", "C0-0")
        if two:
            engine.ingest(first + 5 * MINUTE, "call", "C0-1")
        for f in (1, 2, 3):
            engine.ingest(later + f * MINUTE, "call", f"C{f}-0")
        restored = later + HOUR
        engine.ingest(restored, "restore", "R")
        engine.picture(restored + 1.0)
        category = engine._st.evidence.category
        number = engine._st.customer_number
        index = engine.network.index
        f0 = [number[index[f"C0-{i}"]] for i in range(2 if two else 1)]
        others = [number[index[f"C{f}-0"]] for f in (1, 2, 3)]
        assert all(category[n] == STALE for n in others)
        kept = lead > 0 and (two or signs == 1)
        assert all((category[n] == CALL) == kept for n in f0)
