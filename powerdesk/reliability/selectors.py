"""A station's reliability per station, feeder, village and month, added up in the database.

Outages are the customer interruptions: from their first sign (``starts_at``) to the restore
(an outage still on counts up to now, as sustained once past five minutes and not at all before:
it is not momentary, which is an interruption over within five minutes); announced and cancelled
ones took no one's supply. The database groups them by device, month, kind, momentary or
sustained and whether they began on a major event day, and sums their count and seconds; each
group is then weighed by the customers below its device in each area (households, or DL/T 836's
medium-voltage users: one per transformer area). Python sees groups, never outage rows; the
indices are the engine's.

Who is below each device is ``weights``'; the station's major event days (IEEE 1366) are
``major_events``'.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.utils import timezone

from powerdesk.accounts.models import Station
from powerdesk.engine.indices import SUSTAINED_AFTER, Tally
from powerdesk.outages.models import Outage, OutageRestoreStep
from powerdesk.reliability.db import SecondsBetween
from powerdesk.reliability.major_events import MajorEvents, major_events
from powerdesk.reliability.weights import AreaKey, Basis, GridWeights, grid_weights, last_day

__all__ = [
    "AreaYear",
    "Variant",
    "YearFigures",
    "interruptions",
    "outages_on_record",
    "reliability_by_area",
    "stations_on_record",
    "village_reliability",
]


class Variant(enum.StrEnum):
    ALL = "all"
    UNPLANNED = "unplanned"
    PLANNED = "planned"
    EXCLUDING_MED = "excluding_med"  # without the unplanned ones begun on a major event day


@dataclass
class YearFigures:
    """One area's year: a tally per month and variant (months not over yet count to now)."""

    area: AreaKey
    basis: Basis
    months: dict[int, dict[Variant, Tally]] = field(default_factory=dict)

    def year(self, variant: Variant = Variant.ALL) -> Tally:
        tallies = [m[variant] for _n, m in sorted(self.months.items())]
        total = tallies[0]
        for t in tallies[1:]:
            total = total + t
        return total


def outages_on_record(station: Station | int) -> bool:
    """Whether any outage of the station is recorded. With none its reliability is not known
    (a station not keeping its outages here yet): "—" on every page and in the monthly report,
    never SAIDI 0.0 and RS-1 100.0000 (walkthrough 28, finding 11)."""
    return Outage.objects.for_station(station).exists()


def stations_on_record(stations: Iterable[Station]) -> set[int]:
    """The stations (ids) of ``stations`` with any outage recorded (``outages_on_record``):
    one query for all of them, as many as a county's side-by-side view shows (review 28, M6)."""
    ids = [s.pk for s in stations]
    if not ids:
        return set()
    return set(
        Station.objects.filter(pk__in=ids)
        .filter(Exists(Outage.objects.filter(station=OuterRef("pk"))))
        .values_list("pk", flat=True)
    )


def interruptions(station: Station | int) -> QuerySet[Outage]:
    """The outages that took someone's supply (the queryset every figure here starts from):
    not one announced or cancelled, nor one whose crew found the power on at arrival that the
    dispatcher or the chief confirmed was no interruption (``outages.power_found_on``)."""
    return (
        Outage.objects.for_station(station)
        .exclude(status__in=[Outage.Status.ANNOUNCED, Outage.Status.CANCELLED])
        .filter(not_interruption_at__isnull=True)
    )


