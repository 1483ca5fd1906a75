"""What lies below each device, for the board: the households, those who need care first, the
villages and groups, the customers who come first in the order of restoration, and the length of
the stretch a crew walks — read once per process and kept while the grid and the customer file
stay as they were.

The board is polled every second by everyone who has it open, and in a storm most feeders are
on it: reading the whole grid and customer file for each refresh was most of its time. What is
kept here is ids, kinds and flags only (names are read with the board's rows, so a renamed
village shows at once); it is checked against a fingerprint of exactly those (two aggregate
queries) at most every ``POWERDESK_BOARD_GRID_RECHECK`` seconds (5), so an import, a move or a
care flag set on a customer's page is on the board within that time. What a device's walk
finds is remembered too: a row that stays on the board costs a dictionary look-up a refresh.

>>> grid = BelowGrid(
...     [(1, None, "source"), (2, 1, "fuse"), (3, 2, "transformer"), (4, 1, "transformer")],
...     [(3, 7, 70, True, False, "household", False), (4, 8, None, False, True, "clinic", False)],
... )
>>> below = grid.below([2])
>>> (below.households, below.medical, below.elderly, sorted(below.places))
(1, 1, 0, [(7, 70)])
>>> grid.below([1]).kinds
{'clinic': 1}
>>> grid.below([1, 2]).households  # nested devices: each household once
2
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import BigIntegerField, Count, F, Q, Sum
from django.db.models.functions import Cast, Coalesce, Mod

from powerdesk.customers.models import Customer, CustomerType
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages.stretch import FIELDS, Element, Grid, stretch_of

__all__ = ["Below", "BelowGrid", "forget", "grid_below", "priority_kind"]

RECHECK_SECONDS = 5.0  # default of ``settings.POWERDESK_BOARD_GRID_RECHECK``
# Remembered walks per station at most (a storm's board has a few hundred rows).
MEMO_LIMIT = 5000
# Products of ids are taken modulo a prime, so that their sum never overflows 64 bits.
_PRIME = 2_147_483_647


@dataclass(frozen=True)
class Below:
    """Who is below some devices: each household once, however the devices nest."""

    households: int = 0
    medical: int = 0
    elderly: int = 0
    places: frozenset[tuple[int | None, int | None]] = frozenset()  # (village id, group id)
    # Customers who are not ordinary households, by the priority's kinds (``priority.WEIGHTS``).
    kinds: dict[str, int] = field(default_factory=dict)
    # The transformer areas reached, each with its households (for totals over many devices).
    areas: dict[int, int] = field(default_factory=dict)


class BelowGrid:
    """A station's grid as parent links and kinds, and its customers by transformer area."""

    def __init__(
        self,
        nodes: Iterable[tuple[int, int | None, str]],
        customers: Iterable[tuple[int, int | None, int | None, bool, bool, str, bool]],
        elements: Iterable[Element] = (),
    ) -> None:
        self.kind: dict[int, str] = {}
        self.children: dict[int, list[int]] = defaultdict(list)
        for pk, parent_id, kind in nodes:
            self.kind[pk] = kind
            if parent_id is not None:
                self.children[parent_id].append(pk)
        # transformer → [(village, group, medical, elderly, priority kind or "")]
        self.people: dict[int, list[tuple[int | None, int | None, bool, bool, str]]] = defaultdict(
            list
        )
        for transformer, village, group, medical, elderly, kind, important in customers:
            self.people[transformer].append(
                (village, group, medical, elderly, priority_kind(kind, important=important))
            )
        self._elements = list(elements)
        self._stretch: Grid | None = None
        self._below: dict[frozenset[int], Below] = {}
        self._sizes: dict[int, int] = {}
        self._zones: dict[int, frozenset[tuple[int | None, int | None]]] = {}

    def below(self, tops: Iterable[int]) -> Below:
        """Who is below the devices ``tops`` (remembered)."""
        key = frozenset(tops)
        found = self._below.get(key)
        if found is None:
            found = self._walk(key)
            if len(self._below) >= MEMO_LIMIT:
                self._below.clear()
            self._below[key] = found
        return found

    def stretch_size(self, pk: int) -> int | None:
        """How many places the stretch below device ``pk`` has (``stretch.stretch_of``)."""
        if pk not in self._sizes:
            if self._stretch is None:
                self._stretch = Grid(self._elements)
            if pk not in self._stretch.elements:
                return None
            self._sizes[pk] = len(stretch_of(self._stretch, pk))
        return self._sizes[pk]

    def zone_places(self, tops: Iterable[int]) -> frozenset[tuple[int | None, int | None]]:
        """The (village id, group id) places a crew goes to for the devices ``tops``: each
        device's own zone (``stretch.stretch_of``: its line down to the next fuse, recloser or
        sectionaliser, where its fault is), by the villages of the line's elements and the
        villages and groups of the households on the transformer areas hanging from it. Not
        the households beyond a fuse below (an outlet breaker's outage darkens them, but the
        fault is not behind a fuse that held: the crew does not walk in there). Remembered.

        >>> grid = BelowGrid(
        ...     [(1, None, "source"), (2, 1, "fuse"), (3, 2, "transformer"), (4, 1, "transformer")],
        ...     [(3, 7, 70, False, False, "household", False), (4, 8, 80, False, False, "", False)],
        ...     [Element(1, None, "source", "CB", "", "", "", False, None, 5, 1),
        ...      Element(2, 1, "fuse", "F", "", "", "", False, None, 7, 1),
        ...      Element(3, 2, "transformer", "T3", "", "", "", False, None, 7, 1),
        ...      Element(4, 1, "transformer", "T4", "", "", "", False, None, 8, 1)],
        ... )
        >>> sorted(grid.zone_places([1]), key=str)  # not group 70, behind the fuse
        [(5, None), (7, None), (8, 80), (8, None)]
        >>> sorted(grid.zone_places([2]), key=str)
        [(7, 70), (7, None)]
        """
        places: set[tuple[int | None, int | None]] = set()
        for pk in tops:
            if pk not in self._zones:
                self._zones[pk] = self._zone(pk)
            places |= self._zones[pk]
        return frozenset(places)

    def _zone(self, pk: int) -> frozenset[tuple[int | None, int | None]]:
        if self._stretch is None:
            self._stretch = Grid(self._elements)
        if pk not in self._stretch.elements:
            return frozenset()
        places: set[tuple[int | None, int | None]] = set()
        for place in stretch_of(self._stretch, pk):
            element = place.element
            if element.village_id is not None:
                places.add((element.village_id, None))
            if place.kind == NodeKind.TRANSFORMER:
                places |= {(v, g) for v, g, *_rest in self.people.get(element.pk, ())}
        return frozenset(places)

    def _walk(self, tops: frozenset[int]) -> Below:
        households = medical = elderly = 0
        places: set[tuple[int | None, int | None]] = set()
        kinds: dict[str, int] = defaultdict(int)
        areas: dict[int, int] = {}
        seen: set[int] = set()
        stack = list(tops)
        while stack:
            pk = stack.pop()
            if pk in seen:
                continue
            seen.add(pk)
            people = self.people.get(pk)
            if people:
                areas[pk] = len(people)
                for village, group, needs_care, alone, kind in people:
                    households += 1
                    medical += needs_care
                    elderly += alone
                    places.add((village, group))
                    if kind:
                        kinds[kind] += 1
            stack.extend(self.children.get(pk, ()))
        return Below(households, medical, elderly, frozenset(places), dict(kinds), areas)


