"""``bench/false_signs.py`` (round 45): the age of a named device's off-signals against the last
time power came back above it, and the cause of each sign under a device named falsely."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.false_signs import age, cause
from powerdesk.engine.inference.evidence import INF
from powerdesk.engine.model.network import Network

times = st.lists(st.floats(min_value=0.0, max_value=20000.0), max_size=8)


@given(times, st.floats(min_value=0.0, max_value=20000.0))
@settings(max_examples=100, deadline=None)
def test_the_age_says_which_side_of_the_restore_the_signs_are(
    signs: list[float], epoch: float
) -> None:
    got = age(signs, epoch)
    if not signs:
        assert got == "no off-signal"
    elif all(t < epoch for t in signs):
        assert got == "old only"
    elif all(t >= epoch for t in signs):
        assert got == "fresh only"
    else:
        assert got == "old and fresh"
    assert age(signs, -INF) == ("no off-signal" if not signs else "no restore above")


def test_each_sign_gets_the_first_cause_that_holds() -> None:
    """S ─ R ─ F ─ T ─ C (and C2 below F directly): the customer's own fault first, then F
    itself, then a device between F and the customer, then one above F, then nothing."""
    net = Network.from_rows(
        [
            ("S", "", "source"),
            ("R", "S", "recloser"),
            ("F", "R", "fuse"),
            ("T", "F", "transformer"),
            ("C", "T", "customer"),
            ("C2", "F", "customer"),
        ]
    )
    i = net.index
    spans = {
        i["C"]: [(0.0, 100.0)],
        i["F"]: [(50.0, 200.0)],
        i["T"]: [(150.0, 300.0)],
        i["R"]: [(250.0, 400.0)],
    }
    got = [cause(net, spans, i["F"], i["C"], t) for t in (60.0, 160.0, 260.0, 350.0, 500.0)]
    assert got == [
        "own fault",
        "device itself open then",
        "below it open",
        "above it open",
        "no outage",
    ]
    assert cause(net, spans, i["F"], i["C2"], 260.0) == "above it open"  # (T is not above C2)


def test_a_signs_meter_is_none_live_or_not_known_live() -> None:
    """Round 46's column: a caller's meter whose latest message said power is on since the
    last restore above (or that sent nothing, with no restore above) is live; one whose
    latest message was a last gasp, or silent since a restore above, is not known live."""
    from bench.false_signs import meter_of
    from powerdesk.engine.inference.engine import OutageInference

    net = Network.from_rows(
        [("S", "", "source"), ("T", "S", "transformer")]
        + [(f"C{i}", "T", "customer") for i in range(5)],
        ami=[-1, -1, 0, 1, 1, 1, 1],
    )
    engine = OutageInference(net)
    engine.ingest(60.0, "call", "C0")
    engine.picture(120.0)
    last = {2: (False, 60.0)}  # C2's last gasp
    assert [meter_of(engine, n, last) for n in range(3)] == [
        "no meter",
        "live meter",
        "meter not known live",
    ]
    engine.ingest(600.0, "restore", "T")  # power back above: C3 said so, C4 did not
    engine.picture(700.0)
    last = {3: (True, 660.0)}
    assert [meter_of(engine, n, last) for n in (3, 4)] == ["live meter", "meter not known live"]
