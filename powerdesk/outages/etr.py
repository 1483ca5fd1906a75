"""Estimated restoration time (预计复电): when the power should be back, learnt from the station's
own restored fault outages (``etr_model``), with an 80 % interval; revised as the crew reaches
the line and finds the cause. Staff may set the time themselves (``estimates.outage_estimate``,
with a note saying why): the board and intake show theirs beside the model's.

``etr_for(outage)`` is what pages and messages ask; ``etrs_for(outages)`` answers for many in a
fixed number of queries (the board). ``etr_train(station)`` learns anew (the scheduled task).
What the model learns from, read from the station's records: ``etr_features``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from powerdesk.accounts.models import Station
from powerdesk.lib.days import beside
from powerdesk.outages import etr_store
from powerdesk.outages.board_grid import BelowGrid
from powerdesk.outages.etr_features import (
    events_prefetched,
    features_of,
    training_samples,
)
from powerdesk.outages.etr_model import EtrModel, Features, Quantiles, fit
from powerdesk.outages.models import Outage, OutageEvent, PredictedOutage

if TYPE_CHECKING:
    from powerdesk.network.models import GridNode
    from powerdesk.outages.board import BoardRow

__all__ = [
    "Etr",
    "etr_fill_board",
    "etr_for",
    "etr_for_prediction",
    "etr_for_unrecorded",
    "etr_train",
    "etrs_for",
]


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
    # A rough estimate (no model yet) whose history's time is past: it is the history's time
    # left after as long a wait, counted from now (``late_from``: the time that passed).
    late_from: dt.datetime | None = None

    @property
    def rough(self) -> bool:
        """No model yet: the history's figures (or a rule of thumb), to be said as rough."""
        return self.basis != "model"

    @property
    def rough_label(self) -> str:
        """What staff see beside a rough estimate: how it was reached ("" for the model's)."""
        if not self.rough:
            return ""
        said = (
            _("rough, by rule of thumb")
            if self.basis == "rule_of_thumb"
            else _("rough, from past outages")
        )
        if self.late_from is not None:
            said += " · " + _("late: past outages' time passed, counted from now")
        return said

    @property
    def basis_label(self) -> str:
        return {
            "model": ngettext(
                "learnt from %(n)d past outage", "learnt from %(n)d past outages", self.trained_on
            )
            % {"n": self.trained_on},
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


def etr_for_unrecorded(
    station_id: int, device: GridNode, starts_at: dt.datetime, *, now: dt.datetime | None = None
) -> Etr:
    """The estimate for a fault outage not yet recorded on ``device``, its power off since
    ``starts_at`` (what its first text would tell: the ask before recording it), estimated as
    a prediction is (a stand-in, never stored)."""
    stand_in = PredictedOutage(pk=1, station_id=station_id, device=device, first_sign_at=starts_at)
    return _estimates([], [stand_in], now=now or timezone.now())[1][1]


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
    estimates = _mended_not_later(model, every, features, estimates)
    for outage, q in zip(every, estimates, strict=True):
        f = features[outage.pk]
        at, note = staff.get(outage.pk, (None, ""))
        late_from = None
        if q.basis != "model":
            q, late_from = _rough_not_past(model, f, q, outage.starts_at, now)
        etr = _etr(outage.starts_at, q, f.stage, model.trained_on, at, note, now=now)
        if late_from is not None:
            # Its interval too starts after now (the moment it counts from may be minutes ago).
            soonest = _rounded(now, 0.0 if _rounded(now, 0.0) > now else 5.0)
            etr = dataclasses.replace(etr, late_from=late_from, low=max(etr.low, soonest))
        if outage.pk > 0:
            found[outage.pk] = etr
        else:
            predicted[-outage.pk] = etr
    return found, predicted


def _mended_not_later(
    model: EtrModel,
    outages: Sequence[Outage],
    features: dict[int, Features],
    found: list[Quantiles],
) -> list[Quantiles]:
    """A cause recorded as already replaced or mended ("低压熔丝老化熔断，已更换":
    ``mended_words``) tells the fault's kind, not a repair still to do: its estimate is the
    one before the cause was known when that is sooner (walk72, 1: 设备老化 so recorded moved
    "about 15:40" to "about 20:05")."""
    from powerdesk.outages.mended_words import said_mended

    mended = [
        i
        for i, o in enumerate(outages)
        if o.pk > 0 and features[o.pk].cause and said_mended(o.cause or "")
    ]
    if not mended:
        return found
    before = model.predict_many(
        [dataclasses.replace(features[outages[i].pk], cause="", cause_after=None) for i in mended]
    )
    found = list(found)
    for i, q in zip(mended, before, strict=True):
        if q.median < found[i].median:
            found[i] = q
    return found


LATE_STEPS = 500  # a rough estimate past this many times over is left past (said overdue)


def _rough_not_past(
    model: EtrModel, f: Features, q: Quantiles, start: dt.datetime, now: dt.datetime
) -> tuple[Quantiles, dt.datetime | None]:
    """A rough estimate (no model) is never a time already past: once the history's time has
    gone by, the history's time still to wait after as long a wait, from the moment it went by
    (and again from the next once that one has too) — the time left from now, which stays the
    same as the clock runs until it passes (not always "so long from now"). The time that
    passed first, when it did."""
    moment = start + dt.timedelta(minutes=q.moment)
    late_from = None
    for _step in range(LATE_STEPS):
        told = _rounded(start, q.median)
        if told > now:
            break
        late_from = late_from or told
        q = model.rough_after(f, (told - moment).total_seconds() / 60)
    return q, late_from


def etr_model(station_id: int) -> EtrModel:
    """The station's current model. None trained yet (the scheduled task trains it, and
    ``make run`` starts that at once): the history's quantiles of the time still to wait from
    each moment, per device kind and for the station (``_rough_model``)."""
    model = etr_store.current(station_id)
    if model is not None:
        return model
    return _rough_model(station_id)


# Each station's model of its history when none is trained yet, with what it was counted from.
_rough: dict[int, tuple[tuple[object, ...], EtrModel]] = {}


def _rough_model(station_id: int) -> EtrModel:
    """The history's quantiles of the time still to wait from each moment (start, crew on site,
    cause found), per device kind and for the station: counted again only when its restored
    outages or their history changed (two queries, not the features of every outage)."""
    restored = Outage.objects.filter(
        station_id=station_id,
        kind=Outage.Kind.UNPLANNED,
        status=Outage.Status.RESTORED,
        restored_at__isnull=False,
    )
    key = (
        tuple(restored.order_by("pk").values_list("pk", "starts_at", "restored_at", "device_id")),
        OutageEvent.objects.filter(outage__in=restored).count(),
    )
    kept = _rough.get(station_id)
    if kept is not None and kept[0] == key:
        return kept[1]
    samples, _outages = training_samples(station_id)
    model = fit(samples, outages=0)
    _rough[station_id] = (key, model)
    return model


def etr_train(station: Station) -> EtrModel:
    """Learn from the station's restored outages now and make it the model in use."""
    model = _train(station.pk)
    etr_store.publish(station.pk, model)
    return model


def _train(station_id: int) -> EtrModel:
    samples, outages = training_samples(station_id)
    return fit(samples, outages=outages)


# The history line of a time set says the change before the staff's reason ("— → 12-05 12:30
# the crew's word"): shown beside the time, only the reason is said (walk37, 16).
_STAFF_CHANGE = re.compile(r"^(?:—|\d\d-\d\d \d\d:\d\d) → \d\d-\d\d \d\d:\d\d ?")


def _staff_estimates(outages: Iterable[Outage]) -> dict[int, tuple[dt.datetime | None, str]]:
    """The staff's expected restoration and the note of their last estimate."""
    outages = list(outages)
    notes: dict[int, str] = {}
    if all(events_prefetched(o) for o in outages):  # the board's rows hold their history already
        lines = [(o.pk, e.note) for o in outages for e in o.events.all() if e.what == "estimated"]
    else:
        lines = list(
            OutageEvent.objects.filter(outage__in=[o.pk for o in outages], what="estimated")
            .order_by("at", "pk")
            .values_list("outage_id", "note")
        )
    for outage_id, note in lines:
        notes[outage_id] = _STAFF_CHANGE.sub("", note, count=1)
    return {o.pk: (o.expected_restore_at, notes.get(o.pk, "")) for o in outages}


def _rounded(start: dt.datetime, minutes: float) -> dt.datetime:
    """``minutes`` after ``start`` to the next five minutes: a time to tell people, not a false
    precision (nor one that differs by the microsecond from one drawing of the board to the
    next)."""
    moment = start + dt.timedelta(minutes=minutes)
    mark = moment.replace(second=0, microsecond=0) - dt.timedelta(minutes=moment.minute % 5)
    return mark if mark == moment else mark + dt.timedelta(minutes=5)


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
        return _rounded(start, minutes)

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
