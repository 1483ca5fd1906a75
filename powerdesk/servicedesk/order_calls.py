"""What a work order's page shows of its calls and its history, however many calls joined it.

An outage's order gathers every caller below the device: a storm on the demo station joins some
760 calls to one order, each with a "call joined" line in its history. Listed whole, that was a
page of 47,000 pixels in which the order itself was lost. So:

- up to ``CALLS_WHOLE`` calls are listed whole, oldest first, as the story of the order;
- more are counted (how many, repeat calls, first and latest), grouped by village and the
  transformer areas in it (the most calls first, then by name: the page's heading says so), and
  listed newest first a page at a time
  (``CALLS_PAGE``): "show more" adds the next page in place (htmx), or opens it as a page of its
  own without JavaScript; a village or an area narrows the list to its callers;
- in the history, a run of ``RUN_FOLDED`` or more calls joined one after another (nothing else
  happened to the order between them) is one line ("214 calls joined between 14:02 and 14:35"),
  which opens to its lines.

Nothing is hidden for good: every call is on a page of the list, every history line in its run.
Each part is a fixed number of queries, whatever the number of calls.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, Min, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from powerdesk.servicedesk.models import Call, WorkOrder, WorkOrderEvent

__all__ = [
    "CALLS_PAGE",
    "CALLS_WHOLE",
    "RUN_FOLDED",
    "CallFilter",
    "HistoryRun",
    "VillageCalls",
    "call_filter",
    "call_groups",
    "calls_counted",
    "calls_page",
    "chosen_name",
    "history_rows",
    "history_run",
]

CALLS_WHOLE = 10
CALLS_PAGE = 20
RUN_FOLDED = 3
# The history lines a run of joined calls folds (a repeat call is a call joined too).
JOINED_KINDS = (WorkOrderEvent.Kind.CALL_JOINED, WorkOrderEvent.Kind.REPEAT_CALL)
# Where a call came from: the village it names, else its household's.
_PLACE = Coalesce("village_id", "customer__village_id")


@dataclass(frozen=True)
class CallFilter:
    """The callers the list is narrowed to: a village's (0: calls of no known village) or a
    transformer area's; neither: every call."""

    village: int | None = None
    area: int | None = None

    def apply(self, calls: QuerySet[Call]) -> QuerySet[Call]:
        if self.area is not None:
            return calls.filter(customer__transformer_id=self.area)
        if self.village is not None:
            # The call's village, or its household's when the call names none.
            places = calls.annotate(from_village=_PLACE)
            if self.village == 0:
                return places.filter(from_village__isnull=True)
            return places.filter(from_village=self.village)
        return calls

    @property
    def query(self) -> str:
        """The filter as query parameters (``&``-joined, leading ``&``), for the list's links."""
        if self.area is not None:
            return f"&calls_area={self.area}"
        if self.village is not None:
            return f"&calls_village={self.village}"
        return ""

    def __bool__(self) -> bool:
        return self.village is not None or self.area is not None


def _number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 12 else None


def call_filter(params: Any) -> CallFilter:
    """The list's filter from the page's query parameters (anything unreadable: none)."""
    area = _number(params.get("calls_area"))
    if area is not None:
        return CallFilter(area=area)
    return CallFilter(village=_number(params.get("calls_village")))


@dataclass(frozen=True)
class CallsCounted:
    total: int
    repeats: int
    first: dt.datetime | None
    last: dt.datetime | None

    @property
    def whole(self) -> bool:
        """Few enough to list every call on the order's page."""
        return self.total <= CALLS_WHOLE


def calls_counted(order: WorkOrder) -> CallsCounted:
    """How many calls joined the order, how many were repeat calls, the first and the latest:
    one query."""
    found = order.calls.order_by().aggregate(
        total=Count("pk"),
        repeats=Count("pk", filter=Q(is_repeat=True)),
        first=Min("received_at"),
        last=Max("received_at"),
    )
    return CallsCounted(found["total"], found["repeats"], found["first"], found["last"])


@dataclass
class AreaCalls:
    pk: int | None
    name: str
    calls: int
    last: dt.datetime


@dataclass
class VillageCalls:
    """A village's calls on the order, and the transformer areas they came from."""

    pk: int | None
    name: str
    calls: int = 0
    repeats: int = 0
    first: dt.datetime | None = None
    last: dt.datetime | None = None
    areas: list[AreaCalls] = field(default_factory=list)

    @property
    def filter_pk(self) -> int:
        """The village's id in the list's filter (0: no village known)."""
        return self.pk or 0


