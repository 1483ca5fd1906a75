"""A plain NET.csv, read straight from its bytes by numpy.

Most files, and every generated one, are plain: no quotes, no spaces, every row as wide as the
header, every value written the one way the contract spells it. Such a file is read here
without a Python string for every field: its commas and row ends are found in one pass, the
kinds, flags and years are read as numbers from the bytes between them, and each parent is
found among the ids by a hash of its bytes; only the ids become strings. Any other file (a
blank line, a quote, a space to strip, an unknown kind, a year written ``02010``, a repeated
id, a parent that is not an id, a cycle, ...) gets None, and the general reader takes it from
the start, so that every problem is named by line and column exactly as before.

>>> plain_network(b"id,parent,kind\\nS,,source\\nC,S,customer\\n").ids
['S', 'C']
>>> plain_network(b"id,parent,kind\\nS,,source\\nC,S, customer\\n") is None
True

Time and memory are O(size of the file).
"""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt

from powerdesk.engine.model.network import KIND_CODES, Network, build_linked

__all__ = ["plain_network"]

Positions = npt.NDArray[np.int64]
Words = npt.NDArray[np.uint64]

_COMMA, _LINE_FEED, _RETURN = ord(","), ord("\n"), ord("\r")
# Bytes that make a file not plain: a quote, and the ASCII whitespace ``str.strip`` removes
# (a line feed, and a carriage return before one, end a row instead).
_SPECIAL = np.zeros(256, dtype=bool)
_SPECIAL[[ord('"'), ord(" "), 0x09, 0x0B, 0x0C, _RETURN, 0x1C, 0x1D, 0x1E, 0x1F]] = True
# The UTF-8 of the other characters ``str.strip`` removes (a test checks the list).
_WIDE_SPACES = re.compile(
    rb"\xc2[\x85\xa0]|\xe1\x9a\x80|\xe2\x80[\x80-\x8a\xa8\xa9\xaf]|\xe2\x81\x9f|\xe3\x80\x80"
)
# The low 8k bits of a word: the first k bytes of the text it was read from.
_LOW_BYTES = np.array([(1 << (8 * k)) - 1 for k in range(9)], dtype=np.uint64)
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
_PAD = 16  # zero bytes after the text, so that a word can be read from any byte of it


class _NotPlain(Exception):
    """The file is not plain, or not a valid network: the general reader takes it."""


def plain_network(raw: bytes) -> Network | None:
    """The network in ``raw`` (a NET.csv's bytes) if the file is plain and valid, else None.

    >>> net = plain_network(b"id,parent,kind,ami,install_year\\nC,S,customer,1,\\nS,,source,,1998")
    >>> net.ids, net.ami.tolist(), net.install_year.tolist()
    (['S', 'C'], [-1, 1], [1998, 0])
    >>> plain_network(b"id,parent,kind,ami\\nS,,source,yes\\n") is None
    True
    """
    try:
        table = _Table(raw)
        kinds = _kinds(table, table.column("kind"))
        ami = _flags(table, table.columns.get("ami"), unknown=-1)
        zone = _flags(table, table.columns.get("lightning_zone"), unknown=0)
        year = _years(table, table.columns.get("install_year"))
        ids_at, ids_length = table.fields(table.column("id"))
        parents = _parent_rows(table, (ids_at, ids_length), table.fields(table.column("parent")))
    except _NotPlain:
        return None
    # (The ids are unique, so the dictionary of them can be built once, with their places.)
    ids = _strings(table.data, ids_at, ids_length)
    return build_linked(ids, None, parents, kinds, ami, zone, year)


