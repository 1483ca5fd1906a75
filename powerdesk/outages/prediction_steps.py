"""The engine's prediction as staff answer it: confirmed (recorded as an outage, on its device
or moved to another), recorded from a caller's call at intake, or rejected. A confirmation is
also a ``confirm_open`` signal and a rejection a ``reject`` one, so the live engine takes what
staff know; each is a line of the outage's history (``history``). What follows the recording is
``life``'s (a crew dispatched, patrolling, closed).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, require
from powerdesk.lib.form_text import text_typed
from powerdesk.network.models import GridNode
from powerdesk.outages.history import outage_history_add
from powerdesk.outages.intake import signal_record
from powerdesk.outages.joined import outage_join_open_orders
from powerdesk.outages.models import (
    MOVED_SOURCE_ID,
    REJECTION_SOURCE_ID,
    Outage,
    PredictedOutage,
    PredictionRejection,
    SignalSource,
    SignalType,
    evidence_said,
)
from powerdesk.outages.predicted import devices_above, shown_predictions
from powerdesk.outages.services import OutageError, outage_declare
from powerdesk.servicedesk.history_notes import note_part, note_said
from powerdesk.servicedesk.models import Call

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User


# How long after the target's ``confirm_open`` a move's ``reject`` of the named device is heard.
MOVED_AFTER_OPEN = dt.timedelta(milliseconds=1)


def _above(upper: GridNode, lower: GridNode) -> bool:
    """Whether ``upper`` is on the path from ``lower`` up to its feeder's source."""
    if upper.feeder_id != lower.feeder_id or upper.pk == lower.pk:
        return False
    return upper.pk in devices_above(lower)


def prediction_target(
    *,
    prediction: PredictedOutage,
    user: User | None,
    device: GridNode | None = None,
    other_feeder: bool = False,
) -> GridNode:
    """The device ``prediction_confirm`` would record the outage on (its own, or ``device``),
    or why it would not: asked before recording, since recording texts the households below
    (``record_ask``), and again as it records."""
    require(user, prediction.station_id, Do.OUTAGE_DECLARE)
    target = device or prediction.device
    if target is None:
        raise OutageError(
            _("This is one customer's own service: open a work order for it instead.")
        )
    if target.station_id != prediction.station_id:
        raise OutageError(_("That device belongs to another station."), field="device")
    named = prediction.device
    across = named is not None and named.feeder_id != target.feeder_id
    if across and not other_feeder:
        assert named is not None  # ``across``'s
        raise OutageError(
            _(
                "%(device)s is on %(to)s, not on %(from)s where the engine placed the outage "
                "(%(named)s). If the fault really is on the other feeder, tick “Confirm the "
                "move to another feeder”."
            )
            % {
                "device": target.name or target.code,
                "to": target.feeder.name,
                "from": named.feeder.name,
                "named": named.name or named.code,
            },
            field="device",
        )
    if Outage.objects.filter(device=target, status=Outage.Status.ACTIVE).exists():
        raise OutageError(
            _("An outage is already recorded on %(device)s.") % {"device": target}, field="device"
        )
    return target


@transaction.atomic
def prediction_confirm(
    *,
    prediction: PredictedOutage,
    user: User | None,
    device: GridNode | None = None,
    other_feeder: bool = False,
    from_call: Call | None = None,
    notify: bool = True,
) -> Outage:
    """Make a prediction the outage record: on its device, or on ``device`` when staff know
    better (a move). The outage starts at the first sign; the open fault-repair orders of the
    households below are joined to it.

    A move to a device on another feeder needs ``other_feeder``: the callers' signals came from
    the first feeder, so such a move is far more often a device name mistyped or picked from the
    wrong line of the list than a real finding, and it texts another feeder's villages.

    ``from_call``: recorded at intake, in the step that saved this call (its history says so).
    ``notify=False``: the households are told by the caller (``outage_declare``); else they
    are told once the callers' orders below have joined it, with the crew on them.
    """
    target = prediction_target(
        prediction=prediction, user=user, device=device, other_feeder=other_feeder
    )
    # Two clerks confirming at once: the second waits here and finds the first's outage.
    GridNode.objects.select_for_update().filter(pk=target.pk).first()
    if Outage.objects.filter(device=target, status=Outage.Status.ACTIVE).exists():
        raise OutageError(_("An outage is already recorded on %(device)s.") % {"device": target})
    now = timezone.now()
    starts_at = min(prediction.first_sign_at or now, now)
    outage = outage_declare(
        station=prediction.station,
        user=user,
        device=target,
        kind=Outage.Kind.UNPLANNED,
        starts_at=starts_at,
        notify=False,  # told below, once the callers' orders and their crew have joined it
    )
    outage_history_add(
        outage, user, "confirmed", said=_recorded_said(prediction, target, from_call=from_call)
    )
    signal_record(
        station=prediction.station,
        type=SignalType.CONFIRM_OPEN,
        at=now,
        source=SignalSource.STAFF,
        device=target,
        source_id=f"confirm:{outage.pk}",
    )
    moved_from = prediction.device
    if moved_from is not None and moved_from.pk != target.pk and not _above(target, moved_from):
        # Staff know better: the device the engine named is closed, so it looks elsewhere.
        # (Not when the outage is above it: its customers are out with the outage's, and
        # their calls and meters are its evidence.) Heard just after the target's opening,
        # so that the engine keeps the signs of the customers below the target, still out.
        signal_record(
            station=prediction.station,
            type=SignalType.RESTORE,
            at=now + MOVED_AFTER_OPEN,
            source=SignalSource.STAFF,
            device=moved_from,
            source_id=f"{MOVED_SOURCE_ID}{outage.pk}",
        )
    outage_join_open_orders(outage=outage, user=user)
    if notify:
        from powerdesk.notifications.outage_known import notify_outage_known

        # Told after the join, so that the text says where the crew already on a caller's
        # order below is (on the way, at work), never "a crew is being arranged" (fix69c, 1),
        # as its ask said (``record_ask.crew_state_below``).
        notify_outage_known(outage)
    return outage