def reliability_by_area(
    station: Station,
    year: int,
    *,
    basis: Basis = Basis.HOUSEHOLDS,
    weights: GridWeights | None = None,
    med: MajorEvents | None = None,
    areas: Iterable[AreaKey] | None = None,
    now: dt.datetime | None = None,
) -> dict[AreaKey, YearFigures]:
    """Each area's tallies month by month in ``year`` (to now, if the year is not over).

    One grouped query over the outages; then a loop over (device, month, kind) groups.
    """
    tz = timezone.get_current_timezone()
    now = now or timezone.now()
    start = dt.datetime(year, 1, 1, tzinfo=tz)
    end = dt.datetime(year + 1, 1, 1, tzinfo=tz)
    weights = weights or grid_weights(station, on=last_day(min(end, now)))
    med = med or major_events(station, year, now=now)
    served = weights.served[basis]
    wanted = set(served) if areas is None else set(areas) & set(served)
    still_on = Q(restored_at__isnull=True) | Q(restored_at__gt=now)
    on_med = Q(kind=Outage.Kind.UNPLANNED)
    on_med &= Q(day__in=sorted(med.days)) if med.days else Q(pk__in=[])
    groups = (
        interruptions(station)
        .filter(starts_at__gte=start, starts_at__lt=min(end, now))
        .annotate(
            seconds=SecondsBetween(Coalesce("restored_at", now), "starts_at"),
            day=TruncDate("starts_at", tzinfo=tz),
            month=TruncMonth("starts_at", tzinfo=tz),
        )
        # An outage still on at ``now`` is not momentary: past five minutes it is sustained
        # (up to now), before that it is not counted yet.
        .exclude(Q(seconds__lte=SUSTAINED_AFTER.total_seconds()) & still_on)
        .annotate(
            momentary=ExpressionWrapper(
                Q(seconds__lte=SUSTAINED_AFTER.total_seconds()), output_field=BooleanField()
            ),
            on_med=ExpressionWrapper(on_med, output_field=BooleanField()),
        )
        .values("device_id", "month", "kind", "momentary", "on_med")
        .annotate(n=Count("pk"), total=Sum("seconds"))
        .values_list("device_id", "month", "kind", "momentary", "on_med", "n", "total")
    )
    sums: dict[tuple[AreaKey, int, Variant], list[float]] = defaultdict(lambda: [0, 0, 0.0, 0])
    below = weights.below[basis]
    for device, month, kind, momentary, is_med, n, total in groups:
        planned = kind == Outage.Kind.PLANNED
        variants = [Variant.ALL, Variant.PLANNED if planned else Variant.UNPLANNED]
        if planned or not is_med:
            variants.append(Variant.EXCLUDING_MED)
        for key, customers in below.get(device, {}).items():
            if key not in wanted:
                continue
            for variant in variants:
                s = sums[(key, month.month, variant)]
                if momentary:
                    s[3] += n * customers
                else:
                    s[0] += n
                    s[1] += n * customers
                    s[2] += (total or 0.0) / 60.0 * customers
    _add_partial_restores(
        sums, station, start, min(end, now), now=now, below=below, wanted=wanted, med=med
    )
    months = _months(year, tz, now)
    result: dict[AreaKey, YearFigures] = {}
    for key in wanted:
        figures = YearFigures(area=key, basis=basis)
        for number, minutes in months:
            figures.months[number] = {
                variant: Tally(
                    customers_served=served[key],
                    period_minutes=minutes,
                    interruptions=int(s[0]),
                    customer_interruptions=int(s[1]),
                    customer_minutes=float(s[2]),
                    momentary_events=int(s[3]),
                )
                for variant in Variant
                for s in [sums.get((key, number, variant), [0, 0, 0.0, 0])]
            }
        result[key] = figures
    return result


def partly_restored(
    station: Station | int, start: dt.datetime, end: dt.datetime
) -> list[tuple[Outage, list[tuple[dt.datetime, list[int]]]]]:
    """The outages begun between ``start`` and ``end`` that had power back step by step, each
    with its segments: (from when, the devices open from then), the first being its device
    from its start. Few outages have steps, so this reads rows."""
    steps: dict[int, list[tuple[dt.datetime, list[int]]]] = defaultdict(list)
    for outage_id, at, still_open in (
        OutageRestoreStep.objects.filter(
            outage__in=interruptions(station).filter(starts_at__gte=start, starts_at__lt=end)
        )
        .order_by("outage_id", "at", "pk")
        .values_list("outage_id", "at", "still_open")
    ):
        steps[outage_id].append((at, list(still_open)))
    outages = Outage.objects.filter(pk__in=list(steps)).order_by("pk")
    return [(o, [(o.starts_at, [o.device_id]), *steps[o.pk]]) for o in outages]


