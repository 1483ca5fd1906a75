"""The open hazard orders in an outage's area (``hazards``' rule of "in its area"): each a line
with its order, place, time and dangers, for every row of a drawing of the board in one query
(``fill_hazards``), or for one outage or prediction (``hazards_of``: the patrol list's)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, FilteredRelation, OuterRef, Q
from django.urls import reverse

from powerdesk.servicedesk.models import Category, WorkOrder, WorkOrderStatus
from powerdesk.servicedesk.models.calls import Call, codes_kept_or_read
from powerdesk.servicedesk.models.status import OPEN_STATUSES
from powerdesk.servicedesk.urgent_why import MEDICAL_CODE, URGENT_CALLS_READ, own_dangers

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station
    from powerdesk.outages.board_grid import Below
    from powerdesk.outages.board_row import BoardRow
    from powerdesk.outages.models import Outage, PredictedOutage

__all__ = ["HazardLine", "fill_hazards", "hazards_of"]


@dataclass(frozen=True)
class HazardLine:
    """One open hazard order in an outage's area, as the board, the outage's pages and the
    crew's phone say it: "arcing or sparks, smoke reported: work order N, village · group,
    time" (``templatetags.hazard_words``)."""

    order_id: int
    number: str
    place: str  # "village · group", or "" when the order names none
    at: dt.datetime  # when it was reported
    said: str  # what the caller said (the order's summary)
    crew_id: int | None  # the crew the hazard order is with, if any
    crew: str
    status: str  # the order's status code
    # The dangers its calls named (codes, as its "urgent" badge says them: ``urgent_why``), in
    # the order said, else those its own words name (opened by hand: ``urgent_why.own_dangers``);
    # none named: a danger of unknown kind (walk42, 7: every one said "line down").
    dangers: tuple[str, ...] = ()
    # Reported by a call (``said`` is the caller's words); an order opened by hand (the order
    # form, the API) has no caller: ``said`` is its own summary (walk45, 3).
    called: bool = True

    @property
    def url(self) -> str:
        return reverse("servicedesk:work_order", args=[self.order_id])

    @property
    def status_label(self) -> str:
        return str(WorkOrderStatus(self.status).label)


@dataclass(frozen=True)
class _Hazard:
    line: HazardLine
    transformer_id: int | None
    village_id: int | None
    group_id: int | None
    customer_id: int | None
    # The order's place was chosen apart from its household's (the danger is elsewhere than the
    # caller's home): its group and village say where, not the household's transformer alone.
    place_chosen: bool = False


