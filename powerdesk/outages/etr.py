"""Estimated restoration time (预计复电): when the power should be back, learnt from the station's
own restored fault outages (``etr_model``), with an 80 % interval; revised as the crew reaches
the line and finds the cause. Staff may set the time themselves (``estimates.outage_estimate``,
with a note saying why): the board and intake show theirs beside the model's.

``etr_for(outage)`` is what pages and messages ask; ``etrs_for(outages)`` answers for many in a
fixed number of queries (the board). ``etr_train(station)`` learns anew (the scheduled task).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.models import Crew, Station
from powerdesk.lib.days import beside
from powerdesk.network.models import GridNode
from powerdesk.outages import etr_store
from powerdesk.outages.board_grid import BelowGrid, grid_below
from powerdesk.outages.etr_model import EtrModel, Features, Quantiles, fit
from powerdesk.outages.models import Outage, OutageEvent, OutageLink, PredictedOutage
from powerdesk.servicedesk.models import WorkOrderEvent
from powerdesk.servicedesk.models import WorkOrderStatus as S

if TYPE_CHECKING:
    from powerdesk.outages.board import BoardRow

__all__ = [
    "Etr",
    "etr_fill_board",
    "etr_for",
    "etr_for_prediction",
    "etr_train",
    "etrs_for",
    "features_of",
]

MOMENTARY = dt.timedelta(minutes=5)  # a recloser that closed again by itself: no crew went
ARRIVED = ("patrolling", "on_site", "arrived")  # history lines saying the crew is on the line


@dataclass(frozen=True)
class Etr:
    """The model's estimate for one outage, and the staff's when they set one."""

    at: dt.datetime
    low: dt.datetime
    high: dt.datetime
    basis: str
    stage: str
    trained_on: int
    staff_at: dt.datetime | None = None
    staff_note: str = ""
    # The moment the model's figures were made at (the start, the crew on the line, the cause
    # found): they stay the same until the next, whatever the clock says.
    since: dt.datetime | None = None
    # The time told (``best``) is past and the power is not back: said so, never moved ahead.
    overdue: bool = False

    @property
    def basis_label(self) -> str:
        return {
            "model": _("learnt from %(n)d past outages") % {"n": self.trained_on},
            "kind_history": _("past outages of this kind of device"),
            "station_history": _("the station's past outages"),
            "rule_of_thumb": _("rule of thumb (too little history)"),
        }[self.basis]

    @property
    def stage_label(self) -> str:
        return {
            "start": _("before the crew is on site"),
            "on_site": _("revised: crew on site"),
            "cause_found": _("revised: cause found"),
        }[self.stage]

    @property
    def low_text(self) -> str:
        return self._beside_at(self.low)

    @property
    def high_text(self) -> str:
        return self._beside_at(self.high)

    def _beside_at(self, when: dt.datetime) -> str:
        """A bound of the interval as shown after ``at``: its time, and its day too when that is
        not ``at``'s (an interval over midnight would read backwards)."""
        return beside(when, self.at)

    @property
    def best(self) -> dt.datetime:
        """What to tell people: the staff's time when they set one, else the model's."""
        return self.staff_at or self.at


def etr_for(outage: Outage, *, now: dt.datetime | None = None) -> Etr:
    """When the power of ``outage`` (a fault outage with the power off) should be back."""
    return etrs_for([outage], now=now)[outage.pk]


def etrs_for(outages: Sequence[Outage], *, now: dt.datetime | None = None) -> dict[int, Etr]:
    """Estimates for several outages of one station, in a fixed number of queries."""
    return _estimates(outages, [], now=now or timezone.now())[0]


def etr_for_prediction(
    prediction: PredictedOutage, *, now: dt.datetime | None = None
) -> Etr | None:
    """The estimate for an engine prediction not yet recorded (None for one customer's own)."""
    return _estimates([], [prediction], now=now or timezone.now())[1].get(prediction.pk)


