"""A restore with no SCADA opening known dates its outage from its branches' last gasps (the
lower median of when each branch's last gasps began, as the picture dates an outage), and leaves
standing the signs below that are well older than that: a fuse that blew before the recloser
above it tripped keeps its own signs when the crew closes the recloser
(``Params.restore_keeps_older``). Calls, which come minutes to an hour after power goes, date
nothing."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.inference.older_signs import older_than_outage
from powerdesk.engine.model.params import Params
from powerdesk.engine.network import Network

MINUTE = 60.0
HOUR = 3600.0
LEAD = Params().branch_lead_minutes * MINUTE


def recloser_and_fuses(fuses: int) -> Network:
    """S ─ R ─ F0..F<n-1>, each fuse with four customers C<f>-0..3, every meter reporting."""
    rows = [("S", "", "source"), ("R", "S", "recloser")]
    for f in range(fuses):
        rows.append((f"F{f}", "R", "fuse"))
        rows += [(f"C{f}-{i}", f"F{f}", "customer") for i in range(4)]
    return Network.from_rows(rows, ami=[1 if r[2] == "customer" else -1 for r in rows])


def engine_with(fuses: int, keeps: float) -> OutageInference:
    return OutageInference(recloser_and_fuses(fuses), replace(Params(), restore_keeps_older=keeps))


@settings(max_examples=60, deadline=None)
@given(
    starts=st.lists(
        st.floats(min_value=0.0, max_value=4 * HOUR, allow_nan=False), min_size=1, max_size=8
    )
)
def test_only_branches_well_before_the_outage_are_older(starts: list[float]) -> None:
    # Each fuse's first last gasp at its start (and a call later); the recloser restored after
    # the last of them. What is kept is older than the outage by the lead, only branches that
    # began before it have signs there, and at least half of the branches began after it (the
    # median dates the outage).
    engine = engine_with(len(starts), 1.0)
    for f, t in enumerate(starts):
        engine.ingest(t, "ami_off", f"C{f}-0")
        engine.ingest(t + 5 * MINUTE, "ami_off", f"C{f}-1")
        engine.ingest(t - 20 * MINUTE, "call", f"C{f}-2")  # (a call dates nothing)
    restored = max(starts) + HOUR
    engine.picture(restored - 1.0)  # (events are taken in)
    cut = older_than_outage(engine._st, engine.network.index["R"], restored)
    ordered = sorted(starts)
    if len(starts) < 3:
        assert cut == float("-inf")
        return
    onset = ordered[(len(ordered) - 1) // 2]
    if ordered[0] < onset - LEAD:
        assert cut == onset - LEAD
        assert sum(1 for t in starts if t >= onset) >= (len(starts) + 1) // 2
    else:
        assert cut == float("-inf")


def _nested(keeps: float) -> OutageInference:
    """F0's meters send last gasps; an hour later the recloser locks out and the other lanes'
    meters do; the crew closes the recloser an hour after that, and F0 stays open with no new
    sign, its meters silent (the other lanes' say power is back)."""
    engine = engine_with(5, keeps)
    engine.ingest(2 * MINUTE, "ami_off", "C0-0")
    engine.ingest(2 * MINUTE + 5.0, "ami_off", "C0-2")
    for f in range(1, 5):
        engine.ingest(HOUR + 3 * MINUTE * f, "ami_off", f"C{f}-1")
        engine.ingest(HOUR + 3 * MINUTE * f + 5.0, "ami_off", f"C{f}-3")
    engine.ingest(2 * HOUR, "restore", "R")
    for f in range(1, 5):
        for i in range(4):
            engine.ingest(2 * HOUR + 30.0 + 10.0 * f + i, "ami_on", f"C{f}-{i}")
    return engine


def test_a_fuse_out_before_the_recloser_keeps_its_calls_after_the_recloser_is_closed() -> None:
    kept = _nested(1.0)
    assert kept.explain("F0", 2 * HOUR + 30 * MINUTE)["meter_off"] == 2
    assert [o.device for o in kept.picture(2 * HOUR + 30 * MINUTE).outages] == ["F0"]
    # Before (the switch off): the restore answered them, and nothing is left to name.
    cleared = _nested(0.0)
    assert cleared.explain("F0", 2 * HOUR + 30 * MINUTE)["meter_off"] == 0


def test_a_meter_of_the_lane_saying_power_is_back_answers_the_signs_kept() -> None:
    engine = _nested(1.0)
    engine.ingest(2 * HOUR + 5 * MINUTE, "ami_on", "C0-3")
    assert engine.explain("F0", 2 * HOUR + 30 * MINUTE)["meter_off"] == 0
    assert "F0" not in [o.device for o in engine.picture(2 * HOUR + 30 * MINUTE).outages]


def test_signs_that_began_together_are_all_answered_by_the_restore() -> None:
    # Last gasps within minutes of each other; and calls, however much earlier, date nothing.
    engine = engine_with(5, 1.0)
    engine.ingest(10 * MINUTE, "call", "C0-0")
    for f in range(5):
        engine.ingest(HOUR + 2 * MINUTE * f, "ami_off", f"C{f}-1")
    engine.ingest(2 * HOUR, "restore", "R")
    for f in range(5):
        explained = engine.explain(f"F{f}", 2 * HOUR + 30 * MINUTE)
        assert explained["meter_off"] == explained["calls"] == 0
