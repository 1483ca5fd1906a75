"""A plain NET.csv, read straight from its bytes by numpy.

Most files, and every generated one, are plain: no quotes, no spaces, every row as wide as the
header, every value written the one way the contract spells it. Such a file is read here
without a Python string for every field: its commas and row ends are found in one pass, the
kinds, flags and years are read as numbers from the bytes between them, and each parent is
found among the ids by a hash of its bytes; only the ids become strings, and the network looks
them up in the same table (``model.index.HashedIndex``). Any other file (a blank line, a
quote, a space to strip, an unknown kind, a year written ``02010``, a repeated id, a parent
that is not an id, a cycle, ...) gets None, and the general reader takes it from the start, so
that every problem is named by line and column exactly as before.

>>> plain_network(b"id,parent,kind\\nS,,source\\nC,S,customer\\n").ids
['S', 'C']
>>> plain_network(b"id,parent,kind\\nS,,source\\nC,S, customer\\n") is None
True

Time and memory are O(size of the file).
"""

from __future__ import annotations

import codecs
import io
import os
import re
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np
import numpy.typing as npt

from powerdesk.engine.model.network import KIND_CODES, Network, build_linked
from powerdesk.engine.readwrite.field_words import (
    Positions,
    field_words,
    parent_rows,
    words_of,
)

__all__ = ["PAD", "plain_network", "read_padded"]


_COMMA, _LINE_FEED, _RETURN = ord(","), ord("\n"), ord("\r")
# Bytes that make a file not plain: a quote, and the ASCII whitespace ``str.strip`` removes
# (a line feed, and a carriage return before one, end a row instead).
_SPECIAL = np.zeros(256, dtype=bool)
_SPECIAL[[ord('"'), ord(" "), 0x09, 0x0B, 0x0C, _RETURN, 0x1C, 0x1D, 0x1E, 0x1F]] = True
# The UTF-8 of the other characters ``str.strip`` removes (a test checks the list).
_WIDE_SPACES = re.compile(
    rb"\xc2[\x85\xa0]|\xe1\x9a\x80|\xe2\x80[\x80-\x8a\xa8\xa9\xaf]|\xe2\x81\x9f|\xe3\x80\x80"
)
# A kind (at most 13 bytes) is named exactly by its length and two words, the first distinct.
_KINDS = sorted(KIND_CODES, key=lambda kind: int.from_bytes(kind.encode()[:8], "little"))
_KIND_WORDS = [
    np.array(
        [int.from_bytes(kind.encode()[8 * k : 8 * k + 8], "little") for kind in _KINDS]
    ).astype(np.uint64)
    for k in range(2)
]
_KIND_LENGTH = np.array([len(kind) for kind in _KINDS])
_KIND_CODE = np.array([KIND_CODES[kind] for kind in _KINDS], dtype=np.int8)
PAD = 16  # zero bytes after a text (``read_padded``), so that a word can start at any byte


class _NotPlain(Exception):
    """The file is not plain, or not a valid network: the general reader takes it."""


def read_padded(handle: io.BufferedIOBase) -> npt.NDArray[np.uint8]:
    """The bytes of an open file, then ``PAD`` zero bytes, in an array (``plain_network``'s
    input). (Read straight into numpy's memory: a ``bytes`` of the file would be copied.)

    >>> text = read_padded(io.BytesIO(b"id,parent"))
    >>> text[: len(text) - PAD].tobytes(), len(text) - PAD, bool(text[-PAD:].any())
    (b'id,parent', 9, False)
    """
    try:
        expected = os.fstat(handle.fileno()).st_size
    except (AttributeError, OSError, io.UnsupportedOperation):
        expected = 0
    buffer = np.empty(expected + PAD, dtype=np.uint8)
    size = handle.readinto(memoryview(buffer)[:expected]) or 0
    rest = handle.read()  # (a file that grew while it was read, or is not a plain file)
    if rest:
        buffer = np.concatenate((buffer[:size], np.frombuffer(rest, np.uint8), buffer[:PAD]))
        size += len(rest)
    buffer[size:] = 0
    return buffer[: size + PAD]


def plain_network(text: bytes | npt.NDArray[np.uint8]) -> Network | None:
    """The network in a NET.csv's bytes (or an array from ``read_padded``) if the file is
    plain and valid, else None.

    >>> net = plain_network(b"id,parent,kind,ami,install_year\\nC,S,customer,1,\\nS,,source,,1998")
    >>> net.ids, net.ami.tolist(), net.install_year.tolist()
    (['S', 'C'], [-1, 1], [1998, 0])
    >>> plain_network(b"id,parent,kind,ami\\nS,,source,yes\\n") is None
    True
    """
    if isinstance(text, bytes):
        text = np.concatenate((np.frombuffer(text, dtype=np.uint8), np.zeros(PAD, np.uint8)))
    try:
        table = _Table(text)
    except _NotPlain:
        return None
    found = parent_rows(table.words, table.fields["id"], table.fields["parent"])
    if found is None:
        return None
    parents, id_table = found
    ids = _strings(table.data, *table.fields["id"])
    values = table.values
    # (The network looks ids up in the table that found the parents: no dictionary of them.)
    return build_linked(
        ids,
        id_table,
        parents,
        values["kind"],
        values.get("ami"),
        values.get("lightning_zone"),
        values.get("install_year"),
    )


