"""The radial network model: element arrays in depth-first (Euler tour) order.

Every element gets an index in depth-first pre-order, so the elements below any element form
one contiguous range ``[index, end[index])``: "is X below Y" and "which customers are below Y"
are O(1) and a slice. Customers are numbered separately, also in pre-order, so the customers
below a device are ``customers[first_customer[d]:end_customer[d]]``.

>>> net = Network.from_rows([
...     ("S", "", "source"), ("F", "S", "fuse"), ("T", "F", "transformer"),
...     ("C1", "T", "customer"), ("C2", "T", "customer"), ("C3", "S", "customer")])
>>> net.customers_below(net.index["F"])
2
>>> net.is_below(net.index["C1"], net.index["S"])
True

Building is O(n) time and memory, numpy's work level by level (``model.tree``); reading the file is
``powerdesk.engine.readwrite.network_csv``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

import numpy as np
import numpy.typing as npt

from powerdesk.engine.errors import InputProblem, NetworkError
from powerdesk.engine.model.index import HashedIndex, IdTable, Index, places_of
from powerdesk.engine.model.radial import ElementRow, radial_problems
from powerdesk.engine.model.tree import (
    Tree,
    candidate_parents,
    levels_from_roots,
    preorder_positions,
    subtree_sizes,
)

__all__ = [
    "CANDIDATE_KINDS",
    "KIND_CODES",
    "KIND_NAMES",
    "Index",
    "Network",
    "build_checked",
    "build_linked",
    "build_resolved",
    "id_positions",
    "kind_array_of",
]

KIND_CODES = {
    "source": 0,
    "recloser": 1,
    "sectionalizer": 2,
    "fuse": 3,
    "transformer": 4,
    "switch": 5,
    "node": 6,
    "customer": 7,
}
KIND_NAMES = {code: name for name, code in KIND_CODES.items()}
CUSTOMER = KIND_CODES["customer"]
# Elements that can be the device an outage is named by: protective devices and switches.
CANDIDATE_KINDS = frozenset(
    KIND_CODES[k] for k in ("source", "recloser", "sectionalizer", "fuse", "transformer", "switch")
)

IntArray = npt.NDArray[np.int32]
# An optional column's values, as a list or an array (the file reader gives arrays).
Column = Sequence[int] | Sequence[bool] | npt.NDArray[Any]


@dataclass
class Network:
    """A validated radial network in pre-order; see the module docstring."""

    ids: list[str]
    index: Index
    kind: npt.NDArray[np.int8]
    parent: IntArray  # -1 for a root
    end: IntArray  # one past the last element below
    ami: npt.NDArray[np.int8]  # 1 reports, 0 does not, -1 unknown
    lightning_zone: npt.NDArray[np.bool_]
    install_year: npt.NDArray[np.int16]  # 0 when unknown
    # Customers: customer number (pre-order) -> element index, and per-element ranges.
    customer_element: IntArray
    customer_number: IntArray  # element index -> customer number, -1 for other kinds
    first_customer: IntArray
    end_customer: IntArray
    # Nearest candidate device above each element (-1 at the top).
    candidate_parent: IntArray
    extra: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def from_rows(
        cls,
        rows: Iterable[tuple[str, str, str]],
        *,
        ami: Column | None = None,
        lightning_zone: Column | None = None,
        install_year: Column | None = None,
        file: str = "<rows>",
    ) -> Network:
        """Build from ``(id, parent, kind)`` rows in any order (line numbers count from 2).

        >>> net = Network.from_rows([("C", "S", "customer"), ("S", "", "source")], ami=[1, -1])
        >>> net.ids, net.ami.tolist()
        (['S', 'C'], [-1, 1])
        """
        rows = list(rows)
        return build_checked(
            file,
            [r[0] for r in rows],
            [r[1] for r in rows],
            [r[2] for r in rows],
            [i + 2 for i in range(len(rows))],
            ami,
            lightning_zone,
            install_year,
        )

    # -- queries -------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.ids)

    @property
    def customer_count(self) -> int:
        return len(self.customer_element)

    def is_below(self, element: int, ancestor: int) -> bool:
        """Whether ``element`` is ``ancestor`` or lies downstream of it.

        >>> net = Network.from_rows([("S", "", "source"), ("F", "S", "fuse"),
        ...     ("C", "F", "customer")])
        >>> net.is_below(net.index["C"], net.index["F"]), net.is_below(0, net.index["F"])
        (True, False)
        """
        return bool(ancestor <= element < self.end[ancestor])

    def customers_below(self, element: int) -> int:
        """How many customers ``element`` feeds (a customer: itself).

        >>> net = Network.from_rows([("S", "", "source"), ("F", "S", "fuse"),
        ...     ("C1", "F", "customer"), ("C2", "S", "customer")])
        >>> net.customers_below(net.index["S"]), net.customers_below(net.index["F"])
        (2, 1)
        """
        return int(self.end_customer[element] - self.first_customer[element])

    def kind_name(self, element: int) -> str:
        """The kind of ``element`` as NET.csv names it.

        >>> Network.from_rows([("S", "", "source"), ("C", "S", "customer")]).kind_name(1)
        'customer'
        """
        return KIND_NAMES[int(self.kind[element])]

    def ancestors(self, element: int) -> list[int]:
        """The elements above ``element``, nearest first.

        >>> net = Network.from_rows(
        ...     [("S", "", "source"), ("F", "S", "fuse"), ("C", "F", "customer")])
        >>> [net.ids[a] for a in net.ancestors(net.index["C"])]
        ['F', 'S']
        """
        chain = []
        node = int(self.parent[element])
        while node >= 0:
            chain.append(node)
            node = int(self.parent[node])
        return chain


def build_checked(
    file: str,
    ids: list[str],
    parents: list[str],
    kinds: list[str],
    lines: Sequence[int],
    ami: Column | None,
    lightning_zone: Column | None,
    install_year: Column | None,
) -> Network:
    """Build the network; on any sign of a problem, list every problem by line instead.

    The checks run on whole arrays (unique ids, known kinds and parents, sources as the only
    roots, customers as leaves, every element reached from a root, so no cycles); only a file
    that fails them is walked row by row to say where.

    >>> net = build_checked("NET.csv", ["S", "C"], ["", "S"], ["source", "customer"], [2, 3],
    ...                     None, None, None)
    >>> net.customer_count
    1
    >>> build_checked("NET.csv", ["S", "C"], ["", "X"], ["source", "customer"], [2, 3],
    ...               None, None, None)
    Traceback (most recent call last):
    ...
    powerdesk.engine.errors.NetworkError: NET.csv, line 3...
    """
    network = build_resolved(ids, parents, kind_array_of(kinds), ami, lightning_zone, install_year)
    if network is None:
        problems = radial_problems(
            file, (ElementRow(lines[i], ids[i], parents[i], kinds[i]) for i in range(len(ids)))
        )
        if not problems and not ids:
            problems = [InputProblem(file, 1, "the network has no elements")]
        raise NetworkError(problems)
    return network


def kind_array_of(kinds: list[str]) -> npt.NDArray[np.int8]:
    """Each kind's code, -1 for a kind the contract does not name.

    >>> kind_array_of(["source", "breaker"]).tolist()
    [0, -1]
    """
    n = len(kinds)
    return np.fromiter(map(KIND_CODES.get, kinds, repeat(-1, n)), dtype=np.int8, count=n)


def build_resolved(
    ids: list[str],
    parents: list[str],
    kind_array: npt.NDArray[np.int8],
    ami: Column | None,
    lightning_zone: Column | None,
    install_year: Column | None,
) -> Network | None:
    """The network, or None if the rows are not a radial network (``build_checked`` then
    says why, line by line).

    >>> build_resolved(["S", "C"], ["", "S"], kind_array_of(["source", "customer"]),
    ...                None, None, None).ids
    ['S', 'C']
    >>> build_resolved(["S", "C"], ["", "C"], kind_array_of(["source", "customer"]),
    ...                None, None, None) is None
    True
    """
    n = len(ids)
    position = id_positions(ids)
    if position is None:
        return None
    position[""] = -1  # no parent: a root
    parent_array = np.fromiter(map(position.get, parents, repeat(-2, n)), dtype=np.int32, count=n)
    del position[""]
    if bool(np.any(parent_array == -2)):
        return None
    return build_linked(ids, position, parent_array, kind_array, ami, lightning_zone, install_year)


def id_positions(ids: list[str]) -> dict[str, int] | None:
    """Each id's row, or None if an id is empty or on more than one row.

    >>> id_positions(["S", "C"]), id_positions(["S", "S"]), id_positions(["S", ""])
    ({'S': 0, 'C': 1}, None, None)
    """
    position = places_of(ids)
    if len(position) != len(ids) or "" in position:
        return None
    return position


def build_linked(
    ids: list[str],
    position: dict[str, int] | IdTable,
    parent_array: IntArray,
    kind_array: npt.NDArray[np.int8],
    ami: Column | None,
    lightning_zone: Column | None,
    install_year: Column | None,
) -> Network | None:
    """The network of rows whose parents are resolved to rows (-1: none), or None if they
    are not a radial network. ``position`` is each id's row (from ``id_positions``), or a
    table of the rows by their ids' bytes (the ids then known distinct), which the network's
    index looks ids up in (``model.index.HashedIndex``). The checks run on
    whole arrays: known kinds, sources as the only roots, customers as leaves, every element
    reached from a root (so no cycles).

    >>> build_linked(["S", "C"], {"S": 0, "C": 1}, np.array([-1, 0], dtype=np.int32),
    ...              kind_array_of(["source", "customer"]), None, None, None).ids
    ['S', 'C']
    """
    n = len(ids)
    if n == 0 or bool(np.any(kind_array < 0)):
        return None
    roots = parent_array < 0
    if not bool(np.all((kind_array == KIND_CODES["source"]) == roots)):
        return None
    has_children = np.bincount(parent_array[~roots], minlength=n) > 0
    if bool(np.any(has_children & (kind_array == CUSTOMER))):
        return None
    tree = levels_from_roots(parent_array)
    if tree is None:  # some elements are on a cycle
        return None
    return _build(ids, position, parent_array, kind_array, tree, ami, lightning_zone, install_year)


def _build(
    ids: list[str],
    position: dict[str, int] | IdTable,
    parent_in: IntArray,
    kinds: npt.NDArray[np.int8],
    tree: Tree,
    ami: Column | None,
    lightning_zone: Column | None,
    install_year: Column | None,
) -> Network | None:
    n = len(ids)
    sizes = subtree_sizes(parent_in, tree.levels)
    rank = preorder_positions(parent_in, tree, sizes)
    order = np.empty(n, dtype=np.int32)
    order[rank] = np.arange(n, dtype=np.int32)
    parent = np.where(parent_in[order] >= 0, rank[np.maximum(parent_in[order], 0)], -1).astype(
        np.int32
    )
    kind = kinds[order]
    end = (np.arange(n, dtype=np.int32) + sizes[order]).astype(np.int32)
    is_customer = kind == CUSTOMER
    customer_element = np.flatnonzero(is_customer).astype(np.int32)
    customer_number = np.full(n, -1, dtype=np.int32)
    customer_number[customer_element] = np.arange(len(customer_element), dtype=np.int32)
    # Customers before position i, so the customers below element e are [cum[e], cum[end[e]]).
    cumulative = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(is_customer, out=cumulative[1:])
    first_customer = cumulative[:-1].copy()
    end_customer = cumulative[end]
    is_candidate = np.isin(kinds, list(CANDIDATE_KINDS))
    above = candidate_parents(parent_in, is_candidate, tree.levels)[order]
    # (An array of the strings reorders them fastest, with no int made for each.)
    ordered_ids: list[str] = np.array(ids, dtype=object)[order].tolist()
    index = (
        HashedIndex(ordered_ids, rank, position)
        if isinstance(position, IdTable)
        else Index(position, rank.tolist())
    )
    return Network(
        ids=ordered_ids,
        index=index,
        kind=kind,
        parent=parent,
        end=end,
        ami=(
            np.asarray(ami, dtype=np.int8)[order]
            if ami is not None
            else np.full(n, -1, dtype=np.int8)
        ),
        lightning_zone=(
            np.asarray(lightning_zone, dtype=bool)[order]
            if lightning_zone is not None
            else np.zeros(n, dtype=bool)
        ),
        install_year=(
            np.asarray(install_year, dtype=np.int16)[order]
            if install_year is not None
            else np.zeros(n, dtype=np.int16)
        ),
        customer_element=customer_element,
        customer_number=customer_number,
        first_customer=first_customer,
        end_customer=end_customer.astype(np.int32),
        candidate_parent=np.where(above >= 0, rank[np.maximum(above, 0)], -1).astype(np.int32),
    )
