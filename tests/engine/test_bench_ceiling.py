"""``bench/ceiling.py``: the oracle that names exactly the truly open outages with a sign of
their own; its sign of a call goes to the top-most outage open over the caller at the time."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.ceiling import Outages, f1, first_signs
from powerdesk.engine.network import Network
from powerdesk.engine.simulation.storm import Interval


def line() -> Network:
    """S ─ R ─ F ─ T ─ C0..C2 and R ─ G ─ D0, D1 (pre-order: S R F T C0 C1 C2 G D0 D1)."""
    rows = [
        ("S", "", "source"),
        ("R", "S", "recloser"),
        ("F", "R", "fuse"),
        ("T", "F", "transformer"),
    ]
    rows += [(f"C{i}", "T", "customer") for i in range(3)]
    rows += [("G", "R", "fuse"), ("D0", "G", "customer"), ("D1", "G", "customer")]
    return Network.from_rows(rows, ami=[-1, -1, -1, -1, 1, 0, 1, -1, 1, 0])


intervals = st.lists(
    st.tuples(st.integers(0, 9), st.floats(0.0, 100.0), st.floats(0.1, 100.0)),
    max_size=6,
)


@settings(max_examples=200, deadline=None)
@given(intervals, st.integers(0, 9), st.floats(0.0, 200.0))
def test_a_sign_goes_to_the_top_most_outage_open_over_it(
    raw: list[tuple[int, float, float]], element: int, t: float
) -> None:
    net = line()
    outs = [Interval(e, s, s + d) for e, s, d in raw]
    o = Outages.of(net, outs)
    top = o.top_open(element, t)
    covering = [
        p
        for p, i in enumerate(outs)
        if i.element <= element < int(net.end[i.element]) and i.start <= t < i.end
    ]
    if not covering:
        assert top == -1
    else:
        assert top in covering
        assert outs[top].element == min(outs[p].element for p in covering)


def test_a_call_under_an_open_breaker_is_the_breaker_s_and_the_silence_after_is_the_fuse_s() -> (
    None
):
    net = line()
    index = net.index
    # F blew at 10; R tripped at 20 and came back at 100; F is still out.
    o = Outages.of(net, [Interval(index["F"], 10.0, 500.0), Interval(index["R"], 20.0, 100.0)])
    events = [
        {"type": "call", "customer": "C1", "t": 50.0},  # while R was out: R's
        {"type": "call", "customer": "D0", "t": 60.0},  # R's
    ]
    signs = first_signs(net, events, o, grace=600.0)
    assert signs["calls"] == {1: 50.0}
    assert signs["silence"] == {1: 50.0, 0: 700.0}  # C0 and C2 report; they stayed dark
    early = first_signs(net, [{"type": "call", "customer": "C1", "t": 15.0}, *events], o, 600.0)
    assert early["calls"] == {0: 15.0, 1: 50.0}  # before R tripped: F's own
    confirmed = first_signs(net, [{"type": "confirm_open", "device": "F", "t": 300.0}], o, 0.0)
    assert confirmed["calls"] == confirmed["two"] == {0: 300.0}


@given(st.integers(0, 1000), st.integers(0, 1000))
def test_the_oracle_s_f1_is_at_most_one_and_grows_with_what_it_finds(a: int, b: int) -> None:
    found, truth = min(a, b), max(a, b)
    assert 0.0 <= f1(found, truth) <= 1.0
    if found < truth:
        assert f1(found, truth) < f1(found + 1, truth)


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50)), min_size=6, max_size=6))
def test_telling_single_signs_apart_by_age_never_does_worse_than_naming_two_signs_only(
    bands: list[tuple[int, int]],
) -> None:
    from collections import Counter

    from bench.ceiling import AGES, told_by_age

    names = [str(int(e // 60)) for e in AGES] + ["more"]
    counts: Counter[str] = Counter({"two": 40})
    for name, (true, stray) in zip(names, bands, strict=True):
        counts[f"single true {name}"] = true
        counts[f"single stray {name}"] = stray
    counts["truth"] = 45 + sum(true for true, _ in bands)  # (5 with no sign of their own)
    score, chosen = told_by_age(counts)
    assert f1(40, counts["truth"]) <= score <= f1(counts["truth"] - 5, counts["truth"])
    assert set(chosen) <= set(names)
    # A band with no stray sign is always worth naming.
    for name, (true, stray) in zip(names, bands, strict=True):
        if true and not stray:
            assert name in chosen
