"""The stretch of line a crew walks: from a device down to the transformer areas of the people
who called, with every pole and device on the way, and a small map of it drawn on the server
(an SVG in the page, so that it is there without signal, where map tiles would not be).

``stretch`` is pure over a loaded ``FeederTree``; ``render_stretch_svg`` draws its result.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from powerdesk.network.models import GridNode, NodeKind
from powerdesk.network.selectors import FeederTree

__all__ = ["Box", "Stretch", "label_places", "render_stretch_svg", "stretch", "stretch_top"]

# The map's box: as wide as a phone's card; as tall as the stretch needs, between the two
# heights (a stretch running east-west gets a low box, not a strip at the foot of a tall one).
WIDTH, MIN_HEIGHT, HEIGHT, PAD = 340, 120, 240, 24
# Room kept between two numbers, so that "5" and "1" side by side do not read as "51".
LABEL_GAP = 3.0


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


def render_stretch_svg(found: Stretch, *, numbers: dict[int, int] | None = None) -> SafeString:
    """The stretch on a small map, north up, from the elements' coordinates; empty when fewer
    than two have a place.

    Devices are marked with their number in ``found.devices`` (the list under the map is the
    legend): names did not fit a phone's map, and a fuse and its transformer a few metres apart
    wrote over each other. Each number goes where it overlaps no other number nor marker
    (``label_places``); one that fits nowhere is left to the list.

    ``numbers``: another list's numbers instead, by element (the crew's patrol list, likeliest
    place first: the list the crew is told to follow, so the map must speak its numbers).
    """
    placed = [n for n in found.nodes if n.x is not None and n.y is not None]
    if len(placed) < 2:
        return mark_safe("")
    where, height = _fit({n.pk: (float(n.x), float(n.y)) for n in placed})  # type: ignore[arg-type]
    kinds = {n.pk: _mark_kind(n, found) for n in placed}
    radius = {pk: 3.0 if kind == "pole" else 6.0 for pk, kind in kinds.items()}
    if numbers is None:
        numbers = {n.pk: i for i, n in enumerate(found.devices, start=1)}
    # Outside the f-string: xgettext does not see a call inside one (it stayed untranslated).
    name = escape(_("Map of the stretch to walk"))
    parts = [
        f'<svg class="stretch-map" viewBox="0 0 {WIDTH} {height:g}" role="img" '
        f'aria-label="{name}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for node in placed:
        if node.pk != found.top.pk and node.parent_id in where:
            (x1, y1), (x2, y2) = where[node.parent_id], where[node.pk]
            parts.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" class="span"/>')
    for node in placed:
        x, y = where[node.pk]
        parts.append(
            f'<circle cx="{x}" cy="{y}" r="{radius[node.pk]:g}" class="{kinds[node.pk]}">'
            f"<title>{escape(str(node))}</title></circle>"
        )
    # The lowest numbers first: where room runs short (a whole feeder below a breaker), the
    # places the list says to look at first keep theirs, and the last ones are left to the list.
    labelled = sorted(
        ((pk, str(numbers[pk])) for pk in where if pk in numbers), key=lambda p: numbers[p[0]]
    )
    marks = [(*where[pk], radius[pk]) for pk in where if kinds[pk] != "pole"]
    for pk, (box, anchor) in label_places(
        [(pk, where[pk], radius[pk], text) for pk, text in labelled], marks, height=height
    ).items():
        x, y = where[pk]
        if anchor is not None:  # set farther out: a thin line says whose number it is
            parts.append(
                f'<line x1="{x}" y1="{y}" x2="{anchor[0]}" y2="{anchor[1]}" class="leader"/>'
            )
        parts.append(
            f'<text x="{box.left + 1}" y="{box.bottom - 2}" data-node="{pk}">{numbers[pk]}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _fit(
    places: dict[int, tuple[float, float]],
) -> tuple[dict[int, tuple[float, float]], float]:
    """Each place on the map (y down), and the map's height: the drawing as large as the box
    allows with the padding kept, centred, north up and with the same scale east-west as
    north-south (a degree of longitude is shorter than one of latitude away from the equator).

    >>> where, height = _fit({1: (101.0, 25.0), 2: (101.1, 25.0)})  # east-west: a low box
    >>> height, where[1][1] == where[2][1] == height / 2
    (120, True)
    """
    xs = [x for x, _y in places.values()]
    ys = [y for _x, y in places.values()]
    degrees = all(-90 <= y <= 90 for y in ys)
    east = math.cos(math.radians(sum(ys) / len(ys))) if degrees else 1.0
    wide = max((max(xs) - min(xs)) * east, 1e-5)
    tall = max(max(ys) - min(ys), 1e-5)
    scale = min((WIDTH - 2 * PAD) / wide, (HEIGHT - 2 * PAD) / tall)
    height = min(max(MIN_HEIGHT, math.ceil(tall * scale + 2 * PAD)), HEIGHT)
    left = (WIDTH - (max(xs) - min(xs)) * east * scale) / 2
    bottom = (height - (max(ys) - min(ys)) * scale) / 2
    where = {
        pk: (
            round(left + (x - min(xs)) * east * scale, 1),
            round(height - bottom - (y - min(ys)) * scale, 1),
        )
        for pk, (x, y) in places.items()
    }
    return where, height


@dataclass(frozen=True)
class Box:
    """A label's rectangle on the map (y down)."""

    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box, *, gap: float = 0.0) -> bool:
        """Whether the two boxes overlap, or come closer than ``gap``."""
        return not (
            self.right + gap <= other.left
            or other.right + gap <= self.left
            or self.bottom + gap <= other.top
            or other.bottom + gap <= self.top
        )


