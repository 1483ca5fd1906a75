"""Patrol guidance on the board and the crew's phone: the places of the stretch below an open
device, likeliest first, with their reasons in words; and "found here", which records where the
fault was and what caused it.

The ranking is ``powerdesk.engine.patrol`` (pure); this module gives it the station's knowledge
at the time: faults found at each place before (``FoundPlace``: where, when and what caused
it; and outages of a transformer area, which are at the transformer), open defects, the
equipment's age and lightning zone, whether a storm is on (many outages open at once) and the
season, and which transformer areas the callers are in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, require, roles_of
from powerdesk.engine.patrol import (
    Conditions,
    Place,
    rank_places,
)
from powerdesk.lib.form_text import text_typed
from powerdesk.lib.forms import column_chars
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages.intake import signal_record
from powerdesk.outages.models import (
    FoundPlace,
    Outage,
    OutageCause,
    PredictedOutage,
    Signal,
    SignalSource,
    SignalType,
)
from powerdesk.outages.patrol_history import FaultHistory, cause_kind_of
from powerdesk.outages.patrol_reasons import reason_text, reasons_joined
from powerdesk.outages.services import OutageError
from powerdesk.outages.stretch import (
    SPAN,
    Grid,
    StretchPlace,
    place_label,
    place_said,
    stretch_of,
)
from powerdesk.servicedesk.history_notes import note_said

if TYPE_CHECKING:
    from powerdesk.accounts.models import User

__all__ = [
    "PATROL_SHOWN",
    "FaultHistory",
    "PatrolStop",
    "cause_kind_of",
    "outage_found_here",
    "patrol_for",
    "places_of",
    "prediction_found_here",
    "storm_on",
]

FOUND = "found_here"  # the history line saying, in words, where the fault was
STORM_OUTAGES = 3  # this many outages open at once: a storm is on
CALLER_SLACK = dt.timedelta(hours=1)
RAINY_MONTHS = frozenset({6, 7, 8, 9})
# The places listed before "more" (board and phone): a long stretch made the list metres long.
PATROL_SHOWN = 8
FOUND_NOTE_CHARS = column_chars(FoundPlace, "note")


@dataclass(frozen=True)
class PatrolStop:
    """One place on the crew's list: where, how likely, why."""

    rank: int
    key: str  # what "found here" sends back
    kind: str  # "span", "pole" or the device's kind
    label: str
    kind_label: str
    element_id: int
    share: float  # of the stretch's likelihood (the shares of all places sum to 1)
    reasons: list[str] = field(default_factory=list)
    on_callers_path: bool = False
    found_here: bool = False  # the crew said the fault was here (put first on the phone)
    # The place is itself an outage recorded with the power off, and who works it
    # (``patrol_recorded``: marked after ranking, never kept in the cache).
    recorded: str = ""

    @property
    def percent(self) -> float:
        """``share`` in percent (pages write it with ``lib.shares``: one decimal)."""
        return 100 * self.share

    @property
    def reasons_text(self) -> str:
        return reasons_joined(self.reasons)


def patrol_for(
    subject: Outage | PredictedOutage, *, now: dt.datetime | None = None
) -> list[PatrolStop]:
    """The stretch below the outage's (or prediction's) device, likeliest place first.

    Ranked by weights learnt from the station's own found faults once it has enough of them
    (``patrol_learn``), else by the hand-set factors of ``powerdesk.engine.patrol``.

    Empty for a prediction about one customer's own service (nothing to walk). A handful of
    queries, whatever the stretch's length.
    """
    from powerdesk.outages.patrol_learn import learnt_model  # it builds on this module

    device = subject.device
    if device is None:
        return []
    now = now or timezone.now()
    since = subject.starts_at if isinstance(subject, Outage) else subject.first_sign_at
    # The whole station's grid: how often each kind of place failed is learnt from all of it.
    grid = Grid.load(station_id=device.station_id)
    stretch = stretch_of(grid, device.pk)
    # The outage walked now is not its own history: a place found for it, or its transformer,
    # is no fault "found here before".
    history = FaultHistory(
        device.station_id,
        nodes=[p.element.pk for p in stretch],
        exclude_outage=subject.pk if isinstance(subject, Outage) else None,
    )
    callers = _callers_transformers(device.station_id, stretch, (since or now) - CALLER_SLACK)
    conditions = Conditions(
        year=timezone.localtime(now).year,
        storm=storm_on(device.station_id),
        rainy=timezone.localtime(now).month in RAINY_MONTHS,
        kind_rate=history.kind_rate(grid, now),
        model=learnt_model(device.station_id, grid, before=now),
    )
    places = places_of(grid, stretch, history, before=now, callers=callers)
    by_key = {p.key: p for p in stretch}
    kinds = dict(NodeKind.choices)
    return [
        PatrolStop(
            rank=r.rank,
            key=r.place.key,
            kind=r.place.kind,
            label=place_label(by_key[r.place.key]),
            kind_label=str(_("span") if r.place.kind == "span" else kinds.get(r.place.kind, "")),
            element_id=by_key[r.place.key].element.pk,
            share=r.share,
            # (Whether the callers are below it is the place's badge: not said again in its
            # reasons, where "between the device and the callers" read oddly of the device
            # itself: walk78 M2.)
            reasons=[
                reason_text(reason, now=now)
                for reason in r.reasons
                if reason.code != "callers_path"
            ],
            on_callers_path=r.place.on_callers_path,
        )
        for r in rank_places(places, conditions)
    ]


