"""The plain NET.csv reader (numpy over the file's bytes) against the general one: any file,
good or bad, loads to the same network or fails with the same problems, and a plain, valid
file is read by the plain reader."""

from __future__ import annotations

import sys
from pathlib import Path
from unittest.mock import patch

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from powerdesk.engine.errors import NetworkError
from powerdesk.engine.network import Network, load_network_csv
from powerdesk.engine.readwrite import network_plain
from powerdesk.engine.readwrite.network_csv import _general_network
from powerdesk.engine.readwrite.network_plain import _WIDE_SPACES, plain_network

KINDS = ["recloser", "sectionalizer", "fuse", "transformer", "switch", "node"]
# Ids as stations write them (some longer than the 8-byte words the reader compares), with
# bytes that sort below a comma and letters of more than one byte.
IDS = st.text("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-_#+!光禄", min_size=1, max_size=30)
GOOD_FLAGS = ["", "0", "1"]
GOOD_YEARS = ["", "1800", "1965", "2024", "2200"]
# Values the plain reader leaves to the general one: some valid there, some named as problems.
ODD_VALUES = [" 1", "1 ", "yes", "2", "01", "1799", "2201", "02010", "198", "19 8", "²⁰¹⁰", "x"]


@st.composite
def rows(draw: st.DrawFn, *, flawed: bool) -> list[dict[str, str]]:
    """A radial network's rows in any order; ``flawed``: with a few problems of any kind."""
    names = draw(st.lists(IDS, min_size=1, max_size=40, unique=True))
    result: list[dict[str, str]] = []
    for i, name in enumerate(names):
        if i == 0 or draw(st.integers(0, 9)) == 0:
            parent, kind = "", "source"
        else:
            above = draw(st.integers(0, i - 1))
            while result[above]["kind"] == "customer":
                above -= 1
            kind = draw(st.sampled_from([*KINDS, "customer", "customer", "customer"]))
            parent = names[above]
        result.append(
            {
                "id": name,
                "parent": parent,
                "kind": kind,
                "ami": draw(st.sampled_from(GOOD_FLAGS)),
                "lightning_zone": draw(st.sampled_from(GOOD_FLAGS)),
                "install_year": draw(st.sampled_from(GOOD_YEARS)),
                "name": draw(st.sampled_from(["", "王家", "Li"])),
            }
        )
    if flawed:
        for _ in range(draw(st.integers(1, 3))):
            row = draw(st.sampled_from(result))
            column = draw(st.sampled_from(["id", "parent", "kind", "ami", "install_year"]))
            row[column] = draw(
                st.sampled_from(
                    [
                        "",
                        "breaker",
                        "customer",
                        "source",
                        "sourcE",
                        "transformerX",
                        *ODD_VALUES,
                        *(r["id"] for r in result),  # a repeat, a cycle or a missing parent
                    ]
                )
            )
    order = draw(st.permutations(range(len(result))))
    return [result[i] for i in order]


@st.composite
def files(draw: st.DrawFn, *, flawed: bool) -> bytes:
    """A NET.csv of ``rows`` with the columns in any order, some optional ones left out, and
    any line ends, with or without a byte-order mark and a line end after the last row."""
    network = draw(rows(flawed=flawed))
    optional = draw(st.lists(st.sampled_from(["ami", "lightning_zone", "install_year", "name"])))
    columns = draw(st.permutations(["id", "parent", "kind", *dict.fromkeys(optional)]))
    end = draw(st.sampled_from(["\n", "\r\n"]))
    header = list(columns)
    if flawed and draw(st.integers(0, 4)) == 0:  # a name the general reader strips or unquotes
        i = draw(st.integers(0, len(header) - 1))
        header[i] = draw(st.sampled_from([" {}", "{} ", '"{}"', "{}\t"])).format(header[i])
    lines = [",".join(header)] + [",".join(row[c] for c in columns) for row in network]
    text = end.join(lines) + draw(st.sampled_from([end, ""]))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return (bom + text).encode()


