"""Looking elements up by id in a network read from a plain NET.csv: through the table of the
ids' bytes that found the parents (no dictionary of a million ids while loading), then, after
a thirty-second as many lookups as ids, through a dictionary; every answer the same as the general
reader's dictionary gives, ids or not."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from powerdesk.engine.model.index import HashedIndex, hash_id, hash_words
from powerdesk.engine.readwrite.field_words import field_words, words_of
from powerdesk.engine.readwrite.network_csv import _general_network
from powerdesk.engine.readwrite.network_plain import plain_network
from tests.engine.test_network_plain import files

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(st.lists(st.binary(max_size=40), min_size=1, max_size=20))
def test_one_id_hashes_as_the_table_of_all_ids_hashed_it(fields: list[bytes]) -> None:
    text = np.frombuffer(b"".join(fields) + bytes(16), dtype=np.uint8)
    length = np.array([len(f) for f in fields], dtype=np.int64)
    at = np.cumsum(length) - length
    count = max(1, (int(length.max()) + 7) // 8)
    hashes = hash_words(length, field_words(words_of(text), at, length, count))
    assert [int(h) for h in hashes] == [hash_id(f, count) for f in fields]


def _keys(ids: list[str], extra: list[str]) -> list[object]:
    """The ids, and keys that are not: near misses, longer ones, others."""
    near = [key for i in ids for key in (i + "0", i[:-1], i.lower(), i * 3)]
    return [*ids, *near, *extra, "", "\ud800", "光禄" * 20, 7, None]


@SETTINGS
@given(
    files(flawed=False),
    st.lists(st.text(max_size=30), max_size=5),
    st.randoms(),
    st.sampled_from([None, 0, 10**9]),
)
def test_a_plain_file_looks_ids_up_as_the_general_reader_does_before_and_after_its_dictionary(
    raw: bytes, extra: list[str], rng: random.Random, probes: int | None
) -> None:
    plain = plain_network(raw)
    assert plain is not None
    if probes is not None:  # (every id put in the dictionary at the first lookup, or never)
        plain.index._row._left = probes  # type: ignore[attr-defined]
    general = _general_network(raw, "NET.csv").index
    keys = _keys(plain.ids, extra)
    rng.shuffle(keys)
    for key in keys + keys:  # (the second time, found in the dictionary)
        assert plain.index.get(key) == general.get(key), key  # type: ignore[arg-type]
        assert (key in plain.index) == (key in general), key
        if key in general:
            assert plain.index[key] == general[key]  # type: ignore[index]
        else:
            with pytest.raises(KeyError):
                plain.index[key]  # type: ignore[index]
    assert list(plain.index.items()) == list(general.items())
    assert len(plain.index) == len(general)


def test_loading_a_plain_file_builds_no_dictionary_of_ids_until_many_are_looked_up() -> None:
    rows = [f"C{n:05d},S,customer" for n in range(3999)]
    raw = "\n".join(["id,parent,kind", "S,,source", *rows]).encode()
    network = plain_network(raw)
    assert network is not None
    index = network.index
    assert isinstance(index, HashedIndex)
    held = index._row
    assert len(held) == 0
    for _ in range(3):  # (an id looked up again is found in the dictionary)
        for n in range(125):  # (a thirty-second of the ids)
            assert index[f"C{n:05d}"] == n + 1
    assert len(held) == 125
    assert index.get("C03998") == 3999
    assert len(held) == 4000
    assert index.get("C03999") is None and index["S"] == 0 and "C03999" not in index