def priority_kind(customer_type: str, *, important: bool) -> str:
    """A customer's kind in the order of restoration, or "" for an ordinary household (one
    flagged important, as before there were types, counts as important)."""
    if customer_type == CustomerType.HOUSEHOLD:
        return "important" if important else ""
    return customer_type


# -- kept per process -------------------------------------------------------------------------
@dataclass
class _Kept:
    fingerprint: tuple[object, ...]
    grid: BelowGrid
    checked: float


_kept: dict[int, _Kept] = {}
_lock = threading.Lock()


def grid_below(station_id: int) -> BelowGrid:
    """The station's ``BelowGrid``, read again only when its fingerprint changed."""
    recheck = float(getattr(settings, "POWERDESK_BOARD_GRID_RECHECK", RECHECK_SECONDS))
    now = time.monotonic()
    kept = _kept.get(station_id)
    if kept is not None and 0 <= now - kept.checked < recheck:
        return kept.grid
    # The fingerprint before the rows: a change in between is seen at the next check.
    fingerprint = _fingerprint(station_id)
    if kept is not None and kept.fingerprint == fingerprint:
        kept.checked = now
        return kept.grid
    grid = _load(station_id)
    with _lock:
        _kept[station_id] = _Kept(fingerprint, grid, now)
    return grid


def forget() -> None:
    """Drop what this process keeps (tests that change the grid without the fingerprint
    seeing it, which a real edit never does)."""
    with _lock:
        _kept.clear()


def _load(station_id: int) -> BelowGrid:
    elements = [
        Element(*row) for row in GridNode.objects.filter(station_id=station_id).values_list(*FIELDS)
    ]
    customers = Customer.objects.filter(station_id=station_id, transformer__isnull=False)
    return BelowGrid(
        ((e.pk, e.parent_id, e.kind) for e in elements),
        customers.values_list(
            "transformer_id",
            "village_id",
            "group_id",
            "medical_need",
            "elderly_alone",
            "customer_type",
            "important",
        ),
        elements,
    )


def _fingerprint(station_id: int) -> tuple[object, ...]:
    """What changes whenever an id, a parent, a kind or a flag the board reads changes: counts,
    and sums of ids weighted by what they point to (a moved node or customer changes a sum by
    its id times the move)."""
    nodes = GridNode.objects.filter(station_id=station_id).aggregate(
        n=Count("pk"),
        parents=Sum(_times("parent_id")),
        **{f"kind_{kind}": Sum("pk", filter=Q(kind=kind)) for kind in NodeKind.values},
    )
    customers = Customer.objects.filter(station_id=station_id).aggregate(
        n=Count("pk"),
        transformers=Sum(_times("transformer_id")),
        villages=Sum(_times("village_id")),
        groups=Sum(_times("group_id")),
        medical=Sum("pk", filter=Q(medical_need=True)),
        elderly=Sum("pk", filter=Q(elderly_alone=True)),
        important=Sum("pk", filter=Q(important=True)),
        **{f"type_{kind}": Sum("pk", filter=Q(customer_type=kind)) for kind in CustomerType.values},
    )
    return (*sorted(nodes.items()), *sorted(customers.items()))


def _times(column: str) -> Mod:
    return Mod(
        Cast(F("pk"), BigIntegerField()) * Coalesce(Cast(F(column), BigIntegerField()), 0),
        _PRIME,
    )