# Rows are scanned a few megabytes at a time: every array made on the way is then small
# enough for the allocator to reuse its memory, where arrays the size of the file would each
# be fresh pages from the system (a third of the time a million-customer file took).
_CHUNK = 1 << 22


class _Table:
    """The text as bytes (``data``); where each row's id and parent begin and how long they
    are (``fields``); its kind and optional columns as numbers (``values``); and ``words[i]``,
    the 8 bytes from ``data[i]`` as one little-endian integer."""

    def __init__(self, buffer: npt.NDArray[np.uint8]) -> None:
        size = len(buffer) - PAD
        start = 3 if buffer[:3].tobytes() == b"\xef\xbb\xbf" else 0
        if size <= start:
            raise _NotPlain
        if int(buffer[:size].max()) >= 0x80:  # (not ASCII)
            try:
                codecs.utf_8_decode(memoryview(buffer)[start:size], "strict", True)
            except UnicodeDecodeError:
                raise _NotPlain from None
            if _WIDE_SPACES.search(memoryview(buffer)[:size]):
                raise _NotPlain
        data = buffer[start:size]
        header_end = _line_end(data, 0)
        if header_end is None:
            raise _NotPlain
        # A row ends at a line feed, or at a carriage return before one if the header's does.
        self.crlf = header_end > 0 and data[header_end - 1] == _RETURN
        end = b"\r\n" if self.crlf else b"\n"
        if data[len(data) - len(end) :].tobytes() != end:  # a row end after the last row
            buffer[size : size + len(end)] = np.frombuffer(end, dtype=np.uint8)
            size += len(end)
            data = buffer[start:size]
        self.data = data
        self.words = words_of(buffer, start)
        header_bytes = data[: header_end - self.crlf]
        if bool(np.any(_SPECIAL[header_bytes])):
            raise _NotPlain
        header = header_bytes.tobytes().decode("utf-8").split(",")
        self.columns = {name: i for i, name in enumerate(header)}
        self.width = len(header)
        # The bytes of a row that ``_scan`` finds, in a file with no others: its commas and end.
        self._row_bytes = np.array(
            [_COMMA] * (self.width - 1) + ([_RETURN, _LINE_FEED] if self.crlf else [_LINE_FEED]),
            dtype=np.uint8,
        )
        if header_end + 1 >= len(data):
            raise _NotPlain  # (no rows)
        if any(name not in self.columns for name in ("id", "parent", "kind")):
            raise _NotPlain
        # Each chunk's kinds, flags and years are read as it is scanned: only the ids' and
        # parents' places are kept for the whole file.
        named = {self.columns[name]: name for name in _COLUMNS if name in self.columns}
        pieces: dict[str, list[Any]] = {name: [] for name in named.values()}
        begin = header_end + 1
        while begin < len(data):
            stop = _line_end(data, min(begin + _CHUNK, len(data) - 1))
            assert stop is not None  # (the text ends in a line feed)
            for column, (at, length) in self._scan(begin, stop + 1, sorted(named)).items():
                name = named[column]
                read = _READ.get(name)
                pieces[name].append((at, length) if read is None else read(self, at, length))
            begin = stop + 1
        self.fields: dict[str, tuple[Positions, Positions]] = {
            name: (
                np.concatenate([at for at, _ in pieces[name]]),
                np.concatenate([length for _, length in pieces[name]]),
            )
            for name in ("id", "parent")
        }
        self.values: dict[str, npt.NDArray[Any]] = {
            name: np.concatenate(parts) for name, parts in pieces.items() if name in _READ
        }

    def _scan(
        self, begin: int, stop: int, columns: list[int]
    ) -> dict[int, tuple[Positions, Positions]]:
        """The fields of ``columns`` in the whole rows of ``data[begin:stop]``; _NotPlain if
        a byte there is special or a row is not as wide as the header."""
        part = self.data[begin:stop]
        # (A comma, a line feed and a carriage return come before every letter and digit:
        # one comparison finds them, and any quote or space with them.)
        where = np.flatnonzero(part <= _COMMA)
        found = part[where]
        where += begin
        width, row = self.width, self._row_bytes
        # Most files hold no other byte found: then each row's are exactly ``row`` (its commas
        # and its end), and each column's ends are every ``len(row)``-th place found.
        if (
            len(found) % len(row) == 0
            and bool(np.all(found.reshape(-1, len(row)) == row))
            and not (
                self.crlf and np.any(where[width :: len(row)] - where[width - 1 :: len(row)] - 1)
            )
        ):
            ends = where.reshape(-1, len(row))[:, :width]
        else:
            ends = self._ends(where, found).reshape(-1, width)
        result = {}
        for column in columns:
            last = ends[:, column]
            if column:
                first = ends[:, column - 1] + 1
            else:  # (a row starts after the line feed that ends the row before)
                first = np.empty_like(last)
                first[0] = begin
                np.add(ends[:-1, width - 1], 1 + self.crlf, out=first[1:])
            result[column] = (first, last - first)
        return result

    def _ends(self, where: Positions, found: npt.NDArray[np.uint8]) -> Positions:
        """Where each field ends (at the comma or row end after it), of the bytes ``found``
        at ``where``; _NotPlain if one is special or a row is not as wide as the header."""
        row_end = _RETURN if self.crlf else _LINE_FEED
        if self.crlf:  # each carriage return right before a line feed, each feed after one
            returns = np.flatnonzero(found == _RETURN)
            if not (
                np.array_equal(returns + 1, np.flatnonzero(found == _LINE_FEED))
                and np.array_equal(where[returns] + 1, where[returns + 1])
            ):
                raise _NotPlain
            special = _SPECIAL[found] & (found != _RETURN)
        else:
            special = _SPECIAL[found]
        if bool(np.any(special)):
            raise _NotPlain
        breaks = found == row_end
        delimiter = breaks | (found == _COMMA)
        ends = where[delimiter]
        breaks = breaks[delimiter]
        width = self.width
        if len(ends) % width or int(np.count_nonzero(breaks)) != len(ends) // width:
            raise _NotPlain
        if not bool(np.all(breaks[width - 1 :: width])):
            raise _NotPlain
        return ends


