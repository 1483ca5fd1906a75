"""What a crew's phone shows of each job: where (device, pole, line, village and group, road
access), what the callers said, the outage it belongs to and who is out below it, the stretch
to walk with a small map, the places of an outage's stretch likeliest first (patrol guidance,
each with its "found here": kept between refreshes, ``outages.patrol_cache``), and which step
comes next. Planned work a crew is sent to is a job too: the device, the window, the villages
without power, and no patrol."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, pgettext

from powerdesk.lib.days import day_and_time
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.network.selectors import FeederTree
from powerdesk.network.stretch import Stretch, render_stretch_svg, stretch, stretch_top
from powerdesk.outages.patrol import PATROL_SHOWN
from powerdesk.servicedesk.crew_accepted import accepted_now
from powerdesk.servicedesk.crew_steps import CrewStep
from powerdesk.servicedesk.models import (
    Call,
    Category,
    WorkOrder,
    WorkOrderStatus,
)
from powerdesk.servicedesk.workflow import FIELD_CATEGORIES

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User
    from powerdesk.notifications.restoration import Restoration
    from powerdesk.outages.board import BoardRow
    from powerdesk.outages.models import FoundPlace, Outage
    from powerdesk.outages.patrol import PatrolStop

S = WorkOrderStatus
CALLS_SHOWN = 5
VILLAGES_SHOWN = 4  # an outage's villages named on the card; more are counted


@dataclass
class Job:
    order: WorkOrder
    stage: str  # dispatched, accepted, on_the_way, on_site, cause_found
    outage: Outage | None
    device: GridNode | None
    pole: str
    line: str
    calls: list[Call]
    calls_total: int
    # Households whose calls are joined to the job (one calling twice is one: ``crew_called``),
    # and the first of the calls: an outage's card speaks of the outage, and says whose words
    # and name are the first caller's, not the outage's.
    households_called: int = 0
    first_call: Call | None = None
    households_out: int = 0
    medical: int = 0
    elderly: int = 0
    stretch: Stretch | None = None
    map_svg: SafeString = field(default_factory=lambda: mark_safe(""))
    patrol: list[PatrolStop] = field(default_factory=list)  # an outage's places, likeliest first
    typed: dict[str, str] = field(default_factory=dict)  # a refused step's fields, shown again
    # When power should be back: staff's time, else the model's "about" (as households are told).
    restoration: Restoration | None = None
    found: FoundPlace | None = None  # where the crew last said the fault was
    found_label: str = ""
    # Planned work (``outage`` is the planned outage): no patrol, the window and who is told.
    planned: bool = False
    villages: list[tuple[str, int]] = field(default_factory=list)  # (village, households)
    # An outage's villages out (as the board names them), and the groups or villages no road
    # reaches that the crew goes to for it (``walk_in.places_gone_to``: the device's village and
    # the zone where the fault is, as the crew suggestion counts the walk; the order's village
    # is only its first caller's).
    villages_out: list[str] = field(default_factory=list)
    no_road_places: list[str] = field(default_factory=list)

    @property
    def no_road_named_apart(self) -> list[str]:
        """The places no road reaches, to name after the "no road access" badge: none when they
        are the villages out named already ("梅子箐 [不通车] 梅子箐" said one name twice)."""
        if set(self.no_road_places) == set(self.villages_out):
            return []
        return self.no_road_places

    @property
    def villages_words(self) -> str:
        """An outage's villages out: all of them, or the first few and how many in all."""
        villages = self.villages_out
        shown = pgettext("list separator", ", ").join(villages[:VILLAGES_SHOWN])
        if len(villages) <= VILLAGES_SHOWN:
            return shown
        return gettext("%(villages)s, %(n)d villages in all") % {
            "villages": shown,
            "n": len(villages),
        }

    @property
    def back_words(self) -> str:
        """When power should be back, with its day when that is not today ("about 02:25" alone
        read at 23:00 means the night to come; the next day's is "about 12-02 02:25")."""
        told = self.restoration
        if told is None:
            return gettext("not said yet")
        time = day_and_time(told.at)
        return gettext("about %(time)s") % {"time": time} if told.about else time

    @property
    def called_words(self) -> str:
        """How many households called about it, as the calls listed below it are counted
        ("2 户来电，共 3 次"): ``crew_called``."""
        from powerdesk.servicedesk.crew_called import called_words

        return called_words(self.households_called, self.calls_total)

    @property
    def patrol_first(self) -> list[PatrolStop]:
        return self.patrol[:PATROL_SHOWN]

    @property
    def patrol_rest(self) -> list[PatrolStop]:
        return self.patrol[PATROL_SHOWN:]

    @property
    def no_road_access(self) -> bool:
        if self.outage is not None and not self.planned:
            return bool(self.no_road_places)
        order = self.order
        return bool(
            (order.group is not None and order.group.no_road_access)
            or (order.village is not None and order.village.no_road_access)
        )

    @property
    def field_work(self) -> bool:
        return self.order.category in FIELD_CATEGORIES

    @property
    def finds(self) -> bool:
        """Whether the card offers "found here": on patrol, that is on the way or on site (the
        page's script shows and hides it with the stage, as the steps: crew.js)."""
        if self.planned:
            return False
        return self.stage in FINDING_STAGES and (self.outage is not None or self.field_work)

    @property
    def offers(self) -> tuple[str, ...]:
        """The steps whose forms the card shows now (the page's script moves the stage on as
        steps are recorded without signal, by the same table: crew.js)."""
        table = STEP_AFTER if self.field_work else OFFICE_STEP_AFTER
        offers = table.get(self.stage, ())
        if self.before_window:
            offers = tuple(s for s in offers if s != CrewStep.RESTORED)
        return offers

    @property
    def before_window(self) -> bool:
        """Planned work whose power is not off yet: the work is done (and recorded) after."""
        return bool(
            self.planned
            and self.outage is not None
            and self.outage.status == self.outage.Status.ANNOUNCED
        )