def etr_fill_board(
    rows: Sequence[BoardRow], *, now: dt.datetime | None = None, grid: BelowGrid | None = None
) -> None:
    """Each board row's estimate: its outage's, or its prediction's when not yet recorded
    (``grid``: the board's, when it has it)."""
    outages = [r.outage for r in rows if r.outage is not None]
    predictions = [r.prediction for r in rows if r.outage is None and r.prediction is not None]
    found, predicted = _estimates(outages, predictions, now=now or timezone.now(), grid=grid)
    for row in rows:
        if row.outage is not None:
            row.etr = found.get(row.outage.pk)
        elif row.prediction is not None:
            row.etr = predicted.get(row.prediction.pk)


def _estimates(
    outages: Sequence[Outage],
    predictions: Sequence[PredictedOutage],
    *,
    now: dt.datetime,
    grid: BelowGrid | None = None,
) -> tuple[dict[int, Etr], dict[int, Etr]]:
    # A prediction is estimated as an outage recorded at its first sign (a stand-in, never
    # stored, under the prediction's id made negative).
    probes = [
        Outage(
            pk=-p.pk,
            station_id=p.station_id,
            device=p.device,
            starts_at=min(p.first_sign_at or now, now),
        )
        for p in predictions
        if p.device is not None
    ]
    every = [*outages, *probes]
    if not every:
        return {}, {}
    station_id = every[0].station_id
    model = etr_model(station_id)
    features = features_of(station_id, every, as_of=now, grid=grid)
    staff = _staff_estimates(outages)
    found: dict[int, Etr] = {}
    predicted: dict[int, Etr] = {}
    # All at once: the model's cost is per call, not per outage.
    estimates = model.predict_many([features[o.pk] for o in every])
    for outage, q in zip(every, estimates, strict=True):
        f = features[outage.pk]
        at, note = staff.get(outage.pk, (None, ""))
        etr = _etr(outage.starts_at, q, f.stage, model.trained_on, at, note, now=now)
        if outage.pk > 0:
            found[outage.pk] = etr
        else:
            predicted[-outage.pk] = etr
    return found, predicted


def etr_model(station_id: int) -> EtrModel:
    """The station's current model. None trained yet (the scheduled task trains it, and
    ``make run`` starts that at once): the history's quantiles per device kind, one query."""
    model = etr_store.current(station_id)
    if model is not None:
        return model
    samples = [
        (Features(device_kind=kind), (end - start).total_seconds() / 60)
        for start, end, kind in Outage.objects.filter(
            station_id=station_id,
            kind=Outage.Kind.UNPLANNED,
            status=Outage.Status.RESTORED,
            restored_at__isnull=False,
        ).values_list("starts_at", "restored_at", "device__kind")
        if end is not None and end - start >= MOMENTARY
    ]
    return fit(samples, outages=0)


def etr_train(station: Station) -> EtrModel:
    """Learn from the station's restored outages now and make it the model in use."""
    model = _train(station.pk)
    etr_store.publish(station.pk, model)
    return model


# -- features from the station's records ------------------------------------------------------
def features_of(
    station_id: int,
    outages: Sequence[Outage],
    *,
    as_of: dt.datetime,
    grid: BelowGrid | None = None,
) -> dict[int, Features]:
    """Each outage's features as known at ``as_of`` (arrival and cause only if by then)."""
    devices = GridNode.objects.select_related("village").in_bulk({o.device_id for o in outages})
    links = {
        link.outage_id: link
        for link in OutageLink.objects.filter(outage__in=[o.pk for o in outages if o.pk > 0])
    }
    bases = [
        (c.pk, c.base_x, c.base_y)
        for c in Crew.objects.filter(station_id=station_id).exclude(base_x=None)
    ]
    arrived, cause_found = _field_times(outages, as_of)
    intervals = _intervals(station_id, min(o.starts_at for o in outages))
    sizes = _stretch_sizes(grid or grid_below(station_id), {o.device_id for o in outages})
    out = {}
    for outage in outages:
        device = devices[outage.device_id]
        village = device.village
        link = links.get(outage.pk)
        local = timezone.localtime(outage.starts_at)
        cause = link.cause_kind if link is not None else ""
        out[outage.pk] = Features(
            device_kind=device.kind,
            cause=cause,
            remote=bool(device.village and device.village.no_road_access),
            hour=local.hour,
            month=local.month,
            busy=sum(1 for pk, s, e in intervals if pk != outage.pk and s < outage.starts_at < e),
            distance_km=_distance(device, bases, link.crew_id if link else None),
            arrived_after=_minutes(outage.starts_at, arrived.get(outage.pk)),
            cause_after=_minutes(outage.starts_at, cause_found.get(outage.pk)) if cause else None,
            places=sizes.get(outage.device_id, 1),
            walk_minutes=village.walk_minutes if village and village.no_road_access else 0,
        )
    return out