def _open_hazards(station_id: int) -> list[_Hazard]:
    """The station's open hazard orders with their place and the dangers their calls named
    (else their own words: ``urgent_why.own_dangers``), oldest first. One query: each order's
    urgent calls come on its rows (fix44a's leftover: a second query for them each drawing)."""
    called = FilteredRelation("calls", condition=Q(calls__urgent=True) & ~Q(calls__text=""))
    joined = list(
        WorkOrder.objects.filter(
            station_id=station_id, category=Category.HAZARD, status__in=OPEN_STATUSES
        )
        .annotate(called=called, has_call=Exists(Call.objects.filter(work_order=OuterRef("pk"))))
        .order_by("created_at", "pk", "called__received_at", "called__pk")
        .values_list(
            "pk",
            "number",
            "created_at",
            "summary",
            "status",
            "crew_id",
            "crew__name",
            "customer_id",
            "customer__transformer_id",
            "village_id",
            "village__name",
            "group_id",
            "group__name",
            "group__village_id",
            "customer__village_id",
            "customer__village__name",
            "customer__group_id",
            "customer__group__name",
            "description",
            "has_call",
            "called__pk",
            "called__urgent_codes",
            "called__text",
        )
    )
    # An order's rows, one an urgent call (the first ``URGENT_CALLS_READ`` read, as the badge
    # reads them: ``urgent_why.orders_calls_codes``), or one with no call.
    rows: list[tuple[Any, ...]] = []
    told: dict[int, list[str]] = {}
    read: dict[int, int] = {}
    for row in joined:
        pk, call_pk, kept, text = row[0], row[-3], row[-2], row[-1]
        if pk not in read:
            rows.append(row[:-3])
            read[pk] = 0
        if call_pk is None or read[pk] >= URGENT_CALLS_READ:
            continue
        read[pk] += 1
        said = told.setdefault(pk, [])
        said += [code for code in codes_kept_or_read(kept, text) if code not in said]
    found = []
    for (
        pk,
        number,
        at,
        summary,
        status,
        crew_id,
        crew_name,
        customer_id,
        transformer_id,
        village_id,
        village_name,
        group_id,
        group_name,
        group_village_id,
        c_village_id,
        c_village_name,
        c_group_id,
        c_group_name,
        description,
        has_call,
    ) in rows:
        # A group of another village than the order's (the caller's home group filled in for a
        # danger placed elsewhere, review 38, 14) is ignored: the village alone says where.
        stray = village_id is not None and group_id is not None and group_village_id != village_id
        group: tuple[int | None, str | None] = (None, "") if stray else (group_id, group_name)
        # The order's own place (the clerk chose it: where the danger is), else its household's.
        if village_id is None and group[0] is None:
            village_id, village_name = c_village_id, c_village_name
            group = (c_group_id, c_group_name)
        # (an order's place is its household's unless the clerk chose another: work_order_create)
        chosen = customer_id is not None and (village_id, group[0]) != (c_village_id, c_group_id)
        place = " · ".join(p for p in (village_name or "", group[1] or "") if p)
        found.append(
            _Hazard(
                line=HazardLine(
                    order_id=pk,
                    number=number,
                    place=place,
                    at=at,
                    said=summary,
                    crew_id=crew_id,
                    crew=crew_name or "",
                    status=status,
                    dangers=_dangers(told.get(pk, []), summary, description),
                    called=has_call,
                ),
                transformer_id=transformer_id,
                village_id=village_id,
                group_id=group[0],
                customer_id=customer_id,
                place_chosen=chosen,
            )
        )
    return found


def _dangers(told: list[str], summary: str, description: str) -> tuple[str, ...]:
    """The dangers its calls named, else (none named, or opened without a call) its own words."""
    dangers = tuple(code for code in told if code != MEDICAL_CODE)
    return dangers or own_dangers(summary, description)


def _in_area(hazard: _Hazard, below: Below) -> bool:
    """Whether ``hazard`` lies in the area of the households ``below`` (the module's rule)."""
    by_place = hazard.transformer_id is None or hazard.place_chosen
    if hazard.transformer_id is not None:
        if hazard.transformer_id in below.areas:
            return True
        if not by_place:
            # The household's own transformer is known and not below (review 37, 7): a group
            # shared with the dark transformer's households does not make it part of the outage.
            return False
    if hazard.group_id is not None:
        return any(g == hazard.group_id for _v, g in below.places)
    if hazard.village_id is not None:
        return any(v == hazard.village_id for v, _g in below.places)
    return False


def _row_hazards(row: BoardRow, hazards: list[_Hazard]) -> list[HazardLine]:
    if row.device is None:
        customer = row.customer
        if customer is None:
            return []
        return [h.line for h in hazards if h.customer_id == customer.pk]
    if row.below is None:
        return []
    below = row.below
    return [h.line for h in hazards if _in_area(h, below)]


def fill_hazards(station: Station | int, rows: list[BoardRow]) -> None:
    """Each row's ``hazards``: the open hazard orders in its area. One query, none without
    rows."""
    if not rows:
        return
    hazards = _open_hazards(station if isinstance(station, int) else station.pk)
    for row in rows:
        row.hazards = _row_hazards(row, hazards) if hazards else []


def hazards_of(subject: Outage | PredictedOutage) -> list[HazardLine]:
    """The open hazard orders in the area of one outage or prediction (the patrol list's): below
    what is still open of it."""
    from powerdesk.outages.board_grid import grid_below
    from powerdesk.outages.models import Outage

    device = subject.device
    if device is None:
        return []
    tops = [device.pk]
    if isinstance(subject, Outage):
        step = subject.restore_steps.order_by("-at", "-pk").first()
        if step is not None and step.still_open:
            tops = list(step.still_open)
    hazards = _open_hazards(subject.station_id)
    if not hazards:
        return []
    below = grid_below(subject.station_id).below(tops)
    return [h.line for h in hazards if _in_area(h, below)]