class _Table:
    """The text as bytes and where each field is: row r (from 0), column c is
    ``data[first[k]:last[k]]`` with ``k = (r + 1) * width + c``; ``words[i]`` is the 8 bytes
    from ``data[i]`` as one little-endian integer."""

    def __init__(self, raw: bytes) -> None:
        start = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
        if not raw.isascii():
            try:
                raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise _NotPlain from None
            if _WIDE_SPACES.search(raw):
                raise _NotPlain
        # A row ends at a line feed, or at a carriage return if every line feed follows one.
        end = b"\r\n" if b"\r" in raw else b"\n"
        size = len(raw) - start
        if not size or raw.startswith(end, start):
            raise _NotPlain
        # The text, a row end after the last row if it lacks one, and zeros to read words.
        buffer = np.zeros(size + len(end) + _PAD, dtype=np.uint8)
        buffer[:size] = np.frombuffer(raw, dtype=np.uint8, offset=start)
        if not raw.endswith(end):
            buffer[size : size + len(end)] = np.frombuffer(end, dtype=np.uint8)
            size += len(end)
        self.data = buffer[:size]
        self.words: Words = np.ndarray(
            (len(buffer) - 7,), dtype="<u8", buffer=buffer.data, strides=(1,)
        )
        self.last = _delimiters(self.data, end[0])
        breaks = self.data[self.last] == end[0]
        self.width = int(np.argmax(breaks)) + 1
        if len(self.last) % self.width or not bool(np.all(breaks[self.width - 1 :: self.width])):
            raise _NotPlain
        if int(np.count_nonzero(breaks)) != len(self.last) // self.width or not bool(
            np.any(breaks[self.width :])
        ):
            raise _NotPlain  # (rows of different widths, or no rows)
        self.first = np.empty_like(self.last)
        self.first[0] = 0
        np.add(self.last[:-1], 1, out=self.first[1:])
        self.first[self.width :: self.width] += len(end) - 1  # (after a carriage return's feed)
        header = self.data[: self.last[self.width - 1]].tobytes().decode("utf-8").split(",")
        self.columns = {name: i for i, name in enumerate(header)}

    def column(self, name: str) -> int:
        if name not in self.columns:
            raise _NotPlain
        return self.columns[name]

    def fields(self, column: int) -> tuple[Positions, Positions]:
        """Where each row's field of ``column`` begins, and its length in bytes."""
        begin = self.first[self.width + column :: self.width]
        return begin, self.last[self.width + column :: self.width] - begin


def _delimiters(data: npt.NDArray[np.uint8], end: int) -> Positions:
    """Where each comma and row end (the byte ``end``) is; _NotPlain if any byte is special."""
    # (A comma, a line feed and a carriage return come before every letter and digit: one
    # comparison finds them, and any quote or space with them.)
    where = np.flatnonzero(data <= _COMMA)
    found = data[where]
    delimiter = (found == _COMMA) | (found == end)
    if end == _RETURN:  # every carriage return right before a line feed, and every feed after one
        feeds = np.flatnonzero(found == _LINE_FEED)
        if len(feeds) != int(np.count_nonzero(found == _RETURN)) or not (
            bool(np.all(found[feeds - 1] == _RETURN))
            and bool(np.all(where[feeds - 1] == where[feeds] - 1))
        ):
            raise _NotPlain
        special = _SPECIAL[found] & (found != _RETURN)
    else:
        special = _SPECIAL[found]
    if bool(np.any(special)):
        raise _NotPlain
    return where[delimiter]


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
    strings = gathered.tobytes().decode("utf-8").split(",")
    strings.pop()
    return strings


def _words(table: _Table, at: Positions, length: Positions, count: int) -> list[Words]:
    """The first ``8 * count`` bytes of each field (which must hold it all), as ``count``
    words with the bytes past its end set to zero."""
    result = []
    for k in range(count):
        # (A short field's later words may start past the text: they are all masked off.)
        word = table.words[np.minimum(at + 8 * k, len(table.words) - 1) if k else at]
        word &= _LOW_BYTES[np.clip(length - 8 * k, 0, 8)]
        result.append(word)
    return result


def _kinds(table: _Table, column: int) -> npt.NDArray[np.int8]:
    """Each row's kind as its code; _NotPlain if a kind is not one the contract names."""
    at, length = table.fields(column)
    if not bool(np.all(length <= 16)):
        raise _NotPlain
    low, high = _words(table, at, length, 2)
    which = np.minimum(np.searchsorted(_KIND_WORDS[0], low), len(_KINDS) - 1)
    exact = (_KIND_WORDS[0][which] == low) & (_KIND_WORDS[1][which] == high)
    if not bool(np.all(exact & (_KIND_LENGTH[which] == length))):
        raise _NotPlain
    return _KIND_CODE[which]


