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

Loading is O(n) time and memory; a million customers load in a few seconds.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from powerdesk.engine.errors import InputProblem, NetworkError
from powerdesk.engine.radial import ElementRow, radial_problems

__all__ = ["CANDIDATE_KINDS", "KIND_CODES", "Network", "load_network_csv"]

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


@dataclass
class Network:
    """A validated radial network in pre-order; see the module docstring."""

    ids: list[str]
    index: dict[str, int]
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
        ami: Sequence[int] | None = None,
        lightning_zone: Sequence[bool] | None = None,
        install_year: Sequence[int] | None = None,
        file: str = "<rows>",
    ) -> Network:
        """Build from ``(id, parent, kind)`` rows in any order (line numbers count from 2)."""
        rows = list(rows)
        problems = radial_problems(
            file, (ElementRow(i + 2, r[0], r[1], r[2]) for i, r in enumerate(rows))
        )
        if problems:
            raise NetworkError(problems)
        return _build(
            [r[0] for r in rows],
            [r[1] for r in rows],
            [KIND_CODES[r[2]] for r in rows],
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
        """Whether ``element`` is ``ancestor`` or lies downstream of it."""
        return bool(ancestor <= element < self.end[ancestor])

    def customers_below(self, element: int) -> int:
        return int(self.end_customer[element] - self.first_customer[element])

    def kind_name(self, element: int) -> str:
        return KIND_NAMES[int(self.kind[element])]

    def ancestors(self, element: int) -> list[int]:
        chain = []
        node = int(self.parent[element])
        while node >= 0:
            chain.append(node)
            node = int(self.parent[node])
        return chain


def load_network_csv(path: str | Path) -> Network:
    """Read the contract's NET.csv; raise ``NetworkError`` naming file and line on bad input."""
    path = Path(path)
    name = path.name
    try:
        with path.open("rb") as handle:
            raw = handle.read()
    except OSError as exc:
        raise NetworkError([InputProblem(name, 0, f"cannot be read: {exc.strerror}")]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise NetworkError([InputProblem(name, line, "is not UTF-8 text")]) from None
    del raw
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        raise NetworkError([InputProblem(name, 1, "the file is empty")])
    columns = {column.strip(): i for i, column in enumerate(header)}
    missing = [c for c in ("id", "parent", "kind") if c not in columns]
    if missing:
        raise NetworkError([InputProblem(name, 1, f"missing column(s): {', '.join(missing)}")])
    c_id, c_parent, c_kind = columns["id"], columns["parent"], columns["kind"]
    c_ami = columns.get("ami")
    c_zone = columns.get("lightning_zone")
    c_year = columns.get("install_year")
    ids: list[str] = []
    parents: list[str] = []
    kinds: list[str] = []
    ami: list[int] = []
    zone: list[bool] = []
    year: list[int] = []
    problems: list[InputProblem] = []
    width = len(header)
    for line, row in enumerate(reader, start=2):
        if len(row) < width:
            if not any(row):
                continue
            row = row + [""] * (width - len(row))
        ids.append(row[c_id].strip())
        parents.append(row[c_parent].strip())
        kinds.append(row[c_kind].strip())
        if c_ami is not None:
            value = row[c_ami].strip()
            if value in ("", "1", "0"):
                ami.append(int(value) if value else -1)
            else:
                problems.append(
                    InputProblem(name, line, f"ami must be 1, 0 or empty, not {value!r}", "ami")
                )
                ami.append(-1)
        if c_zone is not None:
            value = row[c_zone].strip()
            if value not in ("", "1", "0"):
                problems.append(
                    InputProblem(
                        name,
                        line,
                        f"lightning_zone must be 1, 0 or empty, not {value!r}",
                        "lightning_zone",
                    )
                )
            zone.append(value == "1")
        if c_year is not None:
            value = row[c_year].strip()
            if value and not (value.isdigit() and 1800 <= int(value) <= 2200):
                problems.append(
                    InputProblem(
                        name, line, f"install_year {value!r} is not a year", "install_year"
                    )
                )
                value = ""
            year.append(int(value) if value else 0)
    if not ids:
        problems.append(InputProblem(name, 1, "the file has no elements"))
    problems += radial_problems(
        name, (ElementRow(i + 2, ids[i], parents[i], kinds[i]) for i in range(len(ids)))
    )
    if problems:
        problems.sort(key=lambda p: p.line)
        raise NetworkError(problems)
    codes = [KIND_CODES[k] for k in kinds]
    return _build(ids, parents, codes, ami or None, zone or None, year or None)


def _build(
    ids: list[str],
    parents: list[str],
    kinds: list[int],
    ami: Sequence[int] | None,
    lightning_zone: Sequence[bool] | None,
    install_year: Sequence[int] | None,
) -> Network:
    n = len(ids)
    position = {element_id: i for i, element_id in enumerate(ids)}
    parent_in = np.fromiter((position[p] if p else -1 for p in parents), dtype=np.int32, count=n)
    order = _preorder(parent_in)
    rank = np.empty(n, dtype=np.int32)
    rank[order] = np.arange(n, dtype=np.int32)
    parent = np.where(parent_in[order] >= 0, rank[np.maximum(parent_in[order], 0)], -1).astype(
        np.int32
    )
    kind = np.asarray(kinds, dtype=np.int8)[order]
    sizes = _subtree_sizes(parent)
    end = (np.arange(n, dtype=np.int32) + sizes).astype(np.int32)
    is_customer = kind == CUSTOMER
    customer_element = np.flatnonzero(is_customer).astype(np.int32)
    customer_number = np.full(n, -1, dtype=np.int32)
    customer_number[customer_element] = np.arange(len(customer_element), dtype=np.int32)
    # Customers before position i, so the customers below element e are [cum[e], cum[end[e]]).
    cumulative = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(is_customer, out=cumulative[1:])
    first_customer = cumulative[:-1].copy()
    end_customer = cumulative[end]
    ordered_ids = [ids[i] for i in order]
    return Network(
        ids=ordered_ids,
        index={element_id: i for i, element_id in enumerate(ordered_ids)},
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
        candidate_parent=_candidate_parents(parent, kind),
    )


def _preorder(parent: IntArray) -> IntArray:
    """Depth-first pre-order of a forest given by parent indices (children in input order)."""
    n = len(parent)
    has_parent = parent >= 0
    child_order = np.argsort(np.where(has_parent, parent, n), kind="stable")
    counts = np.bincount(parent[has_parent], minlength=n)
    starts = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=starts[1:])
    children = child_order[: int(has_parent.sum())].tolist()
    start_list = starts.tolist()
    order: list[int] = []
    stack = np.flatnonzero(~has_parent)[::-1].tolist()
    append, pop, extend = order.append, stack.pop, stack.extend
    while stack:
        node = pop()
        append(node)
        first, last = start_list[node], start_list[node + 1]
        if last > first:
            extend(reversed(children[first:last]))
    return np.asarray(order, dtype=np.int32)


def _subtree_sizes(parent: IntArray) -> IntArray:
    """Sizes of subtrees for a pre-ordered forest (children come after their parent)."""
    n = len(parent)
    sizes = np.ones(n, dtype=np.int64)
    # Process deepest first: in pre-order, adding each node's size to its parent in reverse
    # order is exact because every child has a larger index than its parent.
    parent_list = parent.tolist()
    size_list = sizes.tolist()
    for node in range(n - 1, 0, -1):
        p = parent_list[node]
        if p >= 0:
            size_list[p] += size_list[node]
    return np.asarray(size_list, dtype=np.int32)


def _candidate_parents(parent: IntArray, kind: npt.NDArray[np.int8]) -> IntArray:
    """For each element, the nearest candidate device strictly above it."""
    n = len(parent)
    is_candidate = np.isin(kind, list(CANDIDATE_KINDS)).tolist()
    parent_list = parent.tolist()
    result = [-1] * n
    for node in range(n):  # pre-order: the parent's answer is known first
        p = parent_list[node]
        if p >= 0:
            result[node] = p if is_candidate[p] else result[p]
    return np.asarray(result, dtype=np.int32)