# A digit of the map's 10 px type, and a line of it.
DIGIT_WIDTH, LINE_HEIGHT = 6.5, 12.0
# Where a number may go around its marker, nearest first: right, left, above, below, the
# corners; then the same twice as far, with a leader line.
_DIRECTIONS = ((1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (-1, -1), (1, 1), (-1, 1))


def label_places(
    labels: list[tuple[int, tuple[float, float], float, str]],
    marks: list[tuple[float, float, float]],
    *,
    height: float = HEIGHT,
) -> dict[int, tuple[Box, tuple[float, float] | None]]:
    """Where each label goes: ``{key: (box, leader end or None)}`` for ``(key, (x, y), marker
    radius, text)``, so that no two boxes come within ``LABEL_GAP`` of each other, none covers
    a marker of ``marks`` (x, y, radius) and all stay on the map (``WIDTH`` × ``height``).
    Greedy, in the order given; a label that fits nowhere is left out.

    >>> places = label_places([(1, (50, 50), 6, "1"), (2, (50, 50), 6, "2")], [(50, 50, 6)])
    >>> places[1][0].overlaps(places[2][0], gap=LABEL_GAP)
    False
    """
    taken = [Box(x - r, y - r, x + r, y + r) for x, y, r in marks]
    result: dict[int, tuple[Box, tuple[float, float] | None]] = {}
    for key, (x, y), r, text in labels:
        size = (DIGIT_WIDTH * len(text) + 2, LINE_HEIGHT)
        for ring in (1, 2.5):
            spot = next(
                (
                    box
                    for dx, dy in _DIRECTIONS
                    if _inside(box := _box_at(x, y, (r + 2) * ring, dx, dy, *size), height)
                    and not any(box.overlaps(t, gap=LABEL_GAP) for t in taken)
                ),
                None,
            )
            if spot is not None:
                taken.append(spot)
                leader = None
                if ring > 1:
                    leader = (
                        round(min(max(x, spot.left), spot.right), 1),
                        round(min(max(y, spot.top), spot.bottom), 1),
                    )
                result[key] = (spot, leader)
                break
    return result


def _box_at(x: float, y: float, gap: float, dx: int, dy: int, width: float, height: float) -> Box:
    # The box's near side is ``gap`` from the marker's centre in the direction (dx, dy).
    left = x + gap if dx > 0 else x - gap - width if dx < 0 else x - width / 2
    top = y + gap if dy > 0 else y - gap - height if dy < 0 else y - height / 2
    return Box(round(left, 1), round(top, 1), round(left + width, 1), round(top + height, 1))


def _inside(box: Box, height: float) -> bool:
    return box.left >= 0 and box.top >= 0 and box.right <= WIDTH and box.bottom <= height


def _mark_kind(node: GridNode, found: Stretch) -> str:
    if node.pk in found.open_ids or node.pk == found.top.pk:
        return "open"
    if node.pk in found.ends:
        return "callers"
    if node.kind in (NodeKind.POLE, NodeKind.NODE):
        return "pole"
    return "device"