def _add_partial_restores(
    sums: dict[tuple[AreaKey, int, Variant], list[float]],
    station: Station,
    start: dt.datetime,
    end: dt.datetime,
    *,
    now: dt.datetime,
    below: dict[int, dict[AreaKey, int]],
    wanted: set[AreaKey],
    med: MajorEvents,
) -> None:
    """The database counted every customer below a partly restored outage's device for its
    whole length; each segment's customers are those below the devices then still open."""
    tz = timezone.get_current_timezone()
    for outage, segments in partly_restored(station, start, end):
        finish = outage.restored_at or now
        seconds = (finish - outage.starts_at).total_seconds()
        if seconds <= SUSTAINED_AFTER.total_seconds():
            continue  # a momentary interruption counts events, not minutes
        local = timezone.localtime(outage.starts_at, tz)
        planned = outage.kind == Outage.Kind.PLANNED
        variants = [Variant.ALL, Variant.PLANNED if planned else Variant.UNPLANNED]
        if planned or local.date() not in med.days:
            variants.append(Variant.EXCLUDING_MED)
        minutes: dict[AreaKey, float] = defaultdict(float)
        for (at, devices), following in zip(segments, [*segments[1:], (finish, [])], strict=True):
            length = max(0.0, (following[0] - at).total_seconds()) / 60.0
            for device in devices:
                for key, customers in below.get(device, {}).items():
                    minutes[key] += customers * length
        for key, customers in below.get(outage.device_id, {}).items():
            minutes[key] -= customers * seconds / 60.0
        for key, correction in minutes.items():
            if key in wanted and correction:
                for variant in variants:
                    sums[(key, local.month, variant)][2] += correction


def _months(year: int, tz: dt.tzinfo, now: dt.datetime) -> list[tuple[int, float]]:
    """The year's months begun by ``now``, with their minutes (the current one up to now)."""
    months: list[tuple[int, float]] = []
    for number in range(1, 13):
        first = dt.datetime(year, number, 1, tzinfo=tz)
        if first > now and months:
            break
        following = dt.datetime(year + number // 12, number % 12 + 1, 1, tzinfo=tz)
        last = min(following, max(now, first))
        months.append((number, (last - first).total_seconds() / 60.0))
    return months


@dataclass(frozen=True)
class AreaYear:
    """One area's year so far: households counted, with DL/T 836's medium-voltage users too."""

    all: Tally
    unplanned: Tally
    planned: Tally
    excluding_med: Tally
    mv_users: Tally
    med: MajorEvents


def village_reliability(
    station: Station, village_id: int, *, year: int | None = None, now: dt.datetime | None = None
) -> AreaYear:
    """The village's figures from 1 January to now (or the whole of a past ``year``)."""
    now = now or timezone.now()
    year = year or timezone.localtime(now).year
    key: AreaKey = ("village", village_id)
    year_end = dt.datetime(year + 1, 1, 1, tzinfo=timezone.get_current_timezone())
    weights = grid_weights(station, village_id=village_id, on=last_day(min(year_end, now)))
    med = major_events(station, year, now=now)
    figures = {
        basis: reliability_by_area(
            station, year, basis=basis, weights=weights, med=med, areas=[key], now=now
        ).get(key)
        for basis in Basis
    }
    empty = Tally(customers_served=0, period_minutes=0.0)

    def year_of(basis: Basis, variant: Variant) -> Tally:
        found = figures[basis]
        return found.year(variant) if found is not None else empty

    return AreaYear(
        all=year_of(Basis.HOUSEHOLDS, Variant.ALL),
        unplanned=year_of(Basis.HOUSEHOLDS, Variant.UNPLANNED),
        planned=year_of(Basis.HOUSEHOLDS, Variant.PLANNED),
        excluding_med=year_of(Basis.HOUSEHOLDS, Variant.EXCLUDING_MED),
        mv_users=year_of(Basis.MV_USERS, Variant.ALL),
        med=med,
    )
