"""A radial network's tree as arrays: its levels from the roots down, each subtree's size,
each element's place in depth-first pre-order and the nearest candidate device above it.

Every function takes each element's parent (-1 for a root) and works level by level, each
level one array operation: O(n) time and memory, numpy's work, not a loop over elements.

>>> parent = np.array([-1, 0, 0, 1], dtype=np.int32)
>>> tree = levels_from_roots(parent)
>>> sizes = subtree_sizes(parent, tree.levels)
>>> sizes.tolist(), preorder_positions(parent, tree, sizes).tolist()
([4, 2, 1, 1], [0, 1, 3, 2])
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import numpy.typing as npt

__all__ = ["Tree", "candidate_parents", "levels_from_roots", "preorder_positions", "subtree_sizes"]

IntArray = npt.NDArray[np.int32]


class Tree(NamedTuple):
    levels: list[IntArray]  # the elements by depth, the roots first
    siblings: IntArray  # the elements grouped by parent (the roots last), each group in input order
    group: npt.NDArray[np.int64]  # each element's parent, n for a root
    start: npt.NDArray[np.int64]  # where each element's children (n: the roots) begin in siblings


def levels_from_roots(parent: IntArray) -> Tree | None:
    """The elements by depth, found from the roots down one level at a time through each
    element's children; None if some elements are never reached (they are on a cycle).

    >>> tree = levels_from_roots(np.array([1, -1, 1, 0], dtype=np.int32))
    >>> [level.tolist() for level in tree.levels]
    [[1], [0, 2], [3]]
    >>> levels_from_roots(np.array([-1, 2, 1], dtype=np.int32)) is None
    True
    """
    n = len(parent)
    group = np.where(parent >= 0, parent, n)
    siblings = np.argsort(group, kind="stable").astype(np.int32)
    count = np.bincount(group, minlength=n + 1)
    start = np.cumsum(count) - count
    level = siblings[start[n] :]
    levels = [level]
    reached = len(level)
    while True:
        children = count[level]
        total = int(children.sum())
        if not total:
            break
        # (The children of each element of the level are one run of siblings.)
        runs = np.cumsum(children)
        level = siblings[np.repeat(start[level] - (runs - children), children) + np.arange(total)]
        levels.append(level)
        reached += total
    if reached < n:
        return None
    return Tree(levels, siblings, group, start)


def subtree_sizes(parent: IntArray, levels: list[IntArray]) -> npt.NDArray[np.int64]:
    """How many elements each subtree holds (itself included), deepest level first.

    >>> parent = np.array([-1, 0, 1, 0], dtype=np.int32)  # 0 ─ 1 ─ 2, and 0 ─ 3
    >>> subtree_sizes(parent, levels_from_roots(parent).levels).tolist()
    [4, 2, 1, 1]
    """
    sizes = np.ones(len(parent), dtype=np.int64)
    for level in reversed(levels[1:]):
        np.add.at(sizes, parent[level], sizes[level])
    return sizes


def preorder_positions(parent: IntArray, tree: Tree, sizes: npt.NDArray[np.int64]) -> IntArray:
    """Each element's place in depth-first pre-order (roots, and each element's children, in
    input order): one past its parent's, plus the sizes of the siblings before it.

    >>> parent = np.array([-1, 0, 1, 0], dtype=np.int32)  # 0 ─ 1 ─ 2, and 0 ─ 3
    >>> tree = levels_from_roots(parent)
    >>> preorder_positions(parent, tree, subtree_sizes(parent, tree.levels)).tolist()
    [0, 1, 2, 3]
    """
    ordered = sizes[tree.siblings]
    before = np.cumsum(ordered) - ordered
    offset = np.empty(len(parent), dtype=np.int64)
    offset[tree.siblings] = before - before[tree.start[tree.group[tree.siblings]]]
    position = np.empty(len(parent), dtype=np.int64)
    position[tree.levels[0]] = offset[tree.levels[0]]
    for level in tree.levels[1:]:
        position[level] = position[parent[level]] + 1 + offset[level]
    return position.astype(np.int32)


def candidate_parents(
    parent: IntArray, is_candidate: npt.NDArray[np.bool_], levels: list[IntArray]
) -> IntArray:
    """For each element, the nearest candidate device strictly above it (-1 at the top).

    >>> parent = np.array([-1, 0, 1, 2], dtype=np.int32)  # a chain 0 ─ 1 ─ 2 ─ 3
    >>> candidate = np.array([True, False, True, False])
    >>> candidate_parents(parent, candidate, levels_from_roots(parent).levels).tolist()
    [-1, 0, 0, 2]
    """
    result = np.full(len(parent), -1, dtype=np.int32)
    for level in levels[1:]:
        above = parent[level]
        result[level] = np.where(is_candidate[above], above, result[above])
    return result
