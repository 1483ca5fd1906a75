"""Reading a feeder's tree: what is below a device, how many customers it supplies."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import QueryDict

from powerdesk.accounts.models import Station
from powerdesk.lib.forms import id_or_none
from powerdesk.network.models import PROTECTIVE_KINDS, Defect, Feeder, GridNode, NodeKind


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


def devices_above(nodes: Iterable[int | None], devices: Iterable[GridNode]) -> dict[int, list[int]]:
    """For each of ``nodes`` (households' transformer areas), those of ``devices`` at or above
    it on its feeder, the nearest first: whether a household is below a device, and the nearest
    of several it is below. One query (the parent links of the devices' feeders, walked up in
    memory), however many nodes and devices."""
    devices = list(devices)
    wanted = {d.pk for d in devices}
    if not wanted:
        return {}
    parents = dict(
        GridNode.objects.filter(feeder_id__in={d.feeder_id for d in devices}).values_list(
            "pk", "parent_id"
        )
    )
    found: dict[int, list[int]] = {}
    for start in set(nodes) - {None}:
        assert start is not None
        above: list[int] = []
        seen: set[int] = set()
        node: int | None = start
        while node is not None and node not in seen:
            seen.add(node)
            if node in wanted:
                above.append(node)
            node = parents.get(node)
        found[start] = above
    return found


def households_per_transformer(
    station: Station, transformers: Collection[int] | None = None
) -> Counter[int]:
    """How many of the station's households are in each transformer area (by the transformer's
    pk; an area with none is not counted), of the transformers ``transformers`` only when
    given (none when it is empty). One query, none for no transformer."""
    from powerdesk.customers.models import Customer

    if transformers is not None and not transformers:
        return Counter()
    households = Customer.objects.filter(station=station, transformer__isnull=False)
    if transformers is not None:
        households = households.filter(transformer_id__in=transformers)
    return Counter(
        dict(
            households.order_by()
            .values_list("transformer_id")
            .annotate(n=Count("id"))
            .values_list("transformer_id", "n")
        )
    )


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


# -- the list pages' rows: each page and its export read the same selector ------------------

# The element lists: which kinds each shows.
ELEMENT_KINDS: dict[str, list[str]] = {
    "transformers": [NodeKind.TRANSFORMER],
    "devices": list(PROTECTIVE_KINDS),
    "poles": [NodeKind.POLE],
}


def feeders_listed(station: Station) -> QuerySet[Feeder]:
    """The station's feeders with how many fuses, transformer areas, poles and customers."""
    return (
        Feeder.objects.for_station(station)
        .annotate(
            # Distinct: the customers' join repeats each node once per customer below it (a
            # line's transformer areas were counted as its customers: walkthrough 33, 1).
            transformer_count=Count(
                "nodes", filter=Q(nodes__kind=NodeKind.TRANSFORMER), distinct=True
            ),
            fuse_count=Count("nodes", filter=Q(nodes__kind=NodeKind.FUSE), distinct=True),
            pole_count=Count("nodes", filter=Q(nodes__kind=NodeKind.POLE), distinct=True),
            customer_count=Count("nodes__customers", distinct=True),
        )
        .order_by("name", "pk")
    )


def elements_listed(*, station: Station, kind: str, params: QueryDict) -> QuerySet[GridNode]:
    """Transformer areas, protective devices or poles (``kind``), with the list's filters:
    ``q`` (code, name or line), ``feeder`` and ``lightning=1``; by feeder and code."""
    nodes: QuerySet[GridNode] = (
        GridNode.objects.for_station(station)
        .filter(kind__in=ELEMENT_KINDS[kind])
        .select_related("feeder", "village")
        .annotate(open_defects=Count("defects", filter=Q(defects__resolved_on__isnull=True)))
    )
    if kind == "transformers":
        nodes = nodes.annotate(customer_count=Count("customers"))
    query = params.get("q", "").strip()
    if query:
        nodes = nodes.filter(
            Q(code__icontains=query) | Q(name__icontains=query) | Q(line_name__icontains=query)
        )
    if (feeder_id := id_or_none(params.get("feeder", ""))) is not None:
        nodes = nodes.filter(feeder_id=feeder_id)
    if params.get("lightning") == "1":
        nodes = nodes.filter(lightning_zone=True)
    return nodes.order_by("feeder__name", "code", "pk")


def defects_listed(*, station: Station, params: QueryDict) -> QuerySet[Defect]:
    """Defects not yet resolved (all with ``resolved=1``), the latest found first."""
    defects = Defect.objects.for_station(station).select_related("node__feeder")
    if params.get("resolved") != "1":
        defects = defects.filter(resolved_on__isnull=True)
    return defects.order_by("-found_on", "-pk")
