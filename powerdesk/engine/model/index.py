"""Each element's index by its id: a dictionary, or a hash table of the ids' bytes.

``Index`` holds a dictionary. ``HashedIndex`` starts from the table a plain NET.csv's reader
built to find each parent among the ids (``readwrite.field_words``), so that loading a file
makes no dictionary of a million ids (a third of the time a million-customer file took); a
lookup hashes the id's bytes as that table did, then compares the id itself. Lookups that way
take about a microsecond, ten times a dictionary's, so once there have been a quarter as many
as there are ids, the dictionary is built after all: at most twice what building it at once
would have cost, and nothing for the runs that look up few ids.

>>> ids = ["S", "F", "C"]  # (rows in pre-order; their ids as one word each)
>>> words = [np.array([int.from_bytes(i.encode(), "little") for i in ids], dtype=np.uint64)]
>>> table = id_table(hash_words(np.array([1, 1, 1]), words), 1)
>>> index = HashedIndex(ids, np.array([0, 1, 2], dtype=np.int32), table)
>>> index.get("C"), index.get("X"), "F" in index, list(index)
(2, None, True, ['S', 'F', 'C'])
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NamedTuple, overload

import numpy as np
import numpy.typing as npt

__all__ = ["HashedIndex", "IdTable", "Index", "hash_id", "hash_words", "id_table", "places_of"]

Words = npt.NDArray[np.uint64]

_MIX = 0x9E3779B97F4A7C15
_SHIFT = 29
_WORD = (1 << 64) - 1


def hash_words(length: npt.NDArray[np.int64], words: list[Words]) -> Words:
    """A 64-bit hash of each of many byte strings, from its length and its bytes as words
    (8 bytes each, little-endian, zero past its end): ``hash_id`` of each, all at once.

    >>> word = np.array([int.from_bytes(b"S1", "little")], dtype=np.uint64)
    >>> int(hash_words(np.array([2]), [word])[0]) == hash_id(b"S1", 1)
    True
    """
    hashes = length.astype(np.uint64)
    mix, shift = np.uint64(_MIX), np.uint64(_SHIFT)
    for word in words:
        hashes ^= word
        hashes *= mix
        hashes ^= hashes >> shift
    hashes *= mix
    return hashes


def hash_id(data: bytes, words: int) -> int:
    """``hash_words`` of one byte string, hashed as ``words`` words.

    >>> hash_id(b"S1", 1) == hash_id(b"S1", 2), hash_id(b"S1", 1) == hash_id(b"S2", 1)
    (False, False)
    """
    hashed = len(data)
    rest = int.from_bytes(data, "little")
    for _ in range(words):
        hashed ^= rest & _WORD
        hashed = hashed * _MIX & _WORD
        hashed ^= hashed >> _SHIFT
        rest >>= 64
    return hashed * _MIX & _WORD


class IdTable(NamedTuple):
    """An open-addressing table of rows by ``hash_id`` of their ids (linear probing from the
    slot the hash's top bits name; -1 in a free slot; as many slots as a power of two)."""

    slots: npt.NDArray[np.int32]
    words: int  # each id is hashed as this many 8-byte words (the longest id fits in them)


def id_table(hashes: Words, words: int) -> IdTable | None:
    """The table of rows by their ids' hashes (hashed as ``words`` words), built for all rows
    at once, one probe step at a time; None if two rows hash alike (as repeated ids do).

    >>> id_table(np.array([5, 6, 5], dtype=np.uint64), 1) is None
    True
    """
    bits = max(4, (2 * len(hashes)).bit_length())  # (under half full)
    shift, mask = np.uint64(64 - bits), (1 << bits) - 1
    slots = np.full(1 << bits, -1, dtype=np.int32)
    pending = np.arange(len(hashes), dtype=np.int32)
    slot = (hashes >> shift).astype(np.int64)
    while len(pending):
        held = slots[slot]
        free = held < 0
        # (Rows alike start at one slot and move in step, so they meet before one settles.)
        if bool(np.any(hashes[held[~free]] == hashes[pending[~free]])):
            return None
        claims, claimed = pending[free], slot[free]
        slots[claimed] = claims
        lost = slots[claimed] != claims
        if bool(np.any(hashes[slots[claimed[lost]]] == hashes[claims[lost]])):
            return None
        pending = np.concatenate((pending[~free], claims[lost]))
        slot = (np.concatenate((slot[~free], claimed[lost])) + 1) & mask
    return IdTable(slots, words)


class Index(Mapping[str, int]):
    """Each element's index by its id: ``row`` takes the id to the row it came on, then
    ``place`` the row to its place in pre-order (or ``row`` holds the places already and
    ``place`` is a ``range``). (The dictionary built to resolve the parents by their ids is
    kept as it is rather than built again with new values: it takes a good part of the time a
    million-customer file loads in.)

    >>> index = Index({"C": 0, "S": 1}, [1, 0])
    >>> index["S"], index.get("C"), index.get("X", -1), "X" in index, list(index)
    (0, 1, -1, False, ['C', 'S'])
    """

    __slots__ = ("_place", "_row")

    def __init__(self, row: dict[str, int], place: Sequence[int]) -> None:
        self._row = row
        self._place = place

    def __getitem__(self, key: str) -> int:
        return self._place[self._row[key]]

    @overload
    def get(self, key: str, /) -> int | None: ...
    @overload
    def get(self, key: str, default: int, /) -> int: ...
    @overload
    def get[T](self, key: str, default: T, /) -> int | T: ...
    def get(self, key: str, default: object = None, /) -> object:
        try:  # (the events' ids are nearly always found: the quickest way for them)
            return self._place[self._row[key]]
        except KeyError:
            return default

    def __contains__(self, key: object) -> bool:
        return key in self._row

    def __iter__(self) -> Iterator[str]:
        return iter(self._row)

    def __len__(self) -> int:
        return len(self._row)

    def __repr__(self) -> str:
        return f"<Index of {len(self)} elements>"


class HashedIndex(Index):
    """Each element's index by its id, found through an ``IdTable`` of the rows the ids came
    on until a quarter as many lookups as ids have been made, then through a dictionary.
    ``ids`` are in pre-order and ``place[row]`` is each row's place in it; the ids are known
    to be distinct. Iterates in the rows' order, as ``Index`` does."""

    __slots__ = ("_ids", "_left", "_mask", "_rows", "_shift", "_slots", "_words")

    def __init__(self, ids: list[str], place: npt.NDArray[np.int32], table: IdTable) -> None:
        # (No dictionary yet: ``_row`` stays None until ``_left`` lookups have been made.)
        super().__init__(None, range(len(ids)))  # type: ignore[arg-type]
        self._ids = ids
        self._rows = place
        # Each slot holds the place in pre-order of the id that hashed to it (-1 if free).
        self._slots = memoryview(np.append(place, np.int32(-1))[table.slots])
        self._words = table.words
        self._shift = 64 - (len(table.slots).bit_length() - 1)
        self._mask = len(table.slots) - 1
        self._left = len(ids) // 4

    def __getitem__(self, key: str) -> int:
        found = self.get(key, -1)
        if found < 0:
            raise KeyError(key)
        return found

    def get(self, key: str, default: Any = None, /) -> Any:
        if self._row is not None:
            return self._row.get(key, default)
        self._left -= 1
        if self._left < 0:
            self._row = places_of(self._ids)
            return self._row.get(key, default)
        return self._probe(key, default)

    def _probe(self, key: object, default: Any) -> Any:
        if not isinstance(key, str):
            return default
        try:
            data = key.encode()
        except UnicodeEncodeError:  # (a lone surrogate: no id read from UTF-8 has one)
            return default
        if len(data) > 8 * self._words:
            return default
        slots, ids, mask = self._slots, self._ids, self._mask
        slot = hash_id(data, self._words) >> self._shift
        while True:
            place: int = slots[slot]
            if place < 0:
                return default
            if ids[place] == key:
                return place
            slot = (slot + 1) & mask

    def __contains__(self, key: object) -> bool:
        return self.get(key, -1) >= 0  # type: ignore[arg-type]

    def __iter__(self) -> Iterator[str]:
        return map(self._ids.__getitem__, self._rows.tolist())

    def __len__(self) -> int:
        return len(self._ids)


def places_of(ids: list[str]) -> dict[str, int]:
    """Each id's place in ``ids`` (the last of a repeated id's).

    >>> places_of(["S", "C", "S"])
    {'S': 2, 'C': 1}
    """
    # (A key that is not a string, set first and then removed, makes the dictionary keep each
    # key's hash beside it: growing to a million string keys then reads no key again.)
    places: dict[Any, int] = {None: -1}
    places.update(zip(ids, range(len(ids)), strict=True))
    del places[None]
    return places
