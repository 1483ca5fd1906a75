"""NET.csv read back: any network written as CSV loads as the same network, whichever of the
reader's two paths (``str`` splitting or the ``csv`` module) the file takes."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from powerdesk.engine.errors import NetworkError
from powerdesk.engine.network import Network, load_network_csv

KINDS = ["node", "fuse", "transformer", "customer", "recloser", "switch", "sectionalizer"]
# Ids as stations write them, and ids that need quoting or stripping (commas, quotes, spaces).
PLAIN_IDS = st.text("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-_光禄左门", min_size=1, max_size=12)
AWKWARD_IDS = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1
).filter(lambda s: s.strip() == s and bool(s))


@st.composite
def networks(draw: st.DrawFn, ids: st.SearchStrategy[str]) -> list[tuple[str, ...]]:
    """Rows of (id, parent, kind, ami, lightning_zone, install_year), roots first or not."""
    names = draw(st.lists(ids, min_size=1, max_size=40, unique=True))
    rows: list[tuple[str, ...]] = []
    for i, name in enumerate(names):
        if i == 0 or draw(st.integers(0, 9)) == 0:
            parent, kind = "", "source"
        else:
            above = draw(st.integers(0, i - 1))
            while rows[above][2] == "customer":
                above -= 1
            parent, kind = names[above], draw(st.sampled_from(KINDS))
        ami = draw(st.sampled_from(["", "0", "1"]))
        zone = draw(st.sampled_from(["", "0", "1"]))
        year = draw(st.sampled_from(["", "1965", "2024"]))
        rows.append((name, parent, kind, ami, zone, year))
    order = draw(st.permutations(range(len(rows))))
    return [rows[i] for i in order]


def _write(
    path: Path, rows: list[tuple[str, ...]], newline: str, *, pad: str = "", last: bool = True
) -> None:
    """Write ``rows`` as NET.csv, each field between ``pad`` (which the reader strips), with
    or without a line break after the last row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerow(["id", "parent", "kind", "ami", "lightning_zone", "install_year"])
    writer.writerows([tuple(f"{pad}{field}{pad}" for field in row) for row in rows])
    text = buffer.getvalue()
    path.write_text(text if last else text.removesuffix(newline), encoding="utf-8", newline="")


def _same(loaded: Network, rows: list[tuple[str, ...]]) -> None:
    expected = Network.from_rows(
        [r[:3] for r in rows],
        ami=[{"": -1, "0": 0, "1": 1}[r[3]] for r in rows],
        lightning_zone=[r[4] == "1" for r in rows],
        install_year=[int(r[5] or 0) for r in rows],
    )
    assert loaded.ids == expected.ids
    assert dict(loaded.index) == dict(expected.index)
    for name in ("kind", "parent", "end", "ami", "lightning_zone", "install_year"):
        assert np.array_equal(getattr(loaded, name), getattr(expected, name)), name
    assert all(loaded.index[i] == p for p, i in enumerate(loaded.ids))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    networks(PLAIN_IDS),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from(["", " ", "\t"]),
    st.booleans(),
)
def test_a_written_network_loads_back_the_same(
    tmp_path: Path, rows: list[tuple[str, ...]], newline: str, pad: str, last: bool
) -> None:
    path = tmp_path / "NET.csv"
    _write(path, rows, newline, pad=pad, last=last)
    _same(load_network_csv(path), rows)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(networks(AWKWARD_IDS))
def test_ids_with_commas_quotes_or_any_letters_load_back_the_same(
    tmp_path: Path, rows: list[tuple[str, ...]]
) -> None:
    path = tmp_path / "NET.csv"
    _write(path, rows, "\n")
    _same(load_network_csv(path), rows)


def test_rows_whose_extra_and_missing_commas_even_out_are_read_row_by_row(
    tmp_path: Path,
) -> None:
    # One row a field short and the next a field long: as many commas in all as a good file,
    # but splitting the whole file at every comma would shift the second row's fields.
    path = tmp_path / "NET.csv"
    path.write_text("id,parent,kind,ami\nS,,source\nC,S,customer,1,\n", encoding="utf-8")
    net = load_network_csv(path)
    assert net.ids == ["S", "C"]
    assert net.kind_name(net.index["C"]) == "customer"
    assert int(net.ami[net.index["C"]]) == 1


def test_the_index_answers_like_a_dictionary() -> None:
    net = Network.from_rows([("C", "S", "customer"), ("S", "", "source")])
    assert net.index["S"] == 0 and net.index["C"] == 1
    assert net.index.get("X") is None and net.index.get("X", -1) == -1
    assert "C" in net.index and "X" not in net.index and len(net.index) == 2


def test_a_year_of_digits_that_are_not_decimal_is_named_not_a_crash(tmp_path: Path) -> None:
    # "²" is a digit to str.isdigit but not a number to int(): it used to raise ValueError.
    path = tmp_path / "NET.csv"
    path.write_text("id,parent,kind,install_year\nS,,source,²\n", encoding="utf-8")
    with pytest.raises(NetworkError, match=r"NET\.csv, line 2, column install_year: .*'²'"):
        load_network_csv(path)