def _recorded_said(
    prediction: PredictedOutage, target: GridNode, *, from_call: Call | None
) -> dict[str, Any]:
    """The history line of a recording, as data: what the engine saw (counts, not words), or
    the device it was moved from; at intake, from whose call."""
    named = prediction.device
    if named is not None and named.pk != target.pk:
        main = note_part("outage_moved", code=prediction.code)
        if named.feeder_id != target.feeder_id:
            across = note_part(
                "moved_feeder", **{"from": named.feeder.name, "to": target.feeder.name}
            )
            main = note_part("parts", sep="space", parts=[main, across])
    else:
        main = note_part("engine_evidence", **evidence_said(prediction.explain))
    if from_call is not None:
        intake = note_part("recorded_from_call", call=call_named(from_call))
        return note_said("parts", sep="list", parts=[intake, main])
    return note_said(main["code"], **main["args"])


@transaction.atomic
def prediction_record_for_call(
    *,
    station: Station,
    device: GridNode,
    user: User | None,
    call: Call | None = None,
    record: bool = True,
) -> tuple[Outage | None, bool]:
    """The outage a caller under the prediction on ``device`` joins, recorded now from the
    prediction (as the board's "confirm", from ``call``) unless another clerk recorded it
    meanwhile; and whether it was recorded now. (None, False) when the engine no longer shows
    an outage there, or when nobody recorded it and ``record`` is False (one who may not
    record outages joins one recorded, and nothing more).

    Two clerks taking calls below the same prediction at once record one outage: the device's
    row is locked before looking, so the second waits and finds the first's.
    """
    if device.station_id != station.pk:
        raise OutageError(_("That device belongs to another station."))
    GridNode.objects.select_for_update().filter(pk=device.pk).first()
    recorded = (
        Outage.objects.filter(
            station=station,
            device=device,
            status=Outage.Status.ACTIVE,
            kind=Outage.Kind.UNPLANNED,
        )
        .select_related("device")
        .first()
    )
    if recorded is not None or not record:
        return recorded, False
    require(user, station, Do.OUTAGE_DECLARE)  # joining one recorded needs no more than a call
    prediction = _shown_prediction(station, device)
    if prediction is None:
        return None, False
    return prediction_confirm(prediction=prediction, user=user, from_call=call), True


def prediction_to_record(*, station: Station, device: GridNode) -> PredictedOutage | None:
    """The engine's prediction on ``device`` that a fault call would record now
    (``prediction_record_for_call``, without its lock: what intake asks the clerk to confirm
    first, since recording texts the households below); None when an outage is recorded there
    already, or the engine no longer shows one."""
    if Outage.objects.filter(
        station=station, device=device, status=Outage.Status.ACTIVE, kind=Outage.Kind.UNPLANNED
    ).exists():
        return None
    return _shown_prediction(station, device)


def _shown_prediction(station: Station, device: GridNode) -> PredictedOutage | None:
    """The engine's prediction on ``device``, while the board shows it (else None)."""
    prediction = (
        PredictedOutage.objects.for_station(station)
        .filter(device=device)
        .select_related("device", "station")
        .first()
    )
    if prediction is None or not shown_predictions(station.pk, [prediction]):
        return None
    return prediction


def call_named(call: Call) -> str:
    """A call as a history line names it: "10:42 188 7049 5863" (its time, station time)."""
    when = timezone.localtime(call.received_at).strftime("%H:%M")
    return " ".join(p for p in (when, call.number_shown or call.caller_name) if p)


@transaction.atomic
def prediction_reject(
    *, prediction: PredictedOutage, user: User | None, reason: str
) -> PredictionRejection:
    """Staff say the engine is wrong here; the reason is kept and the board stops showing it.

    The engine hears it too, as a ``reject`` (see ``REJECTION_SOURCE_ID``): the device is
    closed as far as anyone knows, or a single customer named on their own has power, so it
    looks again below or elsewhere instead of holding on to the same answer, without taking
    the rejection for a restored outage that few customers called about.
    """
    require(user, prediction.station_id, Do.OUTAGE_DECLARE)
    reason, said = text_typed(_("Reason"), reason, 300)
    if said:  # refused at its field, never cut
        raise OutageError(said, field="reason")
    if not reason:
        raise OutageError(_("Say why the prediction is wrong."), field="reason")
    rejection = PredictionRejection.objects.create(
        station_id=prediction.station_id,
        code=prediction.code,
        first_sign_at=prediction.first_sign_at,
        reason=reason[:300],
        at=timezone.now(),
        by=user,
    )
    if prediction.device is None and prediction.customer is None:
        return rejection
    # The device is closed as far as anyone knows; else the customer named on their own has power.
    on_device = prediction.device is not None
    signal_record(
        station=prediction.station,
        type="restore" if on_device else "call_on",
        at=rejection.at,
        source="staff",
        source_id=f"{REJECTION_SOURCE_ID}{rejection.pk}",
        device=prediction.device,
        customer=None if on_device else prediction.customer,
    )
    return rejection
