"""The stretch a crew walks below an open device: the places where its fault can be.

A fault opens the nearest protective device above it, so the fault of an open device lies in its
own zone: the line below it down to the next fuse, recloser or sectionaliser (those devices are
places too: a fuse that failed is a fault at it), with the transformer areas hanging from it.
Each pole on the way is two places, the span leading to it and the pole itself. Switches and
junctions do not open on a fault: the walk goes through them.

Built from plain rows (``Element``), so the demo's history, the board and the benchmarks read the
grid the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from django.utils.translation import gettext as _

from powerdesk.network.models import GridNode, NodeKind
from powerdesk.servicedesk.history_notes import note_part

__all__ = [
    "SPAN",
    "Element",
    "Grid",
    "StretchPlace",
    "place_label",
    "place_said",
    "span_label",
    "stretch_of",
]

SPAN = "/span"  # a span's key: the code of the pole it leads to, and this
# Devices that open on a fault below them: the walk stops at them (they are places themselves).
STOPS = frozenset({NodeKind.FUSE, NodeKind.RECLOSER, NodeKind.SECTIONALIZER, NodeKind.SOURCE})
FIELDS = (
    "pk",
    "parent_id",
    "kind",
    "code",
    "name",
    "pole_number",
    "line_name",
    "lightning_zone",
    "install_year",
    "village_id",
    "feeder_id",
)


@dataclass(frozen=True)
class Element:
    pk: int
    parent_id: int | None
    kind: str
    code: str
    name: str
    pole_number: str
    line_name: str
    lightning_zone: bool
    install_year: int | None
    village_id: int | None
    feeder_id: int


@dataclass(frozen=True)
class StretchPlace:
    key: str
    kind: str  # "span", "pole", or the device's kind
    element: Element  # the pole a span leads to, or the element itself
    order: int  # walking order from the device (0: the device itself)
    near: tuple[str, ...]
    upper: Element | None = None  # for a span: the element it leaves from


class Grid:
    """Elements of some feeders with their children, loaded in one query."""

    def __init__(self, elements: Iterable[Element]) -> None:
        self.elements: dict[int, Element] = {e.pk: e for e in elements}
        self.children: dict[int, list[int]] = defaultdict(list)
        for e in sorted(self.elements.values(), key=lambda e: e.code):
            if e.parent_id is not None:
                self.children[e.parent_id].append(e.pk)
        self.by_code = {e.code: e for e in self.elements.values()}

    @classmethod
    def load(cls, *, station_id: int, feeder_ids: Iterable[int] | None = None) -> Grid:
        nodes = GridNode.objects.filter(station_id=station_id)
        if feeder_ids is not None:
            nodes = nodes.filter(feeder_id__in=list(feeder_ids))
        return cls(Element(*row) for row in nodes.values_list(*FIELDS))

    def pole_above(self, element: Element) -> Element | None:
        """The pole a device or transformer hangs on."""
        parent = self.elements.get(element.parent_id or 0)
        return parent if parent is not None and parent.kind == NodeKind.POLE else None


def stretch_of(grid: Grid, device_pk: int) -> list[StretchPlace]:
    """The places of the device's zone in walking order, the device first."""
    top = grid.elements[device_pk]
    places: list[StretchPlace] = []
    parents: dict[str, str] = {}  # key -> the key above it on the line
    stack = [(device_pk, True)]
    while stack:
        pk, first = stack.pop()
        element = grid.elements[pk]
        upper = grid.elements.get(element.parent_id or 0)
        if first:
            places.append(StretchPlace(element.code, element.kind, element, 0, ()))
        elif element.kind == NodeKind.POLE:
            span = element.code + SPAN
            if upper is not None:
                parents[span] = upper.code
            places.append(StretchPlace(span, "span", element, len(places), (), upper))
            parents[element.code] = span
            places.append(StretchPlace(element.code, "pole", element, len(places), ()))
        elif element.kind != NodeKind.NODE and element.kind != NodeKind.SWITCH:
            if upper is not None:
                parents[element.code] = upper.code
            places.append(StretchPlace(element.code, element.kind, element, len(places), ()))
        if first or not (element.kind in STOPS or element.kind == NodeKind.TRANSFORMER):
            stack.extend((c, False) for c in reversed(grid.children.get(pk, [])))
    if top.kind == NodeKind.TRANSFORMER:
        return places
    keys = {p.key for p in places}
    near: dict[str, set[str]] = defaultdict(set)
    for key, above in parents.items():
        if above in keys:
            near[key].add(above)
            near[above].add(key)
    return [
        StretchPlace(p.key, p.kind, p.element, p.order, tuple(sorted(near[p.key])), p.upper)
        for p in places
    ]


def place_said(place: StretchPlace) -> str | dict[str, Any]:
    """A place as a history line keeps it: a span as the message ``place_label`` says
    (``history_notes.note_part``, drawn in the reader's language), anything else by its name."""
    element = place.element
    if place.kind != "span":
        return element.name or element.code
    return note_part("span", **_span_ends(element, place.upper))


def place_label(place: StretchPlace) -> str:
    """A place in words: a span by the poles at its ends, anything else by its name."""
    element = place.element
    if place.kind != "span":
        return element.name or element.code
    return span_label(element, place.upper)


class _Pole(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def pole_number(self) -> str: ...
    @property
    def line_name(self) -> str: ...


def span_label(lower: _Pole, upper: _Pole | None) -> str:
    """The span leading down to the pole ``lower`` from ``upper`` (the element it leaves from),
    in words ("左门线 06–07号杆档距", "左门线 span 06–07"): the same name on the patrol list, the
    board, the crew's job and the outage's history. ``lower`` and ``upper`` are grid rows or
    ``Element``s."""
    return _("%(line)s span %(upper)s–%(lower)s") % _span_ends(lower, upper)


def _span_ends(lower: _Pole, upper: _Pole | None) -> dict[str, str]:
    above = (upper.pole_number or upper.name or upper.code) if upper is not None else "—"
    return {"line": lower.line_name, "upper": above, "lower": lower.pole_number or lower.code}
