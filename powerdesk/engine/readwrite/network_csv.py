"""The contract's NET.csv: read, checked, with every problem named by file, line and column.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "NET.csv"
>>> _ = path.write_text("id,parent,kind\\nS,,source\\nT,S,transformer\\nC,T,customer\\n")
>>> net = load_network_csv(path)
>>> net.ids, net.customer_count
(['S', 'T', 'C'], 1)

A plain file (no quotes, no spaces, even rows, every value as the contract writes it: most
files, and every generated one) is read from its bytes by numpy (``network_plain``). Any other
file, and any file with a problem, is split by ``str`` methods in C, or by the ``csv`` module if
it has quotes, blank lines or ragged rows, and every problem is named by line and column. A
million customers load in about the time of pandas' plain parse of the file (0.9 to 1.15 times
it, ``bench/load.py``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from itertools import repeat
from pathlib import Path

import numpy as np
import numpy.typing as npt

from powerdesk.engine.errors import InputProblem, NetworkError
from powerdesk.engine.model.network import Network, build_checked
from powerdesk.engine.model.radial import ElementRow, radial_problems
from powerdesk.engine.readwrite.network_plain import PAD, plain_network, read_padded

__all__ = ["load_network_csv"]


def load_network_csv(path: str | Path) -> Network:
    """Read the contract's NET.csv; raise ``NetworkError`` naming file and line on bad input.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "NET.csv"
    >>> _ = path.write_text("id,parent,kind,ami\\nS,,source,\\nC,S,customer,yes\\n")
    >>> try:
    ...     load_network_csv(path)
    ... except NetworkError as error:
    ...     print(error)
    NET.csv, line 3, column ami: ami must be 1, 0 or empty, not 'yes'
    """
    path = Path(path)
    name = path.name
    try:
        with path.open("rb") as handle:
            text = read_padded(handle)
    except OSError as exc:
        raise NetworkError([InputProblem(name, 0, f"cannot be read: {exc.strerror}")]) from None
    network = plain_network(text)
    if network is None:
        raw = text[: len(text) - PAD].tobytes()
        del text
        network = _general_network(raw, name)
    return network


def _general_network(raw: bytes, name: str) -> Network:
    """The network in any NET.csv's bytes, every problem named by line and column (what
    ``plain_network`` leaves: files that are not plain, and every file with a problem).

    >>> _general_network(b'id,parent,kind\\n"S",,source\\n C , S ,customer\\n', "NET.csv").ids
    ['S', 'C']
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise NetworkError([InputProblem(name, line, "is not UTF-8 text")]) from None
    table = _plain_table(text, raw)
    # (Fields of a plain ASCII file with no spaces or tabs have nothing to strip.)
    bare = table is not None and text.isascii() and not any(c in text for c in _SPACES)
    table = table or _csv_table(text)
    del text, raw
    if table is None:
        raise NetworkError([InputProblem(name, 1, "the file is empty")])
    header, fields, lines = table
    columns = {column.strip(): i for i, column in enumerate(header)}
    missing = [c for c in ("id", "parent", "kind") if c not in columns]
    if missing:
        raise NetworkError([InputProblem(name, 1, f"missing column(s): {', '.join(missing)}")])
    ids, parents, kinds = (
        fields[columns[c]] if bare else _stripped(fields[columns[c]])
        for c in ("id", "parent", "kind")
    )
    problems: list[InputProblem] = []
    ami = _flags(fields, lines, columns.get("ami"), name, "ami", problems, unknown=-1)
    zone = _flags(
        fields, lines, columns.get("lightning_zone"), name, "lightning_zone", problems, unknown=0
    )
    year = _years(fields, lines, columns.get("install_year"), name, problems)
    del fields
    if not ids:
        problems.append(InputProblem(name, 1, "the file has no elements"))
    if problems:
        problems += radial_problems(
            name, (ElementRow(lines[i], ids[i], parents[i], kinds[i]) for i in range(len(ids)))
        )
        problems.sort(key=lambda p: p.line)
        raise NetworkError(problems)
    return build_checked(name, ids, parents, kinds, lines, ami, zone, year)


# ASCII's whitespace but the line breaks, which a plain table's fields never hold.
_SPACES = " \t\x0b\x0c\x1c\x1d\x1e\x1f"

# A table: the header, each column's fields (as many as rows), the line each row starts on.
Table = tuple[list[str], list[list[str]], Sequence[int]]


def _plain_table(text: str, raw: bytes) -> Table | None:
    """The table of a file with no quotes, no blank lines and every row as wide as the header,
    split by ``str`` methods in C (most files, and every generated one); None for any other
    file, which ``_csv_table`` reads. ``raw`` is the file's bytes, whose commas are counted.

    >>> _plain_table("id,kind\\nS,source\\n", b"id,kind\\nS,source\\n")
    (['id', 'kind'], [['S'], ['source']], range(2, 3))
    >>> _plain_table("id,kind\\nS,source,\\nT\\n", b"id,kind\\nS,source,\\nT\\n") is None
    True
    """
    if '"' in text or "\n\n" in text or text.startswith("\n"):
        return None
    newline = "\n"
    if "\r" in text:
        if text.count("\r") != text.count("\r\n"):
            return None
        newline = "\r\n"
    end = text.find(newline)
    width = (text[:end] if end >= 0 else text).count(",") + 1
    if end >= 0 and end + len(newline) < len(text) and not _rows_as_wide(raw, width):
        return None
    # (Split whole: cutting off the header or the last newline first would copy the text.)
    fields = text.replace(newline, ",").split(",")
    if text.endswith(newline):
        fields.pop()
    rows = len(fields) // width - 1
    return fields[:width], [fields[width + i :: width] for i in range(width)], range(2, rows + 2)


