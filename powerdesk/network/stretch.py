"""The stretch of line a crew walks: from a device down to the transformer areas of the people
who called, with every pole and device on the way, and a small map of it drawn on the server
(an SVG in the page, so that it is there without signal, where map tiles would not be).

``stretch`` is pure over a loaded ``FeederTree``; ``render_stretch_svg`` draws its result.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from powerdesk.network.models import GridNode, NodeKind
from powerdesk.network.selectors import FeederTree

__all__ = ["Stretch", "render_stretch_svg", "stretch", "stretch_top"]

WIDTH, HEIGHT, PAD = 340, 200, 18


@dataclass(frozen=True)
class Stretch:
    """The elements from ``top`` down to ``ends``, top first, each once, in supply order."""

    top: GridNode
    nodes: list[GridNode]  # top first; each node's parent is before it
    ends: frozenset[int]  # the callers' transformer areas reached
    open_ids: frozenset[int]  # devices believed open (the outage's, still open ones)

    @property
    def devices(self) -> list[GridNode]:
        """What a crew looks at on the way: everything but plain poles and junctions."""
        return [n for n in self.nodes if n.kind not in (NodeKind.POLE, NodeKind.NODE)]


def stretch(
    tree: FeederTree, top_id: int, end_ids: Iterable[int], *, open_ids: Iterable[int] = ()
) -> Stretch:
    """The paths from ``top_id`` down to each of ``end_ids`` that lies below it.

    >>> from powerdesk.network.models import GridNode
    >>> a, b, c, d = (GridNode(pk=i, code=f"N{i}", kind="pole") for i in (1, 2, 3, 4))
    >>> b.parent_id, c.parent_id, d.parent_id = 1, 2, 1
    >>> tree = FeederTree(nodes={1: a, 2: b, 3: c, 4: d}, children={}, customers_below={})
    >>> [n.code for n in stretch(tree, 1, [3, 99]).nodes]
    ['N1', 'N2', 'N3']
    """
    keep: set[int] = {top_id}
    ends: set[int] = set()
    for end in end_ids:
        path: list[int] = []
        pk: int | None = end
        while pk is not None and pk in tree.nodes and pk != top_id and pk not in path:
            path.append(pk)
            pk = tree.nodes[pk].parent_id
        if pk == top_id:  # the end is below the top: its path counts
            keep.update(path)
            ends.add(end)
    depth: dict[int, int] = {}
    for pk in keep:
        d, node = 0, pk
        while node != top_id and d <= len(keep):
            node = tree.nodes[node].parent_id or top_id
            d += 1
        depth[pk] = d
    ordered = sorted(keep, key=lambda pk: (depth[pk], tree.nodes[pk].code))
    return Stretch(
        top=tree.nodes[top_id],
        nodes=[tree.nodes[pk] for pk in ordered],
        ends=frozenset(ends),
        open_ids=frozenset(open_ids) & keep,
    )


def stretch_top(tree: FeederTree, end_id: int) -> int:
    """Where one household's fault is looked for: the nearest protective device above its
    transformer area (the whole line up to the feeder's breaker otherwise)."""
    pk: int | None = tree.nodes[end_id].parent_id
    last = end_id
    while pk is not None and pk in tree.nodes:
        if tree.nodes[pk].is_protective:
            return pk
        last, pk = pk, tree.nodes[pk].parent_id
    return last


def render_stretch_svg(found: Stretch) -> SafeString:
    """The stretch on a small map, north up, from the elements' coordinates; empty when fewer
    than two have a place."""
    placed = [n for n in found.nodes if n.x is not None and n.y is not None]
    if len(placed) < 2:
        return mark_safe("")
    xs = [float(n.x) for n in placed]  # type: ignore[arg-type]
    ys = [float(n.y) for n in placed]  # type: ignore[arg-type]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-5)
    scale = min((WIDTH - 2 * PAD) / span, (HEIGHT - 2 * PAD) / span)

    def at(node: GridNode) -> tuple[float, float]:
        return (
            round(PAD + (float(node.x) - min(xs)) * scale, 1),  # type: ignore[arg-type]
            round(HEIGHT - PAD - (float(node.y) - min(ys)) * scale, 1),  # type: ignore[arg-type]
        )

    where = {n.pk: at(n) for n in placed}
    parts = [
        f'<svg class="stretch-map" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(_("Map of the stretch to walk"))}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for node in placed:
        if node.pk != found.top.pk and node.parent_id in where:
            (x1, y1), (x2, y2) = where[node.parent_id], where[node.pk]
            parts.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" class="span"/>')
    for node in placed:
        x, y = where[node.pk]
        kind = _mark_kind(node, found)
        radius = 3 if kind == "pole" else 6
        parts.append(
            f'<circle cx="{x}" cy="{y}" r="{radius}" class="{kind}">'
            f"<title>{escape(str(node))}</title></circle>"
        )
        if kind != "pole":
            label = escape(node.pole_number or (node.name or node.code)[:8])
            parts.append(f'<text x="{x + 8}" y="{y + 4}">{label}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _mark_kind(node: GridNode, found: Stretch) -> str:
    if node.pk in found.open_ids or node.pk == found.top.pk:
        return "open"
    if node.pk in found.ends:
        return "callers"
    if node.kind in (NodeKind.POLE, NodeKind.NODE):
        return "pole"
    return "device"
