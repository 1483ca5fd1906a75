"""Fields of a text as 8-byte words, and each parent found among the ids by their bytes.

``words_of(text)`` reads 8 bytes from any byte of a text (which must end in 8 zero bytes or
more) as one little-endian integer; a field of at most ``8 * count`` bytes is then ``count``
words, and two fields are equal when their lengths and words are. ``parent_rows`` finds each
parent among the ids that way, for all rows at once: O(rows) time and memory.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from powerdesk.engine.model.index import IdTable, hash_words, id_table

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


# Each parent is looked up by a hash of its bytes in an open-addressing table of the ids' rows
# (``model.index.id_table``), built and searched one probe step at a time for all rows at once.
# Any doubt (two ids hashed alike, as repeated ids are; a parent not found) gets None:
# ``network_plain`` then leaves the file to the general reader, whose dictionary decides.


def parent_rows(
    words: Words, ids: tuple[Positions, Positions], parents: tuple[Positions, Positions]
) -> tuple[npt.NDArray[np.int32], IdTable] | None:
    """Each row's parent's row (-1 for none), the ids and parents given by where they begin
    in the text that ``words`` reads and how long they are, and the table of the ids' rows
    that found them (which ``model.index.HashedIndex`` looks ids up in); None if an id is
    empty, two ids hash alike (as repeated ids do) or a parent is not an id.

    >>> text = np.frombuffer(b"S,,F,S,C,F" + bytes(16), dtype=np.uint8)
    >>> ids, parents = (np.array([0, 3, 7]), np.array([1, 1, 1])), (np.array([2, 5, 9]),
    ...                                                              np.array([0, 1, 1]))
    >>> parent_rows(words_of(text), ids, parents)[0].tolist()
    [-1, 0, 1]
    """
    (ids_at, ids_length), (parents_at, parents_length) = ids, parents
    longest = int(ids_length.max())
    if int(ids_length.min()) == 0 or int(parents_length.max()) > longest:
        return None
    count = (longest + 7) // 8
    id_words = field_words(words, ids_at, ids_length, count)
    hashes = hash_words(ids_length, id_words)
    table = id_table(hashes, count)
    if table is None:
        return None
    slots = table.slots
    mask = len(slots) - 1
    shift = np.uint64(64 - mask.bit_length())
    children = np.flatnonzero(parents_length)
    wanted_length = parents_length[children]
    wanted_words = field_words(words, parents_at[children], wanted_length, count)
    wanted = hash_words(wanted_length, wanted_words)
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
    return result, table