def _stretch_sizes(grid: BelowGrid, device_ids: set[int]) -> dict[int, int]:
    """How many places each device's stretch has (the grid kept by ``board_grid``)."""
    sizes = {pk: grid.stretch_size(pk) for pk in device_ids}
    return {pk: n for pk, n in sizes.items() if n is not None}


def training_samples(
    station_id: int, *, before: dt.datetime | None = None
) -> tuple[list[tuple[Features, float]], int]:
    """``(features, minutes off)`` at each moment of each restored fault outage (oldest first;
    only those restored before ``before``), and how many outages they come from."""
    outages = _restored(station_id, before)
    if not outages:
        return [], 0
    last = max(o.restored_at or o.starts_at for o in outages)
    final = features_of(station_id, outages, as_of=last)
    samples = []
    for outage in outages:
        assert outage.restored_at is not None
        minutes = (outage.restored_at - outage.starts_at).total_seconds() / 60
        f = final[outage.pk]
        samples.append((_at_start(f), minutes))
        if f.arrived_after is not None:
            samples.append((_at_start(f, arrived=f.arrived_after), minutes))
        if f.cause:
            samples.append((f, minutes))
    return samples, len(outages)


def _restored(station_id: int, before: dt.datetime | None) -> list[Outage]:
    restored = Outage.objects.filter(
        station_id=station_id,
        kind=Outage.Kind.UNPLANNED,
        status=Outage.Status.RESTORED,
        restored_at__isnull=False,
    ).order_by("starts_at", "pk")
    if before is not None:
        restored = restored.filter(restored_at__lt=before)
    return [o for o in restored if o.restored_at and o.restored_at - o.starts_at >= MOMENTARY]


def _train(station_id: int) -> EtrModel:
    samples, outages = training_samples(station_id)
    return fit(samples, outages=outages)


def _at_start(f: Features, *, arrived: float | None = None) -> Features:
    return dataclasses.replace(f, cause="", arrived_after=arrived, cause_after=None)


def _field_times(
    outages: Sequence[Outage], as_of: dt.datetime
) -> tuple[dict[int, dt.datetime], dict[int, dt.datetime]]:
    """When the crew reached the line and found the cause, for each outage (first time)."""
    ids = [o.pk for o in outages if o.pk > 0]
    arrived: dict[int, dt.datetime] = {}
    cause: dict[int, dt.datetime] = {}
    real = [o for o in outages if o.pk > 0]
    if real and all(_prefetched(o) for o in real):  # the board's rows hold their history
        lines = sorted(
            ((o.pk, e.what, e.at) for o in real for e in o.events.all()), key=lambda x: x[2]
        )
    else:
        lines = list(
            OutageEvent.objects.filter(outage_id__in=ids)
            .order_by("at")
            .values_list("outage_id", "what", "at")
        )
    for outage_id, what, at in lines:
        if at > as_of or what not in (*ARRIVED, "cause_found"):
            continue
        target = cause if what == "cause_found" else arrived
        target.setdefault(outage_id, at)
    # A joined work order's crew on site is the outage's crew on site: of this visit only.
    on_site = list(
        WorkOrderEvent.objects.filter(
            work_order__outage_links__outage_id__in=ids, to_status=S.ON_SITE, at__lte=as_of
        )
        .order_by("at")
        .values_list("work_order__outage_links__outage_id", "work_order_id", "at")
    )
    reopened = _reopened(on_site)
    ends = {o.pk: o.restored_at for o in real}
    for outage_id, order_id, at in on_site:
        if _earlier_visit(at, reopened.get(order_id, ()), ends.get(outage_id)):
            continue
        if at < arrived.get(outage_id, at + dt.timedelta(seconds=1)):
            arrived[outage_id] = at
    return arrived, cause


