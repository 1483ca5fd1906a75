"""A fault call under the engine's prediction (an outage it sees and nobody has recorded): the
outage the call joins, recorded now from the prediction if need be, and the note on the order
that says it was recorded at intake, by whom and from which call. Used by ``call_take``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from powerdesk.accounts.permissions import Do, may
from powerdesk.lib.language import station_language
from powerdesk.servicedesk.services import WorkOrderError

if TYPE_CHECKING:
    from powerdesk.accounts.models import User
    from powerdesk.network.models import GridNode
    from powerdesk.outages.models import Outage
    from powerdesk.servicedesk.models import Call, WorkOrder

__all__ = ["outage_from_prediction", "recorded_at_intake"]


def outage_from_prediction(
    call: Call, device: GridNode, user: User | None, *, record: bool = True
) -> tuple[Outage | None, bool]:
    """The outage a fault call under the prediction on ``device`` joins: one recorded above the
    caller meanwhile (by another clerk, perhaps on the device they found), else the prediction
    recorded now (unless ``record`` is False: the clerk saved the call without recording it);
    (None, False) when the engine no longer shows it."""
    from powerdesk.outages.joined import nearest_outage_above
    from powerdesk.outages.prediction_steps import prediction_record_for_call
    from powerdesk.outages.services import OutageError

    if call.customer is not None:
        above = nearest_outage_above(call.customer)
        if above is not None:
            return above, False
    try:
        return prediction_record_for_call(
            station=call.station,
            device=device,
            user=user,
            call=call,
            # One who may not record outages joins one recorded; else the call waits for it.
            record=record and may(user, call.station_id, Do.OUTAGE_DECLARE),
        )
    except OutageError as exc:
        raise WorkOrderError(str(exc)) from None


def recorded_at_intake(order: WorkOrder, outage: Outage, call: Call, user: User | None) -> None:
    """The outage's order says it was recorded from the engine's prediction at intake: by
    whom, from which call."""
    from powerdesk.outages.prediction_steps import call_named
    from powerdesk.servicedesk.history_notes import note_part, note_said
    from powerdesk.servicedesk.services import work_order_note

    # No person: "the system", said in the reader's language as the line is.
    who: str | dict[str, Any] = str(user) if user is not None else note_part("the_system")
    with station_language():
        said = note_said(
            "recorded_at_intake", device=str(outage.device), who=who, call=str(call_named(call))
        )
    work_order_note(work_order=order, note="", user=user, said=said)
