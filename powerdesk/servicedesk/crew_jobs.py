"""What a crew's phone shows of each job, filled in: where (device, pole, line, village and
group, road access), what the callers said, the outage it belongs to and who is out below it, the
stretch to walk with a small map, the places of an outage's stretch likeliest first (patrol
guidance, each with its "found here": kept between refreshes, ``outages.patrol_cache``). Planned
work a crew is sent to is a job too: the device, the window, the villages without power, and no
patrol.

The card itself and the steps it offers are ``crew_job_card``'s; which orders are jobs and which
order stands for an outage's job, ``crew_job_orders``'."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from django.utils.translation import ngettext, pgettext

from powerdesk.network.models import GridNode, NodeKind
from powerdesk.network.selectors import FeederTree
from powerdesk.network.stretch import render_stretch_svg, stretch, stretch_top
from powerdesk.servicedesk.crew_job_card import Job
from powerdesk.servicedesk.crew_job_orders import (
    JOB_ORDER,
    JOB_STATUSES,
    accepted_annotation,
    dispatch_annotation,
    followed_annotation,
    one_per_outage,
)
from powerdesk.servicedesk.models import Call, Category, WorkOrder, WorkOrderStatus
from powerdesk.servicedesk.models.core import CAUSE_IN_HOUSE
from powerdesk.servicedesk.urgent_why import orders_calls_codes, reason_words, reasons_in_order
from powerdesk.servicedesk.workflow import FIELD_CATEGORIES

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User
    from powerdesk.outages.board import BoardRow
    from powerdesk.outages.models import Outage

__all__ = ["crew_jobs_for", "jobs_signature"]

S = WorkOrderStatus
CALLS_SHOWN = 5


def crew_jobs_for(user: User, station: Station) -> list[Job]:
    """The open jobs of ``user``'s crews at ``station``: urgent first, then by the time to
    arrive by."""
    orders = list(
        WorkOrder.objects.for_station(station)
        .filter(crew__members=user, status__in=JOB_STATUSES)
        .select_related("customer__transformer", "village", "group", "device_found", "crew")
        .prefetch_related("customer__phones")
        .annotate(
            accepted=accepted_annotation(),
            followed=followed_annotation(),
            dispatched_as=dispatch_annotation(),
        )
        .distinct()
        .order_by(*JOB_ORDER)
    )
    rows: dict[int, BoardRow] = {}
    jobs = [_job(order, rows) for order in one_per_outage(orders)]
    _fill_outages(station, jobs, rows)
    return jobs


def _fill_outages(station: Station, jobs: list[Job], rows: dict[int, BoardRow]) -> None:
    """What the outages' cards say that is asked for all of them at once (review37, 8): the
    open hazard orders in each one's area (``fill_hazards``: one query, not one a job) and
    when power should be back (the model's estimates in a fixed number of queries)."""
    from powerdesk.notifications.estimates_told import model_estimates
    from powerdesk.notifications.restoration import restoration_of
    from powerdesk.outages.estimate_moved import estimate_whys, why_shown
    from powerdesk.outages.hazards import fill_hazards

    fill_hazards(station, list(rows.values()))
    # Why the outages' other orders are urgent: their urgent calls, for all at once (review38,
    # 13: one query a job, each call's note read anew, none capped).
    codes = orders_calls_codes(
        [o.pk for j in jobs for o, _why in j.urgent_others]
        + [j.order.pk for j in jobs if j.order.urgent and not j.planned]
    )
    within = _within_said([o for j in jobs for o, _why in j.urgent_others])
    for job in jobs:
        # The job's own order's reasons, as codes (its badge says them in the reader's words,
        # its urgent key marks them the same in every language: walk40, 4 and 11).
        mine = job.order.urgent and not job.planned
        job.calls_codes = codes.get(job.order.pk, []) if mine else []
        job.urgent_others = [
            (
                o,
                pgettext("list separator", ", ").join(
                    reason_words(code) for code in reasons_in_order(codes.get(o.pk, []))
                ),
            )
            for o, _why in job.urgent_others
        ]
        job.within = {o.pk: within[o.pk] for o, _why in job.urgent_others if o.pk in within}
    outages = [j.outage for j in jobs if j.outage is not None and id(j) in rows]
    etrs = model_estimates(outages)
    whys = estimate_whys(outages) if outages else {}
    for job in jobs:
        row = rows.get(id(job))
        if row is None or job.outage is None:
            continue
        job.hazards = row.hazards
        told = restoration_of(job.outage, etr=etrs.get(job.outage.pk))
        job.restoration = told
        if told is not None:
            job.back_why = why_shown(whys.get(job.outage.pk), told.at, staff=not told.about)


def jobs_signature(jobs: list[Job]) -> str:
    """What changes when a job is added, moved on, made urgent (one of an outage's orders) or
    taken away (the phone's poll compares)."""
    return ",".join(f"{j.order.pk}:{j.order.status}:{int(j.urgent)}" for j in jobs)


def _job(order: WorkOrder, rows: dict[int, BoardRow]) -> Job:
    """The job's card (``rows``: an outage's job's board row is kept under the job's id, for
    what ``_fill_outages`` fills in for all of them at once)."""
    from powerdesk.outages.board import outage_row
    from powerdesk.outages.joined import active_outage_of
    from powerdesk.outages.models import Outage
    from powerdesk.outages.restoration import open_device_ids

    if order.category == Category.PLANNED_WORK:
        return _planned_job(order)
    outage = active_outage_of(order)
    orders = [order]
    if outage is not None:
        orders = list(outage.link.work_orders.all())
    calls = Call.objects.filter(work_order__in=orders).select_related("customer")
    job = Job(
        order=order,
        stage=_stage(order, outage),
        outage=outage,
        device=None,
        pole="",
        line="",
        calls=list(calls.order_by("-received_at")[:CALLS_SHOWN]),
        # An outage's job counts its calls with their households, in one query (below).
        calls_total=0 if outage is not None else calls.count(),
    )
    ends = {pk for pk in calls.values_list("customer__transformer_id", flat=True) if pk is not None}
    if order.customer is not None and order.customer.transformer_id is not None:
        ends.add(order.customer.transformer_id)
    if outage is None and order.customer is None:
        # No account to ring: the caller who gave a name or number (a liaison's report names
        # the villager who knows the place).
        job.first_call = (
            calls.filter(customer=None)
            .exclude(caller_name="", caller_number="")
            .order_by("received_at", "pk")
            .first()
        )
    if outage is not None:
        job.device = outage.device
        job.first_call = calls.order_by("received_at", "pk").first()
        # Who is out and where: the board's figures. Who called: the households of the calls
        # joined to it, listed on the card (``crew_called``).
        from powerdesk.servicedesk.crew_called import calls_counted

        row = outage_row(outage, hazards=False)
        rows[id(job)] = row
        job.households_out = row.households
        job.households_called, job.calls_total = calls_counted(calls)
        job.medical, job.elderly = row.medical, row.elderly
        job.villages_out = row.villages
        job.no_road_places = _no_road_places(row)
        tree = FeederTree.load(outage.device.feeder)
        job.stretch = stretch(tree, outage.device_id, ends, open_ids=open_device_ids(outage))
        _urgent_others(job, orders)
        if outage.kind == Outage.Kind.UNPLANNED:
            from powerdesk.outages.patrol_cache import patrol_cached
            from powerdesk.outages.patrol_recorded import with_recorded

            # A place that is itself an outage recorded, said so with its crew (walk44, 6).
            job.patrol = with_recorded(outage, patrol_cached(outage))
            _mark_found(job, outage)
    elif order.cause_kind == CAUSE_IN_HOUSE:
        # Found inside the customer's house: no grid device, none guessed from the callers'
        # area on the card, no stretch to walk (walkthrough 36, #14).
        pass
    elif order.category in FIELD_CATEGORIES and (order.device_found is not None or ends):
        # A fault or a hazard is looked for along the stretch; a business job (a meter moved, a
        # new connection) is done at the household's meter: no stretch to walk.
        anchor = order.device_found or GridNode.objects.get(pk=min(ends))
        tree = FeederTree.load(anchor.feeder)
        top = anchor.pk if order.device_found is not None else stretch_top(tree, anchor.pk)
        job.device = tree.nodes[top]
        job.stretch = stretch(tree, top, ends)
    elif order.category in FIELD_CATEGORIES:
        # No household on the grid (a liaison's danger report): the line from its village (or
        # group) to the feeder is offered at the device field, whose names the crew would
        # otherwise have to know (walk71, L7).
        from powerdesk.servicedesk.crew_device_path import devices_on_place_line

        job.nearby = devices_on_place_line(order)
    job.back_given = _back_given(order, outage)
    if job.device is not None:
        job.line = job.device.line_name
        job.pole = job.device.pole_number or _pole_above(job.device)
    if job.stretch is not None:
        job.map_svg = render_stretch_svg(job.stretch, numbers=_patrol_numbers(job) or None)
    return job


def _within_said(orders: list[WorkOrder]) -> dict[int, str]:
    """Of ``orders`` (an outage's other urgent orders on a card), each that is the own order of
    another outage with the power off (one inside the card's: walk41, 4), said as within it:
    "内含 左门哔叭2号台区停电（22 户）· 工单 2026-02473". No query without one."""
    from powerdesk.outages.joined import customers_below_counts
    from powerdesk.outages.models import Outage, OutageLink
    from powerdesk.servicedesk.models.core import SummaryKind

    own = [o.pk for o in orders if o.summary_kind == SummaryKind.OUTAGE]
    if not own:
        return {}
    links = list(
        OutageLink.objects.filter(
            order_id__in=own, outage__status=Outage.Status.ACTIVE
        ).select_related("outage__device")
    )
    # The households below each, counted for all at once (two queries, not three an outage).
    below = customers_below_counts(link.outage.device for link in links)
    numbers = {o.pk: o.number for o in orders}
    said: dict[int, str] = {}
    for link in links:
        assert link.order_id is not None  # the filter's
        outage = link.outage
        n = below[outage.device_id]
        said[link.order_id] = ngettext(
            "Within: the outage on %(device)s (%(n)s household), work order %(number)s",
            "Within: the outage on %(device)s (%(n)s households), work order %(number)s",
            n,
        ) % {
            "device": outage.device.name or outage.device.code,
            "n": n,
            "number": numbers[link.order_id],
        }
    return said


def _urgent_others(job: Job, orders: list[WorkOrder]) -> None:
    """The outage's other orders on the crew's card that are urgent (why: their urgent calls'
    reasons, filled in for all the jobs at once by ``_fill_outages``), and the order due on site
    soonest. No query."""
    mine = [
        o
        for o in orders
        if o.crew_id == job.order.crew_id and o.status in JOB_STATUSES and o.pk != job.order.pk
    ]
    due = [o for o in (job.order, *mine) if o.arrive_due_at is not None and o.arrived_at is None]
    job.due_order = min(due, key=lambda o: (o.arrive_due_at, o.pk)) if due else None
    urgent = [o for o in mine if o.urgent]
    job.urgent_others = [(o, "") for o in sorted(urgent, key=lambda o: o.pk)]


def _back_given(order: WorkOrder, outage: Outage | None) -> str:
    """When power is expected back as the crew or staff said it, for the cause's form
    (``order_expected_back``): a datetime-local value, station time; "" when none was given or
    it has passed."""
    from django.utils import timezone

    from powerdesk.servicedesk.expected_back import order_expected_back

    at = order_expected_back(order, outage)
    return "" if at is None else timezone.localtime(at).strftime("%Y-%m-%dT%H:%M")


def _patrol_numbers(job: Job) -> dict[int, int]:
    """Each place's number on the patrol list ("where to look first"), by the pole or device it
    is at: the map marks those numbers, so that one list and the map agree. A span is marked at
    the pole it leads to, sharing the mark with that pole: the likelier of the two numbers."""
    numbers: dict[int, int] = {}
    for i, stop in enumerate(job.patrol, start=1):
        numbers.setdefault(stop.element_id, i)
    return numbers


def _planned_job(order: WorkOrder) -> Job:
    """Planned work: the device, the window, the villages and who among them needs care; the
    steps on the way, on site and done (no patrol: the crew knows where it works)."""
    from powerdesk.outages.planned import planned_outage_reach
    from powerdesk.outages.planned_work import planned_outage_of

    outage = planned_outage_of(order)
    job = Job(
        order=order,
        stage=str(order.status) if order.status != S.DISPATCHED else _stage(order, None),
        outage=outage,
        device=None,
        pole="",
        line="",
        calls=[],
        calls_total=0,
        planned=True,
    )
    if outage is not None:
        reach = planned_outage_reach(outage)
        job.device = outage.device
        job.line = outage.device.line_name
        job.pole = outage.device.pole_number or _pole_above(outage.device)
        job.households_out, job.villages = reach.households, reach.villages
        job.medical, job.elderly = reach.medical_need, reach.elderly_alone
    return job


def _mark_found(job: Job, outage: Outage) -> None:
    """The place last found is put first on the list and said in the outage's box: ranked
    anew it would sink far down the list (what was likely before it was found). The places
    walked with nothing found are marked so (not moved: nothing was found there)."""
    from powerdesk.outages.models import OutageEvent
    from powerdesk.servicedesk.crew_nothing_found import NOTHING_HERE

    walked = OutageEvent.objects.filter(outage=outage, note_code=NOTHING_HERE)
    job.walked = frozenset(
        str(args.get("key", "")) for args in walked.values_list("note_args", flat=True)
    )
    found = outage.found_places.select_related("device__parent").order_by("found_at", "pk").last()
    if found is None:
        return
    job.found = found
    here = [replace(s, found_here=True) for s in job.patrol if s.key == found.place]
    job.patrol = here + [s for s in job.patrol if s.key != found.place]
    job.found_label = here[0].label if here else found.label


def _no_road_places(row: BoardRow) -> list[str]:
    """The places no road reaches that the crew goes to for the outage: its device's village and
    the places of the zone where its fault is, as the crew suggestion counts the walk
    (``walk_in.places_gone_to``); not a group behind a branch fuse that held, dark under a
    whole feeder out, that the crew does not walk to."""
    from powerdesk.outages.board_grid import grid_below
    from powerdesk.outages.walk_in import no_road_names, places_gone_to

    assert row.outage is not None
    return no_road_names(places_gone_to(row, grid_below(row.outage.station_id)))


def _pole_above(device: GridNode) -> str:
    parent = device.parent
    if parent is not None and parent.kind == NodeKind.POLE:
        return parent.pole_number or parent.name or parent.code
    return ""


def _stage(order: WorkOrder, outage: Outage | None) -> str:
    if order.status == S.DISPATCHED:
        return "accepted" if getattr(order, "accepted", False) else "dispatched"
    # An outage's cause is found when its kind is recorded (the crew's step, or the office's
    # "cause found"); the words typed as it was recorded ("雷击") are what was reported, and
    # the crew still records what it finds on site.
    found = outage.cause_kind if outage is not None else order.cause
    if order.status == S.ON_SITE and found:
        return "cause_found"
    return str(order.status)