# Which steps each stage offers: work on the grid finds a cause before it is restored.
STEP_AFTER: dict[str, tuple[str, ...]] = {
    "dispatched": (CrewStep.ACCEPT, CrewStep.ON_THE_WAY),
    "accepted": (CrewStep.ON_THE_WAY,),
    "on_the_way": (CrewStep.ON_SITE,),
    "on_site": (CrewStep.CAUSE_FOUND,),
    "cause_found": (CrewStep.RESTORED,),
}
# The stages in which a crew on patrol may say where the fault was.
FINDING_STAGES = ("on_the_way", "on_site", "cause_found")
# Other work a crew is sent to (a meter, a new connection) is done, with a note, once there.
OFFICE_STEP_AFTER = STEP_AFTER | {"on_site": (CrewStep.RESTORED,)}


# The orders a crew's phone shows as jobs: sent to it and not finished (not received, resolved).
JOB_STATUSES = (S.DISPATCHED, S.ON_THE_WAY, S.ON_SITE)
# The jobs' order on the phone: urgent first, then by the time to arrive by.
JOB_ORDER = ("-urgent", "arrive_due_at", "pk")


def _accepted() -> Exists:
    """Whether the crew accepted the order on its present visit, asked with the orders
    themselves (the job list, the outage's job): read by ``_progress``, ``_stage`` and
    ``crew_accepted.is_accepted``, which then asks no more."""
    return Exists(accepted_now().filter(work_order=OuterRef("pk")))


def crew_jobs_for(user: User, station: Station) -> list[Job]:
    """The open jobs of ``user``'s crews at ``station``: urgent first, then by the time to
    arrive by."""
    orders = list(
        WorkOrder.objects.for_station(station)
        .filter(crew__members=user, status__in=JOB_STATUSES)
        .select_related("customer__transformer", "village", "group", "device_found", "crew")
        .prefetch_related("customer__phones")
        .annotate(accepted=_accepted())
        .distinct()
        .order_by(*JOB_ORDER)
    )
    return [_job(order) for order in _one_per_outage(orders)]


def _one_per_outage(orders: list[WorkOrder]) -> list[WorkOrder]:
    """An outage's joined orders are one job: the outage's own order (or its first) stands for
    all of them, whose steps the outage's restore settles. A storm's feeder outage may hold a
    thousand callers' orders; the crew sees one card."""
    from powerdesk.outages.models import Outage, OutageLink

    through = OutageLink.work_orders.through
    outage_of: dict[int, int] = {}
    own: dict[int, int | None] = {}
    for order_id, outage_id, own_order in through.objects.filter(
        workorder_id__in=[o.pk for o in orders],
        outagelink__outage__status=Outage.Status.ACTIVE,
    ).values_list("workorder_id", "outagelink__outage_id", "outagelink__order_id"):
        outage_of[order_id] = outage_id
        own[outage_id] = own_order
    kept: list[WorkOrder] = []
    of_outage: dict[int, list[WorkOrder]] = {}
    for order in orders:
        found = outage_of.get(order.pk)
        if found is None:
            kept.append(order)
        elif found not in of_outage:
            of_outage[found] = [order]
            kept.append(order)  # its place in the list: the outage's first order's
        else:
            of_outage[found].append(order)
    return [
        _stands_for(of_outage[outage_of[o.pk]], own[outage_of[o.pk]]) if o.pk in outage_of else o
        for o in kept
    ]


