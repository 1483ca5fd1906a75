"""Estimated restoration time (预计复电): when the power should be back, learnt from the station's
own restored fault outages (``etr_model``), with an 80 % interval; revised as the crew reaches
the line and finds the cause. Staff may set the time themselves (``life.outage_estimate``, with a
note saying why): the board and intake show theirs beside the model's.

``etr_for(outage)`` is what pages and messages ask; ``etrs_for(outages)`` answers for many in a
fixed number of queries (the board). ``etr_train(station)`` learns anew (the scheduled task).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.models import Crew, Station
from powerdesk.network.models import GridNode
from powerdesk.outages import etr_store
from powerdesk.outages.etr_model import EtrModel, Features, Quantiles, fit
from powerdesk.outages.models import Outage, OutageEvent, OutageLink, PredictedOutage
from powerdesk.servicedesk.models import WorkOrderEvent
from powerdesk.servicedesk.models import WorkOrderStatus as S

__all__ = ["Etr", "etr_for", "etr_for_prediction", "etr_train", "etrs_for", "features_of"]

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
    def best(self) -> dt.datetime:
        """What to tell people: the staff's time when they set one, else the model's."""
        return self.staff_at or self.at


def etr_for(outage: Outage, *, now: dt.datetime | None = None) -> Etr:
    """When the power of ``outage`` (a fault outage with the power off) should be back."""
    return etrs_for([outage], now=now)[outage.pk]


def etrs_for(outages: Sequence[Outage], *, now: dt.datetime | None = None) -> dict[int, Etr]:
    """Estimates for several outages of one station, in a fixed number of queries."""
    if not outages:
        return {}
    now = now or timezone.now()
    station_id = outages[0].station_id
    model = etr_model(station_id)
    found = features_of(station_id, outages, as_of=now)
    staff = _staff_estimates(outages)
    out = {}
    for outage in outages:
        features = found[outage.pk]
        elapsed = max(0.0, (now - outage.starts_at).total_seconds() / 60)
        q = model.predict(features, elapsed=elapsed)
        at, note = staff.get(outage.pk, (None, ""))
        out[outage.pk] = _etr(outage.starts_at, q, features.stage, model.trained_on, at, note)
    return out


def etr_for_prediction(
    prediction: PredictedOutage, *, now: dt.datetime | None = None
) -> Etr | None:
    """The estimate for an engine prediction not yet recorded (None for one customer's own)."""
    if prediction.device is None:
        return None
    now = now or timezone.now()
    start = min(prediction.first_sign_at or now, now)
    probe = Outage(
        pk=0, station_id=prediction.station_id, device=prediction.device, starts_at=start
    )
    model = etr_model(prediction.station_id)
    features = features_of(prediction.station_id, [probe], as_of=now)[0]
    q = model.predict(features, elapsed=(now - start).total_seconds() / 60)
    return _etr(start, q, features.stage, model.trained_on, None, "")


def etr_model(station_id: int) -> EtrModel:
    """The station's current model; trained here when none is stored yet."""
    model = etr_store.current(station_id, fingerprint=lambda: _history_fingerprint(station_id))
    if model is None:
        model = etr_store.train_once(
            station_id,
            lambda: _train(station_id),
            fingerprint=_history_fingerprint(station_id),
        )
    return model


def etr_train(station: Station) -> EtrModel:
    """Learn from the station's restored outages now and make it the model in use."""
    model = _train(station.pk)
    etr_store.publish(station.pk, model, fingerprint=_history_fingerprint(station.pk))
    return model


# -- features from the station's records ------------------------------------------------------
def features_of(
    station_id: int, outages: Sequence[Outage], *, as_of: dt.datetime
) -> dict[int, Features]:
    """Each outage's features as known at ``as_of`` (arrival and cause only if by then)."""
    devices = GridNode.objects.in_bulk({o.device_id for o in outages}, field_name="pk")
    villages = {
        pk: remote
        for pk, remote in GridNode.objects.filter(pk__in=devices).values_list(
            "pk", "village__no_road_access"
        )
    }
    links = {
        link.outage_id: link
        for link in OutageLink.objects.filter(outage__in=[o for o in outages if o.pk])
    }
    bases = [
        (c.pk, c.base_x, c.base_y)
        for c in Crew.objects.filter(station_id=station_id).exclude(base_x=None)
    ]
    arrived, cause_found = _field_times(outages, as_of)
    intervals = _intervals(station_id, min(o.starts_at for o in outages))
    out = {}
    for outage in outages:
        device = devices[outage.device_id]
        link = links.get(outage.pk)
        local = timezone.localtime(outage.starts_at)
        cause = link.cause_kind if link is not None else ""
        out[outage.pk] = Features(
            device_kind=device.kind,
            cause=cause,
            remote=bool(villages.get(device.pk)),
            hour=local.hour,
            month=local.month,
            busy=sum(1 for pk, s, e in intervals if pk != outage.pk and s < outage.starts_at < e),
            distance_km=_distance(device, bases, link.crew_id if link else None),
            arrived_after=_minutes(outage.starts_at, arrived.get(outage.pk)),
            cause_after=_minutes(outage.starts_at, cause_found.get(outage.pk)) if cause else None,
        )
    return out


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
    return Features(
        f.device_kind, "", f.remote, f.hour, f.month, f.busy, f.distance_km, arrived, None
    )


def _history_fingerprint(station_id: int) -> str:
    restored = Outage.objects.filter(
        station_id=station_id, kind=Outage.Kind.UNPLANNED, status=Outage.Status.RESTORED
    )
    return f"{restored.count()}:{restored.order_by('-pk').values_list('pk', flat=True).first()}"


def _field_times(
    outages: Sequence[Outage], as_of: dt.datetime
) -> tuple[dict[int, dt.datetime], dict[int, dt.datetime]]:
    """When the crew reached the line and found the cause, for each outage (first time)."""
    ids = [o.pk for o in outages if o.pk]
    arrived: dict[int, dt.datetime] = {}
    cause: dict[int, dt.datetime] = {}
    for outage_id, what, at in (
        OutageEvent.objects.filter(outage_id__in=ids, at__lte=as_of)
        .filter(what__in=(*ARRIVED, "cause_found"))
        .order_by("at")
        .values_list("outage_id", "what", "at")
    ):
        target = cause if what == "cause_found" else arrived
        target.setdefault(outage_id, at)
    # A joined work order's crew on site is the outage's crew on site.
    for outage_id, at in (
        WorkOrderEvent.objects.filter(
            work_order__outage_links__outage_id__in=ids, to_status=S.ON_SITE, at__lte=as_of
        )
        .order_by("at")
        .values_list("work_order__outage_links__outage_id", "at")
    ):
        if at < arrived.get(outage_id, at + dt.timedelta(seconds=1)):
            arrived[outage_id] = at
    return arrived, cause


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
    notes: dict[int, str] = {}
    for outage_id, note in (
        OutageEvent.objects.filter(outage__in=[o for o in outages], what="estimated")
        .order_by("at", "pk")
        .values_list("outage_id", "note")
    ):
        notes[outage_id] = note
    return {o.pk: (o.expected_restore_at, notes.get(o.pk, "")) for o in outages}


def _etr(
    start: dt.datetime,
    q: Quantiles,
    stage: str,
    trained_on: int,
    staff_at: dt.datetime | None,
    staff_note: str,
) -> Etr:
    def at(minutes: float) -> dt.datetime:
        # To the next five minutes: a time to tell people, not a false precision.
        moment = start + dt.timedelta(minutes=minutes)
        return moment + dt.timedelta(minutes=(-moment.minute) % 5, seconds=-moment.second)

    return Etr(
        at(q.median), at(q.low), at(q.high), q.basis, stage, trained_on, staff_at, staff_note
    )
