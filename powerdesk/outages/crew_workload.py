"""What each crew has in hand and where it sets out from: open work orders, outages it is sent
to and hours out on jobs today, counted as minutes more when choosing a crew
(``powerdesk.outages.crew_choice``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from powerdesk.accounts.crews import last_positions
from powerdesk.accounts.models import Crew
from powerdesk.outages.models import Outage, OutageLink
from powerdesk.servicedesk.models import OPEN_STATUSES, WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.models import WorkOrderStatus as S

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station

__all__ = ["Point", "Setout", "Workload", "clauses", "crew_situations", "hours_out"]

# What a crew's hands being full costs, in minutes of travel: finishing or handing over a job,
# an outage it is already sent to, and tiredness for each hour out on jobs today.
JOB_MINUTES = 30.0
OUTAGE_MINUTES = 45.0
DUTY_MINUTES_PER_HOUR = 5.0

Point = tuple[float, float]  # (longitude, latitude), as the grid's x and y


def clauses(parts: list[str]) -> str:
    """Parts of one sentence, joined as the page's language does ("，" in Chinese)."""
    return pgettext("clause separator", ", ").join(p for p in parts if p)


@dataclass(frozen=True)
class Workload:
    open_jobs: int = 0
    outages: int = 0
    hours_on_duty: float = 0.0

    @property
    def minutes(self) -> float:
        return self.hand_minutes + DUTY_MINUTES_PER_HOUR * self.hours_on_duty

    @property
    def hand_minutes(self) -> float:
        """The minutes the work in hand holds the crew up (finishing or handing over its jobs
        and outages), without its tiredness: what delays its arrival at urgent work."""
        return JOB_MINUTES * self.open_jobs + OUTAGE_MINUTES * self.outages

    @property
    def text(self) -> str:
        parts = []
        if self.open_jobs:
            parts.append(
                ngettext("%(n)d open job in hand", "%(n)d open jobs in hand", self.open_jobs)
                % {"n": self.open_jobs}
            )
        if self.outages:
            parts.append(
                ngettext("sent to %(n)d outage", "sent to %(n)d outages", self.outages)
                % {"n": self.outages}
            )
        if self.hours_on_duty >= 0.5:
            parts.append(_("out on jobs %(h)s h today") % {"h": f"{self.hours_on_duty:.1f}"})
        return clauses(parts) or _("free")


@dataclass(frozen=True)
class Setout:
    """Where a crew sets out from: its last position, or its base."""

    point: Point
    origin: str  # "position" or "base"
    at: dt.datetime | None = None  # the position's time


def crew_situations(
    station: Station, *, now: dt.datetime
) -> list[tuple[Crew, Setout | None, Workload]]:
    """Each crew of the station, where it sets out from and what it has in hand (three
    queries)."""
    midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    # Orders joined to an outage with the power off that the crew is sent to go with the
    # outage: counted once, there. A crew's order joined to an outage it was not sent to (it
    # was on its way to the caller when the outage was found) is still its job.
    # Counted as all its open orders less those, read from the orders' own links: asked order
    # by order whether some link of the crew's held it ("NOT EXISTS"), the database went
    # through every link the crew ever had for each open order, which in a storm (hundreds of
    # open orders, a crew's years of outages) was most of the board's time.
    jobs = (
        WorkOrder.objects.filter(crew=OuterRef("pk"), status__in=OPEN_STATUSES)
        .values("crew")
        .annotate(
            n=Count("pk", distinct=True)
            - Count(
                "pk",
                distinct=True,
                filter=Q(
                    outage_links__crew=F("crew"),
                    outage_links__outage__status=Outage.Status.ACTIVE,
                ),
            )
        )
        .values("n")
    )
    outages = (
        OutageLink.objects.filter(crew=OuterRef("pk"), outage__status=Outage.Status.ACTIVE)
        .values("crew")
        .annotate(n=Count("pk"))
        .values("n")
    )
    crews: list[Crew] = list(
        Crew.objects.for_station(station)
        .annotate(
            open_jobs=Coalesce(Subquery(jobs), 0),
            open_outages=Coalesce(Subquery(outages), 0),
        )
        .order_by("name")
    )
    from powerdesk.notifications.crew_reach import ended_owner_of

    for crew in crews:
        crew.station = station  # (asked of each crew's duty phone: one query fewer a crew)
        ended_owner_of(crew)  # whether it can be texted, asked once here (one query a page)
    positions = last_positions(crews, now=now)
    out_today = hours_out(station, since=midnight, now=now)
    result: list[tuple[Crew, Setout | None, Workload]] = []
    for crew in crews:
        position = positions.get(crew.pk)
        setout: Setout | None = None
        if position is not None:
            setout = Setout((position.x, position.y), "position", position.at)
        elif crew.base_x is not None and crew.base_y is not None:
            setout = Setout((crew.base_x, crew.base_y), "base")
        hours = out_today.get(crew.pk, 0.0)
        workload = Workload(crew.open_jobs, crew.open_outages, round(hours, 1))  # type: ignore[attr-defined]
        result.append((crew, setout, workload))
    return result


def hours_out(station: Station, *, since: dt.datetime, now: dt.datetime) -> dict[int, float]:
    """Hours each crew has been out on jobs today: from each job's first field step (on the way
    or on site) to its end (resolved, or now while open), within today, and jobs that overlap
    (two orders of one storm in hand at once) counted once. Never more than the hours since
    midnight; a job begun yesterday counts from midnight. A reopened order counts from the
    first field step of its present visit (after its last reopen), not of the visit before."""
    from powerdesk.servicedesk.crew_accepted import present_visit

    steps = present_visit(
        WorkOrderEvent.objects.filter(
            work_order=OuterRef("pk"),
            kind=WorkOrderEvent.Kind.STATUS,
            to_status__in=(S.ON_THE_WAY, S.ON_SITE),
            at__lte=now,
        )
    )
    jobs = (
        WorkOrder.objects.filter(crew__station=station, crew__isnull=False)
        .filter(Q(status__in=OPEN_STATUSES) | Q(resolved_at__gt=since))
        .annotate(went=Subquery(steps.order_by("at", "pk").values("at")[:1]))
        .filter(went__isnull=False)
        .values_list("crew_id", "went", "resolved_at", "status")
    )
    spans: dict[int, list[tuple[dt.datetime, dt.datetime]]] = {}
    for crew_id, went, resolved_at, status in jobs:
        end = now if status in OPEN_STATUSES or resolved_at is None else min(resolved_at, now)
        start = max(went, since)
        if end > start:
            spans.setdefault(crew_id, []).append((start, end))
    hours: dict[int, float] = {}
    for crew_id, found in spans.items():
        total = dt.timedelta()
        reach: dt.datetime | None = None  # the end of the time counted so far
        for start, end in sorted(found):
            if reach is not None and start < reach:
                start = reach
            if end > start:
                total += end - start
            reach = end if reach is None else max(reach, end)
        hours[crew_id] = total.total_seconds() / 3600
    return hours