def call_groups(order: WorkOrder) -> list[VillageCalls]:
    """The order's calls by village and transformer area, with counts: the village with the most
    calls first (then by name), and so each village's areas: one query. Where most callers are
    is where the crew is needed, and a count keeps its place as calls come in."""
    rows = (
        order.calls.order_by()
        .annotate(
            from_village=_PLACE,
            from_village_name=Coalesce("village__name", "customer__village__name"),
        )
        .values(
            "from_village",
            "from_village_name",
            "customer__transformer_id",
            "customer__transformer__name",
            "customer__transformer__code",
        )
        .annotate(
            n=Count("pk"),
            repeats=Count("pk", filter=Q(is_repeat=True)),
            first=Min("received_at"),
            last=Max("received_at"),
        )
    )
    villages: dict[int | None, VillageCalls] = {}
    for row in rows:
        village = villages.setdefault(
            row["from_village"], VillageCalls(row["from_village"], row["from_village_name"] or "")
        )
        village.calls += row["n"]
        village.repeats += row["repeats"]
        village.first = min(filter(None, (village.first, row["first"])))
        village.last = max(filter(None, (village.last, row["last"])))
        if row["customer__transformer_id"] is not None:
            name = row["customer__transformer__name"] or row["customer__transformer__code"]
            village.areas.append(
                AreaCalls(row["customer__transformer_id"], name, row["n"], row["last"])
            )
    for village in villages.values():
        village.areas.sort(key=lambda a: (-a.calls, a.name, a.pk or 0))
    # The calls of no known village after the villages with as many.
    return sorted(villages.values(), key=lambda v: (-v.calls, not v.name, v.name, v.pk or 0))


def chosen_name(groups: list[VillageCalls], chosen: CallFilter) -> str | None:
    """The village's or the area's name the list is narrowed to ("": a village not known;
    None: the list is not narrowed, or to a place none of the calls came from)."""
    for village in groups:
        if chosen.village is not None and village.filter_pk == chosen.village:
            return village.name
        for area in village.areas:
            if chosen.area is not None and area.pk == chosen.area:
                return f"{village.name} · {area.name}" if village.name else area.name
    return None


def calls_page(order: WorkOrder, chosen: CallFilter, number: Any) -> Page[Call]:
    """A page of the order's calls (narrowed by ``chosen``), the newest first."""
    calls = chosen.apply(order.calls.select_related("village", "customer__transformer"))
    page = Paginator(calls.order_by("-received_at", "-pk"), CALLS_PAGE).get_page(number)
    # How many "show more" adds: a page, or what is left.
    page.more = min(CALLS_PAGE, page.paginator.count - page.end_index())  # type: ignore[attr-defined]
    return page


@dataclass
class HistoryRun:
    """Calls joined one after another, folded into one line of the history."""

    first: WorkOrderEvent
    last: WorkOrderEvent
    calls: int
    repeats: int

    folded = True

    @property
    def same_day(self) -> bool:
        return timezone.localdate(self.first.at) == timezone.localdate(self.last.at)

    @property
    def key(self) -> str:
        """The run's address in the page's query (``?history_run=``): its first and last line."""
        return f"{self.first.pk}-{self.last.pk}"


def history_rows(order: WorkOrder, *, opened: str = "") -> list[WorkOrderEvent | HistoryRun]:
    """The order's history, runs of ``RUN_FOLDED`` calls joined or more folded into one line
    each (the run whose ``key`` is ``opened`` listed whole): two queries."""
    kinds = list(order.events.order_by("at", "pk").values_list("pk", "kind"))
    spans: list[tuple[int, int]] = []  # (start, end) indices of the runs to fold
    start = None
    for index, (_pk, kind) in enumerate([*kinds, (None, "")]):
        if kind in JOINED_KINDS:
            start = index if start is None else start
            continue
        if start is not None and index - start >= RUN_FOLDED:
            spans.append((start, index - 1))
        start = None
    folded = {
        index
        for begin, end in spans
        if f"{kinds[begin][0]}-{kinds[end][0]}" != opened
        for index in range(begin + 1, end)
    }
    wanted = [pk for index, (pk, _kind) in enumerate(kinds) if index not in folded]
    events = {e.pk: e for e in order.events.filter(pk__in=wanted).select_related("by")}
    rows: list[WorkOrderEvent | HistoryRun] = []
    runs = {begin: end for begin, end in spans}
    index = 0
    while index < len(kinds):
        end = runs.get(index)
        if end is not None and index + 1 in folded:
            repeats = sum(
                kind == WorkOrderEvent.Kind.REPEAT_CALL for _pk, kind in kinds[index : end + 1]
            )
            rows.append(
                HistoryRun(events[kinds[index][0]], events[kinds[end][0]], end - index + 1, repeats)
            )
            index = end + 1
            continue
        rows.append(events[kinds[index][0]])
        index += 1
    return rows


def history_run(order: WorkOrder, key: str) -> list[WorkOrderEvent]:
    """The lines of one folded run (``HistoryRun.key``), as they were written: one query. Only
    calls joined between its first and last line (a key made up elsewhere shows nothing else)."""
    first, _, last = key.partition("-")
    if not (first.isdigit() and last.isdigit()) or len(key) > 40:
        return []
    bounds = {e.pk: e for e in order.events.filter(pk__in=(int(first), int(last))).only("pk", "at")}
    if len(bounds) != len({int(first), int(last)}):
        return []
    low, high = bounds[int(first)], bounds[int(last)]
    return list(
        order.events.filter(kind__in=JOINED_KINDS)
        .filter(Q(at__gt=low.at) | Q(at=low.at, pk__gte=low.pk))
        .filter(Q(at__lt=high.at) | Q(at=high.at, pk__lte=high.pk))
        .select_related("by")
        .order_by("at", "pk")
    )
