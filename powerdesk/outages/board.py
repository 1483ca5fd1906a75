"""The outage board: what is off now, from the engine's picture and the recorded outages.

One row per device believed open (``board_row.BoardRow``): a recorded outage (with the engine's
evidence when it sees the same device) or a prediction staff have not yet confirmed or
rejected. Each row says where it is, who is without power (and among them who needs care
first), since when, why the engine thinks so, the crew and when power is expected back.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from django.db.models import Prefetch

from powerdesk.community.models import Village, VillageGroup
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.notifications.estimates_told import told_restorations
from powerdesk.outages.board_counts import (
    BoardCounts,
    board_counts,
    fill_callers,
    households_out,
)
from powerdesk.outages.board_grid import Below, BelowGrid, grid_below, priority_kind
from powerdesk.outages.board_row import BoardRow, Step
from powerdesk.outages.crew import outages_crews
from powerdesk.outages.crew_choice import suggest_crews
from powerdesk.outages.estimate_moved import estimate_whys
from powerdesk.outages.etr import etr_fill_board
from powerdesk.outages.hazards import fill_hazards
from powerdesk.outages.liaison_checks import liaison_lines
from powerdesk.outages.models import (
    FoundPlace,
    Outage,
    OutageEvent,
    OutageLink,
    OutageRestoreStep,
    PredictedOutage,
    Signal,
    SignalType,
    cause_words,
    evidence_words,
)
from powerdesk.outages.pings import ping_words, with_ping_counts
from powerdesk.outages.predicted import shown_predictions
from powerdesk.outages.priority import rank_rows
from powerdesk.outages.services import cause_asked_at_restore
from powerdesk.outages.steps import ON_SITE_STEPS, step_label

if TYPE_CHECKING:
    import datetime as dt

    from powerdesk.accounts.models import Crew, Station

__all__ = [
    "BoardCounts",
    "BoardRow",
    "board_counts",
    "board_rows",
    "fill_callers",
    "households_out",
    "live_rows",
    "outage_row",
]


def board_rows(station: Station) -> list[BoardRow]:
    """The board's rows in the order of restoration (``priority``), each with the crews to
    send (``crew_choice``) and the restoration estimate (``etr``). A fixed number of queries,
    whatever the number of rows."""
    grid = grid_below(station.pk)  # (checked once a refresh; kept in this process)
    rows = live_rows(station, grid=grid)
    suggest_crews(station, rows, grid=grid)
    etr_fill_board(rows, grid=grid)
    told = told_restorations([r.outage for r in rows if r.outage is not None])
    # Why the time shown is what it is (``estimate_moved``): from the history loaded with them.
    outages = [r.outage for r in rows if r.outage is not None]
    whys = estimate_whys(outages, events=[e for o in outages for e in o.events.all()])
    for row in rows:
        row.told = told.get(row.outage.pk) if row.outage is not None else None
        if row.outage is not None:
            row.whys = whys.get(row.outage.pk)
    fill_callers(station, rows)
    fill_hazards(station, rows)
    outages = [r.outage for r in rows if r.outage is not None]
    # (Their history lines are loaded with them: ``live_rows``.)
    liaisons = liaison_lines(outages, [e for o in outages for e in o.events.all()])
    for row in rows:
        if row.outage is not None:
            row.checks = liaisons.checks.get(row.outage.pk, [])
            row.liaison_said = liaisons.said.get(row.outage.pk, [])
    return rank_rows(station, rows)


def live_rows(
    station: Station, *, history: bool = True, grid: BelowGrid | None = None
) -> list[BoardRow]:
    """What is off now, one row per device (unranked): the recorded outages with the power
    off, and the engine's predictions staff have not confirmed, rejected or restored, each
    with where it is and who is below it. Without ``history``, the rows leave out each
    outage's steps and where its fault was found (the home page's list)."""
    outages_query = (
        Outage.objects.filter(station=station, status=Outage.Status.ACTIVE)
        .select_related("device__feeder", "device__parent")
        .prefetch_related(Prefetch("restore_steps", OutageRestoreStep.objects.order_by("at", "pk")))
        .order_by("starts_at")
    )
    if history:
        outages_query = outages_query.prefetch_related(
            Prefetch("events", OutageEvent.objects.select_related("by").order_by("at", "pk"))
        ).prefetch_related(
            Prefetch(
                "found_places", FoundPlace.objects.select_related("device__parent").order_by("pk")
            )
        )
    outages = list(outages_query)
    crews, cause_kinds = _crews_on(outages)
    predictions = shown_predictions(
        station.pk,
        with_ping_counts(PredictedOutage.objects.filter(station=station))
        .select_related("device__feeder", "device__parent", "customer__village", "customer__group")
        .order_by("rank"),
    )
    by_device = {p.device_id: p for p in predictions if p.device_id is not None}
    steps = {o.pk: list(o.restore_steps.all()) for o in outages}
    open_now = {pk: s[-1].still_open for pk, s in steps.items() if s}
    still_open = (
        GridNode.objects.in_bulk([pk for ids in open_now.values() for pk in ids])
        if open_now
        else {}
    )
    # Where a crew found the fault ("found here": reported open to the engine) is the same
    # outage, not another one to confirm; its callers and meters are the outage's.
    found_at: dict[int, list[int]] = defaultdict(list)
    if history:
        for outage in outages:
            found_at[outage.pk] = [f.device_id for f in outage.found_places.all()]
    elif outages:
        for outage_id, device_id in FoundPlace.objects.filter(outage__in=outages).values_list(
            "outage_id", "device_id"
        ):
            found_at[outage_id].append(device_id)
    if history:
        on_site = {o.pk for o in outages if any(e.what in ON_SITE_STEPS for e in o.events.all())}
    else:
        on_site = (
            set(
                OutageEvent.objects.filter(outage__in=outages, what__in=ON_SITE_STEPS)
                .values_list("outage_id", flat=True)
                .distinct()
            )
            if outages
            else set()
        )
    confirmed_by = _confirmed_by(outages, history=history, found_at=found_at)
    scada = _scada_open([o for o in outages if o.pk in confirmed_by])
    rows = []
    for outage in outages:
        seen = by_device.pop(outage.device_id, None)
        # After a partial restore the engine sees the devices still open: the same outage.
        for pk in (*open_now.get(outage.pk, ()), *found_at.get(outage.pk, ())):
            also = by_device.pop(pk, None)
            seen = seen or also
        rows.append(
            BoardRow(
                state="declared",
                device=outage.device,
                outage=outage,
                prediction=seen,
                crew=crews.get(outage.pk),
                first_sign_at=outage.starts_at,
                evidence=evidence_words(
                    seen.explain,
                    confirmed_by=confirmed_by.get(outage.pk, ""),
                    scada=outage.pk in scada,
                )
                if seen is not None
                else cause_words(cause_kinds.get(outage.pk, ""), outage.cause),
                history=[
                    Step(
                        e.at,
                        str(e.by or ""),
                        step_label(e.what),
                        e.shown_note,
                        e.what,
                    )
                    for e in outage.events.all()
                ]
                if history
                else [],
                still_open=[
                    still_open[pk] for pk in open_now.get(outage.pk, ()) if pk in still_open
                ],
                found=_last(list(outage.found_places.all())) if history else None,
                on_site=outage.pk in on_site,
                # Asked on the restore form as power back asks it (review79 L10: one rule).
                cause_asked=cause_asked_at_restore(
                    outage, cause_kind=cause_kinds.get(outage.pk, "")
                ),
            )
        )
    declared = (
        {o.device_id for o in outages}
        | {pk for ids in open_now.values() for pk in ids}
        | {pk for ids in found_at.values() for pk in ids}
    )
    for p in predictions:
        if p.device_id is not None and p.device_id in declared:
            continue
        rows.append(
            BoardRow(
                state=p.status,
                device=p.device,
                customer=p.customer,
                prediction=p,
                first_sign_at=p.first_sign_at,
                evidence=p.explain_text(),
            )
        )
    for row in rows:
        if row.prediction is not None:
            row.pings = ping_words(row.prediction)
    if rows:
        _fill_places_and_households(grid or grid_below(station.pk), rows)
    return rows


def outage_row(outage: Outage, *, hazards: bool = True) -> BoardRow:
    """One recorded outage with the power off, counted as the board counts it: the households
    out below what is still open (and who needs care first), the villages and groups, and of
    those households the ones that reported it since its first sign (``fill_callers``). The
    crew's phone says these, so that the crew and the dispatcher read the same figures.
    ``hazards=False``: the open hazard orders in its area are left for the caller to fill in
    for many rows at once (``fill_hazards``: the crew's phone)."""
    steps = list(outage.restore_steps.order_by("at", "pk"))
    open_ids = list(steps[-1].still_open) if steps else []
    row = BoardRow(
        state="declared",
        device=outage.device,
        outage=outage,
        first_sign_at=outage.starts_at,
        still_open=list(GridNode.objects.filter(pk__in=open_ids)) if open_ids else [],
    )
    _fill_places_and_households(grid_below(outage.station_id), [row])
    fill_callers(outage.station, [row])
    if hazards:
        fill_hazards(outage.station_id, [row])
    return row


def _last(found: list[FoundPlace]) -> FoundPlace | None:
    return found[-1] if found else None


def dark_devices(row: BoardRow) -> list[int]:
    """The devices whose households a row counts: those still open after a partial restore,
    else its own."""
    if row.device is None:
        return []
    return [d.pk for d in row.still_open] or [row.device.pk]


def _fill_places_and_households(grid: BelowGrid, rows: list[BoardRow]) -> None:
    found: dict[int, Below] = {}
    for index, row in enumerate(rows):
        if row.device is not None:
            found[index] = grid.below(dark_devices(row))
    villages = {v for below in found.values() for v, _g in below.places if v is not None}
    groups = {g for below in found.values() for _v, g in below.places if g is not None}
    village_names = dict(Village.objects.filter(pk__in=villages).values_list("pk", "name"))
    group_names = dict(VillageGroup.objects.filter(pk__in=groups).values_list("pk", "name"))
    for index, row in enumerate(rows):
        if row.device is None:
            _one_customer(row)
            continue
        device = row.device
        above = device.parent
        pole = device.pole_number or (
            (above.name or above.code) if above is not None and above.kind == NodeKind.POLE else ""
        )
        row.location = " · ".join(p for p in (device.line_name, pole) if p)
        below = found[index]
        row.households, row.medical, row.elderly = below.households, below.medical, below.elderly
        row.kinds = below.kinds
        row.below = below
        row.places = sorted(
            {
                " · ".join(
                    p for p in (village_names.get(v or 0, ""), group_names.get(g or 0, "")) if p
                )
                for v, g in below.places
            }
            - {""}
        )


def _one_customer(row: BoardRow) -> None:
    customer = row.customer
    if customer is None:
        return
    row.households = 1
    row.medical = int(customer.medical_need)
    row.elderly = int(customer.elderly_alone)
    place = " · ".join(
        p.name for p in (customer.village, customer.group) if p is not None and p.name
    )
    row.places = [place] if place else []
    kind = priority_kind(customer.customer_type, important=customer.important)
    row.kinds = {kind: 1} if kind else {}


def _crews_on(outages: list[Outage]) -> tuple[dict[int, Crew | None], dict[int, str]]:
    """Each outage's crew as its service says (``crew.outages_crews``: the one sent to it, else
    the crew already on a joined order, so a crew at work is never shown as none, and the one
    shown is one its phone and its permission agree on); and the kind of cause its crew found,
    if any (both by the outage's id)."""
    crews = {pk: (found[0] if found else None) for pk, found in outages_crews(outages).items()}
    kinds = dict(
        OutageLink.objects.filter(outage__in=outages)
        .exclude(cause_kind="")
        .values_list("outage_id", "cause_kind")
    )
    return crews, kinds


def _confirmed_by(
    outages: list[Outage], *, history: bool, found_at: dict[int, list[int]]
) -> dict[int, str]:
    """Outage → the person who recorded it from the engine's prediction ("confirmed"), for an
    outage whose device nobody else reported open (no place a crew found it): the engine's
    "reported open" is then that person's confirmation, and the evidence says so by name, not
    as SCADA or a crew (walkthrough 28, finding 4). Where SCADA reported it open too
    (``_scada_open``), the words say SCADA first, then the person (review 28, M5)."""
    wanted = [o for o in outages if not found_at.get(o.pk)]
    if not wanted:
        return {}
    if history:
        events = [e for o in wanted for e in o.events.all() if e.what == "confirmed"]
    else:
        events = list(
            OutageEvent.objects.filter(outage__in=wanted, what="confirmed")
            .select_related("by")
            .order_by("at", "pk")
        )
    return {e.outage_id: str(e.by) for e in events if e.by_id is not None}


def _scada_open(outages: list[Outage]) -> set[int]:
    """The outages whose device SCADA reported open since the outage began, and not closed
    again since: one query, none without outages."""
    if not outages:
        return set()
    since = min(o.starts_at for o in outages)
    last: dict[int, list[tuple[dt.datetime, str]]] = defaultdict(list)
    for device_id, kind, at in (
        Signal.objects.filter(
            station_id=outages[0].station_id,
            device_id__in={o.device_id for o in outages},
            type__in=(SignalType.SCADA_OPEN, SignalType.SCADA_CLOSE),
            event_at__gte=since,
        )
        .order_by("event_at", "pk")
        .values_list("device_id", "type", "event_at")
    ):
        last[device_id].append((at, kind))
    opened = set()
    for outage in outages:
        said = [kind for at, kind in last.get(outage.device_id, []) if at >= outage.starts_at]
        if said and said[-1] == SignalType.SCADA_OPEN:
            opened.add(outage.pk)
    return opened