def _reopened(
    on_site: list[tuple[int, int, dt.datetime]],
) -> dict[int, list[dt.datetime]]:
    """When each of the orders was reopened ("still not fixed"): a new visit each time."""
    found: dict[int, list[dt.datetime]] = {}
    if not on_site:
        return found
    for order_id, at in WorkOrderEvent.objects.filter(
        work_order_id__in={order_id for _o, order_id, _at in on_site},
        kind=WorkOrderEvent.Kind.REOPENED,
    ).values_list("work_order_id", "at"):
        found.setdefault(order_id, []).append(at)
    return found


def _earlier_visit(
    at: dt.datetime, reopened: Iterable[dt.datetime], restored_at: dt.datetime | None
) -> bool:
    """Whether a joined order's "on site" at ``at`` was of a visit that ended before this
    outage was over: the order was reopened since, while the outage was off (or before it).
    A caller's order reopened after power came back and joined to the device's next outage
    keeps its old arrival in its history; that crew was on site for the outage before, not
    for this one. Reopened only after this outage was over, the arrival was this outage's."""
    return any(at < r and (restored_at is None or r <= restored_at) for r in reopened)


def _intervals(station_id: int, since: dt.datetime) -> list[tuple[int, dt.datetime, dt.datetime]]:
    """Fault outages open at some time after ``since``: (pk, start, end or far future)."""
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    rows = Outage.objects.filter(station_id=station_id, kind=Outage.Kind.UNPLANNED).filter(
        Q(restored_at__isnull=True) | Q(restored_at__gt=since)
    )
    return [
        (pk, start, end or far)
        for pk, start, end in rows.values_list("pk", "starts_at", "restored_at")
        if end is None or end - start >= MOMENTARY
    ]


def _distance(
    device: GridNode, bases: list[tuple[int, float | None, float | None]], crew_id: int | None
) -> float:
    """Km from the crew's base (the one sent, else the nearest) to the device."""
    if device.x is None or device.y is None or not bases:
        return 5.0
    km = {
        pk: math.hypot(
            (x - device.x) * 111.32 * math.cos(math.radians(device.y)), (y - device.y) * 110.57
        )
        for pk, x, y in bases
        if x is not None and y is not None
    }
    if crew_id in km:
        return km[crew_id]
    return min(km.values(), default=5.0)


def _minutes(start: dt.datetime, at: dt.datetime | None) -> float | None:
    return None if at is None else max(0.0, (at - start).total_seconds() / 60)


def _staff_estimates(outages: Iterable[Outage]) -> dict[int, tuple[dt.datetime | None, str]]:
    """The staff's expected restoration and the note of their last estimate."""
    outages = list(outages)
    notes: dict[int, str] = {}
    if all(_prefetched(o) for o in outages):  # the board's rows hold their history already
        lines = [(o.pk, e.note) for o in outages for e in o.events.all() if e.what == "estimated"]
    else:
        lines = list(
            OutageEvent.objects.filter(outage__in=[o.pk for o in outages], what="estimated")
            .order_by("at", "pk")
            .values_list("outage_id", "note")
        )
    for outage_id, note in lines:
        notes[outage_id] = note
    return {o.pk: (o.expected_restore_at, notes.get(o.pk, "")) for o in outages}


def _prefetched(outage: Outage) -> bool:
    return "events" in getattr(outage, "_prefetched_objects_cache", {})


def _etr(
    start: dt.datetime,
    q: Quantiles,
    stage: str,
    trained_on: int,
    staff_at: dt.datetime | None,
    staff_note: str,
    *,
    now: dt.datetime | None = None,
) -> Etr:
    def at(minutes: float) -> dt.datetime:
        # To the next five minutes: a time to tell people, not a false precision (nor one
        # that differs by the microsecond from one drawing of the board to the next).
        moment = start + dt.timedelta(minutes=minutes)
        return moment + dt.timedelta(
            minutes=(-moment.minute) % 5, seconds=-moment.second, microseconds=-moment.microsecond
        )

    best = staff_at or at(q.median)
    return Etr(
        at(q.median),
        at(q.low),
        at(q.high),
        q.basis,
        stage,
        trained_on,
        staff_at,
        staff_note,
        since=start + dt.timedelta(minutes=q.moment),
        overdue=now is not None and best <= now,
    )