def _stands_for(orders: list[WorkOrder], own: int | None) -> WorkOrder:
    """Of an outage's joined orders on the phone (in the list's order), the one its job's card
    is: the one carrying the crew's work (the furthest on: on site, on the way, accepted), so
    that the card never goes back, nor moves to an order that came later (the outage's own,
    opened by a call after the crew set out); among those as far on, the outage's own order,
    else the first."""
    furthest = max(_progress(o) for o in orders)
    ahead = [o for o in orders if _progress(o) == furthest]
    return next((o for o in ahead if o.pk == own), ahead[0])


def _progress(order: WorkOrder) -> int:
    """How far the crew is on ``order`` (its ``accepted`` annotated: ``accepted_now``)."""
    if order.status == S.ON_SITE:
        return 3
    if order.status == S.ON_THE_WAY:
        return 2
    return int(bool(getattr(order, "accepted", False)))


def outage_job_order(order: WorkOrder) -> tuple[Outage, WorkOrder | None] | None:
    """For an order joined to an outage with the power off, the outage and the order its
    crew's job stands on (``_one_per_outage``: the one card the phone shows, whose steps are
    the outage's), None if there is none; None for an order joined to no such outage."""
    from powerdesk.outages.joined import active_outage_of

    outage = active_outage_of(order)
    if outage is None:
        return None
    if order.crew_id is None:
        return outage, None  # on no crew's phone
    orders = list(
        WorkOrder.objects.filter(
            outage_links__outage=outage, crew_id=order.crew_id, status__in=JOB_STATUSES
        )
        .annotate(accepted=_accepted())
        .distinct()
        .order_by(*JOB_ORDER)
    )
    if not orders:
        return outage, None
    from powerdesk.outages.models import OutageLink

    own = OutageLink.objects.filter(outage=outage).values_list("order_id", flat=True).first()
    return outage, _stands_for(orders, own)


def jobs_signature(jobs: list[Job]) -> str:
    """What changes when a job is added, moved on or taken away (the phone's poll compares)."""
    return ",".join(f"{j.order.pk}:{j.order.status}" for j in jobs)


def _job(order: WorkOrder) -> Job:
    from powerdesk.notifications.restoration import restoration_of
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
        calls_total=calls.count(),
    )
    ends = {pk for pk in calls.values_list("customer__transformer_id", flat=True) if pk is not None}
    if order.customer is not None and order.customer.transformer_id is not None:
        ends.add(order.customer.transformer_id)
    if outage is not None:
        job.device = outage.device
        job.first_call = calls.order_by("received_at", "pk").first()
        # Who is out and where: the board's figures. Who called: the households of the calls
        # joined to it, listed on the card (``crew_called``).
        from powerdesk.servicedesk.crew_called import households_calling

        row = outage_row(outage)
        job.households_out = row.households
        job.households_called = households_calling(
            calls.select_related(None).only("pk", "customer_id", "caller_number")
        )
        job.medical, job.elderly = row.medical, row.elderly
        job.villages_out = row.villages
        job.no_road_places = _no_road_places(row)
        tree = FeederTree.load(outage.device.feeder)
        job.stretch = stretch(tree, outage.device_id, ends, open_ids=open_device_ids(outage))
        job.restoration = restoration_of(outage)
        if outage.kind == Outage.Kind.UNPLANNED:
            from powerdesk.outages.patrol_cache import patrol_cached

            job.patrol = patrol_cached(outage)
            _mark_found(job, outage)
    elif order.device_found is not None or ends:
        anchor = order.device_found or GridNode.objects.get(pk=min(ends))
        tree = FeederTree.load(anchor.feeder)
        top = anchor.pk if order.device_found is not None else stretch_top(tree, anchor.pk)
        job.device = tree.nodes[top]
        job.stretch = stretch(tree, top, ends)
    if job.device is not None:
        job.line = job.device.line_name
        job.pole = job.device.pole_number or _pole_above(job.device)
    if job.stretch is not None:
        job.map_svg = render_stretch_svg(job.stretch, numbers=_patrol_numbers(job) or None)
    return job


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
    anew it would sink far down the list (what was likely before it was found)."""
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
