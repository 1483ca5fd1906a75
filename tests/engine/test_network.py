"""The network model: pre-order ranges, validation with file and line, CSV loading."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from powerdesk.engine.errors import NetworkError
from powerdesk.engine.network import Network, load_network_csv
from tests.engine.fixtures import radial_feeder


def test_customers_below_each_device_are_counted_exactly() -> None:
    net = radial_feeder(10)
    below = {d: net.customers_below(net.index[d]) for d in ("S", "R", "F1", "F2", "F3", "T4")}
    assert below == {"S": 50, "R": 50, "F1": 10, "F2": 20, "F3": 20, "T4": 10}


def test_the_nearest_protective_device_above_a_customer_skips_poles() -> None:
    net = radial_feeder(2)
    t4 = net.index["T4"]
    assert net.ids[net.candidate_parent[t4]] == "F3"
    assert net.ids[net.candidate_parent[net.index["C4-0"]]] == "T4"


def test_a_csv_file_with_optional_columns_loads(tmp_path: Path) -> None:
    path = tmp_path / "NET.csv"
    path.write_text(
        "id,parent,kind,ami,lightning_zone,install_year,name\n"
        "C1,T,customer,1,,,王家\nT,F,transformer,,1,1998,\nF,S,fuse,,,,\nS,,source,,,,\n",
        encoding="utf-8",
    )
    net = load_network_csv(path)
    assert net.ids[0] == "S"
    assert int(net.ami[net.index["C1"]]) == 1
    assert bool(net.lightning_zone[net.index["T"]]) is True
    assert int(net.install_year[net.index["T"]]) == 1998


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "S,,source\nF,X,fuse\n",
            "NET.csv, line 3, column parent: 'X' is not the id of any element",
        ),
        ("S,,source\nF,S,fuse\nF,S,fuse\n", "NET.csv, line 4, column id: duplicate id 'F'"),
        ("S,,source\nA,B,node\nB,A,node\n", "NET.csv, line 3, column parent: cycle of parents"),
        (
            "S,,source\nC,S,customer\nD,C,customer\n",
            "NET.csv, line 3, column kind: customer 'C' has children",
        ),
        ("S,,source\nF,S,breaker\n", "NET.csv, line 3, column kind: unknown kind 'breaker'"),
    ],
)
def test_a_bad_network_names_file_line_and_problem(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "NET.csv"
    path.write_text("id,parent,kind\n" + body, encoding="utf-8")
    with pytest.raises(NetworkError) as caught:
        load_network_csv(path)
    assert message in str(caught.value)


def test_a_bad_optional_value_is_named(tmp_path: Path) -> None:
    path = tmp_path / "NET.csv"
    path.write_text("id,parent,kind,ami\nS,,source,\nC,S,customer,yes\n", encoding="utf-8")
    with pytest.raises(
        NetworkError, match=r"NET\.csv, line 3, column ami: ami must be 1, 0 or empty"
    ):
        load_network_csv(path)


def test_a_missing_column_and_a_missing_file_are_named(tmp_path: Path) -> None:
    path = tmp_path / "NET.csv"
    path.write_text("id,kind\nS,source\n", encoding="utf-8")
    with pytest.raises(NetworkError, match="line 1: missing column\\(s\\): parent"):
        load_network_csv(path)
    with pytest.raises(NetworkError, match="cannot be read"):
        load_network_csv(tmp_path / "nothing.csv")


@st.composite
def trees(draw: st.DrawFn) -> list[tuple[str, str, str]]:
    size = draw(st.integers(min_value=1, max_value=60))
    rows = [("n0", "", "source")]
    for i in range(1, size):
        parent = draw(st.integers(min_value=0, max_value=i - 1))
        if rows[parent][2] == "customer":
            parent = 0
        kind = draw(st.sampled_from(["node", "fuse", "transformer", "customer", "recloser"]))
        rows.append((f"n{i}", f"n{parent}", kind))
    order = draw(st.permutations(range(len(rows))))
    return [rows[i] for i in order]


@settings(max_examples=60, deadline=None)
@given(trees())
def test_pre_order_ranges_agree_with_walking_up_the_parents(
    rows: list[tuple[str, str, str]],
) -> None:
    net = Network.from_rows(rows)
    parent_of = {r[0]: r[1] for r in rows}
    for element in range(len(net)):
        chain = set()
        node = net.ids[element]
        while node:
            chain.add(node)
            node = parent_of[node]
        for ancestor in range(len(net)):
            assert net.is_below(element, ancestor) == (net.ids[ancestor] in chain)
    customers = [r[0] for r in rows if r[2] == "customer"]
    for element in range(len(net)):
        expected = sum(1 for c in customers if net.is_below(net.index[c], element))
        assert net.customers_below(element) == expected
