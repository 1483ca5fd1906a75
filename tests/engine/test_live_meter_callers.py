"""A caller whose meter reports, known to have had power, and sent no last gasp
(``Params.live_meter_callers``, ``inference/live_callers.py``): out with the device above or
with their own fault, the meter would have sent one as often as the storm's meters deliver."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.inference import OutageInference
from powerdesk.engine.inference.scoring import customer_score, device_score, tally_below
from powerdesk.engine.model.params import Params
from powerdesk.engine.network import Network

MINUTE = 60.0
HOUR = 3600.0


def two_lanes(metered: list[bool], other: int = 6) -> Network:
    """S ─ R ─┬─ F0 ─ T0 ─ C0-0.. (``metered`` says whose meter reports)
    └─ F1 ─ T1 ─ C1-0..C1-<other> (every meter reporting)"""
    rows = [("S", "", "source"), ("R", "S", "recloser")]
    ami = [-1, -1]
    rows += [("F0", "R", "fuse"), ("T0", "F0", "transformer")]
    ami += [-1, -1]
    for i, m in enumerate(metered):
        rows.append((f"C0-{i}", "T0", "customer"))
        ami.append(1 if m else 0)
    rows += [("F1", "R", "fuse"), ("T1", "F1", "transformer")]
    ami += [-1, -1]
    for i in range(other):
        rows.append((f"C1-{i}", "T1", "customer"))
        ami.append(1)
    return Network.from_rows(rows, ami=ami)


def engine(net: Network, switch: int) -> OutageInference:
    return OutageInference(net, Params(live_meter_callers=switch))


@settings(max_examples=40, deadline=None)
@given(
    metered=st.lists(st.booleans(), min_size=2, max_size=12),
    caller=st.integers(0, 11),
    minutes=st.floats(5.0, 120.0),
)
def test_a_live_callers_silent_meter_counts_as_one_more_silent_meter(
    metered: list[bool], caller: int, minutes: float
) -> None:
    caller %= len(metered)
    net = two_lanes(metered)
    scores = {}
    for switch in (0, 1):
        e = engine(net, switch)
        e.ingest(600.0, "call", f"C0-{caller}")
        now = 600.0 + minutes * MINUTE
        e.picture(now)
        t0 = net.index["T0"]
        tally = tally_below(e._st, t0)
        assert tally.live_callers == (int(metered[caller]) if switch else 0)
        scores[switch] = device_score(e._st, t0, now)
    p = Params()
    silent = sum(metered) - int(metered[caller])  # the other meters below, silent
    expected = 0.0
    if metered[caller]:
        expected = p.meter_pattern_llr(0, silent + 1) - p.meter_pattern_llr(0, silent)
    assert abs((scores[1] - scores[0]) - expected) < 1e-9
    assert scores[1] <= scores[0]


@settings(max_examples=25, deadline=None)
@given(power_on_after=st.booleans(), gasp_first=st.booleans())
def test_a_meter_not_known_to_have_power_says_nothing(
    power_on_after: bool, gasp_first: bool
) -> None:
    # C0-0's meter went off with R (a last gasp, or its last gasp lost); R is restored. Unless
    # the meter said power is back since, it is not known to have power when C0-0 calls: its
    # silence says nothing.
    net = two_lanes([True, True, True])
    e = engine(net, 1)
    if gasp_first:
        e.ingest(60.0, "ami_off", "C0-0")
    for i in range(6):
        e.ingest(60.0, "ami_off", f"C1-{i}")
    e.ingest(HOUR, "restore", "R")
    if power_on_after:
        e.ingest(HOUR + MINUTE, "ami_on", "C0-0")
    e.ingest(2 * HOUR, "call", "C0-0")
    e.picture(2 * HOUR + 10 * MINUTE)
    assert tally_below(e._st, net.index["T0"]).live_callers == int(power_on_after)


def test_a_last_gasp_or_a_report_of_power_ends_it() -> None:
    net = two_lanes([True, True])
    for last in ("ami_off", "ami_on", "call_on", "restore"):
        e = engine(net, 1)
        e.ingest(600.0, "call", "C0-0")
        e.picture(900.0)
        assert tally_below(e._st, net.index["T0"]).live_callers == 1
        target = "T0" if last == "restore" else "C0-0"
        e.ingest(1200.0, last, target)
        e.picture(1500.0)
        assert tally_below(e._st, net.index["T0"]).live_callers == 0, last


def _own_term(gasps: int, meters: int = 6) -> float:
    """What a live caller's silent meter takes off their own fault, after one restored
    outage of F1 whose ``gasps`` of ``meters`` meters sent a last gasp."""
    net = two_lanes([True, True], other=meters)
    terms = []
    for switch in (1, 2):
        e = engine(net, switch)
        for i in range(gasps):
            e.ingest(60.0, "ami_off", f"C1-{i}")
        for i in range(meters):
            e.ingest(300.0 + i, "call", f"C1-{i}")
        e.ingest(HOUR, "restore", "F1")
        e.ingest(2 * HOUR, "call", "C0-0")
        e.picture(2 * HOUR + 10 * MINUTE)
        terms.append(customer_score(e._st, e._st.customer_number[net.index["C0-0"]], 2 * HOUR))
    return terms[1] - terms[0]


@settings(max_examples=15, deadline=None)
@given(a=st.integers(0, 6), b=st.integers(0, 6))
def test_the_term_follows_the_storms_learnt_delivery(a: int, b: int) -> None:
    # The more of the storm's meters delivered their last gasp, the more a live caller's
    # silent meter says against their own fault (empirical Bayes: the prior's share 0.5,
    # moved by each restored outage's share).
    low, high = sorted((a, b))
    assert _own_term(high) <= _own_term(low) + 1e-12 <= 1e-12


def test_a_wrong_account_call_on_a_live_meter_is_not_named_where_meters_deliver() -> None:
    # Two restored outages showed every meter delivering; then one call, on the one household
    # of a three-customer fuse whose meter reports, known live, that sent no last gasp: before,
    # the fuse was named on that call; now the household's own fault, or (its own fault
    # weighed too) a call about nothing (a wrong account).
    rows = [("S", "", "source"), ("R", "S", "recloser")]
    ami = [-1, -1]
    for lane in range(3):
        rows += [(f"F{lane}", "R", "fuse"), (f"T{lane}", f"F{lane}", "transformer")]
        ami += [-1, -1]
        size = 3 if lane == 0 else 8
        rows += [(f"C{lane}-{i}", f"T{lane}", "customer") for i in range(size)]
        ami += [1, 0, 0] if lane == 0 else [1] * size
    net = Network.from_rows(rows, ami=ami)
    named = {}
    for switch in (0, 1, 2):
        e = engine(net, switch)
        for lane, start in ((1, 60.0), (2, 2 * HOUR)):
            for i in range(8):
                e.ingest(start + i, "ami_off", f"C{lane}-{i}")
            for i in range(3):
                e.ingest(start + (10 + 5 * i) * MINUTE, "call", f"C{lane}-{i}")
            e.ingest(start + HOUR, "restore", f"F{lane}")
        e.ingest(5 * HOUR, "call", "C0-0")
        named[switch] = {o.device for o in e.picture(5 * HOUR + 20 * MINUTE).outages}
    assert named == {0: {"F0"}, 1: {"C0-0"}, 2: set()}