def places_of(
    grid: Grid,
    stretch: list[StretchPlace],
    history: FaultHistory,
    *,
    before: dt.datetime,
    callers: set[int] | frozenset[int] = frozenset(),
) -> list[Place]:
    """The ranking's view of each place: what the station knew of it before ``before``."""
    on_path: set[str] = set()
    keys = {p.key for p in stretch}
    for pk in callers:
        element = grid.elements.get(pk)
        while element is not None:
            for key in (element.code, element.code + SPAN):
                if key in keys:
                    on_path.add(key)
            if element.pk == stretch[0].element.pk:
                break
            element = grid.elements.get(element.parent_id or 0)
    day = timezone.localtime(before).date()
    places = []
    for p in stretch:
        defects = history.defects(p.element.pk, day)
        # A tree too near the conductor is the span's matter; the rest are the pole's own.
        if p.kind == "span":
            defects = tuple(d for d in defects if d.topic == "tree")
        elif p.kind == "pole":
            defects = tuple(d for d in defects if d.topic != "tree")
        places.append(
            Place(
                key=p.key,
                kind=p.kind,
                order=p.order,
                lightning_zone=p.element.lightning_zone,
                install_year=p.element.install_year,
                defects=defects,
                faults=history.faults(p.key, before),
                near=p.near,
                on_callers_path=p.key in on_path and bool(callers),
            )
        )
    return places


def storm_on(station_id: int) -> bool:
    """Many outages open at once: recorded ones and the engine's other predictions."""
    outages = set(
        Outage.objects.filter(
            station_id=station_id, status=Outage.Status.ACTIVE, kind=Outage.Kind.UNPLANNED
        ).values_list("device_id", flat=True)
    )
    predicted = set(
        PredictedOutage.objects.filter(station_id=station_id)
        .exclude(device=None)
        .values_list("device_id", flat=True)
    )
    return len(outages | predicted) >= STORM_OUTAGES


def _callers_transformers(
    station_id: int, stretch: list[StretchPlace], since: dt.datetime
) -> set[int]:
    transformers = [p.element.pk for p in stretch if p.kind == NodeKind.TRANSFORMER]
    return set(
        Signal.objects.filter(
            station_id=station_id,
            type__in=(SignalType.CALL, SignalType.AMI_OFF),
            event_at__gte=since,
            customer__transformer_id__in=transformers,
        ).values_list("customer__transformer_id", flat=True)
    )


