"""Reading a feeder's tree: what is below a device, how many customers it supplies."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count

from powerdesk.network.models import Feeder, GridNode, NodeKind


@dataclass(frozen=True)
class TreeRow:
    node: GridNode
    depth: int
    customers: int
    location: str


@dataclass
class FeederTree:
    """A feeder's elements with parent links resolved in memory (one query for the nodes)."""

    nodes: dict[int, GridNode]
    children: dict[int | None, list[int]]
    customers_below: dict[int, int]

    @classmethod
    def load(cls, feeder: Feeder) -> FeederTree:
        nodes: dict[int, GridNode] = {
            n.pk: n
            for n in feeder.nodes.annotate(direct_customers=Count("customers")).order_by("code")
        }
        children: dict[int | None, list[int]] = defaultdict(list)
        for node in nodes.values():
            children[node.parent_id].append(node.pk)
        below: dict[int, int] = {}
        for root in children[None]:
            # Iterative post-order walk: feeders can be thousands of poles deep.
            stack: list[tuple[int, bool]] = [(root, False)]
            while stack:
                pk, done = stack.pop()
                if done:
                    below[pk] = getattr(nodes[pk], "direct_customers", 0) + sum(
                        below[c] for c in children.get(pk, [])
                    )
                else:
                    stack.append((pk, True))
                    stack.extend((c, False) for c in children.get(pk, []))
        return cls(nodes=nodes, children=children, customers_below=below)

    def outline(self) -> list[TreeRow]:
        """Protective devices and transformers in feeder order, poles folded away."""
        rows: list[TreeRow] = []
        stack: list[tuple[int, int]] = [(pk, 0) for pk in reversed(self.children[None])]
        while stack:
            pk, depth = stack.pop()
            node = self.nodes[pk]
            shown = node.kind != NodeKind.POLE and node.kind != NodeKind.NODE
            if shown:
                rows.append(TreeRow(node, depth, self.customers_below[pk], self._location(node)))
            next_depth = depth + 1 if shown else depth
            stack.extend((c, next_depth) for c in reversed(self.children.get(pk, [])))
        return rows

    def _location(self, node: GridNode) -> str:
        parent = self.nodes.get(node.parent_id) if node.parent_id else None
        if parent is not None and parent.kind == NodeKind.POLE:
            return parent.name or parent.code
        return ""


def downstream_summary(node: GridNode) -> dict[str, int]:
    """How many transformers and customers lose supply if ``node`` opens."""
    tree = FeederTree.load(node.feeder)
    transformers = 0
    stack = [node.pk]
    while stack:
        pk = stack.pop()
        if tree.nodes[pk].kind == NodeKind.TRANSFORMER:
            transformers += 1
        stack.extend(tree.children.get(pk, []))
    return {"transformers": transformers, "customers": tree.customers_below.get(node.pk, 0)}


def subtree_ids(node: GridNode) -> list[int]:
    """``node`` and every element below it on its feeder (one query)."""
    children: dict[int, list[int]] = defaultdict(list)
    for pk, parent in GridNode.objects.filter(feeder_id=node.feeder_id).values_list(
        "pk", "parent_id"
    ):
        if parent is not None:
            children[parent].append(pk)
    found, stack = [], [node.pk]
    while stack:
        pk = stack.pop()
        found.append(pk)
        stack.extend(children.get(pk, []))
    return found


def grid_element_named(station_id: int, text: str) -> GridNode | None:
    """The station's grid element whose code or name is ``text`` (what a crew types or picks).

    A code is unique; a name may not be, so a name that fits several elements finds none.
    """
    text = text.strip()
    if not text or len(text) > 100:
        return None
    nodes = GridNode.objects.for_station(station_id)
    found = nodes.filter(code=text).first()
    if found is not None:
        return found
    named = list(nodes.filter(name=text)[:2])
    return named[0] if len(named) == 1 else None