def _outcome(load: object) -> Network | str:
    try:
        return load()  # type: ignore[operator]
    except NetworkError as error:
        return str(error)


def _assert_same(one: Network, other: Network) -> None:
    assert one.ids == other.ids
    assert list(one.index.items()) == list(other.index.items())
    for name in (
        "kind",
        "parent",
        "end",
        "ami",
        "lightning_zone",
        "install_year",
        "customer_element",
        "customer_number",
        "first_customer",
        "end_customer",
        "candidate_parent",
    ):
        mine, theirs = getattr(one, name), getattr(other, name)
        assert mine.dtype == theirs.dtype and np.array_equal(mine, theirs), name


SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(files(flawed=False), st.sampled_from([1, 7, 100, network_plain._CHUNK]))
def test_a_plain_valid_file_is_read_by_the_plain_reader_as_the_general_one_reads_it(
    raw: bytes, chunk: int
) -> None:
    # (Scanned a few bytes at a time too, so that files of a few rows cross many chunks.)
    with patch.object(network_plain, "_CHUNK", chunk):
        plain = plain_network(raw)
    assert plain is not None
    _assert_same(plain, _general_network(raw, "NET.csv"))


@SETTINGS
@given(files(flawed=True))
def test_a_flawed_file_loads_or_fails_as_the_general_reader_says(
    tmp_path: Path, raw: bytes
) -> None:
    general = _outcome(lambda: _general_network(raw, "NET.csv"))
    with patch.object(network_plain, "_CHUNK", 5):
        plain = plain_network(raw)
    event("plain" if plain is not None else "valid" if isinstance(general, Network) else "bad")
    if plain is not None:
        assert isinstance(general, Network), general
        _assert_same(plain, general)
    path = tmp_path / "NET.csv"
    path.write_bytes(raw)
    loaded = _outcome(lambda: load_network_csv(path))
    if isinstance(general, Network):
        assert isinstance(loaded, Network)
        _assert_same(loaded, general)
    else:
        assert loaded == general


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("id,parent,kind\nS,,source\nS,,source\n", "line 3, column id: duplicate id 'S'"),
        ("id,parent,kind\nS,,source\nA,B,node\nB,A,node\n", "line 3, column parent: cycle"),
        ("id,parent,kind\nS,,source\nA,A,node\n", "line 3, column parent: 'A' is its own"),
        ("id,parent,kind\nS,,source\nC,S,customer\nD,C,node\n", "customer 'C' has children"),
        ("id,parent,kind\nS,,source\nF,SS,fuse\n", "line 3, column parent: 'SS' is not"),
        ("id,parent,kind\nS,,source\n,S,fuse\n", "line 3, column id: the id is empty"),
        ("id,parent,kind\nS,,source\nF,,fuse\n", "'F' has no parent but only a source"),
        ("id,parent,kind,install_year\nS,,source,1799\n", "install_year '1799' is not a year"),
        ("id,parent,kind\n", "line 1: the file has no elements"),
        ("id,parent\nS,\n", "line 1: missing column(s): kind"),
        ("id,parent,kind,ami \nS,,source,2\n", "line 2, column ami: ami must be 1, 0 or empty"),
    ],
)
def test_a_plain_file_with_a_problem_is_named_by_the_general_reader(
    tmp_path: Path, text: str, problem: str
) -> None:
    assert plain_network(text.encode()) is None
    path = tmp_path / "NET.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(NetworkError) as caught:
        load_network_csv(path)
    assert problem in str(caught.value)


def test_every_space_that_str_strip_removes_leaves_a_file_to_the_general_reader() -> None:
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    for space in spaces:
        raw = f"id,parent,kind\nS,,source\nC,S,customer{space}\n".encode()
        assert plain_network(raw) is None, repr(space)
        wide = space.encode()
        assert (len(wide) == 1) or _WIDE_SPACES.fullmatch(wide), repr(space)
    assert _WIDE_SPACES.search("光禄左门\u200b".encode()) is None