_COLUMNS = ("id", "parent", "kind", "ami", "lightning_zone", "install_year")


def _line_end(data: npt.NDArray[np.uint8], begin: int) -> int | None:
    """Where the first line feed from ``begin`` on is, or None if there is none."""
    window = 1 << 12
    while begin < len(data):
        feeds = np.flatnonzero(data[begin : begin + window] == _LINE_FEED)
        if len(feeds):
            return begin + int(feeds[0])
        begin += window
        window *= 2
    return None


def _strings(data: npt.NDArray[np.uint8], at: Positions, length: Positions) -> list[str]:
    """The fields ``data[at:at + length]`` as strings: gathered with the delimiter after each
    (which a comma then stands for), decoded and split at once."""
    size = length + 1
    runs = np.empty(2 * len(at) + 1, dtype=np.int64)  # the bytes left out and kept, in turn
    runs[0] = at[0]
    runs[1:-1:2] = size
    runs[2:-1:2] = at[1:] - (at[:-1] + size[:-1])
    runs[-1] = len(data) - (at[-1] + size[-1])
    kept = np.zeros(len(runs), dtype=bool)
    kept[1::2] = True
    gathered = data[np.repeat(kept, runs)]
    gathered[np.cumsum(size) - 1] = _COMMA
    strings = str(memoryview(gathered), "utf-8").split(",")
    strings.pop()
    return strings


def _kinds(table: _Table, at: Positions, length: Positions) -> npt.NDArray[np.int8]:
    """The kinds at ``at`` as their codes; _NotPlain if one is not a kind the contract names."""
    if not bool(np.all(length <= 16)):
        raise _NotPlain
    low, high = field_words(table.words, at, length, 2)
    which = np.minimum(np.searchsorted(_KIND_WORDS[0], low), len(_KINDS) - 1)
    exact = (_KIND_WORDS[0][which] == low) & (_KIND_WORDS[1][which] == high)
    if not bool(np.all(exact & (_KIND_LENGTH[which] == length))):
        raise _NotPlain
    return _KIND_CODE[which]


def _flags(
    table: _Table, at: Positions, length: Positions, *, unknown: int
) -> npt.NDArray[np.int8]:
    """Flags of 1, 0 or empty as 1, 0 or ``unknown``; _NotPlain if one is anything else."""
    value = table.data[at].astype(np.int8) - ord("0")
    empty = length == 0
    if not bool(np.all(empty | ((length == 1) & ((value == 0) | (value == 1))))):
        raise _NotPlain
    value[empty] = unknown
    return value


def _years(table: _Table, at: Positions, length: Positions) -> npt.NDArray[np.int16]:
    """Years of four digits (1800 to 2200) or empty, as numbers (0 when empty); _NotPlain if
    one is written otherwise."""
    word = table.words[at]
    digits = [
        (word >> np.uint64(8 * k) & np.uint64(0xFF)).astype(np.int16) - ord("0") for k in range(4)
    ]
    good = length == 4
    for digit in digits:
        good &= (digit >= 0) & (digit <= 9)
    year = ((digits[0] * 10 + digits[1]) * 10 + digits[2]) * 10 + digits[3]
    good &= (year >= 1800) & (year <= 2200)
    empty = length == 0
    if not bool(np.all(empty | good)):
        raise _NotPlain
    year[empty] = 0
    return year


# How the kinds and the optional columns are read, a chunk of rows at a time.
_READ: dict[str, Callable[[_Table, Positions, Positions], npt.NDArray[Any]]] = {
    "kind": _kinds,
    "ami": partial(_flags, unknown=-1),
    "lightning_zone": partial(_flags, unknown=0),
    "install_year": _years,
}
