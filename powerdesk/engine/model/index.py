"""Each element's index by its id: a dictionary, or a hash table of the ids' bytes.

``Index`` holds a dictionary. ``HashedIndex`` starts from the table a plain NET.csv's reader
built to find each parent among the ids (``readwrite.field_words``), so that loading a file
makes no dictionary of a million ids (a third of the time a million-customer file took): an
id is looked up in a dictionary of the ids found so far, and one not found there yet is found
in the table (its bytes hashed as the table hashed them, then the id itself compared) and
kept. That costs a microsecond or two more than a dictionary's lookup, so once a thirty-second
as many ids as there are have been found that way, every id is put in the dictionary at once
(what loading cost before). A run that looks up fewer distinct ids (a quiet day's events, a
score against a few outages) never builds it; one that looks up more (a storm's events name
about a third of the ids) builds it then, and has paid a tenth of a second more for a million
customers.

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
    """Each element's index by its id, the ids in pre-order in ``ids`` and ``place[row]``
    each row's place there, the ids known distinct; ``table`` is the ``IdTable`` of their
    rows. Iterates in the rows' order, as ``Index`` does. (``Index``'s lookups, through a
    dictionary that finds in the table each id it does not hold yet: see ``_Found``.)"""

    __slots__ = ("_ids", "_rows")

    def __init__(self, ids: list[str], place: npt.NDArray[np.int32], table: IdTable) -> None:
        super().__init__(_Found(ids, place, table), range(len(ids)))
        self._ids = ids
        self._rows = place

    def __contains__(self, key: object) -> bool:
        try:
            self._row[key]  # type: ignore[index]
        except KeyError:
            return False
        return True

    def __iter__(self) -> Iterator[str]:
        return map(self._ids.__getitem__, self._rows.tolist())

    def __len__(self) -> int:
        return len(self._ids)


class _Found(dict[str, int]):
    """Each id looked up so far, with its place; an id not held yet is found in the table
    (``__missing__``: about a microsecond), and kept. Once a thirty-second as many ids as there
    are have been found that way, every id is put in at once."""

    __slots__ = ("_ids", "_left", "_mask", "_shift", "_slots", "_words")

    def __init__(self, ids: list[str], place: npt.NDArray[np.int32], table: IdTable) -> None:
        super().__init__()
        self._ids = ids
        # Each slot holds the place in pre-order of the id that hashed to it (-1 if free).
        self._slots = memoryview(np.append(place, np.int32(-1))[table.slots])
        self._words = table.words
        self._shift = 64 - (len(table.slots).bit_length() - 1)
        self._mask = len(table.slots) - 1
        self._left = len(ids) // 32  # (-1 once every id is in)

    def __missing__(self, key: str) -> int:
        if self._left <= 0:
            if self._left < 0:
                raise KeyError(key)
            self._left = -1
            self[None] = -1  # type: ignore[index]  # (as in ``places_of``)
            self.update(zip(self._ids, range(len(self._ids)), strict=True))
            del self[None]  # type: ignore[arg-type]
            return self[key]
        self._left -= 1
        try:
            data = key.encode()
        except (AttributeError, UnicodeEncodeError):  # (not a string; a lone surrogate)
            raise KeyError(key) from None
        if len(data) > 8 * self._words:
            raise KeyError(key)
        slots, ids, mask = self._slots, self._ids, self._mask
        slot = hash_id(data, self._words) >> self._shift
        while True:
            place: int = slots[slot]
            if place < 0:
                raise KeyError(key)
            if ids[place] == key:
                self[key] = place
                return place
            slot = (slot + 1) & mask


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
