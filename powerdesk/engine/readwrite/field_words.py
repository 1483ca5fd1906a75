"""Fields of a text as 8-byte words, and each parent found among the ids by their bytes.

``words_of(text)`` reads 8 bytes from any byte of a text (which must end in 8 zero bytes or
more) as one little-endian integer; a field of at most ``8 * count`` bytes is then ``count``
words, and two fields are equal when their lengths and words are. ``parent_rows`` finds each
parent among the ids that way, for all rows at once: O(rows) time and memory.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["LOW_BYTES", "Positions", "Words", "field_words", "parent_rows", "words_of"]

Positions = npt.NDArray[np.int64]
Words = npt.NDArray[np.uint64]

# The low 8k bits of a word: the first k bytes of the text it was read from.
LOW_BYTES = np.array([(1 << (8 * k)) - 1 for k in range(9)], dtype=np.uint64)


def words_of(text: npt.NDArray[np.uint8], offset: int = 0) -> Words:
    """The 8 bytes from each byte of ``text[offset:]`` (but the last 7) as one integer: a view.

    >>> words = words_of(np.frombuffer(b"id,parent", dtype=np.uint8))
    >>> int(words[1]) == int.from_bytes(b"d,parent", "little"), len(words)
    (True, 2)
    """
    return np.ndarray(
        (len(text) - offset - 7,), dtype="<u8", buffer=text.data, offset=offset, strides=(1,)
    )


def field_words(words: Words, at: Positions, length: Positions, count: int) -> list[Words]:
    """The first ``8 * count`` bytes of each field (which must hold it all), as ``count``
    words with the bytes past its end set to zero.

    >>> text = np.frombuffer(b"S,F-17,C" + bytes(16), dtype=np.uint8)
    >>> [hex(w) for w in field_words(words_of(text), np.array([2]), np.array([4]), 1)[0]]
    ['0x37312d46']
    """
    result = []
    for k in range(count):
        # (A short field's later words may start past the text: they are all masked off.)
        word = words[np.minimum(at + 8 * k, len(words) - 1) if k else at]
        word &= LOW_BYTES[np.clip(length - 8 * k, 0, 8)]
        result.append(word)
    return result


# Each parent is looked up by a hash of its bytes in an open-addressing table of the ids' rows,
# built and searched one probe step at a time for all rows at once. Any doubt (two ids hashed
# alike, as repeated ids are; a parent not found) gets None: ``network_plain`` then leaves the
# file to the general reader, whose dictionary decides.

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


def parent_rows(
    words: Words, ids: tuple[Positions, Positions], parents: tuple[Positions, Positions]
) -> npt.NDArray[np.int32] | None:
    """Each row's parent's row (-1 for none), the ids and parents given by where they begin
    in the text that ``words`` reads and how long they are; None if an id is empty, two ids
    hash alike (as repeated ids do) or a parent is not an id.

    >>> text = np.frombuffer(b"S,,F,S,C,F" + bytes(16), dtype=np.uint8)
    >>> ids, parents = (np.array([0, 3, 7]), np.array([1, 1, 1])), (np.array([2, 5, 9]),
    ...                                                              np.array([0, 1, 1]))
    >>> parent_rows(words_of(text), ids, parents).tolist()
    [-1, 0, 1]
    """
    (ids_at, ids_length), (parents_at, parents_length) = ids, parents
    longest = int(ids_length.max())
    if int(ids_length.min()) == 0 or int(parents_length.max()) > longest:
        return None
    count = (longest + 7) // 8
    id_words = field_words(words, ids_at, ids_length, count)
    hashes = _hash(ids_length, id_words)
    slots = _slots(hashes)
    if slots is None:
        return None
    mask = len(slots) - 1
    shift = np.uint64(64 - mask.bit_length())
    children = np.flatnonzero(parents_length)
    wanted_length = parents_length[children]
    wanted_words = field_words(words, parents_at[children], wanted_length, count)
    wanted = _hash(wanted_length, wanted_words)
    found = np.empty(len(children), dtype=np.int32)
    pending, slot = np.arange(len(children)), (wanted >> shift).astype(np.int64)
    while len(pending):
        held = slots[slot]
        if bool(np.any(held < 0)):
            return None
        hit = hashes[held] == wanted[pending]
        found[pending[hit]] = held[hit]
        pending, slot = pending[~hit], (slot[~hit] + 1) & mask
    # (A hash is no proof: the bytes are compared.)
    if not np.array_equal(ids_length[found], wanted_length):
        return None
    for id_word, wanted_word in zip(id_words, wanted_words, strict=True):
        if not np.array_equal(id_word[found], wanted_word):
            return None
    result = np.full(len(ids_at), -1, dtype=np.int32)
    result[children] = found
    return result


def _slots(hashes: Words) -> npt.NDArray[np.int32] | None:
    """A table of each row at the first free slot from its hash's top bits (linear probing,
    under half full, -1 in a free slot); None if two rows hash alike."""
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
            return None
        claims, claimed = pending[free], slot[free]
        slots[claimed] = claims
        lost = slots[claimed] != claims
        if bool(np.any(hashes[slots[claimed[lost]]] == hashes[claims[lost]])):
            return None
        pending = np.concatenate((pending[~free], claims[lost]))
        slot = (np.concatenate((slot[~free], claimed[lost])) + 1) & mask
    return slots