def _flags(table: _Table, column: int | None, *, unknown: int) -> npt.NDArray[np.int8] | None:
    """A column of 1, 0 or empty as 1, 0 or ``unknown`` (None without the column);
    _NotPlain if a value is anything else."""
    if column is None:
        return None
    at, length = table.fields(column)
    value = table.data[at].astype(np.int8) - ord("0")
    empty = length == 0
    if not bool(np.all(empty | ((length == 1) & ((value == 0) | (value == 1))))):
        raise _NotPlain
    value[empty] = unknown
    return value


def _years(table: _Table, column: int | None) -> npt.NDArray[np.int16] | None:
    """An install_year column of four digits (1800 to 2200) or empty, as numbers (0 when
    empty; None without the column); _NotPlain if a value is written otherwise."""
    if column is None:
        return None
    at, length = table.fields(column)
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


# Each parent is looked up by a hash of its bytes in an open-addressing table of the ids' rows,
# built and searched one probe step at a time for all rows at once. Any doubt (two ids hashed
# alike, as repeated ids are; a parent not found) leaves the file to the general reader.

_MIX = np.uint64(0x9E3779B97F4A7C15)
_SHIFT = np.uint64(29)


def _hash(length: Positions, words: list[Words]) -> Words:
    """A 64-bit hash of each field, from its length and words."""
    hashes = length.astype(np.uint64)
    for word in words:
        hashes ^= word
        hashes *= _MIX
        hashes ^= hashes >> _SHIFT
    hashes *= _MIX
    return hashes


def _parent_rows(
    table: _Table, ids: tuple[Positions, Positions], parents: tuple[Positions, Positions]
) -> npt.NDArray[np.int32]:
    """Each row's parent's row (-1 for none); _NotPlain if an id is empty, two ids hash
    alike or a parent is not an id."""
    (ids_at, ids_length), (parents_at, parents_length) = ids, parents
    longest = int(ids_length.max())
    if int(ids_length.min()) == 0 or int(parents_length.max()) > longest:
        raise _NotPlain
    count = (longest + 7) // 8
    id_words = _words(table, ids_at, ids_length, count)
    hashes = _hash(ids_length, id_words)
    slots = _slots(hashes)
    mask = len(slots) - 1
    shift = np.uint64(64 - mask.bit_length())
    children = np.flatnonzero(parents_length)
    wanted_length = parents_length[children]
    wanted_words = _words(table, parents_at[children], wanted_length, count)
    wanted = _hash(wanted_length, wanted_words)
    found = np.empty(len(children), dtype=np.int32)
    pending, slot = np.arange(len(children)), (wanted >> shift).astype(np.int64)
    while len(pending):
        held = slots[slot]
        if bool(np.any(held < 0)):
            raise _NotPlain
        hit = hashes[held] == wanted[pending]
        found[pending[hit]] = held[hit]
        pending, slot = pending[~hit], (slot[~hit] + 1) & mask
    # (A hash is no proof: the bytes are compared.)
    if not np.array_equal(ids_length[found], wanted_length):
        raise _NotPlain
    for id_word, wanted_word in zip(id_words, wanted_words, strict=True):
        if not np.array_equal(id_word[found], wanted_word):
            raise _NotPlain
    result = np.full(len(ids_at), -1, dtype=np.int32)
    result[children] = found
    return result


def _slots(hashes: Words) -> npt.NDArray[np.int32]:
    """A table of each row at the first free slot from its hash's top bits (linear probing,
    under half full, -1 in a free slot); _NotPlain if two rows hash alike."""
    bits = max(4, (2 * len(hashes)).bit_length())
    shift, mask = np.uint64(64 - bits), (1 << bits) - 1
    slots = np.full(1 << bits, -1, dtype=np.int32)
    pending = np.arange(len(hashes), dtype=np.int32)
    slot = (hashes >> shift).astype(np.int64)
    while len(pending):
        held = slots[slot]
        free = held < 0
        # (Rows alike start at one slot and move in step, so they meet before one settles.)
        if bool(np.any(hashes[held[~free]] == hashes[pending[~free]])):
            raise _NotPlain
        claims, claimed = pending[free], slot[free]
        slots[claimed] = claims
        lost = slots[claimed] != claims
        if bool(np.any(hashes[slots[claimed[lost]]] == hashes[claims[lost]])):
            raise _NotPlain
        pending = np.concatenate((pending[~free], claims[lost]))
        slot = (np.concatenate((slot[~free], claimed[lost])) + 1) & mask
    return slots
