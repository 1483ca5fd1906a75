"""Checks that rows of ``(id, parent, kind)`` form a radial network.

The checks are the contract's: ids unique, every non-root parent exists, no cycles, roots are
sources, customers are leaves. They report every problem found, each with its line, so that a
person can fix a file in one pass.

A file may add to a network already stored (one new transformer area under a fuse the station
has): a parent is then a row of the file or an element of ``stored`` (its id, with its parent
and kind as stored), and a cycle is looked for through both, the file's rows taking the place
of the stored elements of the same id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from powerdesk.engine.errors import InputProblem

__all__ = ["KINDS", "SELF_OPERATING_KINDS", "ElementRow", "radial_problems"]

KINDS = frozenset(
    {"source", "recloser", "sectionalizer", "fuse", "transformer", "switch", "node", "customer"}
)
# Devices that can open by themselves (protection operating) rather than only by hand.
SELF_OPERATING_KINDS = frozenset({"source", "recloser", "sectionalizer", "fuse", "transformer"})


@dataclass(frozen=True, slots=True)
class ElementRow:
    line: int
    id: str
    parent: str
    kind: str


def radial_problems(
    file: str,
    rows: Iterable[ElementRow],
    stored: Mapping[str, tuple[str, str]] | None = None,
) -> list[InputProblem]:
    """Every way in which ``rows`` fail to be a radial network (empty when they are one), with
    ``stored`` the elements already in the network the file adds to: ``{id: (parent, kind)}``.

    >>> rows = [ElementRow(2, "S", "", "source"), ElementRow(3, "F", "X", "fuse")]
    >>> [str(p) for p in radial_problems("net.csv", rows)]
    ["net.csv, line 3, column parent: 'X' is not the id of any element"]
    >>> radial_problems("net.csv", [ElementRow(2, "T9", "F", "transformer")], {"F": ("S", "fuse")})
    []

    Runs in O(n) time and memory.
    """
    problems: list[InputProblem] = []
    by_id: dict[str, ElementRow] = {}
    stored = stored or {}
    ordered = list(rows)
    for row in ordered:
        if not row.id:
            problems.append(InputProblem(file, row.line, "the id is empty", "id", "empty_id"))
            continue
        if row.kind not in KINDS:
            allowed = ", ".join(sorted(KINDS))
            problems.append(
                InputProblem(
                    file,
                    row.line,
                    f"unknown kind {row.kind!r} (use {allowed})",
                    "kind",
                    "unknown_kind",
                    (("kind", row.kind), ("allowed", allowed)),
                )
            )
        if row.id in by_id:
            first = by_id[row.id].line
            problems.append(
                InputProblem(
                    file,
                    row.line,
                    f"duplicate id {row.id!r} (first on line {first})",
                    "id",
                    "duplicate_id",
                    (("id", row.id), ("first", str(first))),
                )
            )
            continue
        by_id[row.id] = row

    has_children: set[str] = set()
    for row in by_id.values():
        if not row.parent:
            if row.kind != "source":
                problems.append(
                    InputProblem(
                        file,
                        row.line,
                        f"{row.id!r} has no parent but only a source is a root",
                        "parent",
                        "root_not_source",
                        (("id", row.id),),
                    )
                )
            continue
        if row.kind == "source":
            problems.append(
                InputProblem(
                    file,
                    row.line,
                    f"source {row.id!r} must not have a parent",
                    "parent",
                    "source_with_parent",
                    (("id", row.id),),
                )
            )
        if row.parent == row.id:
            problems.append(
                InputProblem(
                    file,
                    row.line,
                    f"{row.id!r} is its own parent",
                    "parent",
                    "own_parent",
                    (("id", row.id),),
                )
            )
            continue
        parent = by_id.get(row.parent)
        if parent is None and row.parent in stored:
            if stored[row.parent][1] == "customer":
                problems.append(
                    InputProblem(
                        file,
                        row.line,
                        f"customer {row.parent!r} has children",
                        "parent",
                        "customer_with_children",
                        (("id", row.parent),),
                    )
                )
            continue
        if parent is None:
            problems.append(
                InputProblem(
                    file,
                    row.line,
                    f"{row.parent!r} is not the id of any element",
                    "parent",
                    "unknown_parent",
                    (("parent", row.parent),),
                )
            )
            continue
        has_children.add(parent.id)
    for element_id in sorted(has_children, key=lambda i: by_id[i].line):
        row = by_id[element_id]
        if row.kind == "customer":
            problems.append(
                InputProblem(
                    file,
                    row.line,
                    f"customer {row.id!r} has children",
                    "kind",
                    "customer_with_children",
                    (("id", row.id),),
                )
            )
    problems.extend(_cycle_problems(file, by_id, stored))
    problems.sort(key=lambda p: p.line)
    return problems


def _cycle_problems(
    file: str, by_id: dict[str, ElementRow], stored: Mapping[str, tuple[str, str]]
) -> list[InputProblem]:
    """One problem per cycle, reported on the cycle's first line in the file. A cycle may go
    through stored elements (a stored fuse put under a new row of the file that it feeds)."""

    def parent_of(element: str) -> str:
        return by_id[element].parent if element in by_id else stored[element][0]

    state: dict[str, int] = {}  # 1: on the current walk, 2: known to reach a root or a problem
    problems: list[InputProblem] = []
    for start in by_id:
        if state.get(start):
            continue
        walk: list[str] = []
        node: str | None = start
        while node is not None and (node in by_id or node in stored) and not state.get(node):
            state[node] = 1
            walk.append(node)
            parent = parent_of(node)
            node = parent if parent and parent != node else None
        if node is not None and state.get(node) == 1:
            cycle = walk[walk.index(node) :]
            in_file = [i for i in cycle if i in by_id]
            first = min(in_file, key=lambda i: by_id[i].line)
            ids = " → ".join(cycle[:6]) + (" → ..." if len(cycle) > 6 else "")
            problems.append(
                InputProblem(
                    file,
                    by_id[first].line,
                    f"cycle of parents: {ids}",
                    "parent",
                    "cycle",
                    (("ids", ids),),
                )
            )
        for visited in walk:
            state[visited] = 2
    return problems