def _rows_as_wide(raw: bytes, width: int) -> bool:
    """Whether every line of ``raw`` has ``width - 1`` commas (counted by numpy: splitting
    the text into lines only to count them took as long as splitting it into fields).

    >>> _rows_as_wide(b"a,b\\n1,2\\n3,4", 2), _rows_as_wide(b"a,b\\n1,2,\\n3\\n", 2)
    (True, False)
    """
    data = np.frombuffer(raw, dtype=np.uint8)
    # (In UTF-8 the bytes of a comma and a newline are never part of another character.)
    ends = np.flatnonzero(data == ord("\n"))
    if len(data) and data[-1] != ord("\n"):
        ends = np.append(ends, len(data))
    commas = np.searchsorted(np.flatnonzero(data == ord(",")), ends)
    return bool(np.all(np.diff(commas, prepend=0) == width - 1))


def _csv_table(text: str) -> Table | None:
    """The table of any CSV file, by the ``csv`` module: short rows padded, blank lines
    skipped (and the rows' line numbers counted, which is slow); None if it is empty."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        return None
    width = len(header)
    rows = [row for row in reader if row]
    # (With no blank or multi-line rows, numbering is simple.)
    simple = len(rows) + 1 == reader.line_num
    lines: Sequence[int] = range(2, len(rows) + 2) if simple else _line_numbers(text)
    if any(len(row) < width for row in rows):
        rows = [row + [""] * (width - len(row)) if len(row) < width else row for row in rows]
    return header, [[row[i] for row in rows] for i in range(width)], lines


def _stripped(values: list[str]) -> list[str]:
    return list(map(str.strip, values))  # (the same objects where there is nothing to strip)


def _line_numbers(text: str) -> list[int]:
    """The line each non-blank row starts on (slow; only when rows and lines differ)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader, None)
    numbers = []
    start = reader.line_num + 1
    for row in reader:
        if row:
            numbers.append(start)
        start = reader.line_num + 1
    return numbers


def _flags(
    fields: list[list[str]],
    lines: Sequence[int],
    column: int | None,
    file: str,
    name: str,
    problems: list[InputProblem],
    *,
    unknown: int,
) -> npt.NDArray[np.int8] | None:
    """A 1/0/empty column as integers (``unknown`` for empty); bad values are problems.

    >>> problems = []
    >>> _flags([["1", " 0", "", "yes"]], range(2, 6), 0, "NET.csv", "ami", problems, unknown=-1)
    array([ 1,  0, -1, -1], dtype=int8)
    >>> [str(p) for p in problems]
    ["NET.csv, line 5, column ami: ami must be 1, 0 or empty, not 'yes'"]
    """
    if column is None:
        return None
    values = fields[column]
    table = {"1": 1, "0": 0, "": unknown}
    n = len(values)
    result = np.fromiter(map(table.get, values, repeat(-9, n)), dtype=np.int8, count=n)
    for i in np.flatnonzero(result == -9).tolist():
        text = values[i].strip()
        if text in table:
            result[i] = table[text]
        else:
            problems.append(
                InputProblem(file, lines[i], f"{name} must be 1, 0 or empty, not {text!r}", name)
            )
            result[i] = unknown
    return result


def _years(
    fields: list[list[str]],
    lines: Sequence[int],
    column: int | None,
    file: str,
    problems: list[InputProblem],
) -> npt.NDArray[np.int16] | None:
    """An install_year column as integers (0 when empty); bad values are problems.

    >>> problems = []
    >>> _years([["1998", "", " 2010 ", "old"]], range(2, 6), 0, "NET.csv", problems)
    array([1998,    0, 2010,    0], dtype=int16)
    >>> [str(p) for p in problems]
    ["NET.csv, line 5, column install_year: install_year 'old' is not a year"]
    """
    if column is None:
        return None
    values = fields[column]
    # A network has few distinct years: read each once.
    years: dict[str, int] = {}
    for value in set(values):
        text = value.strip()
        if not text:
            years[value] = 0
        elif text.isdecimal() and 1800 <= int(text) <= 2200:
            years[value] = int(text)
        else:
            years[value] = -1
    n = len(values)
    result = np.fromiter(map(years.__getitem__, values), dtype=np.int16, count=n)
    for i in np.flatnonzero(result < 0).tolist():
        problems.append(
            InputProblem(
                file, lines[i], f"install_year {values[i].strip()!r} is not a year", "install_year"
            )
        )
        result[i] = 0
    return result
