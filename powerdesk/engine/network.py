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
        return _checked_build(
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
    width = len(header)
    rows = [row for row in reader if row]
    if len(rows) + 1 == reader.line_num:  # no blank or multi-line rows: numbering is simple
        lines: Sequence[int] = range(2, len(rows) + 2)
    else:
        lines = _line_numbers(text)
    if any(len(row) < width for row in rows):
        rows = [row + [""] * (width - len(row)) if len(row) < width else row for row in rows]
    del reader, text
    c_id, c_parent, c_kind = columns["id"], columns["parent"], columns["kind"]
    ids = [row[c_id].strip() for row in rows]
    parents = [row[c_parent].strip() for row in rows]
    kinds = [row[c_kind].strip() for row in rows]
    problems: list[InputProblem] = []
    ami = _flags(rows, lines, columns.get("ami"), name, "ami", problems, unknown=-1)
    zone = _flags(
        rows, lines, columns.get("lightning_zone"), name, "lightning_zone", problems, unknown=0
    )
    year = _years(rows, lines, columns.get("install_year"), name, problems)
    del rows
    if not ids:
        problems.append(InputProblem(name, 1, "the file has no elements"))
    if problems:
        problems += radial_problems(
            name, (ElementRow(lines[i], ids[i], parents[i], kinds[i]) for i in range(len(ids)))
        )
        problems.sort(key=lambda p: p.line)
        raise NetworkError(problems)
    return _checked_build(name, ids, parents, kinds, lines, ami, zone, year)


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
    rows: list[list[str]],
    lines: Sequence[int],
    column: int | None,
    file: str,
    name: str,
    problems: list[InputProblem],
    *,
    unknown: int,
) -> list[int] | None:
    """A 1/0/empty column as integers (``unknown`` for empty); bad values are problems."""
    if column is None:
        return None
    values = [row[column] for row in rows]
    table = {"1": 1, "0": 0, "": unknown}
    result = [table.get(v, -9) for v in values]
    if -9 in result:
        for i, value in enumerate(result):
            if value == -9:
                text = values[i].strip()
                if text in table:
                    result[i] = table[text]
                else:
                    problems.append(
                        InputProblem(
                            file, lines[i], f"{name} must be 1, 0 or empty, not {text!r}", name
                        )
                    )
                    result[i] = unknown
    return result


def _years(
    rows: list[list[str]],
    lines: Sequence[int],
    column: int | None,
    file: str,
    problems: list[InputProblem],
) -> list[int] | None:
    if column is None:
        return None
    result = []
    for i, row in enumerate(rows):
        value = row[column].strip()
        if not value:
            result.append(0)
        elif value.isdigit() and 1800 <= int(value) <= 2200:
            result.append(int(value))
        else:
            problems.append(
                InputProblem(
                    file, lines[i], f"install_year {value!r} is not a year", "install_year"
                )
            )
            result.append(0)
    return result


def _checked_build(
    file: str,
    ids: list[str],
    parents: list[str],
    kinds: list[str],
    lines: Sequence[int],
    ami: Sequence[int] | None,
    lightning_zone: Sequence[bool] | Sequence[int] | None,
    install_year: Sequence[int] | None,
) -> Network:
    """Build the network; on any sign of a problem, list every problem by line instead.

    The checks run on whole arrays (unique ids, known kinds and parents, sources as the only
    roots, customers as leaves, every element reached from a root, so no cycles); only a file
    that fails them is walked row by row to say where.
    """
    n = len(ids)
    position = dict(zip(ids, range(n), strict=True))
    codes = [KIND_CODES.get(k, -1) for k in kinds]
    parent_index = [position.get(p, -2) if p else -1 for p in parents]
    sound = n > 0 and len(position) == n and -1 not in codes and -2 not in parent_index
    if sound:
        kind_array = np.asarray(codes, dtype=np.int8)
        parent_array = np.asarray(parent_index, dtype=np.int32)
        roots = parent_array < 0
        sound = bool(np.all((kind_array == KIND_CODES["source"]) == roots))
        if sound:
            has_children = np.bincount(parent_array[~roots], minlength=n) > 0
            sound = not bool(np.any(has_children & (kind_array == CUSTOMER)))
    if sound:
        order = _preorder(parent_array)
        sound = len(order) == n  # elements on a cycle are never reached from a root
    if not sound:
        problems = radial_problems(
            file, (ElementRow(lines[i], ids[i], parents[i], kinds[i]) for i in range(n))
        )
        if not problems and n == 0:
            problems = [InputProblem(file, 1, "the network has no elements")]
        raise NetworkError(problems)
    return _build(ids, parent_array, kind_array, order, ami, lightning_zone, install_year)


def _build(
    ids: list[str],
    parent_in: IntArray,
    kinds: npt.NDArray[np.int8],
    order: IntArray,
    ami: Sequence[int] | None,
    lightning_zone: Sequence[bool] | Sequence[int] | None,
    install_year: Sequence[int] | None,
) -> Network:
    n = len(ids)
    rank = np.empty(n, dtype=np.int32)
    rank[order] = np.arange(n, dtype=np.int32)
    parent = np.where(parent_in[order] >= 0, rank[np.maximum(parent_in[order], 0)], -1).astype(
        np.int32
    )
    kind = kinds[order]
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
