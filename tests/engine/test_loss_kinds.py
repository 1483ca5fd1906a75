"""``bench/loss_kinds.py`` sorts each lost outage into one kind, as the round-36 table reads it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.loss_kinds import levels, sort_losses
from powerdesk.engine.model.network import Network

# S ─ R ─ F1 ─ L (line section) ─ T ─ C1, C2
#        └ F2 ─ C3, C4
#   R ─ F3 ─ C5, C6
NET = Network.from_rows(
    [
        ("S", "", "source"),
        ("R", "S", "recloser"),
        ("F1", "R", "fuse"),
        ("L", "F1", "switch"),
        ("T", "L", "transformer"),
        ("C1", "T", "customer"),
        ("C2", "T", "customer"),
        ("F2", "R", "fuse"),
        ("C3", "F2", "customer"),
        ("C4", "F2", "customer"),
        ("F3", "R", "fuse"),
        ("C5", "F3", "customer"),
        ("C6", "F3", "customer"),
    ]
)
AT = NET.index


def kinds(truth: set[str], named: set[str]) -> list[tuple[str, str, str, int]]:
    found = sort_losses(NET, {AT[t] for t in truth}, {AT[n] for n in named})
    return [(side, kind, NET.ids[e], apart) for side, kind, e, apart in found]


def test_a_wrong_level_counts_protective_devices_only() -> None:
    # F1 and T serve the same customers (a twin): a line section between them is no level.
    assert levels(NET, AT["T"], AT["F1"]) == 1
    assert levels(NET, AT["T"], AT["R"]) == 2
    assert kinds({"R"}, {"F2"}) == [("false", "too low", "F2", 1), ("missed", "too low", "R", 1)]
    assert kinds({"F2"}, {"R"}) == [
        ("false", "too high", "R", 1),
        ("missed", "too high", "F2", 1),
    ]
    assert kinds({"F1"}, {"T"}) == [("false", "twin", "T", 0), ("missed", "twin", "F1", 0)]


def test_one_outage_named_as_two_is_split_and_two_named_as_one_are_merged() -> None:
    assert sorted(k for _, k, _, _ in kinds({"R"}, {"F2", "F3"})) == ["split"] * 3
    assert sorted(k for _, k, _, _ in kinds({"F2", "F3"}, {"R"})) == ["merged"] * 3
    assert kinds({"F2"}, {"F3"}) == [
        ("false", "nothing near", "F3", 0),
        ("missed", "nothing near", "F2", 0),
    ]


@settings(max_examples=80, deadline=None)
@given(
    truth=st.sets(st.sampled_from(["R", "F1", "T", "F2", "F3"])),
    named=st.sets(st.sampled_from(["R", "F1", "T", "F2", "F3"])),
)
def test_every_false_and_missed_outage_gets_exactly_one_kind(
    truth: set[str], named: set[str]
) -> None:
    found = kinds(truth, named)
    assert sorted(n for side, _, n, _ in found if side == "false") == sorted(named - truth)
    assert sorted(n for side, _, n, _ in found if side == "missed") == sorted(truth - named)