# -- "found here" -----------------------------------------------------------------------------
@transaction.atomic
def outage_found_here(
    *,
    outage: Outage,
    user: User | None,
    place: str,
    cause: str,
    note: str = "",
    at: dt.datetime | None = None,
) -> FoundPlace:
    """The fault is at ``place`` (a key of the outage's patrol list) and ``cause`` made it
    (``at``: when it was found, if told later from a phone without signal).

    The cause is recorded as ``outage_cause_found`` does; the place is a ``FoundPlace`` (and a
    line of the outage's history), which later patrols learn from; and a place other than the
    outage's own device is reported open to the engine (``confirm_open``; a span is reported at
    the pole it leads to). The office on any outage; a crew only on its own crew's.
    """
    from powerdesk.outages.crew import require_find_on_outage
    from powerdesk.outages.estimates import outage_cause_found
    from powerdesk.outages.history import outage_history_add

    require_find_on_outage(user, outage)
    note, refused = text_typed(_("Note"), note, FOUND_NOTE_CHARS)
    if refused:
        raise OutageError(refused, field="note")  # refused at the note, never cut
    if outage.status != Outage.Status.ACTIVE or outage.kind != Outage.Kind.UNPLANNED:
        raise OutageError(_("Only a fault outage with the power off is patrolled."))
    spot = _spot(outage.device, place, cause)
    found_at = min(at or timezone.now(), timezone.now())
    outage = outage_cause_found(outage=outage, user=user, cause=cause, note=note, at=found_at)
    said = note_said("found_place", key=spot.key, place=place_said(spot), kind=cause)
    outage_history_add(outage, user, FOUND, at=found_at, said=said)
    found = FoundPlace.objects.create(
        outage=outage,
        place=spot.key,
        device_id=spot.element.pk,
        cause=cause,
        found_at=found_at,
        found_by=user,
        note=note.strip(),
    )
    if spot.element.pk != outage.device_id:
        crew = roles_of(user, outage.station_id) == {"crew"}
        signal_record(
            station=outage.station,
            type=SignalType.CONFIRM_OPEN,
            at=found_at,
            source=SignalSource.CREW if crew else SignalSource.STAFF,
            device=GridNode.objects.get(pk=spot.element.pk),
            source_id=f"found:{outage.pk}:{spot.element.pk}",
        )
    return found


def prediction_found_check(
    *, prediction: PredictedOutage, user: User | None, place: str, cause: str, note: str = ""
) -> GridNode:
    """The device ``prediction_found_here`` would record the outage on, or why it would not
    (raised before anything is recorded): asked first, since recording texts the households
    below (``record_ask``), and again as it records. A note too long is refused here too, at
    the first press, not after the ask."""
    from powerdesk.outages.prediction_steps import prediction_target

    require(user, prediction.station_id, Do.OUTAGE_DECLARE)
    note, refused = text_typed(_("Note"), note, FOUND_NOTE_CHARS)
    if refused:
        raise OutageError(refused, field="note")  # refused at the note, never cut
    if prediction.device is None:
        raise OutageError(_("This is one customer's own service: there is no line to walk."))
    _spot(prediction.device, place, cause)
    return prediction_target(prediction=prediction, user=user)


@transaction.atomic
def prediction_found_here(
    *, prediction: PredictedOutage, user: User | None, place: str, cause: str, note: str = ""
) -> Outage:
    """Found on a prediction's stretch: the prediction becomes the outage record first, with
    the place and the cause; then the households below are told, once, with the estimate that
    holds now the cause is known (told before the cause, each phone would get the model's first
    time and, at the same moment, the time "moved" by the cause: two texts saying different
    things, twice the messages the ask counted)."""
    from powerdesk.notifications.outage_known import notify_outage_known
    from powerdesk.outages.prediction_steps import prediction_confirm

    prediction_found_check(prediction=prediction, user=user, place=place, cause=cause, note=note)
    outage = prediction_confirm(prediction=prediction, user=user, notify=False)
    outage = outage_found_here(outage=outage, user=user, place=place, cause=cause, note=note).outage
    notify_outage_known(outage)
    return outage


def _spot(device: GridNode, place: str, cause: str) -> StretchPlace:
    if cause not in OutageCause.values:
        raise OutageError(_("Choose what caused it from the list."))
    grid = Grid.load(station_id=device.station_id, feeder_ids=[device.feeder_id])
    spot = next((p for p in stretch_of(grid, device.pk) if p.key == place.strip()), None)
    if spot is None:
        raise OutageError(_("Choose the place from the patrol list of this outage."))
    return spot


def found_device_ids(outage: Outage) -> list[int]:
    """The places "found here" reported open for ``outage`` (closed again with it)."""
    return list(
        Signal.objects.filter(
            station_id=outage.station_id,
            type=SignalType.CONFIRM_OPEN,
            source_id__startswith=f"found:{outage.pk}:",
        ).values_list("device_id", flat=True)
    )
